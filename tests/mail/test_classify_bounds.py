"""An amount or a date given as a bound or an estimate is no restatement of the summary's.

"Agreed, up to €240 for the bus" caps what the summary fixes; "around €240" and "by 5 June or
so" loosen it; "12 June at the earliest" moves it. Each passed as a confirmation before. Before
a date the same words mean "by" ("bis 12. Juni", "do 12 czerwca") and say nothing new, and a
bound the summary sets itself may be restated in other words.
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply
from tests.mail.summaries import chairs, trip


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, up to €240 for the bus.",
        "Agreed, around €240 for the bus.",
        "Agreed, about €240.",
        "Agreed, €240ish.",
        "Agreed, €240 or less.",
        "Agreed, forms by 5 June or so.",
        "Agreed, the trip is 12 June at the earliest.",
    ],
)
def test_a_bound_or_an_estimate_is_hedged(text: str) -> None:
    assert trip(text).startswith("clarification: hedged"), trip(text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Passt, bis zu 3.200 € bei Lieferung."),
        ("fr", "D'accord, jusqu'à 3 200 €."),
        ("pl", "Zgoda, do 3200 zł."),
        ("es", "De acuerdo, unos 3.200 € a la entrega."),
    ],
)
def test_bounds_in_other_languages(lang: str, text: str) -> None:
    assert chairs(lang, text).startswith("clarification: hedged"), chairs(lang, text)


def test_before_a_date_the_same_words_mean_by() -> None:
    assert chairs("pl", "Zgoda, do 12 czerwca.").startswith("confirmation:")


def test_the_summarys_own_bound_may_be_restated_in_other_words() -> None:
    summary = "Hi Ola,\n\n- Service credits are capped at 30% of the monthly fee.\n\nBest,\nTom"
    result = classify_reply("Confirmed, credits up to 30% of the fee.", sent_text=summary)
    assert result.label == "confirmation", result.reason
