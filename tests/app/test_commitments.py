"""Follow-through (SPEC §10) on SQLite and PostgreSQL: commitments and the review date are
part of what is sent and accepted; deliveries are recorded and answered by mail."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from app.outbound.delivery import deliver_all
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
    assert [c["what"] for c in created["data"]["commitments"]] == [
        "Deliver X",
        commitments[1]["what"],
    ]
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


def test_a_revision_carries_the_commitments_or_changes_them_as_a_new_version(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, _ = sent_agreement(client, account, settings, database, **TERMS)
    path = f"/v1/agreements/{agreement['id']}/revise"
    response = client.post(path, json={"summary": "Same, v2."}, headers=account.auth)
    assert response.status_code == 200, response.text
    deliver_all(settings, database)
    carried = detail(client, account, agreement["id"])
    assert carried["version"] == 2
    assert [c["what"] for c in carried["commitments"]] == [
        "Deliver X",
        TERMS["commitments"][1]["what"],
    ]
    assert all(c["version"] == 2 and c["in_summary"] for c in carried["commitments"])
    assert any(e["type"] == "revised" and e["data"]["commitments"] for e in carried["events"])

    changed = {
        "summary": "X by September.",
        "commitments": [{"what": "Deliver X", "due": "2027-09-30"}],
    }
    response = client.post(path, json=changed, headers=account.auth)
    assert response.status_code == 200, response.text
    found = detail(client, account, agreement["id"])
    assert found["version"] == 3
    assert [(c["what"], c["due"][:10]) for c in found["commitments"]] == [
        ("Deliver X", "2027-09-30")
    ]
    assert found["review_at"] is None
    revised = [e for e in found["events"] if e["type"] == "revised"][-1]
    assert revised["data"]["commitments"][0]["due"].startswith("2027-09-30")
    from tests.app.test_revisions import summaries

    deliver_all(settings, database)
    v3 = text_of(summaries(database, agreement["id"])[JOHN])
    assert "Anna Berg: Deliver X (by Thursday, 30 September 2027)" in v3
    assert "semi-annual" not in v3.split("committed to:")[1]


def test_bcc_capture_reads_due_and_review_lines(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    from tests.app.test_capture import user_mail
    from tests.app.test_revisions import receive

    text = (
        "Hi John,\n\nPer our talk: if I deliver the migration plan by June, I get the team lead "
        "role at my semi-annual review.\nDue: 2027-06-30\n"
        "Due (john@example.com): 2027-07-15 - team lead role\nReview: 2027-07-15\n\nAnna\n"
    )
    stored = receive(settings, database, user_mail(text=text, cc=None, authenticated=False))
    assert stored.status == "processed", stored.reason
    listed = client.get("/v1/agreements", headers=account.auth).json()["items"]
    found = detail(client, account, listed[0]["id"])
    assert [(c["by"], c["what"], c["due"][:10], c["in_summary"]) for c in found["commitments"]] == [
        (
            "owner",
            "Per our talk: if I deliver the migration plan by June, I get the team lead role "
            "at my semi-annual review.",
            "2027-06-30",
            True,
        ),
        (JOHN, "team lead role", "2027-07-15", True),
    ]
    assert found["review_at"][:10] == "2027-07-15"


def test_the_owner_adds_dates_afterwards_and_the_record_says_they_were_not_sent(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, _ = sent_agreement(client, account, settings, database)
    path = f"/v1/agreements/{agreement['id']}/commitments"
    response = client.post(
        path,
        json={
            "commitments": [{"what": "Deliver X", "due": "2027-06-30"}],
            "review_at": "2027-07-15",
        },
        headers=account.auth,
    )
    assert response.status_code == 201, response.text
    listed = client.get(path, headers=account.auth).json()
    assert [(c["what"], c["in_summary"], c["status"]) for c in listed["commitments"]] == [
        ("Deliver X", False, "open")
    ]
    assert listed["review_at"][:10] == "2027-07-15"
    added = detail(client, account, agreement["id"])["events"][-1]
    assert added["type"] == "commitments_added"
    assert added["data"]["in_summary"] is False
    again = client.post(path, json={"review_at": "2027-08-01"}, headers=account.auth)
    assert again.status_code == 409
