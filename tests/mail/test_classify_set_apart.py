"""What the summary sets apart from a price or a term, restated "with" it, is included in it
now: "menú a 55 EUR por persona con bebidas" for "…, bebidas aparte" (found by a red team that
read the code).
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

CENA = """Hola Martín:

Acordamos:

- 28 comensales; menú degustación a 55 EUR por persona, bebidas aparte.
- Reserva del salón de 20:00 a 00:00.

Un saludo,
Lucía"""

DINNER = """Hi Sam,

Here is what we agreed:

- 28 guests; tasting menu at £55 per person, drinks extra.

Lucy"""

NAMES = ["Martín Ruiz", "Lucía Gil", "Sam Lee", "Lucy Gray"]


@pytest.mark.parametrize(
    ("summary", "text", "label"),
    [
        (CENA, "Perfecto. 28 comensales, menú a 55 EUR por persona con bebidas.", "clarification"),
        (
            CENA,
            "Perfecto. 28 comensales, menú a 55 EUR por persona, bebidas aparte.",
            "confirmation",
        ),
        (DINNER, "Agreed. 28 guests, tasting menu at £55 per person with drinks.", "clarification"),
    ],
)
def test_what_the_summary_sets_apart_is_not_with_it(summary: str, text: str, label: str) -> None:
    assert answer(summary, text, NAMES).startswith(label), answer(summary, text, NAMES)
