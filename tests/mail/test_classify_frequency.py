"""How often a term recurs, and whom an amount is for, restated otherwise change it.

"Staff top up the table every hour" for "every half hour", "every Friday" for "every other
Friday", "jeden Freitag" for "jeden zweiten Freitag", "co dwa tygodnie" for "raz w
tygodniu": the words of the term are all the
summary's, only what follows "every" is not. "$45 an hour for the pair" for "$45 per hour
each" shares one rate between two. Each passed as a confirmation before.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

PARTY = """Hi Craig,

Here's what we agreed for the party:

- Two waitstaff at $45 per hour each for the 4 hours of service.
- Staff top up the grazing table every half hour.
- Our chef Liam visits every other Friday in October to plan the menu.
- We send you an update every week until the party.

Cheers,
Mel"""

GARTEN = """Hallo Jonas,

hier ist, was wir vereinbart haben:

- Du gießt die Pflanzen jeden zweiten Freitag, ab dem 2. Juli.
- Wir zahlen dir 20 € pro Besuch.

Viele Grüße
Lea"""

WYMIANA = """Cześć Ola,

ustaliliśmy:

- Spotykamy się raz w tygodniu, w środy od 18:00 do 19:30.
- Salka kosztuje 40 zł.

Pozdrawiam,
Kasia"""


def verdict(summary: str, text: str) -> str:
    return answer(summary, text, ["Mel Carter", "Craig Dunn", "Lea Braun", "Jonas Weber"])


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (PARTY, "Perfect. Staff top up the grazing table every hour."),
        (PARTY, "Agreed, Liam visits every Friday in October."),
        (PARTY, "Sounds good, an update every day until the party."),
        (PARTY, "Agreed. Two waitstaff, $45 an hour for the pair, for the 4 hours."),
        (GARTEN, "Passt, ich gieße die Pflanzen jeden Freitag ab dem 2. Juli."),
        (WYMIANA, "Zgoda, spotykamy się co dwa tygodnie w środy."),
        (WYMIANA, "Zgoda, spotykamy się dwa razy w tygodniu."),
    ],
)
def test_another_frequency_or_share_is_a_clarification(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("clarification:"), verdict(summary, text)


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (PARTY, "Perfect. Staff top up the grazing table every half hour."),
        (PARTY, "Agreed, Liam visits every other Friday in October."),
        (PARTY, "Sounds good, an update every week until the party."),
        (PARTY, "Agreed. Two waitstaff at $45 per hour each."),
        (GARTEN, "Passt, ich gieße die Pflanzen jeden zweiten Freitag ab dem 2. Juli."),
        (WYMIANA, "Zgoda, spotykamy się raz w tygodniu."),
    ],
)
def test_the_same_frequency_passes(summary: str, text: str) -> None:
    assert verdict(summary, text).startswith("confirmation:"), verdict(summary, text)


BUILD = """Hi Aoife,

Here is what we agreed for the job:

- We build a 9-metre wall, 1.8 m high, and pour a 3 m by 4 m concrete base for the shed.
- The job takes 8 working days, starting on Monday 13 September 2027.
- I send you progress photos twice a week, on Tuesdays and Fridays.

All the best,
Declan"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Agreed, progress photos once a week, on Tuesdays.", "clarification"),
        ("Sounds good. The job takes 8 days, starting Monday 13 September.", "clarification"),
        (
            "All good: a 9-metre wall, 1.8 m high, and a 4 m by 4 m base for the shed.",
            "clarification",
        ),
        ("Agreed, progress photos twice a week, on Tuesdays and Fridays.", "confirmation"),
        ("Sounds good. 8 working days from Monday 13 September.", "confirmation"),
        ("All good: a 9-metre wall, 1.8 m high, and a 3 m by 4 m base.", "confirmation"),
    ],
)
def test_how_often_how_long_and_how_big(text: str, label: str) -> None:
    """ "Once a week" for "twice a week", "8 days" for "8 working days", "4 m by 4 m" for "3 m
    by 4 m" each passed as a confirmation before."""
    result = answer(BUILD, text, ["Declan Murphy", "Aoife Byrne"])
    assert result.startswith(label), result


HUND = """Hallo Frau Vogel,

hier ist, was wir vereinbart haben:

- Ihr Mann Florian bringt Bruno am Samstag, 7. August, um 9:00 Uhr.
- Ich gehe dreimal täglich mit Bruno Gassi.
- Sie holen Bruno am Sonntag, 15. August, zwischen 17 und 19 Uhr ab.

Viele Grüße
Jonas"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Einverstanden. Sie gehen zweimal täglich mit Bruno Gassi.", "clarification"),
        ("Passt alles. Florian holt Bruno am Sonntag ab.", "clarification"),
        ("Einverstanden. Sie gehen dreimal täglich mit Bruno Gassi.", "confirmation"),
        ("Passt alles. Florian bringt Bruno am Samstag um 9:00 Uhr.", "confirmation"),
    ],
)
def test_a_count_a_day_and_a_person_moved_through_a_name_everywhere(text: str, label: str) -> None:
    """ "zweimal täglich" for "dreimal täglich"; "Florian holt Bruno am Sonntag ab" moves the
    pickup to Florian, though "Bruno" stands in every line and chained the two before."""
    result = answer(HUND, text, ["Jonas Albrecht", "Katrin Vogel"])
    assert result.startswith(label), result
