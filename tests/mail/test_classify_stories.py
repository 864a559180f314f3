"""A story beside a yes: a sentence telling what already happened, about something else than
the deal (``mail.story``), is small talk, however many words, names, days and numbers the reader
cannot place ("We were on the Heath yesterday and he fell asleep by half two").

The attacks are the stories a counterparty could use to change the record: a past claim about
the deal's own things ("I sent the signed forms to Mark last week"), an arrangement reported
("Mark told me on Friday …"), a payment claimed in other words, a question pointing to a
message, a future hidden after a past ("… and we'll do the same on the 12th"), a condition.
Each must stay a clarification; and a story never agrees by itself.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import CHAIRS, answer, chairs, trip

STORIES = [
    "Agreed. We were on Hampstead Heath yesterday and the kids fell asleep in the buggy by half two.",
    "Confirmed. It finally stopped raining this morning, first dry commute in a week 🙌",
    "Sounds good. Arsenal lost on Sunday and I've been sulking ever since.",
    "All correct. Saw Mark at the garden centre on Saturday, looking very tanned.",
    "Agreed! Did you make it home before the storm on Sunday?",
    "Confirmed. Last night we had the heating on for the first time since the spring.",
    "All good. My mum and my sister came over on Saturday afternoon and we had a barbecue.",
]


@pytest.mark.parametrize("text", STORIES)
def test_a_story_beside_an_agreement_is_small_talk(text: str) -> None:
    verdict = trip(text)
    assert verdict.startswith("confirmation"), verdict
    assert "beside it, not read as a change" in verdict


STORIES_ABROAD = {
    "de": "Einverstanden. Der SC Freiburg hat am Samstag endlich mal wieder gewonnen.",
    "fr": "D'accord. Il a fait un temps magnifique ce week-end, on est allés à Pornic samedi.",
    "es": "Perfecto. El domingo estuvimos en la Casa de Campo con la bici y acabé destrozado.",
    "it": "Va bene. Ieri sera siamo andati al cinema con i ragazzi.",
    "nl": "Akkoord. Gisteravond viel om 11 uur hier even de stroom uit.",
    "pl": "Zgoda. Wczoraj Lazio wygrało 3:0, jestem bardzo szczęśliwy.",
    "pt": "Combinado. Ontem fomos à praia com as crianças e choveu a tarde toda.",
}


@pytest.mark.parametrize("lang", sorted(STORIES_ABROAD))
def test_stories_in_the_summarys_language(lang: str) -> None:
    verdict = chairs(lang, STORIES_ABROAD[lang])
    assert verdict.startswith("confirmation"), verdict


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


def test_a_story_in_another_language_than_the_summarys_is_not_read() -> None:
    # the summary's words can only be recognised in its own language: "die Stühle" would pass
    verdict = answer(
        CHAIRS["en"] if "en" in CHAIRS else CHAIRS["de"],
        "Agreed. Yesterday we were at the beach, it was lovely.",
        ["Anna Schmidt"],
    )
    assert verdict.startswith("clarification"), verdict


def test_stories_pass_a_few_at_a_time() -> None:
    stories = " ".join(
        f"On {day} we went to the beach and it rained."
        for day in ("Monday", "Tuesday", "Wednesday", "Thursday")
    )
    assert trip(f"Agreed. {stories}").startswith("clarification")
    three = " ".join(stories.split(". ")[:3])
    assert trip(f"Agreed. {three}").startswith("confirmation")
