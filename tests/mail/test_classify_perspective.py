"""The reply speaks from the other side of the summary: its "I" and "we" are the summary's
"you", its "you" the summary's "we". A term restated with the pronouns of the wrong side
hands it over: "Agreed, I pay the deposit" for the owner's "We pay the deposit". Each of
these passed as a confirmation before.
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply
from tests.mail.summaries import answer

SUBLET = """Hi Ola,

- We pay the €600 deposit by 1 February.
- You collect the keys from Mark on 3 February.
- Wir zahlen die Reinigung am 28. Februar.

Best,
Tom"""


def verdict(text: str) -> str:
    result = classify_reply(text, sent_text=SUBLET, names=["Ola Nordmann", "Tom Berg"])
    return f"{result.label}: {result.reason}"


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, I pay the deposit by 1 February.",
        "Agreed, we pay the deposit by 1 February.",
        "Agreed, you collect the keys on 3 February.",
        "Einverstanden, ich zahle die Reinigung am 28. Februar.",
    ],
)
def test_a_term_handed_to_the_other_side_is_a_change(text: str) -> None:
    assert verdict(text).startswith("clarification: differs from the summary"), verdict(text)


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, I collect the keys on 3 February.",
        "Agreed, we collect the keys from Mark on 3 February.",
        "I confirm, the deposit by 1 February.",
        "Agreed, thank you for the deposit.",
        "Agreed, as we discussed: the keys on 3 February.",
    ],
)
def test_a_term_restated_from_the_writers_side_passes(text: str) -> None:
    assert verdict(text).startswith("confirmation:"), verdict(text)


CONCERT = """Dear Rachel,

- Ian pays the deposit and brings the balance on the night, and Sofia runs the ticket desk.
- You keep the spare key and the parking permit; I keep the main key.

Best,
Gwen"""


@pytest.mark.parametrize(
    "text",
    [
        "That's all fine. Sofia brings the balance on the night.",
        "That's all fine. Ian runs the ticket desk.",
        "Yep all fine. I keep the main key.",
        "Yep all fine. You keep the spare key and the parking permit.",
    ],
)
def test_who_does_a_term_is_read_in_its_clause_of_the_summary(text: str) -> None:
    result = classify_reply(text, sent_text=CONCERT, names=["Rachel Stone", "Gwen Hill"])
    assert result.label == "clarification", result.reason


@pytest.mark.parametrize(
    "text",
    [
        "That's all fine. Ian brings the balance on the night.",
        "Yep all fine. I keep the spare key, you keep the main key.",
        "Yep all fine, I'll expect the spare key.",
        "All good, thank you. You keep the main key.",
    ],
)
def test_the_same_terms_in_their_clauses_pass(text: str) -> None:
    result = classify_reply(text, sent_text=CONCERT, names=["Rachel Stone", "Gwen Hill"])
    assert result.label == "confirmation", result.reason


GARDEN = """Hallo Matthias,

danke für das Gespräch am Sonntag. Hier ist, was wir vereinbart haben:

- Die Jahrespacht von 380 € teilen wir: Du zahlst 40 %, also 152 €, ich den Rest. Du überweist deinen Anteil vor dem 15. März an mich.
- Ich gieße samstags und sonntags bis 9:00.

Viele Grüße
Jana"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Alles klar. Du überweist mir deinen Anteil vor dem 15. März.", "clarification"),
        ("Alles klar. Ich überweise dir meinen Anteil vor dem 15. März.", "confirmation"),
        ("Alles klar, du gießt samstags und sonntags bis 9:00.", "confirmation"),
        ("Alles klar, ich gieße samstags und sonntags bis 9:00.", "clarification"),
    ],
)
def test_pronouns_of_the_summarys_language(text: str, label: str) -> None:
    """German "du" is read as a pronoun where the summary and the reply are German (French
    "du" is "of the", so it is no pronoun elsewhere)."""
    result = classify_reply(text, sent_text=GARDEN, names=["Matthias Koch", "Jana Wolf"])
    assert result.label == label, result.reason


KITCHEN = """Hi Mike,

- Your crew removes the old cabinets and installs the new ones from Monday 8 November.
- Dan clears the kitchen and the garage by Saturday 6 November.

Thanks,
Laura"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Agreed. We clear the kitchen by Saturday 6 November.", "clarification"),
        ("Agreed, I clear the kitchen and the garage by 6 November.", "clarification"),
        ("Agreed, Dan clears the kitchen by 6 November.", "confirmation"),
        ("Agreed, we install the new cabinets from Monday 8 November.", "confirmation"),
    ],
)
def test_a_third_persons_term_taken_by_the_writer(text: str, label: str) -> None:
    """The summary gives the kitchen to Dan, neither the writer nor the owner: the
    contractor's "we clear the kitchen" takes it over."""
    result = classify_reply(text, sent_text=KITCHEN, names=["Mike Ross", "Laura Chen"])
    assert result.label == label, result.reason


TRANSLATION = """Olá Rui,

- Eu envio-te o ficheiro de origem hoje até às 18:00.
- Entregas a primeira metade até 10 de maio.

Um abraço,
Beatriz"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Combinado. Envio-te o ficheiro de origem hoje até às 18:00.", "clarification"),
        ("Combinado. Envias-me o ficheiro de origem hoje até às 18:00.", "confirmation"),
    ],
)
def test_a_portuguese_verb_says_its_person(text: str, label: str) -> None:
    """ "Envio-te" is "I send you": the owner's task, taken by the counterparty."""
    result = classify_reply(text, sent_text=TRANSLATION, names=["Rui Mendes", "Beatriz Almeida"])
    assert result.label == label, result.reason


YARD = """Hi Tom,

Here is what we agreed about Biscuit's livery:

- My groom Nadia holds Biscuit for the farrier every six weeks, and my son Owen does the worming.
- Our vet Dr Shah checks him on Monday 3 May at 9:00.
- You pay £95 a week by the 1st of each month.

Thanks,
Fiona"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Perfect. I'll hold Biscuit for the farrier myself every six weeks.", "clarification"),
        ("Agreed, we do the worming.", "clarification"),
        ("All fine. I check him on Monday 3 May at 9:00.", "clarification"),
        ("Perfect. Nadia holds Biscuit for the farrier every six weeks.", "confirmation"),
        ("Agreed, Owen does the worming and I pay £95 a week.", "confirmation"),
    ],
)
def test_a_named_doer_after_a_role_keeps_the_term(text: str, label: str) -> None:
    """ "My groom Nadia holds …": Nadia does the term, though her role comes before her name."""
    result = answer(YARD, text, ["Fiona Hale", "Tom Price"])
    assert result.startswith(label), result
