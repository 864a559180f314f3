"""Times and amounts in the writer's notation restate the summary's.

"18 h", "18h30", "18 Uhr", "6 de la tarde", "5 da tarde", "7 du soir", "6:30 in the
morning" are times of day; "12.4k" is 12,400, not 12 April. Each was read as a number the
summary does not have. The same notation with another value is still a change.
"""

from __future__ import annotations

import pytest

from mail.restate import _facts
from mail.tokens import tokenize
from tests.mail.summaries import answer

KEYS = """Hola Javier:

Esto es lo que acordamos:

- Marcos recoge la llave el viernes 3 de septiembre a las 18:00.
- Devolvemos la llave el lunes 6 de septiembre a las 9:30.
- El total es de 12.400 €.

Un abrazo,
Lucía"""


def facts(text: str) -> set[object]:
    tokens = tokenize(text)
    first = next(i for i, t in enumerate(tokens) if t.kind == "number")
    return _facts(tokens, first, lenient=False)


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [
        ("18 h", 18, 0),
        ("18h30", 18, 30),
        ("18 h 30", 18, 30),
        ("18 Uhr", 18, 0),
        ("18.30 Uhr", 18, 30),
        ("6 de la tarde", 18, 0),
        ("5 da tarde", 17, 0),
        ("7 du soir", 19, 0),
        ("9 di sera", 21, 0),
        ("6:30 in the morning", 6, 30),
        ("8 in the evening", 20, 0),
        ("9 uur 's avonds", 21, 0),
    ],
)
def test_a_time_in_words_or_hours(text: str, hour: int, minute: int) -> None:
    assert ("time", hour, minute) in facts(text)


def test_thousands_with_k() -> None:
    assert ("num", 12400.0) in facts("12.4k")
    assert not any(f[0] == "date" for f in facts("12.4k"))  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("De acuerdo, Marcos recoge la llave el viernes 3/9 a las 6 de la tarde.", "confirmation"),
        ("De acuerdo, Marcos recoge la llave el viernes a las 18 h.", "confirmation"),
        ("De acuerdo, Marcos recoge la llave el viernes a las 6 de la mañana.", "clarification"),
        ("De acuerdo, devolvéis la llave el lunes a las 9:30 de la mañana.", "confirmation"),
        ("De acuerdo, 12.4k € en total.", "confirmation"),
        ("De acuerdo, 12.4k € por semana.", "clarification"),
        ("De acuerdo, 1.24k € en total.", "clarification"),
    ],
)
def test_replies_in_that_notation(text: str, label: str) -> None:
    result = answer(KEYS, text, ["Lucía Gómez", "Javier Ruiz"])
    assert result.startswith(label), result


CONCERT = """Dear Gwen,

Here is what we agreed:

- Setting up from 14:00; the concert runs from 19:30 to 21:30.
- The office is staffed between 10:00 and 11:00 on weekdays.

Best,
Rachel"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Confirmed: set-up from 2pm, concert 7.30–9.30pm.", "confirmation"),
        ("Confirmed, the office between 10 and 11 am on weekdays.", "confirmation"),
        ("Confirmed: concert 7.30–9.30am.", "clarification"),
        ("Confirmed: concert 7–9.30pm.", "clarification"),
    ],
)
def test_a_ranges_first_hour_takes_the_half_of_the_day_of_its_last(text: str, label: str) -> None:
    """ "7.30–9.30pm" is 19:30 to 21:30: the first end is in the evening too."""
    result = answer(CONCERT, text, ["Rachel Moss", "Gwen Harris"])
    assert result.startswith(label), result


CLASES = """Hola Oliver:

Esto es lo que acordamos:

- Nos vemos los lunes y los jueves de 19:00 a 20:30 en la biblioteca.
- Los sábados a las 9:30 te doy una clase de gramática.

Un abrazo,
Carmen"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("¡De acuerdo! Lunes y jueves de 7:00 a 8:30 en la biblioteca.", "clarification"),
        ("De acuerdo, los sábados a las 21:30.", "clarification"),
        ("De acuerdo: lunes y jueves de 19:00 a 20:30, sábados a las 9:30.", "confirmation"),
    ],
)
def test_a_time_in_a_24_hour_language_is_one_half_of_the_day(text: str, label: str) -> None:
    """Where the clock runs to 24 hours, "7:00" is the morning: no restatement of 19:00."""
    result = answer(CLASES, text, ["Carmen Ruiz", "Oliver Hart"])
    assert result.startswith(label), result


WORKS = """Hi Tom,

- Work runs from 08:00 to 17:00 on weekdays only.
- Keys handed over at 10:00 on 3 May.

Anna"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Agreed, from 8 in the evening.", "clarification"),
        ("Agreed, keys at 10 in the evening on 3 May.", "clarification"),
        ("Agreed, from 8 in the morning, keys at 10am on 3 May.", "confirmation"),
        ("Agreed, 8am to 5pm.", "confirmation"),
    ],
)
def test_an_english_summary_on_a_24_hour_clock_is_one_half_of_the_day(
    text: str, label: str
) -> None:
    """An owner who writes "08:00 to 17:00" means the morning by "10:00" (a red team's "10 in
    the evening"); without such a time, "10:00" may be either half of the day."""
    result = answer(WORKS, text, ["Tom Reed", "Anna Berg"])
    assert result.startswith(label), result
