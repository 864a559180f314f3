"""Who a term is handed to, said by an object pronoun before the verb: Spanish "me haces un
Bizum" (you pay me), Italian "ce lo confermate" (you confirm it to us), Portuguese "te envio",
French "vous me versez". From the counterparty's side the same words name the other person,
so a restatement that copies them from the summary hands the term over, with no "to you" to
show it (replies-n: n0209, n0233).

Only the singular pronouns of the reply are read (me/te, mi/ti; Italian me/te/ce/ve before
lo/la/li/le/ne): "nos vemos" and "ci vediamo" are both sides. In the owner's text the plurals
count too, so that "Nos facturas … y te pagamos" names both sides and lets the reply's "te"
pass. The pronoun is read against the clause of the summary that has every word the reply
restates.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

PISO = """Hola Andrés:

Te resumo lo que acordamos:

- El alquiler es de 420 € al mes: me haces una transferencia antes del día 3 de cada mes.
- Yo pago la luz y el agua y te paso el recibo el último viernes del mes.
- Nos vemos el domingo 4 de octubre a las 18:00 para darte las llaves.

Un abrazo,
Lucía"""

CENA = """Buongiorno Paolo,

le riassumo quanto concordato:

- Il numero definitivo degli ospiti ce lo comunicate entro venerdì 12 giugno alle 10:00.
- Ti mando il menù definitivo lunedì 15 giugno.
- Il prezzo è di 32 € a persona, bevande escluse.

Cordiali saluti,
Chiara"""

AULAS = """Olá Inês,

Fica aqui o que combinámos:

- Pagas-me 90 € por mês; eu envio-te o recibo no dia 5.
- Aulas às terças-feiras, das 17h00 às 18h00, a partir de 6 de outubro.

Um abraço,
Rui"""

ACOMPTE = """Bonjour Paul,

Voici ce que nous avons convenu :

- Vous me versez l'acompte de 300 € le 10 avril.
- Je vous envoie le devis signé le 2 avril.

Bien cordialement,
Sophie Martin"""

NAMES = ["Andrés Gil", "Lucía Romero", "Paolo Bianchi", "Chiara Conti", "Inês Costa", "Rui Almeida"]
# (the writers' own pronouns, turned the right way round, are read as before)


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (PISO, "Hecho. Me haces una transferencia de 420 € antes del día 3 de cada mes."),
        (PISO, "Vale, me haces la transferencia antes del día 3."),
        (PISO, "De acuerdo. Te paso el recibo de la luz el último viernes del mes."),
        (
            CENA,
            "Va bene. Il numero definitivo degli ospiti ce lo comunicate entro venerdì 12 giugno.",
        ),
        (CENA, "Perfetto, ti mando il menù definitivo lunedì 15 giugno."),
        (AULAS, "Tudo certo: pagas-me 90 € por mês."),
        (ACOMPTE, "D'accord. Vous me versez l'acompte de 300 € le 10 avril."),
    ],
)
def test_an_object_pronoun_copied_from_the_summary_hands_the_term_over(
    summary: str, text: str
) -> None:
    assert answer(summary, text, NAMES).startswith("clarification: "), text


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (PISO, "Perfecto. Nos vemos el domingo 4 de octubre a las 18:00."),
        (PISO, "Hecho, 420 € al mes antes del día 3."),
        (CENA, "Va bene, 32 € a persona, bevande escluse."),
        (PISO, "Perfecto, me pasas el recibo el último viernes del mes."),
        (CENA, "Perfetto, mi manda il menù definitivo lunedì 15 giugno."),
        (ACOMPTE, "D'accord. Je vous verse l'acompte de 300 € le 10 avril."),
        (ACOMPTE, "D'accord, vous m'envoyez le devis signé le 2 avril."),
    ],
)
def test_a_restatement_from_the_writers_side_stays_a_confirmation(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("confirmation: "), text
