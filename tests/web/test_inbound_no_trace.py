"""A human reply that changes no state still goes on the record. Without an event nothing
seals its bytes (an operator could delete it from the database and the bundle and
``verify`` would not notice), and the record would go on saying, say, "bounced: never
received" while it holds the counterparty's written answer.

Every reply matched to a counterparty (by token, or an authenticated sender) that leaves
the state as it stands is an ``answered`` event with ``status_kept``, whose data holds the
message's SHA-256; the owner is alerted unless it only repeats what the record says. On
SQLite and PostgreSQL.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database, utcnow
from app.models import Event, StoredMessage
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.web.test_adversaries import (
    MIKE,
    envelope_of,
    genuine_dsn,
    header_of,
    last_event,
    outbound,
    receive,
    record_of,
    sent_to_mike,
    summary_of,
)


def _alerts(database: Database, settings: Settings) -> list[str]:
    return [
        header_of(raw, "Subject") for _, _, raw in outbound(database, settings, kind="owner_alert")
    ]


def _assert_sealed(database: Database, event: Event, stored: StoredMessage) -> None:
    """The event records this message, and the chain holds its bytes' digest."""
    assert (event.type, event.message_row_id) == ("answered", stored.id), stored.reason
    with database.transaction() as session:
        row = session.get(StoredMessage, stored.id)
        assert row is not None
        assert event.data["message_sha256"] == row.sha256


def test_a_reply_after_a_bounce_is_on_the_record_and_alerts_the_owner(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    dsn = genuine_dsn(summary, envelope_of(database, agreement["id"], MIKE))
    assert receive(settings, database, dsn).status == "processed"
    before = record_of(database, agreement["id"])
    assert before.statuses == {MIKE: "bounced"}
    alerts = len(_alerts(database, settings))
    # The summary did reach Mike after all (the bounce came from a forwarding hop).
    objection = mailfactory.reply(summary, "No, we said 5 leads a week, not 10.")
    stored = receive(settings, database, objection)
    after = record_of(database, agreement["id"])
    assert after.statuses == before.statuses
    assert after.events[: len(before.events)] == before.events
    event = last_event(database, agreement["id"])
    _assert_sealed(database, event, stored)
    assert event.data["status_kept"] == "bounced"
    assert event.data["classification"] == "clarification"
    subjects = _alerts(database, settings)
    assert len(subjects) == alerts + 1 and "bounced" in subjects[-1], subjects
    assert outbound(database, settings, kind="receipt") == []  # nothing recorded as his answer


def test_an_objection_to_v1_read_after_the_revision_is_on_the_record(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    written = utcnow()
    # The owner revises before the poller has read Mike's objection to v1.
    revised = web.post(
        f"/v1/agreements/{agreement['id']}/revise",
        json={"summary": "We agreed on 20 leads a week from you.", "respond_within": "3d"},
        headers=account.auth,
    )
    assert revised.status_code == 200, revised.text
    before = record_of(database, agreement["id"])
    alerts = len(_alerts(database, settings))
    objection = mailfactory.reply(summary, "No: 5 leads a week, not 10.")
    stored = receive(settings, database, objection, arrived=written)
    after = record_of(database, agreement["id"])
    assert after.statuses == before.statuses
    event = last_event(database, agreement["id"])
    _assert_sealed(database, event, stored)
    assert "version 1" in event.data["kept_because"]
    assert event.data["reply_text"].startswith("No: 5 leads")
    assert len(_alerts(database, settings)) == alerts + 1


def test_a_reply_to_a_withdrawn_agreement_is_on_the_record(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    withdrawn = web.post(f"/v1/agreements/{agreement['id']}/withdraw", headers=account.auth)
    assert withdrawn.is_success, withdrawn.text
    stored = receive(settings, database, mailfactory.reply(summary, "Wait, I had confirmed."))
    assert stored.status == "ignored"
    _assert_sealed(database, last_event(database, agreement["id"]), stored)


def test_a_confirmation_repeated_is_on_the_record_without_an_alert(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    receive(settings, database, mailfactory.reply(summary, "Confirmed."))
    alerts = len(_alerts(database, settings))
    again = receive(settings, database, mailfactory.reply(summary, "Yes, confirmed!"))
    assert record_of(database, agreement["id"]).statuses == {MIKE: "confirmed"}
    event = last_event(database, agreement["id"])
    _assert_sealed(database, event, again)
    assert event.data["status_kept"] == "confirmed"
    assert len(_alerts(database, settings)) == alerts  # it says what the record says
