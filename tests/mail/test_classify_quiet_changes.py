"""Quiet changes found by two blind sets (replies-k, replies-l), each written here anew.

- A part of a month is a date of its own: "by the end of September" for "by Friday 15
  September", "entro fine marzo" for "entro venerdì 17 marzo". The month alone was read as
  the summary's month and anchored the clause as follow-through. A part the summary names
  for that month, or for every month ("at the end of each month"), restates it.
- "exactly 4 chaperones" for "at least 4 chaperones" bounds the value anew; "exactly" was
  read as an agreement ("Exactly!").
- "We'll go halves with you on the crate hire" shares a cost the summary gives one side:
  words for sharing may carry a term, as "half" did.
- "$4,800 for the season, HST in" includes a tax the summary adds ("plus 13% HST"); an
  inclusion elsewhere in the summary ("salting the walk is included") no longer lets any
  term be said to include something.
- Italian "prima" ("before") in a reply to an Italian summary was read as German or Dutch
  "prima" ("great"): "saldo entro i 30 giorni prima del corso" for "… dalla data del corso"
  passed, the agreement found and the change not read.
- "Cada hora de espera se cobra a 40 €" for "Cada hora de espera por causas ajenas a
  nosotros se cobra a 40 €" copies two pieces of the sentence and leaves out the qualifier
  between them, widening the term; a single word trimmed ("all four regional teams" for
  "all four regional sales teams") is no qualifier.
- "4 instalments of $1,356, each plus 13% HST" adds the tax to each instalment, where the
  summary adds it to $4,800: a percentage added to another amount than the summary's.
- A date written day and month in digits is read day first where the reply or the summary
  is in a language that writes it so: "le 09/12" is 9 December, not "dimanche 12
  septembre"; "op 6/5" is 6 May, not "5 juni". Either order passed.
- An estimate of a capped value ("unos 1.500 €" for "como máximo 1.500 €") or a floor for
  it is no restatement of the cap; only a cap is ("up to", "hasta").
- Swedish pronouns ("Du skickar … till mig" echoed by the one the summary says "du" to) and
  bounds ("minst 5 arbetsdagar" for "högst 5 arbetsdagar").
- "ogni martedì o venerdì" for "ogni martedì e venerdì": an "or" between two of the
  summary's days that it does not offer as alternatives makes one day of two.
- "Zahlung innerhalb von 7 Tagen nach Rechnungsdatum" for "innerhalb von 14 Tagen nach
  Rechnungsdatum, mit 2 % Skonto bei Zahlung innerhalb von 7 Tagen": a word restated after
  a value, which the summary has only in a clause with a value of the same kind of its own,
  joins the value to that clause's term.
- "you haul snow off site at $140 per truckload" drops "If the piles block more than 4
  spaces", a condition written without a comma: its main clause begins at its subject.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

NANNY = """Hi Joe,

Here is what we agreed for the nanny share:

- Rosa looks after Maya and Felix at our house from Monday 18 September 2028.
- You send me the signed agreement by Friday 15 September.
- We invoice you at the end of each month; you pay within 10 days.
- There are between 44 and 52 children on the trip, plus at least 4 parents.
- You pay the crate hire of $30 a month.
- If the piles block more than 4 spaces we haul snow off site at $140 per truckload.
- The season is $4,800 plus 13% HST ($624), so $5,424, paid in 4 instalments of $1,356.
- Salting the walk is included; salting the lot is $65 a visit.

Thanks,
Anna"""

SPONSOR = """Ciao Marco,

ecco cosa abbiamo concordato:

- Il bonifico dei 2.000 € arriva entro venerdì 17 marzo.
- Acconto del 40 % all'accettazione, saldo entro 30 giorni dalla data del corso.
- Il saldo arriva entro la fine di aprile.

A presto,
Giulia"""


MUDANZA = """Hola Pablo:

Esto es lo que acordamos:

- El precio cerrado es de 1.150 € más IVA.
- Cada hora de espera por causas ajenas a nosotros se cobra a 40 € por hora y por operario.
- Llevamos el piano a los cuatro pisos nuevos del edificio.

Saludos,
Ana"""


FLEURS = """Bonjour Claire,

Voici ce que nous avons convenu :

- Hugo livre les centres de table et les reprend le dimanche 12 septembre avant 11 h.
- Le tatouage coûte 120 € de l'heure, pour un maximum de 1.500 € pour toute la pièce.

Bien cordialement,
Inès"""

LOGGA = """Hej Erik,

Här är vad vi kom överens om:

- Du skickar brief och bilder på butiken till mig senast fredag 8 september 2028.
- Varje revideringsrunda tar högst 5 arbetsdagar.

