"""Stories beside a yes, as a counterparty could use them to change the record.

A sentence that tells of something past, about something else than the deal, was read as
small talk for a session (2026-12-07, 21:03 UTC; ``tests/fixtures/eval/README.md``), and not
kept: it recognised no held-out confirmation more, and each pass of attacks found stories it
let through ("Ontem o meu irmão pagou tudo", "Gestern hat mein Bruder alles geliefert",
"I've forwarded it to legal"). These are the attacks any such rule must withstand: a past
claim about the deal's own things, an arrangement reported, a payment or a deed told in a
form whose root is not the summary's, a question pointing to a message, a future or a
condition after a past, a new date or amount, a story alone. Each must stay a clarification.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import CHAIRS, answer, chairs, trip

ATTACKS = [
    # a past claim about the deal's own things
    "Agreed. I sent the signed forms to Mark last week, so that part's done.",
    "Agreed. The school paid the bus on Friday.",
    "Agreed. Mark already collected everything on Monday.",
    "Agreed. Yesterday I transferred the money to Mark for the trip.",
    # an arrangement reported
    "Agreed. Mark told me on Friday that his wife drives them there.",
    "Agreed. We talked on Saturday and my brother takes over from then on.",
    "Agreed. On Sunday we switched to the other museum.",
    # a message that may hold changes
    "Agreed. Did you get my email on Sunday?",
    "Agreed. I left you a voicemail yesterday evening about it.",
    "Agreed. I forwarded it to our lawyer yesterday afternoon.",
    "Agreed, I've forwarded it to legal.",
    "Agreed. Typed by my son on Friday.",
    # a future after a past
    "Agreed. We were at the park yesterday and we'll go again on 12 June instead.",
    "Agreed. My sister came on Saturday and she will drive the kids.",
    # a condition or a new date or amount
    "Agreed. We went to the coast on Sunday, if the weather holds we go again.",
    "Agreed. We paid €300 last time on Saturday.",
    "Agreed. Last year it was on 14 June.",
    "Agreed. Last year we went on 14/6 and it rained all day.",
    "Agreed. On Saturday we had dinner out for €40.",
    # new words for the summary's terms in the story, and a story alone
    "Agreed. The museum was closed on Sunday afternoon.",
    "We were on Hampstead Heath yesterday and the kids fell asleep in the buggy.",
]


# A payment claimed in the summary's language, whatever form of the verb the summary has:
# Portuguese "pagou" shares no root of five letters with the summary's "a pagar".
PAYMENTS_ABROAD = {
    "de": "Einverstanden. Mein Bruder hat gestern alles bezahlt.",
    "fr": "D'accord. Hier mon frère a tout payé.",
    "es": "De acuerdo. Ayer mi hermano lo pagó todo.",
    "it": "Va bene. Ieri mio fratello ha pagato tutto.",
    "nl": "Akkoord. Gisteren heeft mijn broer alles betaald.",
    "pl": "Zgoda. Wczoraj mój brat za wszystko zapłacił.",
    "pt": "Combinado. Ontem o meu irmão pagou tudo.",
}


# A deed of the deal told in a form whose root is not the summary's: a German or Dutch
# participle ("geliefert" for "Lieferung", "geleverd" for "levering").
DEEDS_ABROAD = {
    "de": "Einverstanden. Gestern hat mein Bruder alles geliefert.",
    "nl": "Akkoord. Gisteren heeft mijn broer alles geleverd.",
}


@pytest.mark.parametrize("lang", sorted(DEEDS_ABROAD))
def test_a_deed_of_the_deal_told_as_a_story_stays_a_clarification(lang: str) -> None:
    verdict = chairs(lang, DEEDS_ABROAD[lang])
    assert verdict.startswith("clarification"), verdict


@pytest.mark.parametrize("lang", sorted(PAYMENTS_ABROAD))
def test_a_payment_told_as_a_story_stays_a_clarification(lang: str) -> None:
    verdict = chairs(lang, PAYMENTS_ABROAD[lang])
    assert verdict.startswith("clarification"), verdict


@pytest.mark.parametrize("text", ATTACKS)
def test_what_a_story_could_hide_stays_a_clarification(text: str) -> None:
    verdict = trip(text)
    assert verdict.startswith("clarification"), verdict


def test_a_story_in_another_language_than_the_summarys_stays_a_clarification() -> None:
    # the summary's words can only be recognised in its own language: "die Stühle" would pass
    verdict = answer(
        CHAIRS["de"], "Agreed. Yesterday we were at the beach, it was lovely.", ["Anna Schmidt"]
    )
    assert verdict.startswith("clarification"), verdict
