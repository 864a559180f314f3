"""A name the summary does not have, opening a clause before a verb in the third person,
hands a term to someone new: "Jack collects them from school at 15:15" for "You collect
them" (found by a red team that read the code, round 4). The writer doing it restates it.
Written for this file."""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

CHILDCARE = """Hi Tom,

Here is what we agreed for the childcare:

- You look after Mia and Leo on Tuesdays and Thursdays from 15:00 to 18:30.
- You collect them from school at 15:15 and give them a snack; we provide the snacks.
- The rate is £14 an hour, paid every Friday by bank transfer.

Thanks,
Anna"""

HUUR = """Hoi Tom,

- Jij betaalt de huur van € 650 per maand, uiterlijk op de 1e.

Anna"""

NAMES = ["Tom Reed", "Anna Berg"]


@pytest.mark.parametrize(
    ("summary", "text", "label"),
    [
        (CHILDCARE, "Agreed. Jack collects them from school at 15:15.", "clarification"),
        (HUUR, "Akkoord. Jesse betaalt de huur van € 650 per maand.", "clarification"),
        (CHILDCARE, "Agreed. I collect them from school at 15:15.", "confirmation"),
        (CHILDCARE, "Agreed. Collection from school at 15:15.", "confirmation"),
    ],
)
def test_a_new_name_doing_a_term(summary: str, text: str, label: str) -> None:
    assert answer(summary, text, NAMES).startswith(label), answer(summary, text, NAMES)
