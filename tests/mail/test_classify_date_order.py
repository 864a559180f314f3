"""A date in figures is read the way the summary's writer writes dates: where the summary has
"5 March" and never "March 5", "3/5" is 3 May, not the summary's 5 March (found by a red team
that read the code); where it writes "March 5", "3/5" is 5 March.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

DAY_FIRST = """Hi Marek,

Here is what we agreed:

- Units fitted by Friday 19 February; worktops fitted by 5 March.
- £4,500 deposit on 25 January.

Hannah"""

MONTH_FIRST = """Hi Jordan,

Here is what we agreed:

- Units fitted by Friday, February 19; worktops fitted by March 5.
- $4,500 deposit on January 25.

Maya"""

NAMES = ["Marek Nowak", "Hannah Obi", "Jordan Lee", "Maya Cruz"]


@pytest.mark.parametrize(
    ("summary", "text", "label"),
    [
        (DAY_FIRST, "Sounds good, worktops by 3/5.", "clarification"),
        (DAY_FIRST, "Sounds good, worktops by 5/3.", "confirmation"),
        (MONTH_FIRST, "Sounds good, worktops by 3/5.", "confirmation"),
        (MONTH_FIRST, "Sounds good, worktops by 5/3.", "clarification"),
    ],
)
def test_figures_are_read_in_the_summarys_order(summary: str, text: str, label: str) -> None:
    assert answer(summary, text, NAMES).startswith(label), answer(summary, text, NAMES)
