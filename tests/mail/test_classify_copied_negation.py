"""A negation the reply copies from the summary with the words it stands with is the summary's
own: "a family-photo list of no more than 12 groupings" for "a family-photo list of no more
than 12 groupings", "not in the hallway" for "Bikes go in the cellar, not in the hallway"
(replies-q, -r dev). A negation is read as the writer's when the two words after it are not
the summary's there ("not the desk", "no more than 15"); other risks are never read so: "den
Rest innerhalb von 7 Tagen" may take the rest of another payment.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

FLAT = """Hi Conor,

Here's what we agreed:

- Bikes go in the cellar, not in the hallway.
- You can use my bike and my desk, but not the storage cupboard in the hall.
- You send me a list of no more than 12 names by Monday 2 June.

Thanks,
Niamh"""

NAMES = ["Conor Walsh", "Niamh Byrne"]


@pytest.mark.parametrize(
    "text",
    [
        "Yes. Bikes go in the cellar, not in the hallway. All agreed.",
        "Confirmed: a list of no more than 12 names by Monday 2 June.",
        "Agreed: my bike and my desk, not the storage cupboard in the hall.",
    ],
)
def test_the_summarys_own_negation_copied_stays_a_confirmation(text: str) -> None:
    assert answer(FLAT, text, NAMES).startswith("confirmation: "), text


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, the storage cupboard but not the desk.",
        "Confirmed: a list of no more than 15 names by Monday 2 June.",
        "Yes. Bikes go in the hallway, not in the cellar.",
        "Agreed, not the bike.",
        "All agreed, no list by Monday 2 June.",
    ],
)
def test_a_negation_of_the_writers_own_is_a_clarification(text: str) -> None:
    assert answer(FLAT, text, NAMES).startswith("clarification: "), text
