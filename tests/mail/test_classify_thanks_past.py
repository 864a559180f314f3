"""classify_reply: thanks for something past, said with when it was, or for more (issue 19e).

"Thanks for the tour this morning", "obrigado pela reunião de ontem": a time of the past in the
object of a thanks says when the thing thanked for happened, as it does next to a word for the
conversation ("what we discussed this morning"). It is read so only after a word of thanks and
"for" in the same clause, and never for a weekday or "today", which may be a term's day. Every
example was written for this file; none is copied from the evaluation corpora.

A clause that goes on with what the thanks before it are for (", and for the cup of tea", ",
and for being so patient") is small talk as the thanks are, when it opens so and names a
thing or an English "-ing" in at most three words not understood.
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply
from tests.mail.summaries import CHAIRS, NAMES, TRIP

VISIT = """Hi Sam,

Thanks for the visit this morning. Here is what we agreed:

- Sam rents the studio from 1 July to 31 August.
- The rent is €600 a month, paid on the first of each month.
- The keys are handed over on 30 June in the afternoon.

Best,
Jo"""
VISITA = """Olá Sam,

Obrigada pela reunião de ontem. Segue o que combinámos:

- O Sam arrenda o estúdio de 1 de julho a 31 de agosto.
- A renda é de 600 € por mês.
- As chaves são entregues a 30 de junho.

Abraço,
Jo"""


def _visit(text: str, summary: str = VISIT) -> str:
    result = classify_reply(text, sent_text=summary, names=["Sam Lee", "Jo Park"])
    return f"{result.label}: {result.reason}"


# The attacks first: a time beside thanks that sets when a term happens, or thanks that carry
# a change.
@pytest.mark.parametrize(
    "text",
    [
        "Agreed. Thanks, keys this afternoon then.",
        "Confirmed. Thanks, the handover is this morning instead.",
        "Confirmed. Thanks for the visit on Friday.",
        "Confirmed. Thanks for the visit today, rent from 1 June.",
        "Agreed. Thanks for the visit yesterday, my brother moves in too.",
        "Agreed. Thanks for agreeing yesterday that my brother pays the rent.",
        "Confirmed. Thanks for moving the handover to this morning.",
        "Agreed, thanks for the visit this morning. Can we do 29 June?",
        "Confirmed. Thanks for the rent this morning.",
        "Confirmed. This morning thanks for the keys.",
        "Agreed. Thanks for the coffee and we start this afternoon.",
        "Agreed. Thanks for the coffee and the handover this afternoon.",
        "Agreed. Thanks for the tip and we come this afternoon.",
    ],
)
def test_thanks_with_a_change_stays_a_clarification(text: str) -> None:
    assert _visit(text).startswith("clarification"), _visit(text)


@pytest.mark.parametrize(
    "text",
    [
        "Confirmada. Obrigado, as chaves ontem então.",
        "Confirmada. Obrigado pela reunião de ontem, o meu irmão também vem.",
        "Combinado. Obrigado pela reunião de ontem e pelas chaves a 29 de junho.",
    ],
)
def test_thanks_with_a_change_stays_a_clarification_pt(text: str) -> None:
    assert _visit(text, VISITA).startswith("clarification"), _visit(text, VISITA)


@pytest.mark.parametrize(
    "text",
    [
        "All good, thanks for the tour this morning.",
        "Confirmed. Thanks again for the coffee this morning.",
        "Agreed, and thank you for the visit this morning.",
    ],
)
def test_thanks_for_something_past_passes(text: str) -> None:
    assert _visit(text).startswith("confirmation"), _visit(text)


def test_thanks_for_something_past_passes_pt() -> None:
    text = "Tudo certo. Obrigado mais uma vez pela reunião de ontem e pelo café."
    assert _visit(text, VISITA).startswith("confirmation"), _visit(text, VISITA)


@pytest.mark.parametrize(
    "text",
    [
        "Agreed. Thanks for the visit, and for safety wear helmets.",
        "Agreed. Thanks for the visit, and for the record my husband pays.",
        "Agreed. Thanks for the visit, and for Friday we need two sets of keys.",
        "Agreed. Thanks for the visit, and for the keys bring €5.",
        "Agreed. Thanks for the visit, and for the spare set of bike keys by the door.",
        "Agreed. Thanks for the visit, and for letting my brother stay.",
    ],
)
def test_going_on_with_thanks_with_a_change_stays_a_clarification(text: str) -> None:
    assert _visit(text).startswith("clarification"), _visit(text)


@pytest.mark.parametrize(
    "text",
    [
        "Agreed. Thanks for the visit, and for the cup of tea.",
        "Confirmed. Thanks for organising, and for being so patient.",
    ],
)
def test_going_on_with_thanks_passes(text: str) -> None:
    assert _visit(text).startswith("confirmation"), _visit(text)


# Thanks for a deed with an object of its own may be a new arrangement (this closes a gap the
# small-talk rule of issue 19d left open: "Agreed, thanks for covering the fuel" passed).
@pytest.mark.parametrize(
    "text",
    [
        "Agreed, thanks for covering the fuel.",
        "Agreed. Thanks for driving the kids there.",
        "Agreed. Thanks for the call, and for covering the fuel.",
    ],
)
def test_thanks_for_a_new_deed_stays_a_clarification(text: str) -> None:
    result = classify_reply(text, sent_text=TRIP, names=NAMES)
    assert result.label == "clarification", result.reason


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("es", "De acuerdo, gracias por cubrir la gasolina."),
        ("it", "Va bene, grazie per coprire la benzina."),
        ("fr", "D'accord, merci de payer le carburant."),
        ("de", "Passt, danke dass du das Benzin übernimmst."),
    ],
)
def test_thanks_for_a_new_deed_stays_a_clarification_elsewhere(lang: str, text: str) -> None:
    result = classify_reply(text, sent_text=CHAIRS[lang], names=["Anna Schmidt"])
    assert result.label == "clarification", result.reason


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Agreed, thanks for putting this together."),
        ("en", "Agreed. Thanks for sorting this so quickly."),
        ("es", "De acuerdo, gracias por organizar todo."),
        ("es", "De acuerdo, gracias por enviarme el resumen."),
    ],
)
def test_thanks_for_the_summary_itself_passes(lang: str, text: str) -> None:
    summary = TRIP if lang == "en" else CHAIRS[lang]
    result = classify_reply(text, sent_text=summary, names=[*NAMES, "Anna Schmidt"])
    assert result.label == "confirmation", result.reason
