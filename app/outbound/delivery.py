"""Delivering the outbox: claim due rows, hand them to SMTP, record each result.

Claiming and recording are separate transactions around the network call, so a crash after
the SMTP server accepted a message but before the result was committed leaves the row
``sending`` with a lease; when the lease runs out the row is sent again with the same stored
bytes and Message-ID (SPEC §4: a duplicate only when a retry could not know).

A batch is claimed in one statement (SKIP LOCKED: workers never share a row) and its bytes
read in one query; it is sent over one connection. Results are committed in groups of
``RECORD_EVERY``, each group while the next messages are being sent; a failure is recorded
at once. Every recorded result writes its state change and its hash-chained event: a group
of accepted messages set-based (``app.outbound.recording``), anything else row by row
(``record_outcome``): a permanent failure bounces the counterparty and alerts the owner, a
transient one backs off.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, and_, or_, select, update
from sqlalchemy.orm import Session, selectinload

from app.agreements import service as agreements
from app.agreements.lifecycle import CpStatus
from app.config import Settings
from app.db import Database, utcnow
from app.evidence.log import SYSTEM
from app.models import Counterparty, OutboxEntry, StoredMessage
from app.outbound import service as outbox
from app.outbound.drafts import compose_drafts
from app.outbound.recording import (
    NotBulkable,
    Steps,
    record_sent_steps,
    reply_text,
    run_steps,
    run_steps_async,
)
from app.outbound.senders import build_sender
from app.timekeeping.reminders import schedule_next
from mail.compose import OutboundMessage
from mail.smtp import DeliveryResult, PermanentSmtpError, Sender, SmtpError

log = logging.getLogger("accord.delivery")

LEASE = timedelta(minutes=5)
BACKOFF_BASE = 30.0  # seconds
BACKOFF_CAP = 3600.0
GIVE_UP_AFTER = timedelta(days=2)

_outbox = cast(Table, OutboxEntry.__table__)
_messages = cast(Table, StoredMessage.__table__)


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{random.getrandbits(32):08x}"


def backoff(attempts: int, rng: random.Random | None = None) -> timedelta:
    """Capped exponential backoff with jitter (half to full of the capped delay)."""
    rng = rng or random.Random()
    delay = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** max(0, attempts - 1))
    return timedelta(seconds=delay * rng.uniform(0.5, 1.0))


def claim(
    session: Session, *, owner: str, now: datetime, limit: int, lease: timedelta = LEASE
) -> list[int]:
    """Take up to ``limit`` due rows in one statement; their ids, in id order.

    SKIP LOCKED lets several workers share the queue: the due rows are picked and locked in a
    materialized CTE (evaluated exactly once) and leased by the UPDATE around it.
    """
    due = or_(
        and_(_outbox.c.status == "pending", _outbox.c.next_attempt_at <= now),
        and_(_outbox.c.status == "sending", _outbox.c.lease_until < now),
    )
    picked = (
        select(_outbox.c.id)
        .where(due)
        .order_by(_outbox.c.next_attempt_at, _outbox.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("due")
        .prefix_with("MATERIALIZED")
    )
    stmt = (
        update(_outbox)
        .where(_outbox.c.id.in_(select(picked.c.id)))
        .values(
            status="sending",
            lease_owner=owner,
            lease_until=now + lease,
            attempts=_outbox.c.attempts + 1,
        )
        .returning(_outbox.c.id)
    )
    return sorted(session.execute(stmt).scalars())


def load_messages(session: Session, ids: list[int]) -> list[tuple[int, OutboundMessage]]:
    """The claimed rows' stored bytes, in id order (one Core query, no ORM objects)."""
    stmt = (
        select(
            _outbox.c.id,
            _outbox.c.envelope_from,
            _outbox.c.recipients,
            _messages.c.message_id,
            _messages.c.raw,
            _messages.c.subject,
        )
        .join(_messages, _messages.c.id == _outbox.c.message_row_id)
        # A draft that could not be composed has no bytes (its row was failed instead).
        .where(_outbox.c.id.in_(ids), _messages.c.raw.is_not(None))
        .order_by(_outbox.c.id)
    )
    return [
        (
            row.id,
            OutboundMessage(
                message_id=row.message_id or "",
                envelope_from=row.envelope_from,
                recipients=tuple(row.recipients),
                data=bytes(row.raw),
                subject=row.subject or "",
            ),
        )
        for row in session.execute(stmt)
    ]


