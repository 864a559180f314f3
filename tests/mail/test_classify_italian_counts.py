"""Italian "sei" (six, and "you are") and "otto" (eight, and a name) count after a preposition
or an article: "la squadra di sei persone" for a team of five is a change (found by a red
team that read the code); "Sei gentilissima" is no number.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

VENDEMMIA = """Ciao Stefano,

ecco cosa abbiamo concordato:

- La vostra squadra di cinque persone lavora dal 13 al 24 settembre.
- 15 € l'ora a persona, pagati ogni venerdì.

Giulia"""

NAMES = ["Stefano Bruni", "Giulia Conti"]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("D'accordo, la squadra di sei persone, dal 13 al 24 settembre.", "clarification"),
        ("D'accordo, siamo in otto dal 13 al 24 settembre.", "clarification"),
        ("D'accordo, la squadra di cinque persone, dal 13 al 24 settembre.", "confirmation"),
        ("Sei gentilissima, tutto a posto.", "confirmation"),
    ],
)
def test_sei_and_otto_count_after_a_preposition(text: str, label: str) -> None:
    assert answer(VENDEMMIA, text, NAMES).startswith(label), answer(VENDEMMIA, text, NAMES)
