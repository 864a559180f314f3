"""A clause anchored on one of the summary's values may pass beside an agreement with a few
words not understood ("We'll pick up payments-primary from 1 July"); none of them may say
another tax basis ("9 600 zł brutto" for "netto"), an alternative ("50/50 or by mileage"), a
bound ("3 420 € no mínimo" for an estimate) or a month of its own ("tot eind juli" for "tot
eind juni"). Found by a red team that read the code.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

FEE = """Cześć Kasiu,

Ustaliliśmy:

- Ilustracje do książki: wynagrodzenie 9 600 zł netto plus VAT.
- Płatność: 50% po podpisaniu umowy, 50% po akceptacji prac.

Pozdrawiam,
Tomek"""

CAR = """Hi Ben,

Here is what we agreed about the car:

- Fuel: whoever drives fills up.
- Servicing costs are split 50/50.

Chloe"""

TRADUCAO = """Olá Rita,

Combinámos:

- Tradução do manual técnico, com revisão final feita pelo Paulo.
- Valor de 0,09 € por palavra, cerca de 3 420 €, faturado após a entrega.

Abraço,
Paulo"""

BANK = """Hoi Sanne,

Afspraken:

- Je deelt de labtafel met mij vanaf 8 februari tot eind juni.
- De huur is € 150 per maand.

Groet,
Ruben"""

MIETE = """Hallo Lea,

wir haben vereinbart:

- Die Miete beträgt 850 € pro Monat warm.
- Die Kaution von 1.700 € zahlst du bis zum 15. Juni.

Jonas"""

PRICE = """Hi Tom,

- Total price £6,200 including VAT, the rest on completion.
- La reforma cuesta 6.200 € con IVA.

Anna"""

NAMES = [
    "Tom Reed",
    "Anna Berg",
    "Kasia Nowak",
    "Ben Hart",
    "Rita Sousa",
    "Sanne de Vries",
    "Lea Braun",
]


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (FEE, "Zgoda. Wynagrodzenie 9 600 zł brutto."),
        (
            CAR,
            "Sounds good. Fuel: whoever drives fills up, servicing costs split 50/50 or by mileage.",
        ),
        (TRADUCAO, "Combinado, 0,09 € por palavra, 3 420 € no mínimo."),
        (TRADUCAO, "Combinado, 0,09 € por palavra, 3 420 € no máximo."),
        (BANK, "Prima, vanaf 8 februari tot eind juli."),
        (MIETE, "Passt, 850 € pro Monat kalt."),
        # a tax put on top of, or taken out of, a price given with it (red team round 3)
        (PRICE, "Agreed, £6,200 + VAT."),
        (PRICE, "Agreed, £6,200 ex VAT."),
        (PRICE, "De acuerdo, 6.200 € + IVA."),
    ],
)
def test_a_value_said_otherwise_beside_an_agreement_is_a_clarification(
    summary: str, text: str
) -> None:
    assert answer(summary, text, NAMES).startswith("clarification: "), text


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (FEE, "Zgoda. Wynagrodzenie 9 600 zł netto."),
        (CAR, "Sounds good. Fuel: whoever drives fills up, servicing costs split 50/50."),
        (BANK, "Prima, vanaf 8 februari tot eind juni."),
        (MIETE, "Passt, 850 € pro Monat warm."),
        (PRICE, "Agreed, £6,200 including VAT."),
    ],
)
def test_the_value_as_the_summary_has_it_stays_a_confirmation(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("confirmation: "), text
