"""A restatement must restate: the summary's values, words and people put together anew are a
new term, even when each of them is the summary's own.

The summary (tests/mail/summaries.py) says the trip is on 12 June, Mark collects the forms by
5 June, the bus costs €240 and is paid by the school, and parents bring a packed lunch. Every
reply below uses only its words, names and numbers, and each changes who does what, when, or
for how much. A counterparty who answers so and later points at the record must find the
owner was alerted.
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply
from tests.mail.summaries import chairs, trip


@pytest.mark.parametrize(
    "text",
    [
        # values moved to another term
        "Agreed: forms by 12 June, trip on 5 June.",
        "Agreed, €240 paid by the parents.",
        "Confirmed, 240 for the bus and 240 for lunch.",
        "Agreed: 12 June, forms by 5 June, €240 by the parents.",
        # a term and its value split by a comma, a full stop or a dash are still one term
        "Agreed: forms, by 12 June.",
        "Agreed. The forms. By 12 June.",
        "Agreed: the forms - 12 June.",
        # people moved to another term
        "Agreed, Mark pays for the bus.",
        "Agreed, Dana collects the forms.",
        "Agreed. Dana pays for the bus.",
        "Agreed, Dana brings a packed lunch.",
        "Agreed, the bus costs €240, paid by Dana.",
        "Agreed, the forms go to Dana.",
        "Agreed, Dana collects the signed forms by 5 June.",
    ],
)
def test_terms_put_together_anew_are_a_change(text: str) -> None:
    assert trip(text).startswith("clarification: differs from the summary"), trip(text)


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, €240 per child for the bus.",
        "Agreed, €240 each.",
        "Agreed, the bus costs €240 each way.",
        "Confirmed: €240 a month.",
        "Confirmed: €240 per week.",
        "Confirmed, €240 twice.",
    ],
)
def test_an_amount_counted_another_way_is_a_change(text: str) -> None:
    verdict = trip(text)
    assert verdict.startswith("clarification: a number the summary has for something else"), verdict


def test_a_multiplied_amount_is_a_change() -> None:
    # "x 2" names a count the summary has nowhere beside the bus
    assert trip("Agreed, €240 x 2 for the bus.").startswith("clarification:")


def test_a_scaled_amount_is_another_amount() -> None:
    verdict = trip("Agreed, €240k for the bus.")
    assert verdict.startswith("clarification: a number or date the summary does not have"), verdict


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Passt: Herr Weber zahlt 3.200 € bei Lieferung."),
        ("fr", "D'accord : 40 chaises le 12 juin, 3 200 € chacune."),
        ("es", "De acuerdo: 3.200 € al mes."),
    ],
)
def test_the_same_holds_in_other_languages(lang: str, text: str) -> None:
    assert chairs(lang, text).startswith("clarification:"), chairs(lang, text)


@pytest.mark.parametrize(
    "text",
    [
        "Agreed: trip on 12 June, forms by 5 June, bus €240 paid by the school, packed lunch.",
        "Agreed, Mark collects the signed forms by 5 June.",
        "Agreed, thanks for the forms Alex!",
        "Confirmed: €240 for the bus.",
        "Confirmed: €240, paid by the school.",
        "Agreed Dana, forms by 5 June.",
        "Agreed: forms, by 5 June.",
        "Yes: trip 12 June, forms 5 June, bus €240.",
        "Confirmed: trip, 12 June; bus, €240.",
        "Confirmed - 12 June, forms, €240 paid by the school.",
    ],
)
def test_terms_restated_as_the_summary_has_them_pass(text: str) -> None:
    assert trip(text).startswith("confirmation:"), trip(text)


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, forms from 5 June.",
        "Agreed, Mark collects the forms after 5 June.",
        "Agreed, the forms starting 5 June.",
    ],
)
def test_a_deadline_restated_as_a_start_is_a_change(text: str) -> None:
    # the summary: "Mark collects the signed forms by 5 June"
    assert trip(text).startswith("clarification:"), trip(text)


def test_a_start_restated_as_a_deadline_is_a_change() -> None:
    summary = "Hi Jan,\n\n- The cleaning starts from 1 July, three times a week.\n\nBest,\nSanne"
    result = classify_reply("Confirmed: cleaning until 1 July.", sent_text=summary)
    assert result.label == "clarification", result.reason


@pytest.mark.parametrize("text", ["Agreed, forms by 5 June.", "Agreed, forms on 5 June."])
def test_a_deadline_restated_as_a_deadline_or_a_day_passes(text: str) -> None:
    assert trip(text).startswith("confirmation:"), trip(text)


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, €240 in cash.",
        "Agreed, €240 by card.",
        "Agreed, €240 in instalments.",
        "Agreed, €240 in two payments.",
        "Agreed, €240 in advance.",
        "Agreed, the bus for €240 both ways.",
        "Agreed, 2 buses.",
    ],
)
def test_how_an_amount_is_paid_or_counted_anew_is_a_change(text: str) -> None:
    assert trip(text).startswith("clarification:"), trip(text)
