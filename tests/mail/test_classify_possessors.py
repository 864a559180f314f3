"""Whose a thing is turns round with the writer, as who does it does: "at yours" restated from
the summary's "at yours" moves the drop-off, "lease in my name" for the owner's "in my name"
moves the lease, "a carico vostro" for "a carico nostro" the cost, "Moje nazwisko" the credit
(found by a red team that read the code).
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

DOG = """Hi Tom,

Just so we're on the same page:

- Drop-off Saturday 5 June around 10:00 at yours; pick-up Saturday 12 June by 18:00.
- The car lease stays in my name; you pay me £144 a month towards it.

Priya"""

VENDEMMIA = """Ciao Stefano,

ecco cosa abbiamo concordato:

- La vostra squadra lavora dal 13 al 24 settembre.
- Forniamo noi le cassette; il trasporto dal paese è a carico vostro.

Giulia"""

KSIAZKA = """Dzień dobry, Panie Adamie,

podsumowuję nasze ustalenia:

- Okładka i 10 ilustracji, oddane do 30 kwietnia.
- Wynagrodzenie: 8 000 zł netto.
- Moje nazwisko na stronie redakcyjnej i na okładce.

Kasia Nowak"""

NAMES = ["Tom Byrne", "Priya Nandakumar", "Stefano Bruni", "Giulia Conti", "Adam Wolski"]


@pytest.mark.parametrize(
    ("summary", "text", "label"),
    [
        (DOG, "Perfect! See you Saturday 5 June around 10:00 at yours.", "clarification"),
        (DOG, "Perfect! See you Saturday 5 June around 10:00 at mine.", "confirmation"),
        (DOG, "Sounds good, the car lease stays in my name.", "clarification"),
        (DOG, "Sounds good, the car lease stays in your name.", "confirmation"),
        (DOG, "Car lease in my name is fine.", "clarification"),
        (VENDEMMIA, "Perfetto. Il trasporto dal paese è a carico vostro.", "clarification"),
        (VENDEMMIA, "Perfetto. Il trasporto dal paese è a carico nostro.", "confirmation"),
        (
            KSIAZKA,
            "Zgoda. Moje nazwisko na stronie redakcyjnej i na okładce.",
            "clarification",
        ),
        (
            KSIAZKA,
            "Zgoda. Pani nazwisko na stronie redakcyjnej i na okładce.",
            "confirmation",
        ),
    ],
)
def test_a_possessive_is_read_from_the_writers_side(summary: str, text: str, label: str) -> None:
    assert answer(summary, text, NAMES).startswith(label), answer(summary, text, NAMES)


TRADUCAO = """Olá Rita,

Combinámos:

- Nós enviamos o glossário até sexta-feira; a revisão final é feita pelo nosso engenheiro.
- Valor de 0,09 € por palavra.

Paulo"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Combinado. A revisão final é feita por nós.", "clarification"),
        ("Combinado. A revisão final é feita por mim.", "clarification"),
        ("Combinado. A revisão final é feita por vocês.", "confirmation"),
    ],
)
def test_who_does_it_by_an_agent_phrase_is_read_against_whose_people_do_it(
    text: str, label: str
) -> None:
    # "feita pelo nosso engenheiro": the owner's side; "por nós" in the reply is the writer's.
    assert answer(TRADUCAO, text, NAMES).startswith(label), answer(TRADUCAO, text, NAMES)


CAR = """Hi Ben,

Here is what we agreed about the car:

- Weekends alternate, starting with you on 6-7 March.
- You pay £144 a month towards the lease.

Chloe"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Sounds good. Weekends alternate, starting with you on 6-7 March.", "clarification"),
        ("Sounds good. Weekends alternate, starting with me on 6-7 March.", "confirmation"),
    ],
)
def test_who_a_term_is_with_turns_round_too(text: str, label: str) -> None:
    assert answer(CAR, text, NAMES).startswith(label), answer(CAR, text, NAMES)


LEASE = """Hi Ben,

Here's how we'll share the lease:

- You pay me £145 on the 1st of each month; I pay £144 plus the insurance (£62/month).
- Servicing costs split 50/50.

Chloe"""


def test_who_does_it_in_a_relative_clause_is_read_against_the_term_before() -> None:
    # "…, which I pay": the insurance the summary's writer pays, now the reply's writer
    text = "Sounds good. £62/month insurance, which I pay."
    assert answer(LEASE, text, NAMES).startswith("clarification: differs"), answer(
        LEASE, text, NAMES
    )
