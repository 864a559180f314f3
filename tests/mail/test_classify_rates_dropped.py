"""A value the summary counts by two things, restated counted by one of them, changes what it
is: "3 uur per dag" for "3 uur per dag per persoon" makes a personal limit a shared one,
"£38 per day" for "£38 per child per day" halves the bill for two children (found by a red
team that read the code). Counted by none, or by all, it stays the summary's.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

CAMP = """Hi Dana,

Here is what we agreed:

- Holiday camp for both children from 4 to 8 August.
- £38 per child per day, paid on the first morning.

Alex"""

LAB = """Hoi Sanne,

Afspraken:

- De zuurkast gebruik je maximaal 3 uur per dag per persoon.
- De huur is € 150 per maand.

Ruben"""

TILING = """Hi Tom,

What we agreed:

- Tiling is £15 an hour per person, up to 3 people.
- Grouting is €20 a day.

Anna"""

CUCINA = """Ciao Marco,

ecco cosa abbiamo concordato:

- Le lezioni di cucina costano 15 € l'ora a persona, per un massimo di 6 persone.
- Il corso inizia sabato 10 maggio alle 10:00.

Anna"""

INSURANCE = """Hi Tom,

- Insurance of £62/month is paid by me.
- The van is £40/day.

Anna"""

NAMES = [
    "Marco Rossi",
    "Tom Reed",
    "Anna Berg",
    "Dana Smith",
    "Alex Brown",
    "Sanne de Vries",
    "Ruben Jansen",
]


@pytest.mark.parametrize(
    ("summary", "text", "label"),
    [
        (CAMP, "Agreed, £38 per day, paid on the first morning.", "clarification"),
        (CAMP, "Agreed, £38 per child per day, paid on the first morning.", "confirmation"),
        (CAMP, "Agreed, £38 per day per child.", "confirmation"),
        (LAB, "Prima, zuurkast maximaal 3 uur per dag.", "clarification"),
        (LAB, "Prima, zuurkast maximaal 3 uur per dag per persoon.", "confirmation"),
        # "an hour" counts as "per hour" does (a red team's "15 € l'ora" for "… a persona")
        (TILING, "Agreed. Tiling £15 an hour.", "clarification"),
        (TILING, "Agreed. Tiling £15 per person.", "clarification"),
        (TILING, "Agreed. Tiling £15 an hour per person.", "confirmation"),
        (TILING, "Agreed. Tiling £15 per person per hour, grouting €20 a day.", "confirmation"),
        # "/month" counts as "per month" does
        (INSURANCE, "Agreed. Insurance £62 a month, the van £40 per day.", "confirmation"),
        (INSURANCE, "Agreed. Insurance £62 in total.", "clarification"),
        (INSURANCE, "Agreed. Insurance £62 a week.", "clarification"),
        (CUCINA, "Perfetto, 15 € l'ora.", "clarification"),
        (CUCINA, "Perfetto, 15 € a persona.", "clarification"),
        (CUCINA, "Perfetto, 15 € l'ora a persona, sabato 10 maggio alle 10:00.", "confirmation"),
    ],
)
def test_a_value_counted_by_less_than_the_summary_counts_it_by(
    summary: str, text: str, label: str
) -> None:
    assert answer(summary, text, NAMES).startswith(label), answer(summary, text, NAMES)
