"""One readable log line per state change of an agreement ("summary sent", "reply applied:
confirmed", "deemed accepted"), written once the transaction that recorded it commits.

``append_events`` notes each event; a savepoint that rolls back drops its lines, one that
commits hands them to the enclosing transaction, and the outermost commit logs them. So the
console never shows a change the database does not hold.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

if TYPE_CHECKING:
    from app.core.events import Head

log = logging.getLogger("accord.state")
_PENDING = "accord.state_lines"

# Event types as a person reads them; the rest are shown with their type name.
PHRASES = {
    "created": "created",
    "captured": "captured from a Bcc'd mail",
    "queued": "summary queued",
    "sent": "summary sent",
    "confirmed": "reply applied: confirmed",
    "clarification_requested": "reply applied: clarification requested",
    "disputed": "reply applied: disputed",
    "deemed_accepted": "deemed accepted (no reply by the deadline)",
    "owner_attested": "recorded as agreed on the owner's word",
    "marked_confirmation": "owner marked the reply as a confirmation",
    "resolved": "owner resolved the clarification",
    "bounced": "bounced",
    "away": "out of office",
    "withdrawn": "withdrawn",
    "revised": "revised",
    "extended": "deadline extended",
    "reminder_sent": "reminder sent",
    "delivery_failed": "delivery failed",
}


def line(head: Head, row: Mapping[str, Any]) -> str:
    kind = str(row["type"])
    text = f'{head.ref} "{head.title}": {PHRASES.get(kind, kind.replace("_", " "))}'
    if row.get("counterparty"):
        text += f" ({row['counterparty']})"
    return text


def note(session: Session, heads: Mapping[str, Head], rows: Sequence[Mapping[str, Any]]) -> None:
    """Log ``rows`` (events just written) when the transaction holding them commits."""
    if not rows or not log.isEnabledFor(logging.INFO):
        return
    pending: dict[SessionTransaction, list[str]] = session.info.setdefault(_PENDING, {})
    pending.setdefault(_innermost(session), []).extend(
        line(heads[row["agreement_id"]], row) for row in rows
    )


def _innermost(session: Session) -> SessionTransaction:
    current = session.get_nested_transaction() or session.get_transaction()
    assert current is not None  # events are only written inside a transaction
    return current


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    pending: dict[SessionTransaction, list[str]] | None = session.info.get(_PENDING)
    if not pending:
        return
    committed = _innermost(session)
    lines = pending.pop(committed, [])
    if committed.nested and committed.parent is not None:
        pending.setdefault(committed.parent, []).extend(lines)
        return
    for text in lines:
        log.info("%s", text)


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction: SessionTransaction) -> None:
    # Lines of a committed transaction were moved or logged above; what is left rolled back.
    pending: dict[SessionTransaction, list[str]] | None = session.info.get(_PENDING)
    if pending:
        pending.pop(transaction, None)
