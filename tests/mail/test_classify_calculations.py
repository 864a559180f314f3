"""A calculation written out restates its result: "13 weeks × £95 = £1,235" for "£95 a
week, so £1,235 for the first 13 weeks".

Before, each number of it was placed as a term of its own, and two values from two parts of
the summary's line in one clause read as a term moved. Now a calculation whose arithmetic
holds, from numbers the summary gives (in its currency, counting what the summary counts),
restates only its result, which is placed as any value. A wrong operand, unit, currency or
result, or a result put to another term, still changes the summary.
"""

from __future__ import annotations

import pytest

from mail.restate import calculation
from mail.tokens import tokenize
from tests.mail.summaries import answer

LIVERY = """Hi Tom,

Here is what we agreed about Biscuit's part livery from Monday 19 April 2027:

- Part livery is £95 a week, so £1,235 for the first 13 weeks. You pay the £1,235 before Biscuit moves in; after that you pay monthly, by the 1st of each month.
- The farrier is £40 a visit, paid by you directly.

Thanks,
Fiona"""

CLASES = """Hola Oliver:

Esto es lo que acordamos:

- Yo te doy una clase de gramática los sábados a las 10:00, a 18 € la hora; son 8 sábados, así que 144 € en total.
- Tú me pagas los 144 € en dos partes: 72 € el sábado 13 de marzo y 72 € el sábado 10 de abril.

Un abrazo,
Carmen"""


def verdict(summary: str, text: str) -> str:
    return answer(summary, text, ["Tom Baker", "Fiona Hart", "Oliver Kent", "Carmen Ruiz"])


@pytest.mark.parametrize(
    ("text", "worked"),
    [
        ("13 weeks × £95 = £1,235", (["13", "95"], [], "1,235")),
        ("40 × 55 = 2 200 € + 650 € = 2 850 €", (["40", "55", "650"], ["2 200"], "2 850")),
        ("30% × $475 = $142.50", (["30", "475"], [], "142.50")),
        ("120 guests @ $8.50 = $1,020", (["120", "8.50"], [], "1,020")),
        ("4 Tage à 65 € = 260 €", (["4", "65"], [], "260")),
    ],
)
def test_a_calculation_that_holds_is_read(
    text: str, worked: tuple[list[str], list[str], str]
) -> None:
    tokens = tokenize(text)
    found = calculation(tokens, 0)
    assert found is not None
    got = (
        [tokens[k].text for k in found.operands],
        [tokens[k].text for k in found.steps],
        tokens[found.result].text,
    )
    assert got == worked


@pytest.mark.parametrize(
    "text", ["13 weeks × £95 = £1,253", "8 × 18 € = 143 €", "de 8 à 10 h", "13 weeks at £95"]
)
def test_no_calculation_where_the_arithmetic_fails(text: str) -> None:
    assert calculation(tokenize(text), 0) is None


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (LIVERY, "Agreed: 13 x £95 = £1,235."),
        (LIVERY, "Agreed, 13 weeks @ £95 = £1,235; the farrier £40 a visit."),
        (CLASES, "Sí: 8 × 18 € = 144 €."),
    ],
)
def test_a_calculation_of_the_summary_restates_it(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("confirmation:"), verdict(summary, text)


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (LIVERY, "Agreed. 13 days × £95 = £1,235."),  # a daily rate
        (LIVERY, "Agreed. 13 weeks × $95 = $1,235."),  # another currency
        (LIVERY, "Agreed. 12 weeks × £95 = £1,140."),  # a result the summary does not have
        (LIVERY, "Agreed. 13 weeks × £95 = £1,235, paid after he moves in."),
        (LIVERY, "Agreed. 13 × £95 = £1,235 for the farrier."),
        (CLASES, "Sí: 8 × 18 € = 144 €, pagados el 13 de marzo."),  # half on each date
        (CLASES, "Sí: 9 × 16 € = 144 €."),  # other hours at another rate
        (CLASES, "Sí: 144 €, pagados el 13 de marzo."),  # a payment verb is watched
    ],
)
def test_a_calculation_that_changes_a_term_is_a_clarification(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("clarification:"), verdict(summary, text)
