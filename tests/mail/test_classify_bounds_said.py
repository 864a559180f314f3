"""Bounds a reply says with a value of the summary (replies-q, dev: q0022, q0114).

- A bound before a number written as a word is read as before a figure: "up to one month's
  notice" for "at least one month's notice" turns the term round, and passed because "one"
  was read as a word of the summary, not as a value.
- A bound the reply restates ("até 15.000 €", "up to €40") keeps only the proviso that holds
  past it ("beyond that, you pay half"), not an exception of the same term: "O seguro cobre
  danos até 15.000 €" for "O seguro cobre danos até 15.000 €, exceto em objetos de vidro"
  drops the exception. Before, any bound said counted as a proviso in the writer's own words.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

LEASE = """Hi Tom,

Here is what we agreed for the parking space:

- You rent space 14 from Monday 2 March for £60 a month.
- Either of us can end this with at least one month's notice in writing.
- The fob is included up to two fobs; beyond that, each extra fob is £15.

Best,
Clare"""

SEGURO = """Olá Inês,

Fica aqui o que combinámos para a mudança:

- A mudança é no sábado, 7 de março, a partir das 8h00, por 900 €.
- O seguro cobre danos até 15.000 €, exceto em objetos de vidro que embales tu.

Um abraço,
Rui"""

NAMES = ["Tom Reid", "Clare Hunt", "Inês Costa", "Rui Almeida"]


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (LEASE, "All agreed. Either of us can end this with up to one month's notice in writing."),
        (
            LEASE,
            "All agreed. For the record, either of us can end this with up to one month's "
            "notice in writing.",
        ),
        (LEASE, "All agreed. Noted that either of us can end this with up to one month's notice."),
        (LEASE, "All agreed, with up to one month's notice in writing."),
        (LEASE, "Agreed: up to one month's notice."),
        (SEGURO, "Confirmo. O seguro cobre danos até 15.000 €."),
        (SEGURO, "Confirmo. Registo que o seguro cobre todos os danos até 15.000 €."),
    ],
)
def test_a_bound_said_with_a_value_is_read(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("clarification: "), text


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (
            LEASE,
            "All agreed. Either of us can end this with at least one month's notice in writing.",
        ),
        (LEASE, "All agreed, the fob is included up to two fobs."),
        (
            SEGURO,
            "Confirmo, o seguro cobre danos até 15.000 €, exceto em objetos de vidro que embale eu.",
        ),
    ],
)
def test_the_summarys_own_bound_or_the_whole_term_stays_a_confirmation(
    summary: str, text: str
) -> None:
    assert answer(summary, text, NAMES).startswith("confirmation: "), text
