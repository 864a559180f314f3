"""A weekday said with a date must fall on it: "à samedi 10 mai" where the summary has
"samedi 10 avril" and "10 mai" (a Monday) moves the handover by a month while both the day
and the date are the summary's (found by a red team that read the code). The year is the
summary's own, written or, where none is, every year in which its weekdays fall on its dates.
"""

from __future__ import annotations

import pytest

from tests.mail.summaries import answer

VELO = """Bonjour Claire,

Voici ce que nous avons convenu :

- Je te vends ma remorque pour 900 €.
- Tu paies 500 € à la remise le samedi 10 avril 2027, puis 400 € au plus tard le 10 mai 2027.

Bonne soirée,
Julien"""

NO_YEAR = """Hi Sam,

Here is what we agreed:

- You drop off Biscuit on Saturday 20 February at 10:00.
- You pick him up on Saturday 27 February by 18:00 and pay the £150 fee by 1 March.

Thanks,
Priya"""

NAMES = ["Claire Martin", "Julien Petit", "Sam Lee", "Priya Shah"]


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (VELO, "Parfait, à samedi 10 mai !"),
        (VELO, "Parfait, rendez-vous samedi 10 mai."),
        (NO_YEAR, "Sounds good, see you Saturday 1 March."),
        (NO_YEAR, "Perfect, see you on Saturday, March 1."),
    ],
)
def test_a_weekday_that_does_not_fall_on_its_date_is_a_clarification(
    summary: str, text: str
) -> None:
    assert answer(summary, text, NAMES).startswith("clarification: "), text


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (VELO, "Parfait, à samedi 10 avril !"),
        (VELO, "Parfait, à samedi !"),
        (NO_YEAR, "Sounds good, see you Saturday 20 February at 10:00."),
        (NO_YEAR, "Perfect, see you Saturday the 27th of February."),
        (NO_YEAR, "Sounds good, see you Saturday, February 20."),
    ],
)
def test_a_weekday_on_its_date_stays_a_confirmation(summary: str, text: str) -> None:
    assert answer(summary, text, NAMES).startswith("confirmation: "), text


CHILDCARE = """Hi Tom,

- You look after Mia and Leo on Tuesdays and Thursdays from 15:00 to 18:30.
- The rate is £14 an hour, paid every Friday by bank transfer.

Anna"""


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the days of one clause name one term: Friday is the pay day's (red team round 4)
        ("Agreed, Tuesdays and Fridays.", "clarification"),
        ("Agreed, Tuesdays and Thursdays.", "confirmation"),
        ("Agreed, Tuesdays and Thursdays, paid every Friday.", "confirmation"),
    ],
)
def test_days_listed_together_belong_to_one_term(text: str, label: str) -> None:
    result = answer(CHILDCARE, text, ["Tom Reed", "Anna Berg"])
    assert result.startswith(label), result
