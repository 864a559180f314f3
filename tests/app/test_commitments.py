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
    assert client.post(path, json={}, headers=account.auth).status_code == 422


# Delivery ---------------------------------------------------------------------------------------


def outbox_of(database: Database, agreement_id: str, kind: str) -> list[tuple[str, bytes]]:
    from sqlalchemy import select

    from app.models import OutboxEntry, StoredMessage

    with database.transaction() as session:
        rows = session.execute(
            select(OutboxEntry.recipients, StoredMessage.raw)
            .join(StoredMessage, StoredMessage.id == OutboxEntry.message_row_id)
            .where(OutboxEntry.agreement_id == agreement_id, OutboxEntry.kind == kind)
            .order_by(OutboxEntry.id)
        ).all()
        return [(r[0][0], r[1]) for r in rows]


def delivered(
    client: TestClient, account: Account, agreement_id: str, **body: Any
) -> dict[str, Any]:
    commitments = client.get(
        f"/v1/agreements/{agreement_id}/commitments", headers=account.auth
    ).json()["commitments"]
    mine = next(c for c in commitments if c["by"] == "owner")
    response = client.post(
        f"/v1/agreements/{agreement_id}/commitments/{mine['id']}/deliver",
        json=body,
        headers=account.auth,
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def test_delivery_is_an_event_and_the_notice_threads_to_the_summary(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    from tests.app.test_revisions import receive

    agreement, sums = sent_agreement(client, account, settings, database, **TERMS)
    receive(settings, database, mailfactory.reply(sums[JOHN], "Confirmed."))
    result = delivered(client, account, agreement["id"], note="Report sent on 1 June", notify=True)
    assert result["status"] == "delivered" and result["note"] == "Report sent on 1 June"
    event = detail(client, account, agreement["id"])["events"][-1]
    assert event["type"] == "commitment_delivered"
    assert event["data"]["commitment"] == result["id"]
    assert event["data"]["notified"] == [JOHN]

    deliver_all(settings, database)
    [(to, raw)] = outbox_of(database, agreement["id"], "delivery_notice")
    summary = headers_of(sums[JOHN])
    notice = headers_of(raw)
    assert to == JOHN
    assert notice["In-Reply-To"] == summary["Message-ID"]
    assert summary["Message-ID"] in notice["References"]
    assert agreement["ref"] in notice["Subject"]
    assert notice["Reply-To"] == summary["Reply-To"]  # the counterparty's own token
    text = text_of(raw)
    assert "Deliver X" in text and "Report sent on 1 June" in text
    assert "You confirmed it on" in text
    assert "What is now due in return:" in text
    assert "Give Y at the semi-annual review (by Thursday, 15 July 2027)" in text
    assert "The review: Thursday, 15 July 2027" in text

    again = client.post(
        f"/v1/agreements/{agreement['id']}/commitments/{result['id']}/deliver",
        json={"note": "again"},
        headers=account.auth,
    )
    assert again.status_code == 409


def test_replies_to_the_notice_acknowledge_or_dispute_through_the_pipeline(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    from tests.app.test_revisions import receive

    agreement, _ = sent_agreement(client, account, settings, database, **TERMS)
    result = delivered(client, account, agreement["id"], note="Done", notify=True)
    deliver_all(settings, database)
    [(_, notice)] = outbox_of(database, agreement["id"], "delivery_notice")

    stored = receive(settings, database, mailfactory.reply(notice, "Great work, confirmed"))
    assert stored.status == "processed", stored.reason
    found = detail(client, account, agreement["id"])
    mine = next(c for c in found["commitments"] if c["id"] == result["id"])
    assert mine["status"] == "acknowledged", found["events"][-1]["data"]
    assert mine["answers"] == {JOHN: "ack"}
    event = found["events"][-1]
    assert event["type"] == "commitment_acknowledged"
    assert event["counterparty"] == JOHN and event["message_id"] == stored.message_id
    # The counterparty's answer to the summary itself did not move.
    assert found["counterparties"][0]["status"] == "sent"

    stored = receive(
        settings,
        database,
        mailfactory.reply(notice, "That is not what we agreed: the appendix is missing."),
    )
    assert stored.status == "processed", stored.reason
    found = detail(client, account, agreement["id"])
    mine = next(c for c in found["commitments"] if c["id"] == result["id"])
    assert mine["status"] == "disputed"
    assert found["events"][-1]["type"] == "commitment_disputed"
    deliver_all(settings, database)
    alerts = [text_of(raw) for _, raw in outbox_of(database, agreement["id"], "owner_alert")]
    assert any("disputes a delivery" in a and "appendix is missing" in a for a in alerts)
    # Each answer recorded in John's name gets him a sealed receipt (SPEC §5).
    receipts = [text_of(raw) for _, raw in outbox_of(database, agreement["id"], "receipt")]
    assert len(receipts) == 2
    assert "you acknowledged what Anna Berg delivered" in receipts[0]
    assert "Great work, confirmed" in receipts[0] and "Accord seal:" in receipts[0]
    assert "as not (yet) accepting it" in receipts[1]


def test_a_counterpartys_delivery_is_recorded_without_notice_and_a_commitment_can_be_waived(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, _ = sent_agreement(client, account, settings, database, **TERMS)
    path = f"/v1/agreements/{agreement['id']}/commitments"
    mine, theirs = client.get(path, headers=account.auth).json()["commitments"]
    told = client.post(
        f"{path}/{theirs['id']}/deliver", json={"notify": True}, headers=account.auth
    )
    assert told.status_code == 422 and "without it" in told.json()["detail"]
    done = client.post(
        f"{path}/{theirs['id']}/deliver", json={"note": "Y granted"}, headers=account.auth
    )
    assert done.status_code == 200 and done.json()["status"] == "delivered"
    waived = client.post(
        f"{path}/{mine['id']}/waive", json={"note": "no longer needed"}, headers=account.auth
    )
    assert waived.status_code == 200 and waived.json()["status"] == "waived"
    assert (
        client.post(f"{path}/{mine['id']}/waive", json={}, headers=account.auth).status_code == 409
    )
    unknown = client.post(f"{path}/nope/deliver", json={}, headers=account.auth)
    assert unknown.status_code == 404
    assert outbox_of(database, agreement["id"], "delivery_notice") == []


def test_the_evidence_bundle_with_follow_through_verifies(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    import io
    import zipfile

    from app.evidence.verify import verify_bundle
    from tests.app.test_revisions import receive

    agreement, _ = sent_agreement(client, account, settings, database, **TERMS)
    delivered(client, account, agreement["id"], note="Done", notify=True)
    deliver_all(settings, database)
    [(_, notice)] = outbox_of(database, agreement["id"], "delivery_notice")
    receive(settings, database, mailfactory.reply(notice, "Great work, confirmed"))
    response = client.get(f"/v1/agreements/{agreement['id']}/evidence", headers=account.auth)
    assert response.status_code == 200
    report = verify_bundle(io.BytesIO(response.content))
    assert report.ok, report.summary()
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    timeline = zipfile.ZipFile(io.BytesIO(response.content)).read("timeline.html").decode()
    assert any(n.endswith(".eml") for n in names)
    assert "commitment_acknowledged" in timeline or "commitment acknowledged" in timeline


def test_deliveries_and_answers_are_queued_as_webhook_events(
    account: Account, settings: Settings, database: Database
) -> None:
    from sqlalchemy import select

    from app.main import create_app
    from app.models import WebhookDelivery
    from tests.app.test_revisions import receive

    settings = settings.model_copy(update={"webhook_allow_private": True})
    with TestClient(create_app(settings)) as client:
        hook = client.post(
            "/v1/webhooks",
            json={
                "url": "http://127.0.0.1:9/accord",
                "events": ["commitment.delivered", "commitment.acknowledged"],
            },
            headers=account.auth,
        )
        assert hook.status_code == 201, hook.text
        agreement, _ = sent_agreement(client, account, settings, database, **TERMS)
        delivered(client, account, agreement["id"], note="Done", notify=True)
        deliver_all(settings, database)
        [(_, notice)] = outbox_of(database, agreement["id"], "delivery_notice")
        receive(settings, database, mailfactory.reply(notice, "Confirmed, thanks"))
    with database.transaction() as session:
        types = sorted(session.scalars(select(WebhookDelivery.event_type)))
    assert types == ["commitment.acknowledged", "commitment.delivered"]
