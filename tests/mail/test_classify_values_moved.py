"""A date or a time restated beside a term that has one of its own elsewhere in the summary
is moved there from another term: "Units fitted by 5 March" where the units are fitted by 19
February and the worktops by 5 March; "Pick-up Saturday 20 February by 18:00" where 20
February is the drop-off's (found by a red team that read the code). Words said together
narrow the clause they name ("bath fitted" is the bath's, though "fitted" is also the
screen's), and a date and a time pair as an amount and a date already did.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

BATHROOM = """Hi Sam,

Here is what we agreed for the bathroom:

- Tiling starts Monday 3 May; bath fitted by Friday 14 May; screen templated the following week and fitted by 21 May.
- Price £6,200, paid in two stages: £2,000 deposit on 26 April and £4,200 when the bath is fitted.

Thanks,
Alex"""

DOG = """Hi Tom,

Just so we're on the same page:

- Drop-off Saturday 5 June around 10:00 at yours; pick-up Saturday 12 June by 18:00.
- €35 per night, paid on pick-up.

Priya"""

KITCHEN = """Hi Tom,

Here is what we agreed for the kitchen:

- You pay a deposit of £500 by 25 January.
- The units are fitted by 25 February and the worktops by 5 March.

Anna"""

NAMES = ["Tom Reed", "Anna Berg", "Sam Reid", "Alex Kerr", "Tom Byrne", "Priya Nandakumar"]


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (BATHROOM, "All good. Bath fitted by 21 May."),
        (BATHROOM, "All good. Bath fitted by 26 April."),
        (DOG, "Perfect. Pick-up Saturday 5 June by 18:00."),
        (DOG, "Perfect. Drop-off Saturday 5 June around 10:00; pick-up Saturday 12 June by 10:00."),
        # labels before a colon, the dates swapped between two parts of one line (a red team's)
        (KITCHEN, "Sounds good. Worktops: 25 February. Units: 5 March."),
        (KITCHEN, "Sounds good. Units – 5 March, worktops – 25 February."),
    ],
)
def test_a_value_moved_to_another_term_is_a_clarification(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("clarification: differs"), text


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (BATHROOM, "All good. Bath fitted by 14 May."),
        (BATHROOM, "All good. Screen fitted by 21 May."),
        (BATHROOM, "All good: £4,200 when the bath is fitted."),
        (DOG, "Perfect. Pick-up Saturday 12 June by 18:00."),
        (DOG, "Perfect. Drop-off Saturday 5 June around 10:00; pick-up Saturday 12 June by 18:00."),
        (KITCHEN, "Sounds good. Worktops: 5 March. Units: 25 February. Deposit: £500."),
        (KITCHEN, "Sounds good. Units – 25 February, worktops – 5 March."),
    ],
)
def test_values_with_their_own_terms_stay_a_confirmation(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("confirmation: "), text
