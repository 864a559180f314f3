"""A number word restated with what it counts must be the summary's count of that thing:
"Two stages" for "paid in three stages" drops a payment, though "two" is the summary's
("no more than two days"; found by a red team that read the code).
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

KITCHEN = """Hi Marek,

Here is what we agreed for the kitchen:

- Total price £18,400, paid in three stages: £4,500 deposit, £7,900 when the units are fitted, and £6,000 on completion.
- Water will be off for no more than two days.

Hannah"""

NAMES = ["Marek Nowak", "Hannah Obi"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Confirmed. Two stages: £4,500 and £7,900.", "clarification"),
        ("Confirmed. Four stages in all.", "clarification"),
        ("Confirmed. Three stages: £4,500, £7,900 and £6,000.", "confirmation"),
    ],
)
def test_a_count_is_the_summarys_count_of_that_thing(text: str, label: str) -> None:
    assert answer(KITCHEN, text, NAMES).startswith(label), answer(KITCHEN, text, NAMES)
