"""Suggested commitments (``app.commitments.suggest``): dates found in a summary's words,
English and German, with whose commitment each seems to be. Pure: no database."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.commitments.suggest import suggest
from app.commitments.terms import terms_in_text

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
JOHN = "john@example.com"


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (
            "Per our conversation, if I can deliver X by June, the company will give me Y at "
            "my semi-annual review.",
            [
                ("owner", "deliver X", date(2027, 6, 30), "by June", "commitment"),
                (
                    JOHN,
                    "the company will give me Y at my semi-annual review",
                    None,
                    "at my semi-annual review",
                    "commitment",
                ),
                ("owner", "Review", None, "at my semi-annual review", "review"),
            ],
        ),
        (
            "Wie besprochen: Ich liefere das Konzept bis Ende März, und du gibst mir die "
            "Teamleitung im Mitarbeitergespräch.",
            [
                ("owner", "liefere das Konzept", date(2027, 3, 31), "bis Ende März", "commitment"),
                (
                    JOHN,
                    "gibst mir die Teamleitung im Mitarbeitergespräch",
                    None,
                    "im Mitarbeitergespräch",
                    "commitment",
                ),
                ("owner", "Review", None, "im Mitarbeitergespräch", "review"),
            ],
        ),
        (
            "I will send the draft by 11 December 2026 and you review it until 15 January 2027.",
            [
                (
                    "owner",
                    "send the draft",
                    date(2026, 12, 11),
                    "by 11 December 2026",
                    "commitment",
                ),
                (JOHN, "review it", date(2027, 1, 15), "until 15 January 2027", "commitment"),
            ],
        ),
        ("Thanks for the call, talk soon.", []),
    ],
)
def test_suggestions(summary: str, expected: list[tuple[object, ...]]) -> None:
    found = [
        (s.by, s.what, s.due, s.phrase, s.kind)
        for s in suggest(summary, counterparty=JOHN, now=NOW)
    ]
    assert found == expected


def test_due_and_review_lines_of_a_captured_mail() -> None:
    text = (
        "Hi,\n\nI deliver the plan.\nDue: 2027-06-30\nDue (JOHN@example.com): 2027-07-15 - the raise\n"
        "Due (stranger@example.com): 2027-07-15 - ignored\nReview: 2027-07-15\n"
        "> Due: 2020-01-01 quoted history is not a commitment\n"
    )
    terms = terms_in_text(
        text, title="T", counterparties=[JOHN], tz="Europe/Berlin", day_end="17:00"
    )
    assert [(c.by, c.what, c.due.isoformat() if c.due else None) for c in terms.commitments] == [
        ("owner", "I deliver the plan.", "2027-06-30T15:00:00+00:00"),
        (JOHN, "the raise", "2027-07-15T15:00:00+00:00"),
    ]
    assert (
        terms.review_at is not None and terms.review_at.isoformat() == "2027-07-15T15:00:00+00:00"
    )
    bad = terms_in_text("Due: 2027-02-30", title="T", counterparties=[], tz="UTC", day_end="17:00")
    assert bad.commitments == ()  # an impossible date is left out, the capture goes on
