"""A condition the summary sets, restated in its own clause with the summary's words, is no
new condition.

"If it rains on a Saturday, I come on the Sunday" for the summary's "If it rains on a
Saturday, you come on the Sunday instead" restates its proviso; before, every "if", "unless"
or "once" in a reply was read as a condition of the writer's own, so two thirds of correct
restatements of a conditional term were flagged. What the condition clause says must stand in
the summary's own condition clause: a condition moved to another day, reversed, stretched with
words the summary does not have, or set where the summary has none, is still a clarification.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

GARDEN = """Hi Tom,

Thanks for meeting on Monday. Here is what we agreed for the garden work:

- You mow the lawn every other Saturday from 10 April 2027 and trim the hedges once a month.
- We pay £35 per visit, £420 for the season, by bank transfer on the last Friday of each month.
- If it rains on a Saturday, you come on the Sunday instead, unless we are away.
- Our neighbour Jill lets you in through the side gate; Sam locks it after 18:00.
- If the car is damaged while you park in the drive, you pay the first £250 of the repair.

Thanks,
Ruth"""

KAUTION = """Hallo Jonas,

hier ist, was wir vereinbart haben:

- Die Kaution von 500 € zahle ich bis zum 15. Juni zurück, es sei denn, die Wohnung ist beschädigt.
- Wenn du vor dem 31. August ausziehst, sagst du mir drei Wochen vorher Bescheid.

Viele Grüße
Lea"""


def verdict(summary: str, text: str) -> str:
    return answer(summary, text, ["Ruth Baines", "Tom Hill", "Lea Braun", "Jonas Weber"])


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (GARDEN, "Agreed: if it rains on a Saturday, I come on the Sunday, unless you are away."),
        (
            GARDEN,
            "Agreed. I mow every other Saturday from 10 April and trim the hedges once a month.",
        ),
        (GARDEN, "Agreed. If the car is damaged while I park in the drive, I pay the first £250."),
        (
            KAUTION,
            "Passt: die 500 € Kaution bis zum 15. Juni zurück, es sei denn, die Wohnung ist beschädigt.",
        ),
    ],
)
def test_a_condition_restated_passes(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("confirmation:"), verdict(summary, text)


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (GARDEN, "Agreed. If it rains on a Sunday, I come on the Saturday."),
        (GARDEN, "Agreed. If it rains on a Saturday, I come on the Sunday instead."),
        (GARDEN, "Agreed, if it rains on a Saturday I come on the Sunday, unless I am away."),
        (GARDEN, "Agreed. If it rains or snows on a Saturday, I come on the Sunday."),
        (GARDEN, "Agreed. If it rains, I mow the lawn on the last Friday."),
        (GARDEN, "Agreed. If the car is damaged, I pay the first £250 of the repair."),
        (GARDEN, "Agreed, I pay the first £250 of the repair, unless we are away."),
        (GARDEN, "Agreed: £35 per visit, unless it rains."),
        (GARDEN, "Agreed. If it rains on a Saturday, Sam locks the side gate."),
        (GARDEN, "Agreed. Once it rains on a Saturday, I come on the Sunday."),
        (
            KAUTION,
            "Passt, die Kaution zahlst du bis zum 15. Juni zurück, es sei denn, du ziehst vor dem 31. August aus.",
        ),
    ],
)
def test_a_condition_moved_or_new_is_a_clarification(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("clarification:"), verdict(summary, text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Agreed. If it rains, I come on the Sunday instead.", "clarification"),
        (
            "Agreed. Unless we are away, if it rains on a Saturday I come on the Sunday.",
            "clarification",
        ),
        ("Agreed. If it rains on a Saturday, I mow the lawn.", "clarification"),
        ("Agreed. Unless we are away, I come on the Sunday.", "clarification"),
        (
            "Agreed. If it rains on a Saturday, I come on the Sunday, unless you are away.",
            "confirmation",
        ),
    ],
)
def test_a_condition_holds_for_the_term_beside_it(text: str, label: str) -> None:
    """A condition restated must keep its day, and hold for the term the summary sets it for:
    "If it rains, I come on the Sunday" drops the Saturday; "If it rains on a Saturday, I
    mow the lawn" sets it for another term."""
    assert verdict(GARDEN, text).startswith(label), verdict(GARDEN, text)


VELO = """Bonjour Mathieu,

Voici ce que nous avons convenu :

- Je te vends le vélo cargo pour 2 900 €.
- Si la batterie tombe en panne avant le 1er juin, je te rembourse 300 €, sauf si elle a été mal chargée.
- Tu paies 1 500 € le samedi 10 avril et 1 400 € avant le 10 mai.
- Si tu ne peux pas venir le 10 avril, tu me préviens la veille.

Bonne soirée,
Claire"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "D'accord. Si la batterie tombe en panne avant le 1er juin, tu me rembourses 300 €, sauf si elle a été mal chargée.",
            "confirmation",
        ),
        (
            "D'accord. Si je ne peux pas venir le 10 avril, je te préviens la veille.",
            "confirmation",
        ),
        (
            "D'accord. Si la batterie tombe en panne avant le 1er juin, tu me rembourses 300 €.",
            "clarification",
        ),
        (
            "D'accord. Si la batterie tombe en panne, tu me rembourses 300 €, sauf si elle a été mal chargée.",
            "clarification",
        ),
        (
            "D'accord : sauf si elle a été mal chargée, tu me rembourses 300 € si la batterie tombe en panne avant le 10 mai.",
            "clarification",
        ),
        ("D'accord. Si je ne peux pas venir le 10 mai, je te préviens la veille.", "clarification"),
        (
            "Parfait. Si je ne peux pas venir le 10 avril, tu me préviens la veille.",
            "clarification",
        ),
        (
            "C'est bon. Je paie 1 500 € le samedi 10 avril, sauf si la batterie tombe en panne.",
            "clarification",
        ),
    ],
)
def test_a_condition_with_its_negation_and_exception(text: str, label: str) -> None:
    """A condition's own negation ("si tu ne peux pas venir") and the "si" of its "sauf si"
    restated with it are no new ones; moved, narrowed or set for another term, they are."""
    result = answer(VELO, text, ["Claire Petit", "Mathieu Roy"])
    assert result.startswith(label), result


SALA = """Hola Javier:

Esto es lo que acordamos:

- Si cancelamos un ensayo con menos de 24 horas de antelación, pagamos el 50 % de esa sesión.
- Dejamos una fianza de 150 € que nos devuelves al terminar, salvo que haya daños en el equipo.

Un abrazo,
Lucía"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Perfecto, nos devuelves la fianza de 150 € al terminar, salvo que haya daños en el equipo.",
            "confirmation",
        ),
        (
            "De acuerdo, nos devuelves la fianza de 150 € al terminar, salvo que haya daños.",
            "clarification",
        ),
        ("De acuerdo. Si cancelamos, pagamos el 50 % de esa sesión.", "clarification"),
        ("De acuerdo: salvo que haya daños en el equipo, ensayamos los lunes.", "clarification"),
    ],
)
def test_an_exception_restated_whole(text: str, label: str) -> None:
    """Every word of the summary's condition is said again: "salvo que haya daños" stretches
    "salvo que haya daños en el equipo" to any damage."""
    result = answer(SALA, text, ["Lucía Gómez", "Javier Ruiz"])
    assert result.startswith(label), result
