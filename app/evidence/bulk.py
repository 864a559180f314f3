"""Appending many events at once: the same chain as ``app.evidence.log.append_event``.

For callers that record a group of state changes in one transaction with Core statements
(delivery results): the caller holds the locks of the agreements, this module computes each
event's record and hash exactly as ``append_event`` does (``app.evidence.chain``), inserts the
events in one statement, moves each agreement's ``event_count``/``event_head`` (and sets
``updated_at``, as ``append_event`` does) in one statement, and queues webhook deliveries
through ``app.webhooks.service.enqueue_for_event``, the same as a single append.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, Update, bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.evidence.chain import link
from app.models import Agreement, Event
from app.models.webhooks import WebhookEndpoint
from app.webhooks.service import enqueue_for_event

_events = cast(Table, Event.__table__)
_agreements = cast(Table, Agreement.__table__)
_endpoints = cast(Table, WebhookEndpoint.__table__)

_INSERT = insert(_events)
_INSERT_RETURNING_IDS = insert(_events).returning(_events.c.id, sort_by_parameter_order=True)
_HOOKED_OWNERS = (
    select(_endpoints.c.user_id)
    .where(
        _endpoints.c.user_id.in_(bindparam("ids", expanding=True)),
        _endpoints.c.disabled_at.is_(None),
    )
    .distinct()
)


@dataclass
class ChainHead:
    """Where an agreement's chain stands, read under the agreement's lock."""

    agreement_id: str
    owner_id: str
    event_count: int
    event_head: str
    updated_at: datetime | None = None
    appended: int = 0


@dataclass(frozen=True)
class NewEvent:
    """One event to append (the arguments of ``append_event``, by value)."""

    agreement_id: str
    type: str
    actor: str
    at: datetime
    counterparty: str | None = None
    counterparty_id: int | None = None
    message_id: str | None = None
    message_row_id: int | None = None
    data: Mapping[str, Any] | None = None


def chain(heads: Mapping[str, ChainHead], new: Sequence[NewEvent]) -> list[dict[str, Any]]:
    """The events' rows, in order, with seq, prev_hash and hash; advances ``heads``."""
    rows = []
    for ev in new:
        head = heads[ev.agreement_id]
        seq = head.event_count + 1
        row = link(
            agreement_id=ev.agreement_id,
            seq=seq,
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
        head.event_count = seq
        head.event_head = row["hash"]
        head.updated_at = ev.at
        head.appended += 1
    return rows


def append_events(
    session: Session,
    heads: Mapping[str, ChainHead],
    new: Sequence[NewEvent],
    *,
    agreement_values: Mapping[str, Mapping[str, Any]] | None = None,
) -> None:
    """Insert ``new`` (in order) and write the moved heads, plus ``agreement_values[id]``
    (same keys for every agreement) in the same UPDATE. The caller holds the locks."""
    if not new:
        return
    rows = chain(heads, new)
    conn = session.connection()
    owners = sorted({heads[ev.agreement_id].owner_id for ev in new})
    hooked = set(conn.execute(_HOOKED_OWNERS, {"ids": owners}).scalars())
    if hooked:
        ids = list(conn.execute(_INSERT_RETURNING_IDS, rows).scalars())
    else:
        conn.execute(_INSERT, rows)
    _write_heads(conn, [h for h in heads.values() if h.appended], agreement_values or {})
    if hooked:
        _enqueue_webhooks(session, heads, new, ids, hooked)


@functools.cache
def _head_update(columns: tuple[str, ...]) -> Update:
    return (
        update(_agreements)
        .where(_agreements.c.id == bindparam("b_id"))
        .values(
            event_count=bindparam("b_event_count"),
            event_head=bindparam("b_event_head"),
            updated_at=bindparam("b_updated_at"),
            **{name: bindparam(f"b_{name}") for name in columns},
        )
    )


def _write_heads(
    conn: Connection, moved: list[ChainHead], extra: Mapping[str, Mapping[str, Any]]
) -> None:
    if not moved:
        return
    columns = tuple(sorted({key for values in extra.values() for key in values}))
    params = []
    for head in moved:
        values = extra.get(head.agreement_id, {})
        if set(values) != set(columns):
            raise ValueError("agreement_values must give the same columns for every agreement")
        params.append(
            {
                "b_id": head.agreement_id,
                "b_event_count": head.event_count,
                "b_event_head": head.event_head,
                "b_updated_at": head.updated_at,
                **{f"b_{name}": value for name, value in values.items()},
            }
        )
    conn.execute(_head_update(columns), params)


def _enqueue_webhooks(
    session: Session,
    heads: Mapping[str, ChainHead],
    new: Sequence[NewEvent],
    ids: list[int],
    hooked: set[str],
) -> None:
    """The same deliveries ``append_event`` would queue, through the same function."""
    for ev, event_id in zip(new, ids, strict=True):
        if heads[ev.agreement_id].owner_id not in hooked:
            continue
        event = session.get(Event, event_id)
        agreement = session.get(Agreement, ev.agreement_id)
        if event is None or agreement is None:
            raise RuntimeError(f"event {event_id} vanished inside its own transaction")
        enqueue_for_event(session, agreement=agreement, event=event)
