"""What the summary replaces ("we go to the museum instead of the castle") picked by the
reply turns the term round: "the castle if it rains" (found by a red team that read the code).
Picking what replaces it, or replacing it in the reply too, restates it. Written for this file."""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

TRIP = """Hi Tom,

- The coach leaves from the school gates at 07:30 on Thursday 10 June.
- If it rains, we go to the museum instead of the castle.

Anna"""

ARRIVEE = """Bonjour Tom,

- S'il pleut le jour de l'arrivée, on se retrouve au café plutôt qu'à la gare.

Anna"""

NAMES = ["Tom Reed", "Anna Berg"]


@pytest.mark.parametrize(
    ("summary", "text", "label"),
    [
        (TRIP, "Perfect, the castle if it rains.", "clarification"),
        (ARRIVEE, "Parfait, à la gare s'il pleut.", "clarification"),
        (TRIP, "Perfect, the museum if it rains.", "confirmation"),
        (ARRIVEE, "Parfait, au café s'il pleut.", "confirmation"),
    ],
)
def test_what_the_summary_replaces_is_not_picked(summary: str, text: str, label: str) -> None:
    assert answer(summary, text, NAMES).startswith(label), answer(summary, text, NAMES)
