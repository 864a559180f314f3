"""An agreement that says how far it goes, in words the classifier does not know, is no
confirmation: "Agreed with reservations", "in substance", "on a trial basis", "as a pilot",
and the same in other languages (found by a red team that read the code, round 4). A word or
two after the agreement that qualify nothing ("Ingen indvendinger herfra") still pass.
Written for this file."""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

LAUNCH = """Hi Tom,

Here is what we agreed for the website:

- Fixed fee of £4,800: £1,200 when we sign, £3,600 within 30 days of launch.
- First draft by Friday 14 May 2027; launch on Monday 7 June.

Anna"""

NAMES = ["Tom Reed", "Anna Berg"]


@pytest.mark.parametrize(
    "text",
    [
        "Agreed with reservations.",
        "Agreed in substance.",
        "Agreed in outline.",
        "Agreed on a trial basis.",
        "Agreed as a pilot.",
        "Akkoord met voorbehoud.",
        "D'accord avec réserves.",
        "De acuerdo con reservas.",
        "D'accordo con riserva.",
        "De acordo com ressalvas.",
        "Zgoda z zastrzeżeniami.",
        "D'accord dans les grandes lignes.",
        "Akkoord op hoofdlijnen.",
        "D'accord à titre d'essai.",
    ],
)
def test_an_agreement_qualified_in_unknown_words_is_a_clarification(text: str) -> None:
    assert answer(LAUNCH, text, NAMES).startswith("clarification"), text


@pytest.mark.parametrize(
    "text", ["Agreed on all points.", "Ingen indvendinger herfra.", "Agreed, thanks Anna."]
)
def test_an_agreement_that_qualifies_nothing_stays_a_confirmation(text: str) -> None:
    assert answer(LAUNCH, text, NAMES).startswith("confirmation"), text


RENT = """Hi Tom,

- You rent the room from 1 September 2027 for 12 months.
- We share the kitchen and the bathroom; the living room is mine.
- No pets; smoking only on the balcony.

Anna"""


@pytest.mark.parametrize(
    "text",
    [
        # red team round 5: a stamp, an adverb or a phrase that limits the yes, and "too"
        "Approved as noted.",
        "Agreed informally.",
        "Agreed ad interim.",
        "Confirmed short-term.",
        "Agreed mutatis mutandis.",
        "Agreed, month-to-month.",
        "All good, kitchen shared, living room too.",
        "Agreed. Smoking on the balcony, and the living room too.",
    ],
)
def test_a_yes_limited_or_widened_in_a_word_or_two_is_a_clarification(text: str) -> None:
    assert answer(RENT, text, NAMES).startswith("clarification"), text


@pytest.mark.parametrize(
    "text",
    [
        "Approved, thanks. Tom",
        "All good, thanks! Have a lovely weekend, you too.",
        "Agreed. Great to meet you too!",
        "All good, kitchen and bathroom shared, thanks.",
    ],
)
def test_pleasantries_with_too_stay_confirmations(text: str) -> None:
    assert answer(RENT, text, NAMES).startswith("confirmation"), text
