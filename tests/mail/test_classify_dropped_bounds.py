"""A value restated without the bound its clause gives it: "Cancellations are charged at 50%"
for "A cleaning cancelled with less than 24 hours' notice is charged at 50%" charges every
cancellation (replies-m, m0111). Where a summary clause holds a value that a bound word
introduces ("less than", "at least", "up to", "within", "mindestens", "moins de", …) and the
reply restates another value of that clause, the reply must restate the bound too.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

CLEANING = """Hi Siobhan,

Here is what we agreed for the cleaning:

- We clean the cottage every Saturday between 10:00 and 14:00, EUR 95 per clean.
- A cleaning cancelled with less than 24 hours' notice is charged at 50%.
- You pay within 14 days of each invoice.

Best,
Aoife"""
NAMES = ["Siobhan Kelly", "Aoife Byrne"]

REINIGUNG = """Hallo Frau Keller,

wie besprochen:

- Wir reinigen die Wohnung jeden Samstag, 95 € pro Reinigung.
- Absagen mit weniger als 24 Stunden Vorlauf werden mit 50 % berechnet.

Viele Grüße
Anna Weber"""


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (CLEANING, "All correct. Cancellations are charged at 50%."),
        (CLEANING, "Agreed – a cleaning is charged at 50%."),
        (REINIGUNG, "Passt: mit 50 % berechnet."),
    ],
)
def test_a_value_restated_without_its_bound_is_a_clarification(summary: str, text: str) -> None:
    verdict = answer(summary, text, NAMES)
    assert verdict.startswith("clarification: leaves out a value the summary gives with it: "), (
        verdict
    )


@pytest.mark.parametrize(
    "text",
    [
        "All correct. We pay each invoice within 14 days.",
        "Agreed, EUR 95 per clean on Saturdays.",
    ],
)
def test_a_value_restated_with_its_bound_or_beside_no_bound_stays_a_confirmation(
    text: str,
) -> None:
    verdict = answer(CLEANING, text, NAMES)
    assert verdict.startswith("confirmation"), verdict
