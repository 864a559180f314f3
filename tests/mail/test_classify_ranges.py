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


SHIFTS = """Olá Diogo,

Fica aqui o que combinámos:

- Os teus turnos são das 8:00 às 16:00 ou das 14:00 às 22:00, cinco dias por semana.
- Deixas o violino entre as 10:00 e as 11:00 de quarta-feira, 12 de maio.

Até breve,
Teresa"""

REPAIR = """Hi Henry,

Here is what we agreed about the repair:

- I drop the violin off on Wednesday, May 12, 2027 between 10:00 AM and 11:00 AM.
- The shop is open from 9:00 AM to 5:00 PM on weekdays.

Thanks,
Rachel"""


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (SHIFTS, "Está tudo certo. Turnos das 8:00 às 14:00 ou das 16:00 às 22:00."),
        (SHIFTS, "Combinado. Turnos das 8:00 às 16:00 ou das 16:00 às 22:00."),
        (SHIFTS, "Combinado, deixo o violino às 10:00 de quarta-feira."),
        (REPAIR, "Agreed. I'll expect you at 10:00 AM sharp on Wednesday, May 12."),
        (REPAIR, "Agreed: the shop is open from 9:00 AM to 11:00 AM on weekdays."),
    ],
)
def test_ends_of_two_ranges_paired_anew_or_one_end_alone(summary: str, text: str) -> None:
    result = answer(summary, text, ["Teresa Lopes", "Diogo Reis", "Rachel Adams"])
    assert result.startswith("clarification:"), result


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (SHIFTS, "Está tudo certo. Turnos das 8:00 às 16:00 ou das 14:00 às 22:00."),
        (SHIFTS, "Combinado: entre as 10:00 e as 11:00 de quarta-feira."),
        (REPAIR, "Agreed, between 10:00 AM and 11:00 AM on Wednesday, May 12."),
        (REPAIR, "Agreed: the shop is open 9:00 AM-5:00 PM on weekdays."),
    ],
)
def test_the_summarys_ranges_pass(summary: str, text: str) -> None:
    result = answer(summary, text, ["Teresa Lopes", "Diogo Reis", "Rachel Adams"])
    assert result.startswith("confirmation:"), result
