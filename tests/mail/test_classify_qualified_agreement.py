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
