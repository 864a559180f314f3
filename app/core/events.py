"""The one writer of the event chain (SPEC §2): every event of every agreement goes through
``append_events``.

Callers say what happened (``NewEvent``, by value) and where each agreement's chain stands
(``Head``, read under the agreement's lock); this module links each event to the one before
it (``app.core.chain``), inserts them, moves each agreement's chain head in the same
statement as any other column the caller derived for it (its status), and queues the webhook
deliveries that announce them (``app.core.announce``) in the same transaction. An ORM object
of a written agreement that the session holds is updated as if it had been loaded after the
write, so ORM and set-based callers can be mixed in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app import bulk
from app.core import statelog
from app.core.announce import announce
from app.core.chain import format_time, link
from app.db import utcnow
from app.models import Agreement, Counterparty, Event, StoredMessage
from app.models.tables import agreements_table, events_table, messages_table

SYSTEM = "system"


@dataclass(frozen=True)
class NewEvent:
    """One event to append, by value."""

    agreement_id: str
    type: str
    actor: str
    at: datetime
    counterparty: str | None = None
    counterparty_id: int | None = None
    message_id: str | None = None
    message_row_id: int | None = None
    data: Mapping[str, Any] | None = None


@dataclass
class Head:
    """Where an agreement's chain stands (read under its lock), and what announcing its
    events needs to know of it."""

    agreement_id: str
    owner_id: str
    ref: str
    title: str
    event_count: int
    event_head: str
    updated_at: datetime | None = None


def head_of(agreement: Agreement) -> Head:
    return Head(
        agreement.id,
        agreement.owner_id,
        agreement.ref,
        agreement.title,
        agreement.event_count,
        agreement.event_head,
        agreement.updated_at,
    )


def link_events(heads: Mapping[str, Head], events: Sequence[NewEvent]) -> list[dict[str, Any]]:
    """The events' rows, in order, each linked to the one before it; advances ``heads``."""
    rows = []
    for ev in events:
        head = heads[ev.agreement_id]
        row = link(
            agreement_id=ev.agreement_id,
            seq=head.event_count + 1,
            type=ev.type,
            at=ev.at,
            actor=ev.actor,
            counterparty=ev.counterparty,
            counterparty_id=ev.counterparty_id,
            message_id=ev.message_id,
            message_row_id=ev.message_row_id,
            data=ev.data,
            prev_hash=head.event_head,
        )
        rows.append(row)
        head.event_count = row["seq"]
        head.event_head = row["hash"]
        head.updated_at = ev.at
    return rows


def append_events(
    session: Session,
    heads: Mapping[str, Head],
    events: Sequence[NewEvent],
    *,
    values: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Append ``events`` (in order) to their agreements' chains and write the moved heads,
    with ``values[agreement_id]`` (the same columns for each agreement, e.g. its derived
    status) in the same UPDATE. The caller holds the agreements' locks. Returns the rows.

    An event that names a stored message records that message's hashes (``message_sha256``
    of its bytes, ``copy_sha256`` of the copy evidence bundles hold), so the chain seals the
    bytes too (SPEC §7)."""
    rows = link_events(heads, _with_message_hashes(session, events))
    write_events(session, heads, rows, values=values)
    return rows


_HASHES = select(messages_table.c.id, messages_table.c.sha256, messages_table.c.copy_sha256).where(
    messages_table.c.id.in_(bindparam("ids", expanding=True)),
    messages_table.c.sha256.is_not(None),
)


def _with_message_hashes(session: Session, events: Sequence[NewEvent]) -> list[NewEvent]:
    ids = sorted({e.message_row_id for e in events if e.message_row_id is not None})
    if not ids:
        return list(events)
    hashes = {row.id: row for row in session.connection().execute(_HASHES, {"ids": ids})}
    sealed = []
    for event in events:
        found = hashes.get(event.message_row_id) if event.message_row_id is not None else None
        if found is not None:
            data = {**(event.data or {}), "message_sha256": found.sha256}
            if found.copy_sha256:
                data["copy_sha256"] = found.copy_sha256
            event = replace(event, data=data)
        sealed.append(event)
    return sealed


def write_events(
    session: Session,
    heads: Mapping[str, Head],
    rows: Sequence[dict[str, Any]],
    *,
    values: Mapping[str, Mapping[str, Any]] | None = None,
    new: Sequence[tuple[Table, bulk.Rows]] = (),
) -> None:
    """Insert rows of ``link_events``, write the heads they moved and queue their
    announcements. ``new``: rows of a new agreement that the events name (the agreement's
    own row with its final head among them), written in the same statement; the heads
    need no update then."""
    if not rows:
        return
    bulk.insert_all(session.connection(), [*new, (events_table, rows)])
    if not new:
        moved = {row["agreement_id"] for row in rows}
        _write_heads(session, heads, moved, values or {})
    announce(session, heads, rows)
    statelog.note(session, heads, rows)


def _write_heads(
    session: Session,
    heads: Mapping[str, Head],
    moved: set[str],
    values: Mapping[str, Mapping[str, Any]],
) -> None:
    rows = [
        {
            "id": agreement_id,
            "event_count": heads[agreement_id].event_count,
            "event_head": heads[agreement_id].event_head,
            "updated_at": heads[agreement_id].updated_at,
            **values.get(agreement_id, {}),
        }
        for agreement_id in sorted(moved)
    ]
    bulk.update(session.connection(), agreements_table, rows)
    for row in rows:
        _sync_loaded(session, row)


def _sync_loaded(session: Session, row: Mapping[str, Any]) -> None:
    """The session's object of this agreement, if it holds one, as just written."""
    loaded = session.identity_map.get(session.identity_key(Agreement, row["id"]))
    if loaded is not None:
        for name, value in row.items():
            if name != "id":
                set_committed_value(loaded, name, value)


def append_event(
    session: Session,
    *,
    agreement: Agreement,
    type: str,
    actor: str,
    counterparty: Counterparty | None = None,
    message: StoredMessage | None = None,
    data: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """``append_events`` for one event of a loaded agreement (the caller holds its lock)."""
    at = at or utcnow()
    session.flush()  # the agreement and the rows the event names must be written first
    (row,) = append_events(
        session,
        {agreement.id: head_of(agreement)},
        [
            NewEvent(
                agreement_id=agreement.id,
                type=type,
                actor=actor,
                at=at,
                counterparty=counterparty.email if counterparty else None,
                counterparty_id=counterparty.id if counterparty else None,
                message_id=message.message_id if message else None,
                message_row_id=message.id if message else None,
                data=data,
            )
        ],
    )
    return row


def event_record(ev: Event | Mapping[str, Any]) -> dict[str, Any]:
    """The event as the API and timeline.json show it: the hashed fields and the hash."""
    get = ev.get if isinstance(ev, Mapping) else (lambda name: getattr(ev, name))
    at = get("at")
    return {
        "agreement_id": get("agreement_id"),
        "seq": get("seq"),
        "type": get("type"),
        "at": format_time(at) if isinstance(at, datetime) else at,
        "actor": get("actor"),
        "counterparty": get("counterparty"),
        "message_id": get("message_id"),
        "data": get("data"),
        "prev_hash": get("prev_hash"),
        "hash": get("hash"),
    }
