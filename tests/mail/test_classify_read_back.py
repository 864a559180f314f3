"""An acknowledgement that reads the terms back agrees to them.

"Vale: Marcos recoge la llave el viernes 3/9 a las 18:00" or "OK — £150 by 2 July, £610 on
19 July" restates two or more of the summary's values, each in its place: the writer has read
the terms and repeats them. A bare "OK", "Noted" or "Got it" still only acknowledges (the
independent sets label those ambiguous), and a read-back that moves, adds or drops anything is
a clarification by the same rules as after "Agreed".
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

LLAVE = """Hola Javier:

Esto es lo que acordamos:

- Marcos recoge la llave el viernes 3 de septiembre a las 18:00.
- Pagamos 300 € antes del 20 de junio y 600 € el 8 de julio.

Un abrazo,
Lucía"""


def verdict(text: str) -> str:
    return answer(LLAVE, text, ["Lucía Gómez", "Javier Ruiz"])


@pytest.mark.parametrize(
    "text",
    [
        "Vale, Marcos recoge la llave el viernes 3/9 a las 18:00.",
        "Ok: 300 € antes del 20/6 y 600 € el 8/7.",
    ],
)
def test_terms_read_back_after_an_ok_agree(text: str) -> None:
    assert verdict(text).startswith("confirmation:"), verdict(text)


@pytest.mark.parametrize(
    "text",
    [
        "Vale",
        "Ok, recibido.",
        "Vale, 300 €.",
        "Vale, Marcos recoge la llave el viernes 3/9 a las 8:00.",
        "Ok: 600 € antes del 20/6 y 300 € el 8/7.",
        "Vale: 300 € antes del 20 de junio y 600 € el 8 de julio, en efectivo.",
        "Ok: 300 € antes del 20/6 y 600 € el 8/7. Nerea recoge la llave.",
    ],
)
def test_an_ok_alone_or_with_a_change_is_no_confirmation(text: str) -> None:
    assert verdict(text).startswith("clarification:"), verdict(text)
