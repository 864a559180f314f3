"""Who does a term, said by the verb's ending: Spanish, Portuguese and Italian leave the subject
out ("te pagamos": we pay you), so a reply that restates a line with the other ending hands
the term over without a pronoun to show it.

"Nos facturáis a final de cada mes y os pagamos por transferencia" for "Nos facturas a final
de cada mes y te pagamos por transferencia" passed as a confirmation: the writer (the
summary's "you") now pays. Only endings few other words have are read ("-amos", "-emos",
"-imos", "-áis", "-éis", Italian "-iamo", Polish "-asz", "-esz", "-isz", "-ysz" and
"-amy", "-emy", "-imy", "-ymy"), not after a reflexive "nos" ("nos vemos": both of
us), and a summary's verbs count only where no pronoun of its line names anyone.

A word not understood that names its doer by such an ending, beside one of the summary's
values ("lo facciamo entro le 12:45" where Davide sets up by 12:45), is a doer the reader
cannot check: the clause is no longer let pass as follow-through on the summary's terms.

A line of the summary copied into the new text whole, with no quote header before it, that
names who does what by a pronoun ("I have Arjun and Meera at our house; you have Ellie at
yours") was read as a quote the reply answers: in the writer's mouth it hands each term to
the other side, and is read as the writer's statement.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

ESTUDIO = """Hola Marta:

Esto es lo que acordamos:

- Das dos clases a la semana, los martes y los jueves de 19:30 a 20:45.
- Nos facturas a final de cada mes y te pagamos por transferencia antes del día 10 del mes siguiente.
- Nos vemos el lunes 2 de octubre para preparar el calendario.

Un abrazo,
Lucía"""

CORSA = """Ciao Marco,

ecco cosa abbiamo concordato:

- Vi paghiamo 2.000 € entro venerdì 17 marzo.
- Mandate il logo entro venerdì 10 marzo.
- L'allestimento del gazebo entro le 12:45 è a cura di Davide.

A presto,
Giulia"""


WYMIANA = """Cześć Ola,

dziękuję za wczorajsze spotkanie. Oto co ustaliliśmy:

- Do piątku 13 października wysyłasz mi listę tematów na pierwsze cztery spotkania.
- Płacimy po 20 zł za salkę.

Jeśli coś się nie zgadza, daj znać.

Pozdrawiam serdecznie,
Kasia"""

SWAP = """Hi Priya,

Here is what we agreed for the babysitting swap:

- I have Arjun and Meera at our house on Saturday 4 March; you have Ellie at yours on Saturday 18 March.
- We alternate after that.

Thanks,
Rina"""


def verdict(summary: str, text: str) -> str:
    return answer(summary, text, ["Marta Gil", "Lucía Ferrer", "Marco Rossi", "Giulia Neri"])


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (ESTUDIO, "De acuerdo. Nos facturáis a final de cada mes y os pagamos por transferencia."),
        (ESTUDIO, "De acuerdo, te pagamos por transferencia antes del día 10 del mes siguiente."),
        (CORSA, "Va bene, vi paghiamo 2.000 € entro venerdì 17 marzo."),
        (CORSA, "Va bene, l'allestimento lo facciamo entro le 12:45."),
        (WYMIANA, "Zgoda. Do piątku 13 października wysyłasz mi listę tematów."),
        (
            SWAP,
            "Yes all fine.\nI have Arjun and Meera at our house on Saturday 4 March; you have "
            "Ellie at yours on Saturday 18 March.\nSee you soon",
        ),
    ],
)
def test_a_term_handed_over_by_a_verb_s_ending_is_a_clarification(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("clarification:"), verdict(summary, text)


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (ESTUDIO, "De acuerdo, me pagáis por transferencia antes del día 10 del mes siguiente."),
        (ESTUDIO, "Perfecto, nos vemos el lunes 2 de octubre."),
        (ESTUDIO, "De acuerdo."),
        (CORSA, "Va bene, l'allestimento entro le 12:45."),
        (WYMIANA, "Zgoda. Do piątku 13 października wysyłam ci listę tematów."),
        (
            SWAP,
            "Yes all fine.\nYou have Arjun and Meera at yours on Saturday 4 March; I have "
            "Ellie at ours on Saturday 18 March.\nSee you soon",
        ),
    ],
)
def test_the_verb_s_ending_from_the_writer_s_side_passes(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("confirmation:"), verdict(summary, text)
