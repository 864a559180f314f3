"""classify_reply: what a reply says about its own writing (issue 19e).

Who typed the reply, in which language, with whose help or from which device says nothing
about the agreement: a clause made only of such words passes beside an explicit agreement,
even when it names the writer's own people ("my daughter typed this for me"). Any other word
in it (a deal action, a time, a request, a promise) keeps it a clarification. Every example
was written for this file; none is copied from the evaluation corpora (tests/fixtures/eval/).
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply
from tests.mail.summaries import chairs, trip


@pytest.mark.parametrize(
    "text",
    [
        "Confirmed. My daughter typed this for me and she collects the forms.",
        "Confirmed. My son typed this for me, he will drive them there.",
        "Agreed. My wife wrote this because she handles the payment now.",
        "Sounds good. Replying in English as my husband pays the bus.",
        "Agreed. Translated by my brother, who takes over the packed lunches.",
        "Confirmed. Write to my husband from now on.",
        "Agreed. Please reply in English to my assistant.",
        "Confirmed, writing from my phone. My brother will do the pickup.",
        "All good. My colleague Tom is writing this and brings the forms on Friday.",
        "Confirmed. Sorry for replying in English, the trip is on 14 June.",
        "Agreed. Typed by my husband, who also pays half.",
        "Confirmed. My partner helped me with the English and drives the bus.",
        "Agreed. Replying in English for Sarah, our new treasurer.",
        "Confirmed. Writing in English so Sarah can check the dates.",
        "Sounds good. My daughter is writing this for me instead.",
        "Confirmed. Written by my secretary, who sends the invoice next week.",
        "Agreed, writing from the school office: the bus leaves at 8.",
        "Confirmed. My son typed this for me, two more kids are coming.",
        "Confirmed. My mother helped me with the English, can we make it 13 June?",
        "Confirmed. Typed by my son in July.",
        "Confirmed. On behalf of my brother who pays.",
        "Confirmed on behalf of the new committee.",
        "Confirmed on behalf of three families.",
        "Confirmed, on behalf of Sarah from next week.",
        "Confirmed. Written in English as my husband helps the crew.",
        "Agreed. My brother helps the team, replying in English.",
        "Agreed. Written in English, my brother helps.",
        "Confirmed. Typed by my son on Friday.",
    ],
)
def test_writing_that_changes_something_stays_a_clarification(text: str) -> None:
    assert trip(text).startswith("clarification"), trip(text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Passt. Mein Sohn schreibt für mich und holt die Stühle selbst ab."),
        ("de", "Einverstanden. Meine Frau hat mir beim Englisch geholfen, sie zahlt bar."),
        ("fr", "D'accord. Mon fils a écrit ce message, il viendra chercher les chaises."),
        ("es", "De acuerdo. Mi hija me lo ha escrito y ella recoge las sillas."),
        ("it", "Va bene. Mio figlio ha scritto per me, pagherà lui."),
        ("pt", "Combinado. A minha filha escreveu isto e vai buscar as cadeiras."),
        ("nl", "Akkoord. Mijn zoon heeft dit getypt en haalt de stoelen zelf op."),
        ("de", "Passt. Mein Sohn schreibt die Lieferung auf."),
        ("de", "Passt. Herr Weber hat mir beim Englisch geholfen und die Ware geholt."),
        ("es", "De acuerdo. Escribo desde el lunes."),
    ],
)
def test_writing_that_changes_something_stays_a_clarification_elsewhere(
    lang: str, text: str
) -> None:
    assert chairs(lang, text).startswith("clarification"), chairs(lang, text)


@pytest.mark.parametrize(
    "text",
    [
        "Confirmed. My daughter typed this for me.",
        "Agreed! Replying in English as my partner Jo is reading over my shoulder.",
        "Sounds good. Sorry for replying in English.",
        "All good, writing from my son's laptop.",
        "Confirmed. My mother-in-law helped me with the English.",
        "Looks good to me. Jo from our office typed this for me.",
        "Agreed. Translated by my colleague, sorry for my English.",
        "Agreed. My neighbour helped me with the Greek.",
        "Confirmed, my son typed it all up for me.",
        "Confirmed on behalf of the Parents Association.",
        "On behalf of Northgate Ltd, I confirm the arrangements as set out.",
    ],
)
def test_writing_about_the_writing_passes_beside_an_agreement(text: str) -> None:
    assert trip(text).startswith("confirmation"), trip(text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Passt alles. Mein Schwager schreibt für mich."),
        ("de", "Einverstanden. Frau Meier hat mir beim Englisch geholfen."),
        ("fr", "D'accord pour moi. Mon fils a écrit ce message pour moi."),
        ("es", "De acuerdo. Mi hija me lo ha escrito."),
        ("it", "Va bene. Mio figlio ha scritto per me."),
        ("nl", "Akkoord. Mijn zoon heeft dit voor mij getypt."),
        ("de", "Passt. Herr Weber hat mir beim Englisch geholfen."),
        ("es", "De acuerdo. Escribo desde Vigo."),
    ],
)
def test_writing_about_the_writing_passes_elsewhere(lang: str, text: str) -> None:
    assert chairs(lang, text).startswith("confirmation"), chairs(lang, text)


MANUAL = """Hi Ana,

Thanks for the call. Here is what we agreed:

- Ana translates the user manual from Portuguese into English, about 30,000 words.
- Delivery of the translated manual by 30 May.
- The fee is €2,400.

Best,
Rui"""


@pytest.mark.parametrize(
    "text",
    [
        "Confirmed. Translated by my colleague.",
        "Confirmed. My colleague Tom is translating.",
        "Agreed. Typed by my assistant, translated by my colleague.",
    ],
)
def test_writing_is_no_aside_where_the_deal_is_about_writing(text: str) -> None:
    result = classify_reply(text, sent_text=MANUAL, names=["Ana Silva", "Rui Costa"])
    assert result.label == "clarification", result.reason


def test_writing_about_the_writing_is_no_agreement_by_itself() -> None:
    assert trip("My daughter typed this for me.").startswith("clarification")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Agreed. Writing in English as I'm abroad with a borrowed keyboard.", "confirmation"),
        ("Confirmed, I'm writing in English from a trade fair in Frankfurt.", "confirmation"),
        ("Agreed. Writing in English as the bus is now €300.", "clarification"),
        ("Agreed. Writing in English because we'll bring the forms ourselves.", "clarification"),
        ("Agreed. Writing in English since my husband collects the forms.", "clarification"),
        ("Agreed. Writing in English because the trip moves to Friday.", "clarification"),
    ],
)
def test_why_the_reply_is_in_another_language(text: str, label: str) -> None:
    """A few words saying why the reply is in another language pass, unless they name a term
    (a value, a summary word, a promise, the writer's own people doing something)."""
    assert trip(text).startswith(label), trip(text)
