"""Terms of one line of the summary, recombined: values swapped between its parts, a date
written the American way split by its comma, a rate counted twice, a dollar of another
country, the same amount again. Each passed as a confirmation before.

The summary is written for these tests; none of it is copied from the evaluation corpora.
"""

from __future__ import annotations

import pytest

from mail.classify import classify_reply

KITCHEN = """Hi Mike,

Here is what we agreed for the bathroom at 12 Oak Lane:

- Work starts Monday, March 8 and is finished by Friday, March 19, 2027.
- Total $9,600: labor $6,100 and materials $3,500.
- $2,000 deposit on March 1 and the remaining $7,600 on completion.
- Nora lets the crew in from 8:00 am; Ben clears the room by Sunday, March 7.
- Tiles at $45 per square meter, 20 square meters, inside the materials figure.

Thanks,
Laura"""


def verdict(text: str) -> str:
    result = classify_reply(text, sent_text=KITCHEN, names=["Mike Ross", "Laura Chen"])
    return f"{result.label}: {result.reason}"


@pytest.mark.parametrize(
    "text",
    [
        # values swapped between the two parts of one line
        "All good. Labor $3,500 and materials $6,100.",
        "Sounds right: $7,600 deposit on March 1, the rest on completion.",
        # a date the American way, split from its term by its comma
        "Confirmed. Nora lets the crew in from 8:00 am on Friday, March 19.",
        # counted by one more thing than the summary counts it by
        "Fine by me: tiles at $45 per square meter per day.",
        # a total read as a rate
        "Agreed, $9,600 per week.",
        # the dollar of another country
        "Confirmed, 9,600 CAD in total.",
        # the same amount again
        "Agreed: $2,000 on March 1 and the same again on completion.",
    ],
)
def test_terms_of_one_line_recombined_are_a_change(text: str) -> None:
    assert verdict(text).startswith("clarification:"), verdict(text)


@pytest.mark.parametrize(
    "text",
    [
        "All good. Labor $6,100 and materials $3,500, $9,600 total.",
        "Confirmed: $2,000 deposit on March 1, $7,600 on completion.",
        "Confirmed. Nora lets the crew in from 8:00 am.",
        "Fine by me: tiles at $45 per square meter.",
        "Confirmed, USD 9,600 in total.",
        "Yes: start Monday, March 8, done by Friday, March 19.",
    ],
)
def test_the_same_terms_restated_pass(text: str) -> None:
    assert verdict(text).startswith("confirmation:"), verdict(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Confirmed: Nora lets the crew in from 8:00 pm.", "clarification"),
        ("Confirmed: Nora lets the crew in from 8 p.m.", "clarification"),
        ("Confirmed: Nora lets the crew in from 8am.", "confirmation"),
        ("Confirmed: Nora lets the crew in from 8:00.", "confirmation"),
    ],
)
def test_the_half_of_the_day_is_part_of_a_time(text: str, label: str) -> None:
    # the summary: "Nora lets the crew in from 8:00 am"
    assert verdict(text).startswith(f"{label}:"), verdict(text)


def test_a_start_moved_to_the_finish_date_written_the_american_way() -> None:
    """ "starting Friday, March 19" for "starts Monday, March 8 and is finished by Friday,
    March 19": the side word stands before the weekday, its comma and the month."""
    assert verdict("Agreed, work starts Friday, March 19.").startswith("clarification:")
    assert verdict("Agreed, work starts Monday, March 8.").startswith("confirmation:")


def test_a_label_after_a_colon_names_the_next_value() -> None:
    """ "Total $9,600: labor $6,100": "$9,600 labor" takes the total for the labor."""
    assert verdict("All good, $9,600 labor.").startswith("clarification:")
    assert verdict("All good, $9,600 in total.").startswith("confirmation:")
