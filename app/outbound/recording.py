"""Recording a group of accepted deliveries in a few set-based statements.

The per-row path (``delivery.record_outcome``) loads each outbox row, its counterparty and
its agreement as ORM objects and flushes each change: about 15 statements per message. A
group of accepted messages is recorded here with the same effects in about ten statements in
all: the rows are locked and read in one query, the group's agreements are locked in one
query (in id order, so two workers never wait on each other in a cycle), and the results,
handoffs, transitions to ``sent``, derived statuses and hash-chained events are written with
executemany UPDATEs and one INSERT (``app.evidence.bulk``).

The rules are those of ``delivery._record_sent`` and ``agreements.service.transition``: a row
is recorded only while it is ``sending``; a summary records the handoff on its counterparty
and, if the counterparty is still pending and the agreement not withdrawn, moves it to
``sent`` with an event, schedules its next reminder and refreshes the agreement's status.
Anything this module does not expect raises ``NotBulkable``: the caller then records the
group row by row instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Table, bindparam, func, select, update
from sqlalchemy.orm import Session

from app.agreements.lifecycle import CpStatus, derive_status
from app.evidence.bulk import ChainHead, NewEvent, append_events
from app.evidence.log import SYSTEM
from app.models import Agreement, AgreementVersion, Counterparty, OutboxEntry, StoredMessage
from app.timekeeping.reminders import next_reminder
from mail.smtp import DeliveryResult

_outbox = cast(Table, OutboxEntry.__table__)
_messages = cast(Table, StoredMessage.__table__)
_counterparties = cast(Table, Counterparty.__table__)
_agreements = cast(Table, Agreement.__table__)
_versions = cast(Table, AgreementVersion.__table__)

# The statements are built once: building them is most of what a small group costs.
_LOCK_ROWS = (
    select(
        _outbox.c.id,
        _outbox.c.status,
        _outbox.c.kind,
        _outbox.c.counterparty_id,
        _outbox.c.message_row_id,
        _messages.c.message_id,
        _counterparties.c.agreement_id.label("cp_agreement_id"),
    )
    .join(_messages, _messages.c.id == _outbox.c.message_row_id)
    .outerjoin(_counterparties, _counterparties.c.id == _outbox.c.counterparty_id)
    .where(_outbox.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(_outbox.c.id)
    .with_for_update(of=_outbox)
)
# In id order: two workers locking overlapping groups take the locks in the same order.
_LOCK_AGREEMENTS = (
    select(
        _agreements.c.id,
        _agreements.c.owner_id,
        _agreements.c.withdrawn_at,
        _agreements.c.event_count,
        _agreements.c.event_head,
        _agreements.c.reminder_offsets,
        _versions.c.id.label("version_id"),
    )
    .join(
        _versions,
        (_versions.c.agreement_id == _agreements.c.id)
        & (_versions.c.number == _agreements.c.version),
    )
    .where(_agreements.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(_agreements.c.id)
    .with_for_update(of=_agreements)
)
_PARTIES = (
    select(
        _counterparties.c.id,
        _counterparties.c.agreement_id,
        _counterparties.c.version_id,
        _counterparties.c.email,
        _counterparties.c.status,
        _counterparties.c.informational,
        _counterparties.c.deadline,
    )
    .where(_counterparties.c.agreement_id.in_(bindparam("ids", expanding=True)))
    .order_by(_counterparties.c.id)
)
_UNVERIFIED = (
    select(_messages.c.agreement_id, func.count(_messages.c.id))
    .where(
        _messages.c.agreement_id.in_(bindparam("ids", expanding=True)),
        _messages.c.status == "unverified",
    )
    .group_by(_messages.c.agreement_id)
)
_ROW_SENT = (
    update(_outbox)
    .where(_outbox.c.id == bindparam("b_id"))
    .values(
        status="sent",
        sent_at=bindparam("b_at"),
        lease_until=None,
        result=bindparam("b_result"),
    )
)
_MESSAGES_SENT = (
    update(_messages)
    .where(_messages.c.id.in_(bindparam("ids", expanding=True)))
    .values(status="sent")
)
_HANDOFF = (
    update(_counterparties)
    .where(_counterparties.c.id == bindparam("b_id"))
    .values(handoff_at=bindparam("b_at"), handoff_reply=bindparam("b_reply"))
)
_HANDOFF_AND_SENT = (
    update(_counterparties)
    .where(_counterparties.c.id == bindparam("b_id"))
    .values(
        handoff_at=bindparam("b_at"),
        handoff_reply=bindparam("b_reply"),
        status=str(CpStatus.SENT),
        status_at=bindparam("b_at"),
        next_reminder_at=bindparam("b_next"),
    )
)


T = TypeVar("T")
# Work done in steps: each ``yield`` is a point where other work may run (run_steps_async).
Steps = Generator[None, None, T]


class NotBulkable(Exception):
    """The group needs the per-row path (a state this module does not handle)."""


@dataclass
class _Party:
    id: int
    agreement_id: str
    version_id: int
    email: str
    status: str
    informational: bool
    deadline: datetime


@dataclass
class _Agreement:
    head: ChainHead
    version_id: int
    withdrawn: bool
    reminder_offsets: list[int]
    parties: list[_Party]
    moved: bool = False


def reply_text(reply: tuple[int, str]) -> str:
    return f"{reply[0]} {reply[1]}".strip()


def run_steps(steps: Steps[T]) -> T:
    """Run stepped work to its end at once."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return cast(T, done.value)


