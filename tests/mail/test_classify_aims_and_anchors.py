"""A value restated beside words that loosen it or tie it to something else is no
confirmation (found by a red team that read the code, round 3):

- a firm date made an aim: "we'll aim to finish by the 21st", "Ziel ist der 21. Mai", "on vise
  le 21 mai", "we proberen uiterlijk 21 mei klaar te zijn"; "earliest start the 3rd";
- a value tied to another event, time or place in words the classifier cannot check: "£1,500
  deposit on signing" for "by 26 April", "within 14 days of the inspection" for "of move-out",
  "at 07:30 from the church" for "from the school gates"; or to another term's anchor:
  "deposit on completion" for "£1,500 deposit by 26 April, the rest on completion".

The same values restated plainly, or with the summary's own anchor, stay confirmations.
Written for this file; none is copied from the evaluation corpora.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

WORKS = """Hi Tom,

Here is what we agreed for the bathroom:

- Work starts Monday 3 May 2027 and finishes by Friday 21 May.
- Total price £6,200 including VAT: £1,500 deposit by 26 April, the rest on completion.

Anna"""

ARBEITEN = """Hallo Tom,

- Die Arbeiten beginnen am Montag, 3. Mai 2027, und sind bis Freitag, 21. Mai fertig.

Anna"""

TRAVAUX = """Bonjour Tom,

- Les travaux commencent le lundi 3 mai 2027 et se terminent au plus tard le vendredi 21 mai.
- Acompte de 1 500 € le 26 avril.

Anna"""

WERK = """Hoi Tom,

- De werkzaamheden beginnen op maandag 3 mei 2027 en zijn uiterlijk vrijdag 21 mei klaar.
- De borg van € 1.800 krijg je terug binnen 14 dagen na vertrek.

Anna"""

LETS = """Hi Tom,

- Deposit of £1,800, returned within 14 days of move-out.
- Keys handed over at 10:00 on 1 July at the flat.

Anna"""

TRIP = """Hi Tom,

- The coach leaves from the school gates at 07:30 on Thursday 10 June.

Anna"""

NAMES = ["Tom Reed", "Anna Berg"]


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (WORKS, "Sounds good, we'll aim to finish by the 21st."),
        (WORKS, "Sounds good, we'll try to be done by the 21st."),
        (WORKS, "Sounds good, we'll do our best to finish by the 21st."),
        (WORKS, "Sounds good. We plan to finish by the 21st."),
        (WORKS, "Sounds good. Pencilled in for the 3rd."),
        (WORKS, "Agreed, earliest start the 3rd."),
        (WORKS, "Agreed, finishing the week of the 21st."),
        (ARBEITEN, "Passt, Ziel ist der 21. Mai."),
        (TRAVAUX, "Parfait, on vise le 21 mai pour la fin."),
        (WERK, "Prima, we proberen uiterlijk 21 mei klaar te zijn."),
        (WORKS, "Agreed, £1,500 deposit on signing."),
        (WORKS, "Agreed, £1,500 deposit on arrival."),
        (WORKS, "Agreed, £1,500 deposit upfront."),
        (WORKS, "Agreed, deposit on completion."),  # the rest's anchor, moved to the deposit
        (TRAVAUX, "D'accord, acompte de 1 500 € à la signature."),
        (LETS, "Agreed, deposit back within 14 days of the inspection."),
        (WERK, "Prima, borg terug binnen 14 dagen na de inspectie."),
        (TRIP, "Agreed, coach leaves at 07:30 from the church."),
        (TRIP, "Agreed, coach leaves at 07:30 in the car park."),
        (TRIP, "Agreed, coach leaves at 07:30 via the motorway."),
    ],
)
def test_a_value_loosened_or_tied_elsewhere_is_a_clarification(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("clarification"), text


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (WORKS, "Sounds good, we'll finish by the 21st."),
        (WORKS, "Agreed, £1,500 deposit by 26 April."),
        (ARBEITEN, "Passt, fertig bis 21. Mai."),
        (WERK, "Prima, borg terug binnen 14 dagen na vertrek."),
        (TRIP, "Perfect, coach leaves at 07:30 from the school gates."),
    ],
)
def test_the_same_values_restated_plainly_stay_confirmations(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("confirmation"), text


CHILDCARE = """Hi Tom,

- You look after Mia and Leo on Tuesdays and Thursdays from 15:00 to 18:30.
- Either side can end this with two weeks' notice.
- The first session is on Tuesday 7 September.

Anna"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a form for the notice, and a condition, in words read as neither (red team round 4)
        ("Agreed, two weeks' notice, in writing.", "clarification"),
        ("Agreed, first session on Tuesday 7 September barring hiccups.", "clarification"),
        ("Agreed, two weeks' notice.", "confirmation"),
        ("Agreed! Sorry for writing in English.", "confirmation"),
    ],
)
def test_a_form_or_a_proviso_beside_a_term(text: str, label: str) -> None:
    assert answer(CHILDCARE, text, NAMES).startswith(label), answer(CHILDCARE, text, NAMES)
