"""Delivering the outbox: claim due rows, hand them to SMTP, record each result.

Claiming and recording are separate transactions around the network call, so a crash after
the SMTP server accepted a message but before the result was committed leaves the row
``sending`` with a lease; when the lease runs out the row is sent again with the same stored
bytes and Message-ID (SPEC §4: a duplicate only when a retry could not know).

A batch is claimed in one statement (SKIP LOCKED: workers never share a row) and its bytes
read in one query; it is sent over one connection. Results are committed in groups of
``RECORD_EVERY`` by ``record_outcomes``, in a worker thread while the event loop sends the
next messages; a failure is recorded at once. Every result goes through one decision
(``_decide``): an accepted summary records the hand-off and moves its counterparty to
``sent``; a permanent failure bounces it and alerts the owner; a transient one backs off.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import socket
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, or_, select, update
from sqlalchemy.orm import Session

from app import bulk
from app.config import Settings
from app.core.chain import format_time
from app.core.deadlines import next_reminder, notice_after_handoff
from app.core.events import SYSTEM, NewEvent
from app.core.lifecycle import CpStatus
from app.core.record import party_event, plan_move
from app.core.snapshot import AgreementSnap, PartySnap, load_agreements, save
from app.db import Database, utcnow
from app.models.tables import counterparties_table, messages_table, outbox_table
from app.outbound.drafts import alert_about, compose_drafts
from app.outbound.senders import build_sender
from app.outbound.service import store_drafts
from mail.compose import OutboundMessage
from mail.smtp import DeliveryResult, PermanentSmtpError, Sender, SmtpError

log = logging.getLogger("accord.delivery")

LEASE = timedelta(minutes=5)
BACKOFF_BASE = 30.0  # seconds
BACKOFF_CAP = 3600.0
GIVE_UP_AFTER = timedelta(days=2)
# Mail whose acceptance by the counterparty's server is the hand-off deeming needs: the
# summary, and the notice Accord sends a counterparty of a captured summary.
HANDOFF_KINDS = frozenset({"summary", "capture_notice"})


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
        and_(outbox_table.c.status == "pending", outbox_table.c.next_attempt_at <= now),
        and_(outbox_table.c.status == "sending", outbox_table.c.lease_until < now),
    )
    picked = (
        select(outbox_table.c.id)
        .where(due)
        .order_by(outbox_table.c.next_attempt_at, outbox_table.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("due")
        .prefix_with("MATERIALIZED")
    )
    stmt = (
        update(outbox_table)
        .where(outbox_table.c.id.in_(select(picked.c.id)))
        .values(
            status="sending",
            lease_owner=owner,
            lease_until=now + lease,
            attempts=outbox_table.c.attempts + 1,
        )
        .returning(outbox_table.c.id)
    )
    return sorted(session.execute(stmt).scalars())


def load_messages(session: Session, ids: list[int]) -> list[tuple[int, OutboundMessage]]:
    """The claimed rows' stored bytes, in id order (one Core query, no ORM objects)."""
    stmt = (
        select(
            outbox_table.c.id,
            outbox_table.c.envelope_from,
            outbox_table.c.recipients,
            messages_table.c.message_id,
            messages_table.c.raw,
            messages_table.c.subject,
        )
        .join(messages_table, messages_table.c.id == outbox_table.c.message_row_id)
        # A draft that could not be composed has no bytes (its row was failed instead).
        .where(outbox_table.c.id.in_(ids), messages_table.c.raw.is_not(None))
        .order_by(outbox_table.c.id)
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


class Uncomposable(PermanentSmtpError):
    """A draft that could not be composed: nothing was handed off, as if refused for good."""


Outcome = tuple[int, "DeliveryResult | SmtpError"]


@dataclass(frozen=True)
class _Claimed:
    """An outbox row as locked for recording its result."""

    id: int
    status: str
    kind: str
    attempts: int
    created_at: datetime
    next_attempt_at: datetime
    last_error: str | None
    counterparty_id: int | None
    message_row_id: int
    message_id: str | None
    agreement_id: str | None  # the counterparty's agreement, for a summary


@dataclass
class _Recorded:
    """What a group of results writes."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    messages: dict[str, list[int]] = field(default_factory=dict)  # status -> message rows
    events: list[NewEvent] = field(default_factory=list)
    alerts: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)


_LOCK_ROWS = (
    select(
        outbox_table.c.id,
        outbox_table.c.status,
        outbox_table.c.kind,
        outbox_table.c.attempts,
        outbox_table.c.created_at,
        outbox_table.c.next_attempt_at,
        outbox_table.c.last_error,
        outbox_table.c.counterparty_id,
        outbox_table.c.message_row_id,
        messages_table.c.message_id,
        counterparties_table.c.agreement_id,
    )
    .join(messages_table, messages_table.c.id == outbox_table.c.message_row_id)
    .outerjoin(counterparties_table, counterparties_table.c.id == outbox_table.c.counterparty_id)
    .where(outbox_table.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(outbox_table.c.id)
    .with_for_update(of=outbox_table)
)
_SAVE_MESSAGES = (
    update(messages_table)
    .where(messages_table.c.id.in_(bindparam("ids", expanding=True)))
    .values(status=bindparam("status"))
)


def reply_text(reply: tuple[int, str]) -> str:
    return f"{reply[0]} {reply[1]}".strip()


def _as_error(outcome: DeliveryResult | SmtpError) -> SmtpError | None:
    """None for an accepted message; a refusal of some recipients is a permanent error."""
    if isinstance(outcome, SmtpError):
        return outcome
    if outcome.ok:
        return None
    refused = ", ".join(f"{k}: {reply_text(v)}" for k, v in outcome.refused.items())
    return PermanentSmtpError(f"recipients refused: {refused}", refused=outcome.refused)


def _decide(
    settings: Settings,
    row: _Claimed,
    outcome: DeliveryResult | SmtpError,
    agreement: AgreementSnap | None,
    now: datetime,
    recorded: _Recorded,
) -> str:
    """What SMTP's answer about one claimed row does: to the row, its stored message, and
    for a summary to its counterparty (hand-off and ``sent``, or ``bounced`` and the owner's
    alert); moves ``agreement``'s snapshot. Returns sent | retry | failed | skipped."""
    if row.status != "sending":
        return "skipped"  # recorded already (a lease that ran out, a second worker)
    party = None
    if row.kind in HANDOFF_KINDS and agreement is not None and row.counterparty_id is not None:
        party = agreement.party(row.counterparty_id)
    error = _as_error(outcome)
    values: dict[str, Any] = {
        "id": row.id,
        "lease_until": None,
        "sent_at": None,
        "last_error": row.last_error,
        "next_attempt_at": row.next_attempt_at,
    }
    if error is None:
        assert isinstance(outcome, DeliveryResult)
        values.update(
            status="sent",
            sent_at=now,
            result={
                "accepted": {k: list(v) for k, v in outcome.accepted.items()},
                "refused": {},
                "reply": list(outcome.reply),
            },
        )
        recorded.rows.append(values)
        recorded.messages.setdefault("sent", []).append(row.message_row_id)
        if party is not None and agreement is not None:
            _handed_off(agreement, party, row, reply_text(outcome.reply), now, recorded)
        return "sent"
    if isinstance(error, PermanentSmtpError) or now - row.created_at > GIVE_UP_AFTER:
        values.update(
            status="failed",
            last_error=str(error),
            result={
                "error": str(error),
                "code": error.code,
                "refused": {k: list(v) for k, v in error.refused.items()},
            },
        )
        recorded.rows.append(values)
        recorded.messages.setdefault("failed", []).append(row.message_row_id)
        if party is None or agreement is None:
            log.warning("outbox %s (%s) failed: %s", row.id, row.kind, error)
        else:
            _undeliverable(settings, agreement, party, row, error, now, recorded)
        return "failed"
    values.update(
        status="pending",
        last_error=str(error),
        next_attempt_at=now + backoff(row.attempts),
        result={},
    )
    recorded.rows.append(values)
    return "retry"


def _handed_off(
    agreement: AgreementSnap,
    party: PartySnap,
    row: _Claimed,
    reply: str,
    now: datetime,
    recorded: _Recorded,
) -> None:
    """SPEC §6: the hand-off is the proof deemed acceptance needs; a pending counterparty
    of an open agreement is now ``sent``."""
    party.handoff_at, party.handoff_reply, party.changed = now, reply, True
    if party.status not in (CpStatus.PENDING, CpStatus.SENT) or agreement.withdrawn:
        return
    if party.status == CpStatus.PENDING:
        data = {"smtp_reply": reply, "recipient": party.email}
        _move(agreement, party, CpStatus.SENT, row, data, now, recorded)
    # Handed off late (the mail server was down, or a capture's notice went out late): the
    # counterparty keeps the time to answer the summary meant to give.
    deadline = notice_after_handoff(party.deadline, queued=row.created_at, handoff=now)
    if deadline != party.deadline:
        recorded.events.append(
            party_event(
                agreement,
                party,
                "extended",
                actor=SYSTEM,
                at=now,
                message=(row.message_id, row.message_row_id),
                data={
                    "old_deadline": format_time(party.deadline),
                    "new_deadline": format_time(deadline),
                    "reason": f"the mail server accepted it only at {format_time(now)}",
                },
            )
        )
        party.deadline = deadline
    party.next_reminder_at = next_reminder(agreement.reminder_offsets, party.deadline, after=now)


def _undeliverable(
    settings: Settings,
    agreement: AgreementSnap,
    party: PartySnap,
    row: _Claimed,
    error: SmtpError,
    now: datetime,
    recorded: _Recorded,
) -> None:
    """A summary refused for good never reached the counterparty: ``bounced`` (never deemed
    to accept), and the owner is told why. A capture notice refused for good moves nobody
    (the owner's own mail may have arrived) but leaves no hand-off: the owner is told."""
    if agreement.withdrawn:
        return

    def tell_owner(headline: str) -> None:
        alert = alert_about(
            settings, agreement, party, headline=headline, deciding_text=str(error), now=now
        )
        recorded.alerts.append(alert)

    if party.status != CpStatus.PENDING:
        if row.kind == "capture_notice":
            tell_owner(
                f"Accord's notice to {party.email} could not be delivered: "
                "they cannot be deemed to agree"
            )
        return
    stage = "compose" if isinstance(error, Uncomposable) else "smtp"
    data = {"stage": stage, "reason": str(error), "code": error.code}
    _move(agreement, party, CpStatus.BOUNCED, row, data, now, recorded)
    tell_owner(f"Your summary could not be delivered to {party.email}")


def _move(
    agreement: AgreementSnap,
    party: PartySnap,
    to: CpStatus,
    row: _Claimed,
    data: dict[str, Any],
    now: datetime,
    recorded: _Recorded,
) -> None:
    """The counterparty moved by the delivery result of this outbox row (the system's act,
    naming the message)."""
    move = plan_move(
        agreement,
        party,
        to,
        actor=SYSTEM,
        at=now,
        message=(row.message_id, row.message_row_id),
        data=data,
    )
    party.status, party.status_at, party.changed = str(move.to), now, True
    recorded.events.append(move.event)


def _record(
    session: Session, settings: Settings, outcomes: list[Outcome], now: datetime
) -> list[str]:
    connection = session.connection()
    ids = [entry_id for entry_id, _ in outcomes]
    rows = {r.id: _Claimed(*r) for r in connection.execute(_LOCK_ROWS, {"ids": ids})}
    summaries = {
        r.agreement_id for r in rows.values() if r.kind in HANDOFF_KINDS and r.agreement_id
    }
    agreements = load_agreements(connection, summaries)
    recorded = _Recorded()
    statuses = []
    for entry_id, outcome in outcomes:
        row = rows.get(entry_id)
        if row is None:
            statuses.append("skipped")
            continue
        agreement = agreements.get(row.agreement_id or "")
        statuses.append(_decide(settings, row, outcome, agreement, now, recorded))
        rows[entry_id] = replace(row, status="recorded")  # the same row twice: once
    bulk.update(connection, outbox_table, recorded.rows)
    for status, message_rows in recorded.messages.items():
        connection.execute(_SAVE_MESSAGES, {"ids": message_rows, "status": status})
    save(session, agreements, recorded.events)
    store_drafts(session, recorded.alerts)
    return statuses


def record_outcomes(
    session: Session, settings: Settings, outcomes: list[Outcome], now: datetime
) -> list[str]:
    """Record what SMTP said about claimed rows, all under one savepoint; if that raises,
    each row again under its own, so one row's error does not lose the others' results
    (that row stays ``sending`` and is sent again when its lease runs out). Returns sent |
    retry | failed | skipped for each."""
    try:
        with session.begin_nested():
            return _record(session, settings, outcomes, now)
    except Exception:
        if len(outcomes) == 1:
            log.exception("recording the result of outbox %s failed; retried", outcomes[0][0])
            return ["skipped"]
        log.exception("recording %d results failed; row by row", len(outcomes))
    return [record_outcomes(session, settings, [one], now)[0] for one in outcomes]


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
        select(outbox_table.c.id, outbox_table.c.message_row_id).where(outbox_table.c.id.in_(ids))
    )
    failed: list[Outcome] = [
        (entry_id, Uncomposable(reasons[message_row_id]))
        for entry_id, message_row_id in rows.all()
        if message_row_id in reasons
    ]
    record_outcomes(session, settings, failed, now)