async def run_steps_async(steps: Steps[T]) -> T:
    """Run stepped work, letting the event loop run between steps (e.g. the SMTP
    conversation of the next messages, whose server works meanwhile)."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return cast(T, done.value)
        await asyncio.sleep(0)


def record_sent(
    session: Session, results: Sequence[tuple[int, DeliveryResult]], now: datetime
) -> list[str]:
    """Record accepted deliveries; returns sent | skipped for each, in order."""
    return run_steps(record_sent_steps(session, results, now))


def record_sent_steps(
    session: Session, results: Sequence[tuple[int, DeliveryResult]], now: datetime
) -> Steps[list[str]]:
    """``record_sent`` in steps of a statement or two (see ``run_steps_async``)."""
    conn = session.connection()
    ids = [entry_id for entry_id, _ in results]
    if len(set(ids)) != len(ids):
        raise NotBulkable("the same outbox row twice in one group")
    rows = {row.id: row for row in conn.execute(_LOCK_ROWS, {"ids": ids})}
    yield
    live = [(rows[i], r) for i, r in results if i in rows and rows[i].status == "sending"]
    summaries = [(row, r) for row, r in live if row.kind == "summary" and row.counterparty_id]
    agreements, parties = _lock_agreements(conn, [row for row, _ in summaries])
    yield
    events: list[NewEvent] = []
    handoffs: list[dict[str, Any]] = []
    moves: list[dict[str, Any]] = []
    for row, result in summaries:
        party = parties.get(row.counterparty_id)
        if party is None:
            continue  # the counterparty is gone; the per-row path records the row alone too
        agreement = agreements[party.agreement_id]
        reply = reply_text(result.reply)
        if party.status != CpStatus.PENDING or agreement.withdrawn:
            handoffs.append({"b_id": party.id, "b_at": now, "b_reply": reply})
            continue
        party.status = CpStatus.SENT
        agreement.moved = True
        next_at = next_reminder(agreement.reminder_offsets, party.deadline, after=now)
        moves.append({"b_id": party.id, "b_at": now, "b_reply": reply, "b_next": next_at})
        events.append(
            NewEvent(
                agreement_id=party.agreement_id,
                type=str(CpStatus.SENT),
                actor=SYSTEM,
                at=now,
                counterparty=party.email,
                counterparty_id=party.id,
                message_id=row.message_id,
                message_row_id=row.message_row_id,
                data={
                    "from": str(CpStatus.PENDING),
                    "to": str(CpStatus.SENT),
                    "smtp_reply": reply,
                    "recipient": party.email,
                },
            )
        )
    _write_rows(conn, live, now)
    yield
    if handoffs:
        conn.execute(_HANDOFF, handoffs)
    if moves:
        conn.execute(_HANDOFF_AND_SENT, moves)
    yield
    statuses = _statuses(conn, {k: a for k, a in agreements.items() if a.moved})
    yield
    append_events(
        session,
        {k: a.head for k, a in agreements.items()},
        events,
        agreement_values={k: {"status": s} for k, s in statuses.items()},
    )
    recorded = {row.id for row, _ in live}
    return ["sent" if i in recorded else "skipped" for i in ids]


def _lock_agreements(
    conn: Connection, rows: list[Any]
) -> tuple[dict[str, _Agreement], dict[int, _Party]]:
    """Lock the agreements of the group's summaries and read their parties after the lock."""
    # A counterparty never changes agreement, so its agreement was read with the rows.
    agreement_ids = sorted({row.cp_agreement_id for row in rows if row.cp_agreement_id})
    if not agreement_ids:
        return {}, {}
    locked = conn.execute(_LOCK_AGREEMENTS, {"ids": agreement_ids}).all()
    if len(locked) != len(agreement_ids):
        raise NotBulkable("an agreement or its current version is missing")
    agreements = {
        a.id: _Agreement(
            head=ChainHead(a.id, a.owner_id, a.event_count, a.event_head),
            version_id=a.version_id,
            withdrawn=a.withdrawn_at is not None,
            reminder_offsets=list(a.reminder_offsets or []),
            parties=[],
        )
        for a in locked
    }
    parties: dict[int, _Party] = {}
    for p in conn.execute(_PARTIES, {"ids": agreement_ids}):
        party = _Party(*p)
        parties[party.id] = party
        agreements[party.agreement_id].parties.append(party)
    return agreements, parties


def _write_rows(conn: Connection, live: list[tuple[Any, DeliveryResult]], now: datetime) -> None:
    if not live:
        return
    params = [
        {
            "b_id": row.id,
            "b_at": now,
            "b_result": {
                "accepted": {k: list(v) for k, v in result.accepted.items()},
                "refused": {},
                "reply": list(result.reply),
            },
        }
        for row, result in live
    ]
    conn.execute(_ROW_SENT, params)
    conn.execute(_MESSAGES_SENT, {"ids": sorted(row.message_row_id for row, _ in live)})


def _statuses(conn: Connection, moved: dict[str, _Agreement]) -> dict[str, str]:
    """Each moved agreement's derived status (``agreements.service.refresh_status``)."""
    if not moved:
        return {}
    unverified = dict(conn.execute(_UNVERIFIED, {"ids": sorted(moved)}).tuples().all())
    return {
        agreement_id: str(
            derive_status(
                [
                    CpStatus(p.status)
                    for p in agreement.parties
                    if p.version_id == agreement.version_id and not p.informational
                ],
                withdrawn=agreement.withdrawn,
                open_unverified=unverified.get(agreement_id, 0) > 0,
            )
        )
        for agreement_id, agreement in moved.items()
    }
