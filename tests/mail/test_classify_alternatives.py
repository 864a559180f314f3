"""Two values the summary offers as alternatives are not both agreed.

"Shifts from 8:00 to 16:00 or from 14:00 to 22:00" restated as "from 8:00 to 16:00 and from
14:00 to 22:00" doubles the work; "o martes o jueves" as "martes y jueves". Each passed as a
confirmation before: every value was the summary's. The alternatives restated with "or", or
one of them alone where the summary's own sentence says either, pass.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

JOB = """Hi Diogo,

Here is what we agreed for your summer job:

- Your shifts are from 8:00 to 16:00 or from 14:00 to 22:00, five days a week.
- We pay €7.50 an hour, or €300 a week if you work 40 hours.

Best,
Teresa"""

TURNOS = """Olá Diogo,

Fica aqui o que combinámos:

- Os teus turnos são das 8:00 às 16:00 ou das 14:00 às 22:00, cinco dias por semana.

Até breve,
Teresa"""


def verdict(summary: str, text: str) -> str:
    return answer(summary, text, ["Teresa Lopes", "Diogo Reis"])


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (JOB, "Agreed: shifts from 8:00 to 16:00 and from 14:00 to 22:00, five days a week."),
        (JOB, "Agreed, €7.50 an hour and €300 a week."),
        (TURNOS, "Combinado. Os meus turnos são das 8:00 às 16:00 e das 14:00 às 22:00."),
    ],
)
def test_both_alternatives_agreed_is_a_clarification(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("clarification:"), verdict(summary, text)


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (JOB, "Agreed: shifts from 8:00 to 16:00 or from 14:00 to 22:00, five days a week."),
        (TURNOS, "Combinado. Turnos das 8:00 às 16:00 ou das 14:00 às 22:00."),
    ],
)
def test_the_alternatives_restated_pass(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("confirmation:"), verdict(summary, text)
