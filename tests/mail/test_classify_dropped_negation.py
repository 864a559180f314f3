"""A restatement that copies the summary's words around a negation and leaves the negation out
turns the term into its opposite: "die Katze bleibt in der Wohnung" for "die Katze bleibt
nicht in der Wohnung", "off for more than two days" for "no more than two days" (found by a
second red team that read the code). A negation next to the words restated, not between them,
is not theirs ("the shot list and a family-photo list of no more than 12 groupings").
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

WOHNUNG = """Hallo Lea,

wir haben vereinbart:

- Die Pflanzen werden zweimal pro Woche gegossen, die Katze bleibt nicht in der Wohnung.
- Der Schlüssel liegt beim Nachbarn.

Jonas"""

KITCHEN = """Hi Marek,

Here is what we agreed:

- Water will be off for no more than two days.
- The garage door and the deck are not included.
- You send me the shot list and a family-photo list of no more than 12 groupings by Monday, June 2.

Hannah"""

TARIFA = """Hola Diego:

Acordamos:

- Las clases cuestan 38 € por clase, IVA no incluido.

Ana"""

HOURS = """Hi Tom,

- Work runs from 08:00 to 17:00 on weekdays only, no weekends.
- Gearbeitet wird werktags von 8:00 bis 17:00 Uhr, nicht am Wochenende.

Anna"""

NAMES = [
    "Tom Reed",
    "Anna Berg",
    "Lea Braun",
    "Jonas Weber",
    "Marek Nowak",
    "Hannah Obi",
    "Diego Ruiz",
    "Ana Gil",
]


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (WOHNUNG, "Alles klar, die Katze bleibt in der Wohnung."),
        (KITCHEN, "Agreed. Water will be off for more than two days."),
        (KITCHEN, "Sounds good, the deck is included."),
        (TARIFA, "Perfecto, 38 € por clase, IVA incluido."),
        # what the summary rules out joined to what it allows (red team round 4)
        (HOURS, "Agreed, work runs from 08:00 to 17:00 on weekdays and weekends."),
        (HOURS, "Passt, werktags und am Wochenende von 8:00 bis 17:00 Uhr."),
    ],
)
def test_a_negation_left_out_is_a_clarification(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("clarification: "), text


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (WOHNUNG, "Alles klar, die Katze bleibt nicht in der Wohnung."),
        (KITCHEN, "Sounds good. The garage door and the deck are not included."),
        (
            KITCHEN,
            "Confirmed: I send you the shot list and the family-photo list (no more than 12 groupings) by Monday, June 2.",
        ),
        (TARIFA, "Perfecto, 38 € por clase, IVA no incluido."),
        (HOURS, "Agreed, 08:00 to 17:00 on weekdays, no weekends."),
    ],
)
def test_the_negation_kept_or_not_restated_stays_a_confirmation(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("confirmation: "), answer(summary, text, NAMES)
