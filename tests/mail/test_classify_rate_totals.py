"""A rate of the summary restated as a total: "0,80 € in tutto oltre i 5.000 litri" for "0,80 €
ogni 100 litri oltre i 5.000" (replies-m, m0247). A figure the summary gives only with a word of
rate after it ("per", "each", "ogni", "je", …) and that the reply follows with a word of total
("in total", "all in", "insgesamt", "en total", "in tutto", …) is a number the summary has for
something else. A figure the summary gives as it is ("The hire fee is £380") may be called
a total.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

ACQUA = """Ciao Roberto,

ecco cosa abbiamo deciso:

- La quota è di 60 € a stagione, più 0,80 € ogni 100 litri oltre i 5.000.
- Annaffi il martedì e il venerdì.

Un saluto,
Giulia"""

HALL = """Dear Gwen,

As agreed:

- The hire fee is £380, paid by Friday 26 March.
- Cleaning is £12 per hour, after the concert.

Best,
Tom"""

COURS = """Bonjour Paul,

Voici ce que nous avons convenu :

- Les cours coûtent 35 € par séance, le mardi de 18 h à 19 h.

Bien cordialement,
Sophie"""

NAMES = ["Roberto Bassi", "Giulia Marchetti", "Gwen Hughes", "Tom Price", "Paul Girard"]


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (ACQUA, "Va bene: 60 € a stagione e 0,80 € in tutto oltre i 5.000 litri."),
        (HALL, "All correct: £380 for the hall and £12 in total for cleaning."),
        (HALL, "All correct, cleaning £12 all in."),
        (COURS, "D'accord, 35 € au total."),
        (COURS, "D'accord pour les cours, 35 € au total le mardi."),
    ],
)
def test_a_rate_restated_as_a_total_is_a_clarification(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("clarification: "), text


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (HALL, "That's all correct, £380 in total by Friday 26 March."),
        (HALL, "All correct, £12 per hour for the cleaning."),
    ],
)
def test_a_plain_figure_may_be_called_a_total(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("confirmation: "), text
