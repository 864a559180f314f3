"""A value bound to the words beside it, whichever comes first; "we have" as possession.

Against a concert summary, each of these passed as a confirmation before: a time moved from
one part of a line to the other ("runs from 19:30 to 22:30", where 22:30 is when the choir is
out of the building), an amount moved to the other payment ("£100 deposit on the night"), a
percentage of something the summary does not share out ("15% of the profit"), "£380 all in",
and the church answering "we have the nave", which is the choir's.

The summary is written for these tests; none of it is copied from the evaluation corpora.
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply
from tests.mail.summaries import answer

CONCERT = """Dear Rachel,

Here is what we agreed for the spring concert on Saturday 17 April 2027:

- We have the nave and the side chapel from 14:00 for setting up. The concert runs from 19:30 to 21:30, and we are out of the building by 22:30.
- The hire fee is £380. We pay a £100 deposit by Friday 26 March, and the remaining £280 on the night, after the concert.
- You keep 15% of the ticket sales for the church roof fund. Tickets are £12, under-16s free.
- Ian pays the deposit and brings the balance on the night.

With best wishes,
Gwen"""


def verdict(text: str) -> str:
    return answer(CONCERT, text, ["Gwen Harris", "Rachel Moss"])


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, the concert runs from 19:30 to 22:30.",
        "Agreed: £100 deposit on the night.",
        "Perfect, 15% of the profit.",
        "Perfect, 15% of the bar takings.",
        "Agreed, £380 all in.",
        "Agreed, the remaining £280 by Friday 26 March.",
        "Agreed, we have the nave from 14:00.",
    ],
)
def test_a_value_or_a_possession_moved_is_a_clarification(text: str) -> None:
    assert verdict(text).startswith("clarification:"), verdict(text)


@pytest.mark.parametrize(
    "text",
    [
        "Agreed, the concert runs from 19:30 to 21:30.",
        "Agreed: £100 deposit by Friday 26 March, the remaining £280 on the night.",
        "Perfect, 15% of the ticket sales for the roof fund.",
        "Agreed, the hire fee is £380.",
        "Agreed, you have the nave from 14:00.",
        "Agreed, we have read it and the concert runs from 19:30.",
    ],
)
def test_the_same_values_in_their_places_pass(text: str) -> None:
    assert verdict(text).startswith("confirmation:"), verdict(text)


def test_a_part_that_goes_on_with_the_same_subject_binds_it() -> None:
    """ "die Kaution beträgt 500 € und wird bis zum 15. Juni überwiesen": the deposit is what
    is transferred by 15 June, though the "und" splits the line in two parts."""
    summary = (
        "Hallo Lea,\n\n- Miete 850 € pro Monat warm; die Kaution beträgt 500 € und wird bis "
        "zum 15. Juni überwiesen.\n- Schlüsselübergabe am 30. Juni um 18 Uhr.\n\nJonas"
    )
    reply = "Einverstanden. Die Kaution überweise ich bis zum 15. Juni, wie besprochen."
    result = classify_reply(reply, sent_text=summary, names=["Lea Braun", "Jonas Weber"])
    assert result.label == "confirmation", result.reason
    swapped = "Einverstanden. Die Miete überweise ich bis zum 15. Juni."
    result = classify_reply(swapped, sent_text=summary, names=["Lea Braun", "Jonas Weber"])
    assert result.label == "clarification", result.reason


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Agreed, setting up from 14:00 on Friday.", "clarification"),
        ("Agreed, the £100 deposit by Friday.", "confirmation"),
    ],
)
def test_a_weekday_is_a_value_of_its_term(text: str, label: str) -> None:
    assert verdict(text).startswith(label), verdict(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Agreed, the church keeps the ticket sales.", "clarification"),
        ("Agreed, you keep the ticket sales for the roof fund.", "clarification"),
        ("Agreed, 15% of the ticket sales for the roof fund.", "confirmation"),
        ("Agreed, tickets are £12.", "confirmation"),
    ],
)
def test_a_share_dropped_gives_the_whole(text: str, label: str) -> None:
    """ "You keep 15% of the ticket sales": the ticket sales without the 15% are all of them."""
    assert verdict(text).startswith(label), verdict(text)


def test_a_words_own_value_is_looked_for_in_the_line_of_the_value() -> None:
    """ "hours" stands in two lines; only the one with £3,200 says whether £3,200 is its."""
    summary = (
        "Hi Tom,\n\n- 10 hours per month of advisory time, at a fixed £3,200 per month.\n"
        "- Additional hours at £290 per hour, with your written approval first.\n\nRachel"
    )
    assert answer(summary, "Confirmed: 10 hours at £3,200 a month.").startswith("confirmation")