Hälsningar,
Sara"""


ORTO = """Ciao Paolo,

ecco cosa abbiamo concordato:

- Annaffi le aiuole ogni martedì e venerdì, tra le 19:00 e le 21:00.
- Il sabato o la domenica passi a controllare il serbatoio.

A presto,
Giulia"""

KLAVIER = """Guten Tag Herr Hoffmann,

wir haben vereinbart:

- Sie zahlen innerhalb von 14 Tagen nach Rechnungsdatum, mit 2 % Skonto bei Zahlung innerhalb von 7 Tagen.

Mit freundlichen Grüßen
Anna Weber"""


def verdict(summary: str, text: str) -> str:
    return answer(summary, text, ["Joe Green", "Anna Lake", "Marco Rossi", "Giulia Neri"])


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (NANNY, "All agreed. I'll get the signed agreement back to you by the end of September."),
        (NANNY, "All agreed, the signed agreement by mid-September."),
        (SPONSOR, "Va bene, il bonifico dei 2.000 € lo facciamo entro fine marzo."),
        (SPONSOR, "Va bene, il saldo entro inizio aprile."),
        (MUDANZA, "Todo bien. Cada hora de espera se cobra a 40 € por hora y por operario."),
        (FLEURS, "Parfait. Hugo reprend les centres de table le 09/12 avant 11 h."),
        (ORTO, "Va bene: annaffio ogni martedì o venerdì, tra le 19:00 e le 21:00."),
        (
            KLAVIER,
            "Passt. Zahlung innerhalb von 7 Tagen nach Rechnungsdatum, mit 2 % Skonto bei "
            "Zahlung innerhalb von 14 Tagen.",
        ),
        (FLEURS, "Parfait : 120 € de l'heure, environ 1.500 € pour toute la pièce."),
        (FLEURS, "Parfait : 120 € de l'heure, au moins 1.500 € pour toute la pièce."),
        (
            LOGGA,
            "Toppen. Du skickar brief och bilder på butiken till mig senast fredag 8 september.",
        ),
        (LOGGA, "Perfekt. Varje revideringsrunda tar minst 5 arbetsdagar."),
        (SPONSOR, "Perfetto. Acconto del 40 % e saldo entro i 30 giorni prima del corso."),
        (NANNY, "Everything looks right: between 44 and 52 children and exactly 4 parents."),
        (NANNY, "Agreed. We'll go halves with you on the $30 a month crate hire."),
        (NANNY, "all correct – $4,800 for the season, HST in 👍"),
        (NANNY, "All correct: $4,800 inc HST."),
        (NANNY, "All correct: $65 a visit plus 13% HST."),
        (NANNY, "All correct: 4 instalments of $1,356, each plus 13% HST."),
        (NANNY, "All correct: you haul snow off site at $140 per truckload."),
        (NANNY, "All correct: $4,800 plus 13% HST plus the crate hire."),
    ],
)
def test_a_part_of_a_month_or_a_bound_anew_is_a_clarification(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("clarification:"), verdict(summary, text)


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (NANNY, "Agreed: you invoice us at the end of September, we pay within 10 days."),
        (SPONSOR, "Va bene, il saldo entro la fine di aprile."),
        (NANNY, "Prima, all correct."),
        (MUDANZA, "Todo bien: el piano a los cuatro pisos nuevos del edificio."),
        (FLEURS, "Parfait. Hugo reprend les centres de table le 12/09 avant 11 h."),
        (ORTO, "Va bene: annaffio ogni martedì e venerdì, tra le 19:00 e le 21:00."),
        (ORTO, "Va bene, il sabato o la domenica passo a controllare il serbatoio."),
        (
            KLAVIER,
            "Passt. Zahlung innerhalb von 14 Tagen nach Rechnungsdatum, mit 2 % Skonto bei "
            "Zahlung innerhalb von 7 Tagen.",
        ),
        (FLEURS, "Parfait : 120 € de l'heure, pour un maximum de 1.500 €."),
        (
            LOGGA,
            "Perfekt. Jag skickar brief och bilder på butiken till dig senast fredag 8 september.",
        ),
        (NANNY, "Everything looks right: between 44 and 52 children and at least 4 parents."),
        (NANNY, "All correct: $4,800 + 13% HST. Salting the walk included."),
        (
            NANNY,
            "All correct: if the piles block more than 4 spaces, you haul snow off site at $140 per truckload.",
        ),
    ],
)
def test_the_summary_s_own_part_of_a_month_restates_it(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("confirmation:"), verdict(summary, text)
