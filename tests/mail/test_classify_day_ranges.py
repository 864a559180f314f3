"""A range of weekdays restated must be one the summary gives: "maandag t/m donderdag" for
"maandag t/m woensdag" takes a day more (found by a red team that read the code).
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

LAB = """Hoi Sanne,

Afspraken:

- Jij gebruikt de tafel maandag t/m woensdag, ik donderdag en vrijdag.
- De huur is € 150 per maand.

Ruben"""

CAR = """Hi Ben,

Here is what we agreed about the car:

- You have it Monday to Wednesday, I have it Thursday and Friday.
- Weekends alternate.

Chloe"""

NAMES = ["Sanne de Vries", "Ruben Jansen", "Ben Hart", "Chloe Hart"]


@pytest.mark.parametrize(
    ("summary", "text", "label"),
    [
        (LAB, "Prima. Ik gebruik de tafel maandag t/m donderdag, jij vrijdag.", "clarification"),
        (LAB, "Prima. Ik gebruik de tafel maandag t/m woensdag.", "confirmation"),
        (CAR, "Sounds good, I have it Monday to Thursday.", "clarification"),
        (CAR, "Sounds good, I have it Monday to Wednesday.", "confirmation"),
    ],
)
def test_a_range_of_weekdays_is_the_summarys(summary: str, text: str, label: str) -> None:
    assert answer(summary, text, NAMES).startswith(label), answer(summary, text, NAMES)
