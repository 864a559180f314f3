"""One end of a range the summary gives is no restatement of it.

"We expect between 120 and 150" restated as "chairs for 120" fixes what the summary leaves
open; "entre duas e três chamadas" restated as "duas chamadas" drops the third. Both passed as
confirmations before. The whole range restated passes, and so does a value the summary also
gives outside its range ("we stop selling at 150").
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

CONCERT = """Dear Rachel,

Here is what we agreed for the spring concert:

- Tickets are £12, under-16s free.
- We expect an audience of between 120 and 150 and stop selling tickets at 150.
- We pay the £100 deposit by Friday 26 March.

With best wishes,
Gwen"""

CALLS = """Olá Rui,

Fica aqui o que combinámos:

- O preço é de 0,08 € por palavra.
- Fazemos entre duas e três chamadas de acompanhamento, às terças-feiras às 9:30.

Um abraço,
Beatriz"""

BANDA = """Hola Javier:

Esto es lo que acordamos:

- La cuota es de 240 € al mes.
- Somos entre 4 y 5 músicos; si viene alguien más, te avisamos antes.

Un abrazo,
Lucía"""


def verdict(summary: str, text: str) -> str:
    return answer(summary, text, ["Gwen Harris", "Rachel Moss"])


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (CONCERT, "All in order. We'll set out chairs for 120."),
        (CONCERT, "Agreed, an audience of 120."),
        (CALLS, "Ok, duas chamadas às terças às 9:30. Combinado."),
        (CALLS, "Combinado: três chamadas às terças."),
        (BANDA, "Perfecto, somos 5 músicos."),
    ],
)
def test_one_end_of_a_range_is_a_clarification(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("clarification:"), verdict(summary, text)


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (CONCERT, "Agreed: an audience between 120 and 150."),
        (CONCERT, "Agreed, ticket sales stop at 150."),
        (CONCERT, "Agreed, an audience of 120 to 150."),
        (CALLS, "Combinado: entre duas e três chamadas às terças."),
        (BANDA, "Perfecto, entre 4 y 5 músicos."),
        (BANDA, "Perfecto, 240 € al mes."),
    ],
)
def test_the_whole_range_or_another_value_passes(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("confirmation:"), verdict(summary, text)