def _record_sent(
    session: Session, entry: OutboxEntry, result: DeliveryResult, now: datetime
) -> None:
    entry.status = "sent"
    entry.sent_at = now
    entry.lease_until = None
    entry.result = {
        "accepted": {k: list(v) for k, v in result.accepted.items()},
        "refused": {},
        "reply": list(result.reply),
    }
    entry.message.status = "sent"
    cp = session.get(Counterparty, entry.counterparty_id) if entry.counterparty_id else None
    if entry.kind != "summary" or cp is None:
        return
    agreement = agreements.lock_agreement(session, cp.agreement_id)
    cp.handoff_at = now
    cp.handoff_reply = reply_text(result.reply)
    if cp.status == CpStatus.PENDING and agreement.withdrawn_at is None:
        agreements.transition(
            session,
            counterparty=cp,
            to=CpStatus.SENT,
            actor=SYSTEM,
            message=entry.message,
            data={"smtp_reply": cp.handoff_reply, "recipient": cp.email},
            at=now,
        )
        schedule_next(agreement, cp, after=now)


def _record_failed(
    session: Session,
    settings: Settings,
    entry: OutboxEntry,
    error: SmtpError,
    now: datetime,
    *,
    stage: str = "smtp",
) -> None:
    entry.status = "failed"
    entry.lease_until = None
    entry.last_error = str(error)
    entry.result = {
        "error": str(error),
        "code": error.code,
        "refused": {k: list(v) for k, v in error.refused.items()},
    }
    entry.message.status = "failed"
    cp = session.get(Counterparty, entry.counterparty_id) if entry.counterparty_id else None
    if entry.kind != "summary" or cp is None:
        log.warning("outbox %s (%s) failed: %s", entry.id, entry.kind, error)
        return
    agreement = agreements.lock_agreement(session, cp.agreement_id)
    if agreement.withdrawn_at is not None or cp.status != CpStatus.PENDING:
        return
    agreements.transition(
        session,
        counterparty=cp,
        to=CpStatus.BOUNCED,
        actor=SYSTEM,
        message=entry.message,
        data={"stage": stage, "reason": str(error), "code": error.code},
        at=now,
    )
    outbox.queue_owner_alert(
        session,
        settings=settings,
        agreement=agreement,
        headline=f"Your summary could not be delivered to {cp.email}",
        counterparty=cp,
        deciding_text=str(error),
        now=now,
    )


def record_outcome(
    session: Session,
    settings: Settings,
    *,
    entry_id: int,
    outcome: DeliveryResult | SmtpError,
    now: datetime,
) -> str:
    """Commit what SMTP said about one row; returns sent | retry | failed | skipped."""
    entry = session.get(OutboxEntry, entry_id, with_for_update=True)
    if entry is None or entry.status != "sending":
        return "skipped"
    if isinstance(outcome, DeliveryResult) and outcome.ok:
        _record_sent(session, entry, outcome, now)
        return "sent"
    if isinstance(outcome, DeliveryResult):
        refused = ", ".join(f"{k}: {reply_text(v)}" for k, v in outcome.refused.items())
        outcome = PermanentSmtpError(f"recipients refused: {refused}", refused=outcome.refused)
    if isinstance(outcome, PermanentSmtpError) or now - entry.created_at > GIVE_UP_AFTER:
        _record_failed(session, settings, entry, outcome, now)
        return "failed"
    entry.status = "pending"
    entry.lease_until = None
    entry.last_error = str(outcome)
    entry.next_attempt_at = now + backoff(entry.attempts)
    return "retry"


