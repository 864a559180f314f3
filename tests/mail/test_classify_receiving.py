"""A payment restated as received turns round who pays: "Recebo os outros 125 € na 6.ª aula"
for "a Sofia paga … os outros 125 € na 6.ª aula", written by Sofia (replies-n, n0247). The
verb was not understood, and a clause of at most three such words beside one of the summary's
values passed as follow-through on it ("Eu recebo os outros 125 €" too). Verbs of receiving
are watched words (``lexicon_broad.WATCH``): a clause with one is no longer let pass beside
an agreement. "Looking forward to receiving the sketches" is not among them: it expects.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

AULAS = """Olá Inês,

Fica aqui o que combinámos:

- O bloco de 8 aulas custa 200 €: a Inês paga 100 € até sexta-feira, 2 de outubro, e os outros 100 € na 4.ª aula, a 28 de outubro.
- Aulas às quartas-feiras, das 17h00 às 18h00.

Um abraço,
Rui"""

MIETE = """Hallo Jonas,

wie besprochen:

- Du zahlst mir die Kaution von 600 € bis Freitag, 2. Oktober, und die restlichen 300 € am 1. November.
- Die Schlüssel bekommst du am Samstag, 3. Oktober.

Viele Grüße
Lea"""

COURS = """Bonjour Paul,

Voici ce que nous avons convenu :

- Vous payez 150 € le 5 octobre et les 150 € restants le 5 novembre.
- Les cours ont lieu le mardi de 18 h à 19 h.

Bien cordialement,
Sophie Martin"""

NAMES = ["Inês Costa", "Rui Almeida", "Jonas Berg", "Lea Vogel", "Paul Girard", "Sophie Martin"]


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (AULAS, "Tudo certo. Recebo os outros 100 € na 4.ª aula, a 28 de outubro."),
        (AULAS, "Tudo certo. Eu recebo os outros 100 € na 4.ª aula."),
        (MIETE, "Passt. Ich bekomme die restlichen 300 € am 1. November."),
        (COURS, "D'accord. Je reçois les 150 € restants le 5 novembre."),
    ],
)
def test_a_payment_restated_as_received_is_a_clarification(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("clarification: "), text


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (COURS, "D'accord, 150 € le 5 octobre et 150 € le 5 novembre."),
        (MIETE, "Passt, 600 € bis Freitag."),
    ],
)
def test_the_payment_restated_without_a_direction_stays_a_confirmation(
    summary: str, text: str
) -> None:
    assert answer(summary, text, NAMES).startswith("confirmation: "), text
