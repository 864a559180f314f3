"""Appending to an agreement's event log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from app.db import utcnow
from app.evidence.chain import format_time, link
from app.models import Agreement, Counterparty, Event, StoredMessage
from app.webhooks.service import enqueue_for_event

SYSTEM = "system"


def append_event(
    session: Session,
    *,
    agreement: Agreement,
    type: str,
    actor: str,
    counterparty: Counterparty | None = None,
    message: StoredMessage | None = None,
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> Event:
    """Add the next event of ``agreement``'s chain (the caller holds the agreement's lock)."""
    at = at or utcnow()
    row = link(
        agreement_id=agreement.id,
        seq=agreement.event_count + 1,
        type=type,
        at=at,
        actor=actor,
        counterparty=counterparty.email if counterparty else None,
        counterparty_id=counterparty.id if counterparty else None,
        message_id=message.message_id if message else None,
        message_row_id=message.id if message else None,
        data=data,
        prev_hash=agreement.event_head,
    )
    ev = Event(**row)
    agreement.event_count = row["seq"]
    agreement.event_head = row["hash"]
    agreement.updated_at = at
    session.add(ev)
    # Webhook deliveries are queued in the same transaction as the event they announce.
    enqueue_for_event(session, agreement=agreement, event=ev)
    return ev


def event_record(ev: Event) -> dict[str, Any]:
    """The event as it appears in the API and in timeline.json (the hashed fields + ids)."""
    return {
        "agreement_id": ev.agreement_id,
        "seq": ev.seq,
        "type": ev.type,
        "at": format_time(ev.at),
        "actor": ev.actor,
        "counterparty": ev.counterparty,
        "message_id": ev.message_id,
        "data": ev.data,
        "prev_hash": ev.prev_hash,
        "hash": ev.hash,
    }