Outcome = tuple[int, "DeliveryResult | SmtpError"]
# Results are committed in groups of this many, one group being committed while the next
# fills: a crash loses at most two groups of results, and those messages are re-sent under
# their own Message-IDs once their lease runs out.
RECORD_EVERY = 25


def _tally(report: DeliveryReport, status: str, outcome: DeliveryResult | SmtpError) -> None:
    if status == "sent":
        report.sent += 1
    elif status == "retry":
        report.retried += 1
    elif status == "failed":
        report.failed += 1
    if isinstance(outcome, SmtpError):
        report.errors.append(str(outcome))


async def _send_batch(
    sender: Sender,
    batch: list[tuple[int, OutboundMessage]],
    record: Callable[[list[Outcome]], Awaitable[list[str]]],
) -> DeliveryReport:
    """Send ``batch`` on the sender's (open) connection, recording results in groups.

    A full group of results is recorded while the next messages are being sent (one group
    at a time, in order); a failure is recorded at once, before the next message is sent.
    """
    report = DeliveryReport()
    pending: list[Outcome] = []
    in_flight: asyncio.Task[None] | None = None

    async def record_group(group: list[Outcome]) -> None:
        for (_, outcome), status in zip(group, await record(group), strict=True):
            _tally(report, status, outcome)

    async def settle() -> None:
        nonlocal in_flight
        if in_flight is not None:
            task, in_flight = in_flight, None
            await task

    async def flush(*, wait: bool) -> None:
        nonlocal in_flight
        await settle()
        if pending:
            in_flight = asyncio.create_task(record_group(list(pending)))
            pending.clear()
        if wait:
            await settle()

    try:
        for entry_id, message in batch:
            if in_flight is not None and in_flight.done():
                await settle()  # raises now if recording failed: send nothing more
            outcome: DeliveryResult | SmtpError
            try:
                outcome = await sender.send(message)
            except SmtpError as exc:
                outcome = exc
            pending.append((entry_id, outcome))
            # A failure is recorded at once: the next messages may be going to the same
            # broken server, and the owner's alert should not wait.
            if isinstance(outcome, SmtpError):
                await flush(wait=True)
            elif len(pending) >= RECORD_EVERY:
                await flush(wait=False)
        await flush(wait=True)
    finally:
        await settle()
    return report


def record_outcomes(
    session: Session, settings: Settings, outcomes: list[Outcome], now: datetime
) -> list[str]:
    """Commit what SMTP said about several rows (see ``record_outcomes_steps``)."""
    return run_steps(record_outcomes_steps(session, settings, outcomes, now))


def record_outcomes_steps(
    session: Session, settings: Settings, outcomes: list[Outcome], now: datetime
) -> Steps[list[str]]:
    """``record_outcomes`` in steps.

    A group of accepted messages (the usual case) is recorded set-based
    (``app.outbound.recording``) inside a savepoint; if that cannot be done, or any message
    failed, each row is recorded on its own, a savepoint each: one row's error does not lose
    the others' results.
    """
    accepted = [(i, o) for i, o in outcomes if isinstance(o, DeliveryResult) and o.ok]
    if accepted and len(accepted) == len(outcomes):
        try:
            with session.begin_nested():
                return (yield from record_sent_steps(session, accepted, now))
        except NotBulkable as exc:
            log.info("recording %d results row by row: %s", len(outcomes), exc)
        except Exception:
            log.exception("recording %d results at once failed; row by row", len(outcomes))
    return _record_each(session, settings, outcomes, now)


