"""Terms of one line moved between its halves, a total read as a rate, and who provides what
said with "from you" / "from us". Each passed as a confirmation before.

The summary is written for these tests; none of it is copied from the evaluation corpora. The
replies are the club's (the counterparty's): its "we" is the summary's "the club", its "you"
the parents who wrote the summary.
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply
from tests.mail.summaries import answer

CLUB = """Hi Owen,

Here is what we agreed for the summer week:

- Five days, Monday 2 August to Friday 6 August 2027, 9:00 to 15:00 each day.
- £40 per child per day, so £400 in total for both children.
- We send a packed lunch; the club provides snacks and the pool session on Wednesdays.
- Anna drops the children off each morning; Tom collects them at 15:00.

Thanks,
Helen"""


def verdict(text: str) -> str:
    return answer(CLUB, text, ["Owen Hart", "Helen Park"])


@pytest.mark.parametrize(
    "text",
    [
        "All fine: £400 per child.",
        "Agreed. The club provides a packed lunch.",
        "All good: snacks and packed lunch from the club.",
        "Yes. Pool session on Wednesdays, packed lunch from us.",
        "Agreed, Tom drops the children off each morning.",
    ],
)
def test_a_term_moved_is_a_clarification(text: str) -> None:
    assert verdict(text).startswith("clarification:"), verdict(text)


@pytest.mark.parametrize(
    "text",
    [
        "All fine: £40 per child per day, £400 in total.",
        "Agreed, you send a packed lunch and we provide snacks.",
        "Yes, snacks from us and the pool session on Wednesdays.",
        "Agreed: Anna drops them off, Tom collects them at 15:00.",
    ],
)
def test_the_same_terms_in_place_pass(text: str) -> None:
    assert verdict(text).startswith("confirmation:"), verdict(text)


PAYMENTS = """Hi Mike,

- Payments: $2,500 deposit by October 4, $5,000 on Friday, October 15, and the final $2,900 on completion.
- Work starts Monday, October 11.

Thanks,
Laura"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("All fine, $5,000 by October 4.", "clarification"),
        ("All fine, $2,500 on Friday, October 15.", "clarification"),
        ("All fine, $2,500 by October 4.", "confirmation"),
        ("All fine, $5,000 on Friday, October 15.", "confirmation"),
    ],
)
def test_an_amount_paired_with_the_date_of_another_payment(text: str, label: str) -> None:
    result = classify_reply(text, sent_text=PAYMENTS, names=["Mike Ross", "Laura Chen"])
    assert result.label == label, result.reason


KEYS = """Bonjour Julien,

- La remise des clés a lieu le jeudi 1er juillet 2027 à 18h00, l'état des lieux de sortie le mardi 31 août 2027 à 10h00.

Bien à toi,
Camille"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("D'accord, la remise des clés le mardi 31 août à 10h00.", "clarification"),
        ("Ça marche, l'état des lieux de sortie le jeudi 1er juillet.", "clarification"),
        ("D'accord, la remise des clés le jeudi 1er juillet à 18h00.", "confirmation"),
    ],
)
def test_a_term_with_a_date_of_its_own_takes_no_other(text: str, label: str) -> None:
    result = classify_reply(text, sent_text=KEYS, names=["Julien Roy", "Camille Petit"])
    assert result.label == label, result.reason


PAINTING = """Ciao Marco,

- Acconto di 500 € entro il 25 settembre, saldo di 1.660 € a fine lavori, il 6 ottobre.

A presto,
Giulia"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Perfetto, saldo il 25 settembre.", "clarification"),
        ("Perfetto, saldo il 6 ottobre.", "confirmation"),
        ("Perfetto, acconto entro il 25 settembre.", "confirmation"),
    ],
)
def test_a_date_given_on_its_own_after_a_comma_belongs_to_the_term_before(
    text: str, label: str
) -> None:
    assert answer(PAINTING, text, ["Marco Rossi", "Giulia Bianchi"]).startswith(label)


CAR = """Hi Marcus,

- You have the car on weekdays from 7:30 to 18:00; I have it on weekday evenings and at weekends.

Thanks,
Hannah"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Agreed, I have the car on weekends from 7:30 to 18:00.", "clarification"),
        ("Agreed, I have the car on weekdays from 7:30 to 18:00.", "confirmation"),
    ],
)
def test_a_value_stands_in_its_half_of_a_line_split_by_a_semicolon(text: str, label: str) -> None:
    assert answer(CAR, text, ["Marcus Bell", "Hannah Whitfield"]).startswith(label)


def test_a_word_of_both_halves_does_not_chain_them() -> None:
    """ "the children" stands in both halves of the line: "the club gives the children a
    packed lunch" still takes the lunch from the parents' half."""
    summary = (
        "Hi Owen,\n\nHere is what we agreed:\n\n- We send the children with a packed lunch; "
        "the club gives the children snacks at 11:00.\n\nThanks,\nHelen"
    )
    moved = classify_reply(
        "Agreed, the club gives the children a packed lunch.",
        sent_text=summary,
        names=["Owen Hart", "Helen Park"],
    )
    assert moved.label == "clarification", moved.reason
    kept = classify_reply(
        "Agreed, the club gives the children snacks at 11:00.",
        sent_text=summary,
        names=["Owen Hart", "Helen Park"],
    )
    assert kept.label == "confirmation", kept.reason