async def _deliver(
    settings: Settings,
    database: Database,
    sender: Sender,
    *,
    owner: str,
    batch_size: int,
    now: Callable[[], datetime],
    max_batches: int,
    stopping: threading.Event | None = None,
) -> DeliveryReport:
    """Claim, send and record batch after batch (in one event loop, one connection per
    batch) until nothing is due, a batch sends nothing, ``max_batches``, or the worker stops
    (the batch in hand is finished first)."""
    total = DeliveryReport()

    def record_now(outcomes: list[Outcome]) -> list[str]:
        with database.transaction() as session:
            return record_outcomes(session, settings, outcomes, now())

    async def record(outcomes: list[Outcome]) -> list[str]:
        # Off the event loop: the next messages are sent while this commits.
        return await asyncio.to_thread(record_now, outcomes)

    for _ in range(max_batches):
        if stopping is not None and stopping.is_set():
            break
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
    stopping: threading.Event | None = None,
) -> DeliveryReport:
    """Deliver until nothing is due (or ``max_batches``, or ``stopping`` is set); used by
    ``accord deliver --once`` and the worker."""
    return asyncio.run(
        _deliver(
            settings,
            database,
            sender or build_sender(settings),
            owner=worker_name(),
            batch_size=batch_size,
            now=utcnow,
            max_batches=max_batches,
            stopping=stopping,
        )
    )
