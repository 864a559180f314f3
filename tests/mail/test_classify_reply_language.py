"""The language of a short reply, where only the summary's language shows in it.

A reply's language is known when three different words of one language only are in it; until
then a word that is a risk in some language is read as one ("no" is "not" in Spanish and
English, "in the" in Portuguese). "Ok, combinado. 40 caixas e 3 rolos no sábado 7 de junho."
to a summary in Portuguese has two Portuguese-only words and none of another language, and its
"no sábado" was read as a negation (replies-q, q0119). Where the only language the reply's
words show is the summary's, the reply is read in it; a word of another language leaves it
unknown, as before.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

MUDANCA = """Olá Inês,

Fica aqui o que combinámos para a mudança:

- Levo-te 40 caixas e 3 rolos de plástico-bolha no sábado, 7 de junho.
- A mudança é na sexta-feira, 13 de junho, a partir das 8h00, por 900 €.

Um abraço,
Rui"""

NAMES = ["Inês Costa", "Rui Almeida"]


def test_portuguese_no_in_a_short_reply_is_in_the() -> None:
    text = "Ok, combinado. 40 caixas e 3 rolos de plástico-bolha no sábado 7 de junho."
    assert answer(MUDANCA, text, NAMES).startswith("confirmation: ")


@pytest.mark.parametrize(
    "text",
    [
        "Combinado, pero no el sábado 7.",
        "Ok, no sábado não dá.",
        "Ok but no boxes on Saturday.",
    ],
)
def test_a_negation_stays_one(text: str) -> None:
    assert answer(MUDANCA, text, NAMES).startswith("clarification: "), text
