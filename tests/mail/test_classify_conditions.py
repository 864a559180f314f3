"""A term the summary grants only with a proviso or an exception, restated without it, is
no longer the same term: "the deposit comes back on 9 July" for "…, unless there is damage".
Each of these passed as a confirmation before. A bare "if" is no proviso: "if I deliver X by
June, I get Y" is restated as "X by June, Y" without dropping anything.
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply

BOAT = """Hola Andrés:

- 450 € por día, 900 € en total por los dos días.
- Fianza de 500 €, que se devuelve el 9 de julio salvo que haya daños.
- The €60 cleaning fee is waived unless the boat is left dirty.

Un saludo,
Lucía"""

REVIEW = """Hi Daniel,

If I deliver the dashboard to all four teams by 30 June, you put me forward for Senior
Analyst at £62,000 from 1 October.

Best,
Priya"""


@pytest.mark.parametrize(
    "text",
    [
        "Perfecto, la fianza de 500 € se devuelve el 9 de julio.",
        "Agreed, the €60 cleaning fee is waived.",
    ],
)
def test_a_term_restated_without_its_proviso_is_a_change(text: str) -> None:
    result = classify_reply(text, sent_text=BOAT)
    assert result.label == "clarification", result.reason


def test_a_conditional_agreement_restated_as_its_terms_passes() -> None:
    text = "Yes: dashboard to all four teams by 30 June, Senior Analyst at £62,000 from 1 October."
    result = classify_reply(text, sent_text=REVIEW)
    assert result.label == "confirmation", result.reason


def test_a_term_without_a_proviso_restated_passes() -> None:
    text = "Perfecto: 450 € por día, 900 € en total por los dos días."
    result = classify_reply(text, sent_text=BOAT)
    assert result.label == "confirmation", result.reason


SHIRTS = """Hoi Bram,

- Als er fouten in de bedrukking zitten, drukken jullie die shirts binnen een week opnieuw, zonder kosten.
- Internet et électricité sont inclus jusqu'à 40 € par mois ; au-delà, tu paies 50 % du dépassement.
- If the heating has to be on, we pay an extra £40.

Groet,
Sanne"""


@pytest.mark.parametrize(
    "text",
    [
        "Akkoord, we drukken de shirts binnen een week opnieuw, zonder kosten.",
        "Parfait. Internet et électricité inclus, c'est top.",
        "Agreed, we pay an extra £40.",
    ],
)
def test_what_follows_an_if_restated_without_the_if_drops_it(text: str) -> None:
    """Only the consequence of "if X, Y" restated: Y now holds whatever happens. "Up to" is
    a proviso of the same kind: beyond it the term is another."""
    result = classify_reply(text, sent_text=SHIRTS)
    assert result.label == "clarification", result.reason


@pytest.mark.parametrize(
    "text",
    [
        "Parfait, internet et électricité inclus jusqu'à 40 € par mois.",
        "Parfait, au-delà de 40 € par mois, je paie 50 % du dépassement.",
    ],
)
def test_the_bound_restated_with_what_follows_passes(text: str) -> None:
    result = classify_reply(text, sent_text=SHIRTS)
    assert result.label == "confirmation", result.reason
