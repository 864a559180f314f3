"""A reply applied twice, or an earlier answer read after a later one, would write a false
record: the counterparty's latest written objection overridden by words they took back.

- a copy of a message already applied to a counterparty (same Message-ID, same words, more
  headers: an MTA's re-delivery, or a replay by anyone who holds it, the owner in Cc
  included) is stored and changes nothing;
- a reply that reached the mailbox before the answer on record is read late (a connected
  mailbox polled later, an HTTP retry): it is sealed in the chain as an ``answered`` event
  with ``status_kept``, the state stays, and the owner is alerted;
- other words under a known Message-ID are no copy: a forged "first copy" cannot silence the
  real message.

On SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import Database, utcnow
from app.inbound.pipeline import process_pending
from app.inbound.store import store_raw
from app.models import Event, StoredMessage
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.web.test_adversaries import (
    MIKE,
    header_of,
    outbound,
    receive,
    record_of,
    sent_to_mike,
    summary_of,
)

RECEIVED = (
    b"Received: from relay.example.net by mx.accord.example.com; Tue, 2 Jun 2026 10:00:00 +0000\r\n"
)


def _events_of(database: Database, agreement_id: str) -> list[Event]:
    with database.transaction() as session:
        events = session.scalars(
            select(Event).where(Event.agreement_id == agreement_id).order_by(Event.seq)
        ).all()
        for event in events:
            session.expunge(event)
        return list(events)


def _alerts(database: Database, settings: Settings) -> list[str]:
    return [
        header_of(raw, "Subject") for _, _, raw in outbound(database, settings, kind="owner_alert")
    ]


def test_a_replayed_confirmation_does_not_overwrite_a_later_clarification(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    yes = mailfactory.reply(summary, "Confirmed.")
    assert receive(settings, database, yes).status == "processed"
    receive(settings, database, mailfactory.reply(summary, "Actually no: 5 leads a week, not 10."))
    before = record_of(database, agreement["id"])
    assert before.statuses == {MIKE: "clarification_requested"}
    receipts = len(outbound(database, settings, kind="receipt"))
    # The same message as an MTA re-delivers it: one more Received header, same Message-ID.
    again = receive(settings, database, RECEIVED + yes)
    after = record_of(database, agreement["id"])
    assert after == before, again.reason
    assert again.status == "ignored"
    assert again.reason and "duplicate Message-ID" in again.reason
    with database.transaction() as session:
        kept = session.get(StoredMessage, again.id)
        assert kept is not None and kept.raw == RECEIVED + yes  # stored, never dropped
    assert len(outbound(database, settings, kind="receipt")) == receipts


def test_two_copies_in_one_batch_are_applied_once(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    no = mailfactory.reply(summary, "Not quite: 5 leads a week, not 10.")
    with database.transaction() as session:
        rows = [store_raw(session, raw=raw, source="http") for raw in (no, RECEIVED + no)]
        ids = [row.id for row in rows if row is not None]
    assert len(ids) == 2  # other bytes: both kept
    alerts = len(_alerts(database, settings))
    process_pending(settings, database)
    types = [e.type for e in _events_of(database, agreement["id"])]
    assert types.count("clarification_requested") == 1, types
    assert len(_alerts(database, settings)) == alerts + 1
    assert [to for _, to, _ in outbound(database, settings, kind="receipt")] == [[MIKE]]
    with database.transaction() as session:
        statuses = [session.get(StoredMessage, i).status for i in ids]  # type: ignore[union-attr]
    assert statuses == ["processed", "ignored"]


def test_an_earlier_confirmation_read_late_does_not_overwrite_the_later_clarification(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    t0 = utcnow()
    yes = mailfactory.reply(summary, "Confirmed.")
    no = mailfactory.reply(summary, "Actually no: 5 leads a week, not 10.")
    # The clarification reached the mailbox at t0+10min and is read first; the confirmation
    # reached it at t0+1min and is read later.
    receive(settings, database, no, arrived=t0 + timedelta(minutes=10))
    before = record_of(database, agreement["id"])
    assert before.statuses == {MIKE: "clarification_requested"}
    alerts = len(_alerts(database, settings))
    late = receive(settings, database, yes, arrived=t0 + timedelta(minutes=1))
    after = record_of(database, agreement["id"])
    assert after.statuses == before.statuses, late.reason
    assert after.events[: len(before.events)] == before.events
    kept = _events_of(database, agreement["id"])[-1]
    assert (kept.type, kept.message_row_id) == ("answered", late.id)  # its bytes are sealed
    assert kept.data["status_kept"] == "clarification_requested"
    assert kept.data["classification"] == "confirmation"
    assert "before the answer on record" in kept.data["kept_because"]
    assert late.status == "ignored" and late.classification == "confirmation"
    subjects = _alerts(database, settings)
    assert len(subjects) == alerts + 1 and "record stands" in subjects[-1], subjects


def test_a_later_confirmation_still_settles_a_clarification(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    # The control: in the order they arrived, the confirmation after the clarification counts.
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    t0 = utcnow()
    receive(settings, database, mailfactory.reply(summary, "Is it 10 or 5?"), arrived=t0)
    yes = mailfactory.reply(summary, "Sorry, all correct. Confirmed.")
    receive(settings, database, yes, arrived=t0 + timedelta(minutes=1))
    assert record_of(database, agreement["id"]).statuses == {MIKE: "confirmed"}


def test_a_forged_first_copy_does_not_silence_the_real_message(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    # The owner, in Cc of Mike's objection, sends "Confirmed." under its Message-ID first.
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    t0 = utcnow()
    real = mailfactory.reply(summary, "No: 5 leads a week, not 10.")
    message_id = header_of(real, "Message-ID")
    forged = mailfactory.reply(summary, "Confirmed.")
    forged = forged.replace(header_of(forged, "Message-ID").encode(), message_id.encode())
    assert header_of(forged, "Message-ID") == message_id
    receive(settings, database, forged, arrived=t0 + timedelta(minutes=2))
    alerts = len(_alerts(database, settings))
    stored = receive(settings, database, real, arrived=t0 + timedelta(minutes=1))
    assert stored.reason and "duplicate" not in stored.reason
    last = _events_of(database, agreement["id"])[-1]
    assert (last.type, last.message_row_id) == ("answered", stored.id), stored.reason
    assert last.data["classification"] == "clarification"
    assert len(_alerts(database, settings)) == alerts + 1
