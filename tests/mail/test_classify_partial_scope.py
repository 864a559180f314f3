"""An agreement said of some of the summary's terms only is a partial agreement: "Agreed on the
rent", "The deposit is fine", "No objections to the bike rule" agree to one bullet of nine and
say nothing of the rest, which a reader takes as not agreed (found by a red team that read the
code). An agreement said of what the summary is about ("the sublet", named before its
bullets), of all of it ("all terms", "the arrangement") or with no object stays one.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import CHAIRS, answer, trip

SUBLET = """Hi Conor,

Here's what we agreed for the sublet:

- The rent is €1,450 a month, paid on the 1st of each month.
- You pay a deposit of €900 by Friday 24 January.
- Broadband and bins are included in the rent.
- Bikes go in the cellar, not in the hallway.

Thanks,
Niamh"""

NAMES = ["Conor Walsh", "Niamh Byrne"]


@pytest.mark.parametrize(
    "text",
    [
        "Agreed on the rent.",
        "The rent is fine.",
        "Confirmed for the deposit.",
        "Agreed for the deposit.",  # "what we agreed for the sublet" is the meeting's
        "No objections to the deposit.",
        "Broadband works for me.",
    ],
)
def test_agreeing_to_some_terms_only_is_a_partial_agreement(text: str) -> None:
    assert answer(SUBLET, text, NAMES).startswith("clarification: partial agreement"), text


@pytest.mark.parametrize(
    "text",
    [
        "Agreed.",
        "Agreed on the sublet.",
        "All agreed.",
        "I confirm all the terms set out below.",
        "I confirm the terms as set out in your email.",
        "Sounds good, see you on Friday 24 January.",
    ],
)
def test_agreeing_to_the_whole_stays_a_confirmation(text: str) -> None:
    assert answer(SUBLET, text, NAMES).startswith("confirmation: "), text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Der Preis passt."),
        ("fr", "D'accord pour le prix."),
        ("es", "De acuerdo con el precio."),
        ("it", "Va bene per il prezzo."),
    ],
)
def test_the_part_is_read_in_every_language(lang: str, text: str) -> None:
    assert answer(CHAIRS[lang], text, ["Anna Schmidt"]).startswith("clarification: "), text


def test_a_term_restated_as_fine_is_agreed_alone() -> None:
    # It used to pass as a restatement (test_classify_binding); the bus and the lunch are
    # not agreed to.
    assert trip("Dana, the forms by 5 June are fine.").startswith("clarification: partial")


def test_a_summary_without_bullets_is_not_read_so() -> None:
    # With no bullets Accord cannot tell a term from what the summary is about.
    prose = "Hi Conor,\n\nThe rent is €1,450 a month and the deposit is €900.\n\nNiamh"
    assert answer(prose, "Agreed on the rent.", NAMES).startswith("confirmation: ")
