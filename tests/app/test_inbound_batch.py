"""A batch of stored replies is processed under one savepoint with shared lookups: replies to
the same agreement in one batch still see each other, a message that raises is set aside
without taking the others with it, and agreement locks are not trusted past a rollback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.core.chain import first_break
from app.core.events import event_record
from app.core.record import active_counterparties, lock_agreement
from app.db import Database
from app.inbound import decide
from app.inbound.pipeline import process_pending
from app.inbound.store import store_raw
from app.models import Event, OutboxEntry, StoredMessage
from app.outbound.delivery import deliver_all
from app.outbound.senders import sent_box
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_api_agreements import create

PEOPLE = ["john@example.com", "mary@example.com", "omar@example.com"]


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database(settings.resolved_database_url)
    yield database
    database.dispose()


def _summaries(settings: Settings, db: Database, agreement_id: str) -> dict[str, bytes]:
    deliver_all(settings, db)
    with db.transaction() as session:
        entries = session.scalars(
            select(OutboxEntry).where(
                OutboxEntry.agreement_id == agreement_id, OutboxEntry.kind == "summary"
            )
        )
        ids = {e.message.message_id: e.recipients[0] for e in entries}
    box = sent_box(settings)
    found: dict[str, bytes] = {}
    for uid in box.uids():
        raw = box.read(uid).raw
        for message_id, rcpt in ids.items():
            if (message_id or "").encode() in raw.split(b"\r\n\r\n")[0]:
                found[rcpt] = raw
    return found


def _store(db: Database, *raws: bytes) -> None:
    with db.transaction() as session:
        for raw in raws:
            store_raw(session, raw=raw, source="test")


def _state(db: Database, agreement_id: str) -> tuple[str, dict[str, str], list[str]]:
    with db.transaction() as session:
        agreement = lock_agreement(session, agreement_id)
        events = session.scalars(
            select(Event).where(Event.agreement_id == agreement_id).order_by(Event.seq)
        ).all()
        assert first_break([event_record(e) for e in events]) is None
        statuses = {c.email: c.status for c in active_counterparties(agreement)}
        return agreement.status, statuses, [e.type for e in events]


def test_replies_to_one_agreement_in_one_batch_see_each_other(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    agreement = create(client, account, counterparties=[{"email": p} for p in PEOPLE])
    summaries = _summaries(settings, db, agreement["id"])
    _store(
        db,
        # An unverified reply first: the confirmations after it must still see it open.
        mailfactory.reply(summaries[PEOPLE[0]], "Confirmed", sender="mallory@evil.example"),
        mailfactory.reply(summaries[PEOPLE[0]], "Confirmed, thanks."),
        mailfactory.reply(summaries[PEOPLE[1]], "Yes, agreed."),
        mailfactory.reply(summaries[PEOPLE[2]], "Sounds good, confirmed."),
        # The same reply again (another copy): a second confirmation changes nothing.
        mailfactory.reply(summaries[PEOPLE[1]], "Yes, agreed!"),
    )
    report = process_pending(settings, db)
    assert report.by_status == {"unverified": 1, "processed": 3, "ignored": 1}
    status, statuses, types = _state(db, agreement["id"])
    assert statuses == dict.fromkeys(PEOPLE, "confirmed")
    # Everyone confirmed, but the unverified reply is still open for the owner's review.
    assert status == "needs_attention"
    assert types.count("confirmed") == 3 and types.count("unverified_reply") == 1


def test_a_message_that_raises_is_set_aside_and_the_rest_applied_once(
    client: TestClient,
    account: Account,
    settings: Settings,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    agreement = create(client, account, counterparties=[{"email": p} for p in PEOPLE])
    summaries = _summaries(settings, db, agreement["id"])
    real = decide.classify_message

    def classify(parsed: Any, **kwargs: Any) -> Any:
        if "BOOM" in (parsed.reply_text or ""):
            raise RuntimeError("classifier crashed")
        return real(parsed, **kwargs)

    monkeypatch.setattr(decide, "classify_message", classify)
    _store(
        db,
        mailfactory.reply(summaries[PEOPLE[0]], "Confirmed."),
        mailfactory.reply(summaries[PEOPLE[1]], "BOOM"),
        mailfactory.reply(summaries[PEOPLE[2]], "Mostly right, but point 2 should say May."),
    )
    report = process_pending(settings, db)
    assert report.by_status == {"processed": 2, "failed": 1}
    _, statuses, types = _state(db, agreement["id"])
    assert statuses == {
        PEOPLE[0]: "confirmed",
        PEOPLE[1]: "sent",
        PEOPLE[2]: "clarification_requested",
    }
    # Applied once each, although the batch ran twice (whole, then message by message).
    assert types.count("confirmed") == 1 and types.count("clarification_requested") == 1
    with db.transaction() as session:
        failed = session.scalars(select(StoredMessage).where(StoredMessage.status == "failed"))
        assert [m.reason for m in failed] == ["RuntimeError: classifier crashed"]
        alerts = session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "owner_alert"))
        assert len(alerts.all()) == 1


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_lock_taken_in_a_rolled_back_savepoint_is_taken_again(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    agreement_id = create(client, account)["id"]
    dsn = settings.resolved_database_url.replace("postgresql+psycopg://", "postgresql://")

    def locked_elsewhere() -> bool:
        with psycopg.connect(dsn, autocommit=True) as other:
            try:
                other.execute(
                    "SELECT id FROM agreements WHERE id = %s FOR UPDATE NOWAIT", (agreement_id,)
                )
            except psycopg.errors.LockNotAvailable:
                return True
            return False

    with db.transaction() as session:
        savepoint = session.begin_nested()
        lock_agreement(session, agreement_id)
        assert locked_elsewhere()
        savepoint.rollback()
        assert not locked_elsewhere()  # PostgreSQL released it with the savepoint
        lock_agreement(session, agreement_id)
        assert locked_elsewhere()
        # Taken in the transaction itself: a second call needs no new lock and keeps it.
        lock_agreement(session, agreement_id)
        assert locked_elsewhere()
    assert not locked_elsewhere()
