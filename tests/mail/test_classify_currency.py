"""An amount restated in another currency is a change, not a restatement.

The summary's "€240" answered with "$240" or "£240" names the same number and another price:
a reader sees it at once, and a counterparty could later say they agreed to dollars. The same
amount in the summary's own currency, written as a word or a code instead of a symbol
("240 euros", "EUR 240", "3.200 euro", "1.400 sterline"), restates it.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import chairs, trip


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, $240 for the bus.",
        "Agreed, £240 for the bus.",
        "Agreed, USD 240 for the bus.",
        "Agreed, 240 USD for the bus.",
        "Agreed, the bus is 240 dollars.",
        "Agreed, the bus is 240 pounds.",
        "Agreed, CHF 240 for the bus.",
        "Agreed, ¥240 for the bus.",
        "Agreed, 240GBP for the bus.",
    ],
)
def test_another_currency_for_the_summarys_amount_is_a_change(text: str) -> None:
    assert trip(text).startswith("clarification: a currency the summary does not have"), trip(text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("it", "Va bene, 3.200 dollari alla consegna."),
        ("it", "Va bene, 3.200 $ alla consegna."),
        ("de", "Passt, 3.200 Franken bei Lieferung."),
        ("de", "Passt, 3.200 CHF bei Lieferung."),
        ("pl", "Zgoda, 3200 € przy dostawie."),
        ("pl", "Zgoda, 3200 euro przy dostawie."),
        ("es", "De acuerdo, 3.200 dólares a la entrega."),
        ("fr", "D'accord, 3 200 £ à la livraison."),
    ],
)
def test_another_currency_is_a_change_in_every_language(lang: str, text: str) -> None:
    verdict = chairs(lang, text)
    assert verdict.startswith("clarification: a currency the summary does not have"), verdict


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, €240 for the bus.",
        "Agreed, 240€ for the bus.",
        "Agreed, 240 euros for the bus.",
        "Agreed, EUR 240 for the bus.",
        "Agreed, 240 EUR for the bus.",
    ],
)
def test_the_summarys_currency_in_other_words_restates_it(text: str) -> None:
    assert trip(text).startswith("confirmation:"), trip(text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("it", "Va bene, 3.200 euro alla consegna."),
        ("de", "Passt, 3.200 Euro bei Lieferung."),
        ("pl", "Zgoda, 3200 zł przy dostawie."),
        ("pl", "Zgoda, 3200 PLN przy dostawie."),
        ("pt", "Combinado, 3.200 euros na entrega."),
    ],
)
def test_the_summarys_currency_as_a_word_restates_it_elsewhere(lang: str, text: str) -> None:
    verdict = chairs(lang, text)
    assert verdict.startswith("confirmation:"), verdict


def test_a_currency_word_away_from_any_amount_is_no_currency() -> None:
    # "pounds" here is a verb of the reply's own, not the amount's currency: read as a word
    verdict = trip("Agreed. The rain pounds the roof but €240 is fine.")
    assert not verdict.startswith("clarification: a currency"), verdict
