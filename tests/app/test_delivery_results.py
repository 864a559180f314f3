"""Recording delivery results (app.outbound.delivery.record_outcomes): one decision per row,
so a group of results leaves the same rows, transitions, reminders, statuses, hash chains
and webhook deliveries as the same results recorded one at a time, and a group whose write
fails is recorded row by row, on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from app.agreements import service
from app.agreements.schemas import AgreementCreate
from app.config import Settings
from app.core.chain import first_break
from app.core.deadlines import next_reminder
from app.core.events import event_record
from app.core.record import lock_agreement
from app.db import Database, utcnow
from app.models import Agreement, Counterparty, Event, OutboxEntry, StoredMessage, User
from app.models.webhooks import WebhookDelivery
from app.outbound import delivery
from app.timekeeping.reminders import schedule_next
from app.users import service as users
from app.webhooks import service as webhooks
from mail.smtp import DeliveryResult
from tests.servers.smtp import SmtpTestServer

OK = (250, "2.0.0 Ok: queued as X1")


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database(settings.resolved_database_url)
    yield database
    database.dispose()


def _owner(db: Database, email: str = "anna@example.org") -> str:
    with db.transaction() as session:
        return users.create_user(session, email=email, name="Anna").id


def _agreement(
    db: Database, settings: Settings, owner_id: str, *, reminders: list[str] | None = None
) -> str:
    """John and Mary decide, HR is informational; summaries queued for all three."""
    with db.transaction() as session:
        owner = session.get(User, owner_id)
        assert owner is not None
        data = AgreementCreate(
            title="Lead flow",
            summary="We agreed on 10 leads a week.",
            respond_within="3d",
            counterparties=[{"email": "john@example.com"}, {"email": "mary@example.com"}],
            cc=[{"email": "hr@example.com", "informational": True}],
            reminders=reminders,
        )
        plan = service.plan_from_request(owner, data, now=utcnow())
        created = service.create_agreement(
            session, settings=settings, owner=owner, plan=plan, now=utcnow()
        )
        return str(created.agreement["id"])


def _claim_all(db: Database, now: datetime) -> dict[str, list[int]]:
    """Claim everything due; the claimed row ids by agreement, in id order."""
    with db.transaction() as session:
        ids = delivery.claim(session, owner="w", now=now, limit=1000)
        rows = session.execute(
            select(OutboxEntry.id, OutboxEntry.agreement_id).where(OutboxEntry.id.in_(ids))
        ).all()
    by_agreement: dict[str, list[int]] = {}
    for entry_id, agreement_id in sorted(rows):
        by_agreement.setdefault(agreement_id, []).append(entry_id)
    return by_agreement


def _ok(ids: list[int]) -> list[tuple[int, DeliveryResult]]:
    return [(i, DeliveryResult({"x@example.com": OK}, {}, OK)) for i in ids]


def _by_row(db: Database, settings: Settings, ids: list[int], now: datetime) -> list[str]:
    """Each result recorded alone, a transaction each."""
    statuses = []
    for one in _ok(ids):
        with db.transaction() as session:
            statuses += delivery.record_outcomes(session, settings, [one], now)
    return statuses


def _in_bulk(db: Database, settings: Settings, ids: list[int], now: datetime) -> list[str]:
    """The results recorded as one group."""
    with db.transaction() as session:
        return delivery.record_outcomes(session, settings, list(_ok(ids)), now)


def _state(db: Database, agreement_id: str) -> dict[str, Any]:
    """What recording left behind, without ids, tokens and Message-IDs (which differ)."""
    with db.transaction() as session:
        agreement = session.get(Agreement, agreement_id)
        assert agreement is not None
        events = list(
            session.scalars(
                select(Event).where(Event.agreement_id == agreement_id).order_by(Event.seq)
            )
        )
        records = [event_record(e) for e in events]
        assert first_break(records) is None
        assert (agreement.event_count, agreement.event_head) == (len(events), events[-1].hash)
        summaries = {
            m.id: m.message_id
            for m in session.scalars(
                select(StoredMessage).where(StoredMessage.agreement_id == agreement_id)
            )
        }
        for e in events:
            if e.message_row_id is not None:
                assert e.message_id == summaries[e.message_row_id]
        cps = session.scalars(
            select(Counterparty)
            .where(Counterparty.agreement_id == agreement_id)
            .order_by(Counterparty.id)
        )
        rows = session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.agreement_id == agreement_id)
            .order_by(OutboxEntry.id)
        )
        hooks = session.scalars(
            select(WebhookDelivery).where(
                WebhookDelivery.event_key.in_([f"event:{e.agreement_id}:{e.seq}" for e in events])
            )
        )
        return {
            "agreement": (agreement.status, agreement.event_count, agreement.updated_at),
            # The events before recording (times, outbox ids) differ between the two.
            "events": [
                (e.seq, e.type, e.actor, e.counterparty, e.message_row_id is None)
                + ((e.at, e.data) if e.type == "sent" else ())
                for e in events
            ],
            "counterparties": [
                (
                    c.email,
                    c.status,
                    c.status_at if c.status != "pending" else None,
                    c.handoff_at,
                    c.handoff_reply,
                    c.next_reminder_at,
                )
                for c in cps
            ],
            "outbox": [
                (r.kind, r.status, r.sent_at, r.lease_until, r.result, r.message.status)
                for r in rows
            ],
            "webhooks": sorted((h.event_type, h.status) for h in hooks),
        }


def _types(state: dict[str, Any]) -> list[str]:
    """The types of the events recording added (after those of creating and queueing)."""
    types = [e[1] for e in state["events"]]
    return types[types.index("sent") :] if "sent" in types else []


@pytest.mark.parametrize("hooked", [False, True], ids=["plain", "webhook"])
def test_a_group_of_results_records_as_one_at_a_time_would(
    settings: Settings, db: Database, hooked: bool
) -> None:
    owner = _owner(db)
    if hooked:
        with db.transaction() as session:
            user = session.get(User, owner)
            assert user is not None
            webhooks.create_endpoint(
                session,
                user=user,
                url="http://127.0.0.1:9/hook",
                events=["agreement.sent"],
                description="",
                allow_private=True,
            )
    bulk, row = _agreement(db, settings, owner), _agreement(db, settings, owner)
    now = utcnow()
    claimed = _claim_all(db, now)
    assert _in_bulk(db, settings, claimed[bulk], now) == ["sent"] * 4
    assert _by_row(db, settings, claimed[row], now) == ["sent"] * 4
    state = _state(db, bulk)
    assert state == _state(db, row)
    assert state["agreement"][0] == "awaiting_reply"
    assert _types(state) == ["sent"] * 3
    assert state["webhooks"] == ([("agreement.sent", "pending")] * 3 if hooked else [])
    # Recording the same rows again is a no-op on both paths: they are no longer sending.
    assert _in_bulk(db, settings, claimed[bulk], now) == ["skipped"] * 4
    assert _by_row(db, settings, claimed[row], now) == ["skipped"] * 4
    assert _state(db, bulk) == state


def test_recording_a_resend_and_a_summary_of_a_withdrawn_agreement(
    settings: Settings, db: Database
) -> None:
    """A re-send after a lost result records the new handoff but no second event; a summary
    whose agreement was withdrawn meanwhile records the handoff and moves nobody."""
    owner = _owner(db)
    pairs = [(_agreement(db, settings, owner), _agreement(db, settings, owner)) for _ in range(2)]
    now = utcnow()
    claimed = _claim_all(db, now)
    (resent_bulk, resent_row), (withdrawn_bulk, withdrawn_row) = pairs
    _in_bulk(db, settings, claimed[resent_bulk], now)
    _by_row(db, settings, claimed[resent_row], now)
    with db.transaction() as session:
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.agreement_id.in_([resent_bulk, resent_row]))
            .values(status="sending")
        )
        for agreement_id in (withdrawn_bulk, withdrawn_row):
            agreement = lock_agreement(session, agreement_id)
            service.withdraw(session, agreement=agreement, actor="anna@example.org", at=now)
    later = now + timedelta(minutes=7)
    assert (
        _in_bulk(db, settings, claimed[resent_bulk] + claimed[withdrawn_bulk], later)
        == ["sent"] * 8
    )
    assert (
        _by_row(db, settings, claimed[resent_row] + claimed[withdrawn_row], later) == ["sent"] * 8
    )
    assert _state(db, resent_bulk) == _state(db, resent_row)
    assert _state(db, withdrawn_bulk) == _state(db, withdrawn_row)
    assert _types(_state(db, resent_bulk)) == ["sent"] * 3
    withdrawn = _state(db, withdrawn_bulk)
    assert withdrawn["agreement"][0] == "withdrawn"
    assert [c[1] for c in withdrawn["counterparties"]] == ["pending"] * 3
    assert all(c[3] == later for c in withdrawn["counterparties"])  # handoff recorded


def test_the_next_reminder_is_the_first_one_still_ahead() -> None:
    deadline = datetime(2026, 6, 30, 17, 0, tzinfo=UTC)
    day, hour = 24 * 60, 60
    offsets = [hour, day, 3 * day]
    at = {m: deadline - timedelta(minutes=m) for m in offsets}
    assert next_reminder(offsets, deadline, after=deadline - timedelta(days=5)) == at[3 * day]
    assert next_reminder(offsets, deadline, after=at[3 * day]) == at[day]  # strictly later
    assert next_reminder(offsets, deadline, after=deadline - timedelta(hours=2)) == at[hour]
    assert next_reminder(offsets, deadline, after=at[hour]) is None
    assert next_reminder([], deadline, after=deadline - timedelta(days=5)) is None
    # What schedule_next stores on the counterparty is the same rule.
    agreement = Agreement(reminder_offsets=offsets)
    cp = Counterparty(deadline=deadline)
    schedule_next(agreement, cp, after=deadline - timedelta(days=2))
    assert cp.next_reminder_at == at[day]


def test_deliver_all_records_groups_and_uses_one_connection_per_batch(
    settings: Settings,
    db: Database,
    smtp_server: SmtpTestServer,
    smtp_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    smtp_settings = settings.model_copy(update={"smtp_url": smtp_url})
    owner = _owner(db)
    ids = [_agreement(db, smtp_settings, owner) for _ in range(12)]
    with caplog.at_level(logging.INFO, logger="accord.delivery"):
        report = delivery.deliver_all(smtp_settings, db, batch_size=10)
    assert report.sent == 48 and report.failed == report.retried == 0
    assert not [r for r in caplog.records if "row by row" in r.getMessage()]
    assert smtp_server.connections == 5  # a connection per batch of 10
    assert len(smtp_server.messages) == 48
    for agreement_id in ids:
        state = _state(db, agreement_id)
        assert state["agreement"][0] == "awaiting_reply"
        assert [c[1] for c in state["counterparties"]] == ["sent"] * 3


def test_a_group_whose_write_fails_is_recorded_row_by_row(
    settings: Settings, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = _owner(db)
    agreement_id = _agreement(db, settings, owner)
    now = utcnow()
    claimed = _claim_all(db, now)
    calls: list[int] = []
    real = delivery.save

    def fail_once(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 1:  # the group's outbox rows were written: undone with its savepoint
            raise RuntimeError("disk full")
        real(*args, **kwargs)

    monkeypatch.setattr(delivery, "save", fail_once)
    with db.transaction() as session:
        statuses = delivery.record_outcomes(session, settings, _ok(claimed[agreement_id]), now)
    assert statuses == ["sent"] * 4
    assert len(calls) == 1 + 4  # the group, then each row
    state = _state(db, agreement_id)
    assert _types(state) == ["sent"] * 3


def test_claim_takes_due_rows_once_in_one_statement(settings: Settings, db: Database) -> None:
    owner = _owner(db)
    for _ in range(3):
        _agreement(db, settings, owner)
    now = utcnow()
    with db.transaction() as session:
        first = delivery.claim(session, owner="a", now=now, limit=5)
    with db.transaction() as session:
        second = delivery.claim(session, owner="b", now=now, limit=100)
        nothing = delivery.claim(session, owner="c", now=now, limit=100)
    assert len(first) == 5 and len(second) == 7 and nothing == []
    assert first == sorted(first) and not set(first) & set(second)
    with db.transaction() as session:
        rows = {r.id: r for r in session.scalars(select(OutboxEntry))}
    assert {rows[i].lease_owner for i in first} == {"a"}
    assert all(r.status == "sending" and r.attempts == 1 for r in rows.values())
    # An expired lease is due again.
    with db.transaction() as session:
        again = delivery.claim(session, owner="d", now=now + timedelta(minutes=6), limit=100)
    assert sorted(again) == sorted(rows)


def test_a_recording_that_fails_stops_the_batch_early(
    settings: Settings,
    db: Database,
    smtp_server: SmtpTestServer,
    smtp_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Results are recorded while the next messages go out; if recording fails (the database
    went away), sending stops instead of handing over messages whose results cannot be
    kept. What was sent stays leased and is re-sent under the same Message-ID later."""
    smtp_settings = settings.model_copy(update={"smtp_url": smtp_url})
    owner = _owner(db)
    for _ in range(12):
        _agreement(db, smtp_settings, owner)

    def gone(*args: Any) -> list[str]:
        raise RuntimeError("database gone")

    monkeypatch.setattr(delivery, "record_outcomes", gone)
    with pytest.raises(RuntimeError, match="database gone"):
        delivery.deliver_once(smtp_settings, db, batch_size=100)
    # The first group was being recorded while the second went out: sending stops within
    # it, however slowly the recording thread ran (the module's "at most two groups").
    assert delivery.RECORD_EVERY <= len(smtp_server.messages) <= 2 * delivery.RECORD_EVERY
    with db.transaction() as session:
        assert set(session.scalars(select(OutboxEntry.status))) == {"sending"}
