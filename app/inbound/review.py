"""The owner's review of a message Accord could not verify (SPEC §5), three ways, each
recorded as the owner's event and followed by the agreement's status derived again:

- dismiss it (a stranger's "Re: ... [ref]", the owner's own note): it changes nothing more;
- accept it as an alias: its sender becomes another address of the counterparty, and the
  reply is applied as that counterparty's answer;
- treat it as the counterparty's answer without the alias (the owner forwarded it, or it came
  from an address that must not speak for them again).

An answer is applied through the same decision as any reply (``app.inbound.decide``).

Functions take the caller's session and never commit; the caller holds the agreement's lock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.events import append_event
from app.core.record import find_counterparty, lock_agreement, refresh_status
from app.db import utcnow
from app.errors import Conflict, Invalid, InvalidTransition, NotFound
from app.inbound.pipeline import reapply
from app.models import Agreement, Counterparty, CounterpartyAlias, StoredMessage


class NotedAction(Protocol):
    """The owner's word on one message of their locked agreement, with their note:
    ``dismiss_message``, or ``feedback.mark_confirmation`` given the settings."""

    def __call__(
        self,
        session: Session,
        *,
        agreement: Agreement,
        message: StoredMessage,
        actor: str,
        note: str,
        now: datetime,
    ) -> object: ...


def locked_message(
    session: Session, *, owner_id: str, agreement_id: str, ref: str
) -> tuple[Agreement, StoredMessage]:
    """The owner's agreement, locked for a review action on it, and the inbound message of it
    that ``ref`` names (``find_message``)."""
    agreement = lock_agreement(session, agreement_id, owner_id=owner_id)
    return agreement, find_message(session, agreement=agreement, ref=ref)


def find_message(session: Session, *, agreement: Agreement, ref: str) -> StoredMessage:
    """An inbound message of the agreement by row id, or by Message-ID (brackets optional)."""
    stmt = select(StoredMessage).where(
        StoredMessage.agreement_id == agreement.id, StoredMessage.direction == "in"
    )
    ref = ref.strip()
    if ref.isdigit() and len(ref) < 19:  # a row id; longer digit runs cannot be one
        stmt = stmt.where(StoredMessage.id == int(ref))
    else:
        stmt = stmt.where(StoredMessage.message_id == (ref if ref.startswith("<") else f"<{ref}>"))
    row = session.scalars(stmt.order_by(StoredMessage.id)).first()
    if row is None:
        raise NotFound("no such inbound message in this agreement")
    return row


def _reviewed_counterparty(
    session: Session, agreement: Agreement, message: StoredMessage, email: str | None
) -> Counterparty:
    """Who the owner says sent it: the named counterparty, else the one the message matched."""
    if email:
        return find_counterparty(agreement, email)
    if message.counterparty_id is not None:
        cp = session.get(Counterparty, message.counterparty_id)
        if cp is not None and cp.agreement_id == agreement.id:
            return cp
    raise Invalid('say which counterparty sent this message: {"counterparty": "<email>"}')


def _record_alias(
    session: Session, agreement: Agreement, cp: Counterparty, sender: str, now: datetime
) -> bool:
    """Remember ``sender`` as another address of ``cp``; False when it already was one."""
    if sender == agreement.owner.email.lower():
        raise Conflict("that is your own address: resolve the counterparty instead")
    if any(c.email == sender for c in agreement.counterparties):
        raise Conflict(f"{sender} is a counterparty of this agreement, not an alias")
    existing = session.scalar(
        select(CounterpartyAlias).where(
            CounterpartyAlias.agreement_id == agreement.id, CounterpartyAlias.email == sender
        )
    )
    if existing is not None:
        target = session.get(Counterparty, existing.counterparty_id)
        if target is None or target.email != cp.email:
            raise Conflict(f"{sender} is already an alias of another counterparty")
        return False
    session.add(
        CounterpartyAlias(
            agreement_id=agreement.id, counterparty_id=cp.id, email=sender, created_at=now
        )
    )
    return True


def _awaiting_review(message: StoredMessage) -> None:
    if message.status != "unverified":
        raise Conflict(f"the message is {message.status}, not awaiting your review")


def dismiss_message(
    session: Session,
    *,
    agreement: Agreement,
    message: StoredMessage,
    actor: str,
    note: str = "",
    now: datetime | None = None,
) -> Agreement:
    """The owner says an unverified message is nobody's answer: it is kept, ignored, with
    why, and no longer holds the agreement in needs_attention."""
    _awaiting_review(message)
    now = now or utcnow()
    sender = (message.from_addr or "").strip().lower()
    append_event(
        session,
        agreement=agreement,
        type="unverified_dismissed",
        actor=actor,
        message=message,
        at=now,
        data={"sender": sender, "was": message.reason, "note": note},
    )
    message.status = "ignored"
    message.reason = f"dismissed by the owner (was: {message.reason or 'unverified'})"[:2000]
    message.processed_at = now
    session.flush()
    refresh_status(session, agreement)
    return agreement


def accept_message(
    session: Session,
    *,
    settings: Settings,
    agreement: Agreement,
    message: StoredMessage,
    actor: str,
    counterparty_email: str | None = None,
    note: str = "",
    alias: bool = True,
    now: datetime | None = None,
) -> Agreement:
    """The owner vouches for an unverified reply: with ``alias``, its sender becomes an alias
    of the counterparty; either way the reply is applied as if that counterparty had sent
    it. Returns the agreement as it now stands."""
    _awaiting_review(message)
    if agreement.withdrawn_at is not None:
        raise InvalidTransition("the agreement was withdrawn")
    now = now or utcnow()
    cp = _reviewed_counterparty(session, agreement, message, counterparty_email)
    sender = (message.from_addr or "").strip().lower()
    # A bounce's sender is a mail system, never another address of the counterparty.
    recorded = alias and bool(sender) and sender != cp.email and message.kind != "bounce"
    recorded = recorded and _record_alias(session, agreement, cp, sender, now)
    append_event(
        session,
        agreement=agreement,
        type="unverified_accepted",
        actor=actor,
        counterparty=cp,
        message=message,
        at=now,
        data={
            "sender": sender,
            "as": "alias" if alias else "answer",
            "alias_recorded": recorded,
            "was": message.reason,
            "note": note,
        },
    )
    message.status = "processed"
    message.counterparty_id = cp.id
    message.processed_at = now
    session.flush()
    decision = reapply(
        session, settings, row=message, agreement_id=agreement.id, party_id=cp.id, now=now
    )
    if decision.status != "processed":  # superseded, or no state change: kept with the reason
        message.status = decision.status
        message.reason = decision.reason
    message.classification = decision.classification or message.classification
    agreement = lock_agreement(session, agreement.id)  # read again: the reply was written
    refresh_status(session, agreement)
    return agreement
