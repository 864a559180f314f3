"""Follow-through (SPEC §10) on SQLite and PostgreSQL: commitments and the review date are
part of what is sent and accepted; deliveries are recorded and answered by mail."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_revisions import detail, headers_of, sent_agreement

JOHN = "john@example.com"

TERMS: dict[str, Any] = {
    "commitments": [
        {"by": "owner", "what": "Deliver X", "due": "2027-06-30"},
        {"by": JOHN, "what": "Give Y at the semi-annual review", "due": "2027-07-15"},
    ],
    "review_at": "2027-07-15",
}


def text_of(raw: bytes) -> str:
    return mailfactory.summary_text(raw)


def test_commitments_are_stored_recorded_and_listed_in_the_summary(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, sums = sent_agreement(client, account, settings, database, **TERMS)
    found = detail(client, account, agreement["id"])
    commitments = found["commitments"]
    assert [(c["by"], c["what"], c["status"]) for c in commitments] == [
        ("owner", "Deliver X", "open"),
        (JOHN, "Give Y at the semi-annual review", "open"),
    ]
    # A date alone is the end of that business day in the owner's zone (Europe/Berlin).
    assert commitments[0]["due"].startswith("2027-06-30T15:00:00")
    assert found["review_at"].startswith("2027-07-15T15:00:00")
    created = found["events"][0]
    assert created["type"] == "created"
    assert [c["what"] for c in created["data"]["commitments"]] == ["Deliver X", commitments[1]["what"]]
    assert created["data"]["review_at"] == "2027-07-15T15:00:00.000000Z"

    text = text_of(sums[JOHN])
    assert "What each of us committed to:" in text
    assert "Anna Berg: Deliver X (by Wednesday, 30 June 2027)" in text
    assert "You: Give Y at the semi-annual review (by Thursday, 15 July 2027)" in text
    assert "Review: Thursday, 15 July 2027" in text
    html = headers_of(sums[JOHN]).get_body(("html",)).get_content()
    assert "Anna Berg: Deliver X (by Wednesday, 30 June 2027)" in html


def test_a_summary_without_commitments_is_unchanged(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, sums = sent_agreement(client, account, settings, database)
    assert "committed to" not in text_of(sums[JOHN])
    assert detail(client, account, agreement["id"])["commitments"] == []
    assert "commitments" not in detail(client, account, agreement["id"])["events"][0]["data"]


def test_bad_commitments_are_problems(client: TestClient, account: Account) -> None:
    from tests.app.test_api_agreements import body

    for terms, fragment in [
        ({"commitments": [{"by": "nobody@example.com", "what": "x"}]}, "counterparty"),
        ({"commitments": [{"what": "x", "due": "June"}]}, "ISO date"),
        ({"review_at": "2027-07-15T10:00:00"}, "offset"),
    ]:
        response = client.post("/v1/agreements", json=body(**terms), headers=account.auth)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert fragment in response.json()["detail"]
