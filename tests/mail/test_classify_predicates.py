"""One person's two tasks on one line are two terms: a word of one restated with a word of
the other moves a task.

"Ian pays the deposit and brings the balance on the night" restated as "Ian will bring the
deposit on the night" moves the deposit to the night; "Lea überweist die Kaution und bringt
den Schlüssel am Freitag" as "die Kaution am Freitag" moves the transfer. Each passed as a
confirmation before: the line's words were all the summary's, in one item and one part.
Each task restated on its own, or both with their own "and", passes; so does a line whose
second task names the first's thing again ("removes the old cabinets and installs the new
ones") and a list of things joined by "and".
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

CONCERT = """Dear Rachel,

Here is what we agreed for the spring concert on Saturday 17 April 2027:

- The hire fee is £380, paid by us.
- Ian pays the deposit and brings the balance on the night.
- We have the nave and the side chapel from 14:00.

With best wishes,
Gwen"""

KITCHEN = """Hi Dan,

Here is what we agreed:

- Your crew removes the old cabinets and installs the new ones from 8 to 19 November.
- I clear the kitchen by 6 November and pay the deposit on the first day.

Thanks,
Meg"""

GARTEN = """Hallo Jonas,

hier ist, was wir vereinbart haben:

- Lea überweist die Kaution bis zum 1. März und bringt den Schlüssel am Freitag, 5. März.
- Du gießt die Pflanzen zweimal die Woche.

Viele Grüße
Lea"""

VELO = """Bonjour Mathieu,

Voici ce que nous avons convenu :

- Je te vends le vélo pour 2 900 €.
- Tu paies l'acompte le 10 avril et récupères le vélo le samedi 17 avril.

Bonne soirée,
Claire"""


def verdict(summary: str, text: str) -> str:
    return answer(summary, text, ["Gwen Harris", "Rachel Moss", "Lea Braun", "Claire Petit"])


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (CONCERT, "Agreed. Ian will bring the deposit on the night."),
        (CONCERT, "Sounds good: Ian pays the deposit on the night."),
        (KITCHEN, "Agreed, you pay the deposit by 6 November."),
        (GARTEN, "Passt, Lea bringt die Kaution am Freitag."),
        (VELO, "D'accord, l'acompte le samedi 17 avril."),
    ],
)
def test_a_task_moved_to_the_other_is_a_clarification(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("clarification:"), verdict(summary, text)


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (CONCERT, "Agreed. Ian pays the deposit and brings the balance on the night."),
        (CONCERT, "Agreed, Ian brings the balance on the night."),
        (CONCERT, "Agreed, you have the nave and the side chapel from 14:00."),
        (KITCHEN, "Agreed, you install the new cabinets from 8 to 19 November."),
        (
            KITCHEN,
            "Agreed: you clear the kitchen by 6 November and pay the deposit on the first day.",
        ),
        (GARTEN, "Passt, die Kaution bis zum 1. März."),
        (VELO, "D'accord, l'acompte le 10 avril."),
    ],
)
def test_each_task_in_its_place_passes(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("confirmation:"), verdict(summary, text)


SUPPORT = """Hi Niamh,

Here is what we agreed for the support contract:

- We answer urgent tickets within 2 hours and other tickets by the next working day.
- You pay €900 a month, invoiced on the 1st.

Best,
Conor"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Agreed, other tickets within 2 hours.", "clarification"),
        ("Agreed, tickets within 2 hours.", "confirmation"),
        (
            "Agreed: urgent tickets within 2 hours, other tickets by the next working day.",
            "confirmation",
        ),
        ("Agreed, urgent tickets within 2 hours.", "confirmation"),
    ],
)
def test_a_deadline_in_words_is_a_value_of_its_part(text: str, label: str) -> None:
    """The "and" splits the line in two terms though its second has no number: "by the next
    working day" is its value."""
    result = answer(SUPPORT, text, ["Conor Walsh", "Niamh Byrne"])
    assert result.startswith(label), result


RACE = """Hi Jamal,

Here is what we agreed:

- You run a repair tent from 6:30 AM; your mechanics Carlos and Dee staff it, Carlos at the start and Dee at the aid station.
- You pay $1,000 by Friday, April 2.

Thanks,
Megan"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Sounds good. Dee at the start and Carlos at the aid station.", "clarification"),
        ("Sounds good. Carlos at the aid station.", "clarification"),
        ("All good. Carlos at the start, Dee at the aid station, from 6:30 AM.", "confirmation"),
        ("All good. Carlos and Dee staff it, Carlos at the start.", "confirmation"),
    ],
)
def test_two_people_of_one_line_keep_their_places(text: str, label: str) -> None:
    """ "Carlos at the start and Dee at the aid station": an "and" before a name opens the
    other person's term."""
    result = answer(RACE, text, ["Megan Shaw", "Jamal Reed"])
    assert result.startswith(label), result


TANDEM = """Hola Oliver:

Esto es lo que acordamos:

- Nos vemos los lunes de 19:00 a 20:30: la primera mitad en español y la segunda en inglés.
- Tú me pagas 72 € el sábado 13 de marzo.

Un abrazo,
Carmen"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Sí, de acuerdo: la primera mitad en inglés y la segunda en español.", "clarification"),
        ("Sí, de acuerdo: la primera mitad en español y la segunda en inglés.", "confirmation"),
    ],
)
def test_the_second_of_a_pair_is_a_term_of_its_own(text: str, label: str) -> None:
    """ "… y la segunda en inglés" opens a term of its own; and a Spanish "en" ("in") is no
    Dutch "and": it no longer ends the words a term is bound by."""
    result = answer(TANDEM, text, ["Carmen Ruiz", "Oliver Hart"])
    assert result.startswith(label), result