def _record_each(
    session: Session, settings: Settings, outcomes: list[Outcome], now: datetime
) -> list[str]:
    # Lock and load the group's rows (and their stored messages) in one query; each
    # record_outcome below then finds them in the session.
    session.scalars(
        select(OutboxEntry)
        .where(OutboxEntry.id.in_([entry_id for entry_id, _ in outcomes]))
        .options(selectinload(OutboxEntry.message))
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()
    statuses = []
    for entry_id, outcome in outcomes:
        try:
            with session.begin_nested():
                statuses.append(
                    record_outcome(session, settings, entry_id=entry_id, outcome=outcome, now=now)
                )
        except Exception:
            log.exception("recording the result of outbox %s failed; it will be retried", entry_id)
            statuses.append("skipped")
    return statuses


def claim_batch(
    settings: Settings, database: Database, *, owner: str, now: datetime, limit: int
) -> list[tuple[int, OutboundMessage]]:
    """Claim due rows, compose the drafts among them and read their bytes; committed (the
    lease starts, the composed bytes are stored) before any send."""
    with database.transaction() as session:
        ids = claim(session, owner=owner, now=now, limit=limit)
        if not ids:
            return []
        uncomposable: dict[int, str] = {}
        compose_drafts(session, settings, outbox_rows=ids, failed=uncomposable.__setitem__)
        if uncomposable:
            _fail_uncomposable(session, settings, ids, uncomposable, now)
        return load_messages(session, ids)


def _fail_uncomposable(
    session: Session, settings: Settings, ids: list[int], reasons: dict[int, str], now: datetime
) -> None:
    """Claimed rows whose draft could not be composed fail as a permanent refusal would:
    nothing was handed off, so the counterparty is not reached and the owner is told why."""
    rows = session.execute(
        select(_outbox.c.id, _outbox.c.message_row_id).where(_outbox.c.id.in_(ids))
    )
    for entry_id, message_row_id in rows.all():
        if message_row_id in reasons:
            entry = session.get(OutboxEntry, entry_id, with_for_update=True)
            if entry is not None and entry.status == "sending":
                error = PermanentSmtpError(reasons[message_row_id])
                _record_failed(session, settings, entry, error, now, stage="compose")


async def _deliver(
    settings: Settings,
    database: Database,
    sender: Sender,
    *,
    owner: str,
    batch_size: int,
    now: Callable[[], datetime],
    max_batches: int,
) -> DeliveryReport:
    """Claim, send and record batch after batch (in one event loop, one connection per
    batch) until nothing is due, a batch sends nothing, or ``max_batches``."""
    total = DeliveryReport()

    async def record(outcomes: list[Outcome]) -> list[str]:
        with database.transaction() as session:
            steps = record_outcomes_steps(session, settings, outcomes, now())
            return await run_steps_async(steps)

    for _ in range(max_batches):
        batch = claim_batch(settings, database, owner=owner, now=now(), limit=batch_size)
        if not batch:
            break
        # A connection per batch: many servers cap the messages they take per connection.
        async with sender:
            report = await _send_batch(sender, batch, record)
        total.sent += report.sent
        total.retried += report.retried
        total.failed += report.failed
        total.errors += report.errors
        if report.handled == 0 or report.sent == 0:
            break
    return total


def deliver_once(
    settings: Settings,
    database: Database,
    *,
    sender: Sender | None = None,
    owner: str | None = None,
    batch_size: int = 100,
    now: Callable[[], datetime] = utcnow,
) -> DeliveryReport:
    """Claim one batch of due messages and deliver it over one connection."""
    return asyncio.run(
        _deliver(
            settings,
            database,
            sender or build_sender(settings),
            owner=owner or worker_name(),
            batch_size=batch_size,
            now=now,
            max_batches=1,
        )
    )


def deliver_all(
    settings: Settings,
    database: Database,
    *,
    sender: Sender | None = None,
    max_batches: int = 1000,
    batch_size: int = 100,
) -> DeliveryReport:
    """Deliver until nothing is due (or ``max_batches``); used by ``accord deliver --once``
    and the worker."""
    return asyncio.run(
        _deliver(
            settings,
            database,
            sender or build_sender(settings),
            owner=worker_name(),
            batch_size=batch_size,
            now=utcnow,
            max_batches=max_batches,
        )
    )
