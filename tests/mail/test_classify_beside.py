"""classify_reply: words around an agreement, and qualifiers that make it partial.

A word or two the lexicon does not know after the agreement in its own clause no longer
turns it down; the qualifiers a careful reader hears in a yes ("for now", "in principle",
"except", "minus") are risks in each language. Every example was written for this file;
none is copied from the evaluation corpora (tests/fixtures/eval/).
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply

SUMMARY = """Hi Dana,

Thanks for the call today. Here is what we agreed:

- The garden shed is built between 3 and 7 August.
- The price is €1,800, half on the first day and half on completion.
- You order the timber; I take the old shed away.

Best,
Alex"""
NAMES = ["Dana Smith", "Alex Brown"]


def _label(text: str) -> str:
    return classify_reply(text, sent_text=SUMMARY, names=NAMES).label


@pytest.mark.parametrize(
    "text",
    [
        "Agreed wholeheartedly.",
        "Confirmed 🛠️",
        "Sounds good, can't wait!",
        "Einverstanden, von meiner Seite.",
        "D'accord, parfait.",
    ],
)
def test_a_word_or_two_after_the_agreement_does_not_turn_it_down(text: str) -> None:
    assert _label(text) == "confirmation"


@pytest.mark.parametrize(
    "text",
    [
        "Agreed for the time being.",
        "Agreed in theory.",
        "Overall, agreed.",
        "Confirmed, with one exception.",
        "Confirmed, minus the timber.",
        "Agreed, Sarah too.",
        "Approved pending the permit.",
        "The bigger shed sounds good.",
        "Agreed, sheds included.",
        "D'accord pour l'instant.",
        "D'accord, à l'exception du bois.",
        "Einverstanden, bis auf das Holz.",
        "Einverstanden, vorerst.",
        "De acuerdo por ahora.",
        "Va bene, tranne il legno.",
        "Akkoord, voorlopig.",
        "Zgoda, na razie.",
        "Det stämmer i princip.",
        "Agreed, thrice.",
    ],
)
def test_a_qualified_yes_is_a_clarification(text: str) -> None:
    assert _label(text) == "clarification"


def test_the_reason_names_the_words_let_pass() -> None:
    reason = classify_reply("Agreed wholeheartedly.", sent_text=SUMMARY, names=NAMES).reason
    assert '"Agreed' in reason and "wholeheartedly" in reason


@pytest.mark.parametrize(
    "text",
    [
        "I confirm the points below.",
        "Ich bestätige alles wie unten beschrieben.",
        "Je confirme les points ci-dessous.",
    ],
)
def test_below_points_at_the_quoted_summary(text: str) -> None:
    assert _label(text) == "confirmation"


@pytest.mark.parametrize(
    "text",
    ["Agreed, comments below.", "Einverstanden, Anmerkungen unten.", "See my answers below."],
)
def test_comments_or_answers_below_are_not_let_pass(text: str) -> None:
    assert _label(text) == "clarification"
