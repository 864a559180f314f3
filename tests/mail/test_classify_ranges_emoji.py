"""classify_reply: the days of a range in the summary, and emoji that only decorate.

"6-7 March" in the summary gives both days their month, so "from 6 March" restates it. A
picture of a thing (🚗, 🐾, 🌧) beside an agreement says nothing; faces, hands, signs,
clocks, calendars and money may doubt, refuse or name a term, and stay unread. Every example
was written for this file; none is copied from the evaluation corpora.
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply

SUMMARY = """Hi Sam,

Here is what we agreed for the car:

- Weekends alternate, starting with you on 6-7 March.
- You pay £145 on the 1st of each month.

Best,
Chloe"""
NAMES = ["Sam Reid", "Chloe Hart"]


def _label(text: str) -> str:
    return classify_reply(text, sent_text=SUMMARY, names=NAMES).label


@pytest.mark.parametrize(
    "text",
    [
        "Confirmed - weekends alternate from 6 March.",
        "Confirmed, 6-7 March.",
        "Confirmed 🚗",
        "🐾✅",
        "All correct! 🌧️",
    ],
)
def test_confirmations(text: str) -> None:
    assert _label(text) == "confirmation"


@pytest.mark.parametrize(
    "text",
    [
        "Confirmed - weekends alternate from 8 March.",
        "Confirmed, 6-8 March.",
        "Confirmed 🤔",
        "Confirmed 👎",
        "Confirmed 💰",
        "Confirmed 📅",
        "Confirmed 🚫",
        "Confirmed 🤷",  # a shrug
        "🚗",
    ],
)
def test_clarifications(text: str) -> None:
    assert _label(text) == "clarification"
