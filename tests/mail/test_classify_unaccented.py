"""classify_reply: replies typed without accents, names signed with them, and idioms of
agreement that name the conversation ("correspond à nos échanges", "what we shook on").

A phrase typed without its accents is read as the longer phrase it is ("wszystko sie
zgadza"), unless one of its words is a risk as written ("si" is "if" before it is a "sí").
Every example was written for this file; none is copied from the evaluation corpora.
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply

SUMMARY = """Hi Ines,

Thanks for the call today. Here is what we agreed:

- The garden shed is built between 3 and 7 August.
- The price is €1,800, half on the first day and half on completion.
- You order the timber; I take the old shed away.

Best,
Leo"""
NAMES = ["Ines Carvalho", "Leo Brandt"]


def _label(text: str, names: list[str] = NAMES) -> str:
    return classify_reply(text, sent_text=SUMMARY, names=names).label


@pytest.mark.parametrize(
    "text",
    [
        "wszystko sie zgadza dzieki, pozdrawiam",
        "Nada a acrescentar, está perfeito.\n\nInês",
        "Cela correspond exactement à ma compréhension.",
        "Je vous confirme que cela correspond à nos échanges.",
        "Coincide con lo que entendí. Gracias.",
        "Hi Leo - yes, that's what we shook on.",
        "Det stämmer. Tack Leo, hörs!",
        "Confermo tutto, ci sentiamo presto!",
        "Ingen indvendinger herfra.",
        "Top, dank je! Zo gaan we het doen.",
        "Perfect, thanks for sorting all of this out.",
    ],
)
def test_confirmations(text: str) -> None:
    assert _label(text) == "confirmation"


@pytest.mark.parametrize(
    "text",
    [
        # "si" is "if" as written: the accent-less "sí, está bien" is not read into it.
        "si esta bien el precio, lo firmamos",
        "Wszystko sie zgadza, ale cena jest za wysoka.",
        "That's everything, except the start date.",
        "That's what we shook on, but the price was €1,600.",
        "Cela correspond à ma compréhension, sauf pour le prix.",
        "Coincide con lo que entendí, pero el precio es otro.",
        "Zo gaan we het doen, maar pas vanaf 10 augustus.",
        "Det stämmer, men priset är 1 600 €.",
    ],
)
def test_the_same_words_with_a_risk_stay_clarifications(text: str) -> None:
    assert _label(text) == "clarification"


def test_a_name_signed_with_accents_is_the_senders_name() -> None:
    reply = "Nada a acrescentar, está perfeito.\n\nInês"
    assert _label(reply) == "confirmation"
    # Without the sender's name, an unknown word after the answer is not read as a name.
    assert _label(reply, names=["Leo Brandt"]) == "clarification"
