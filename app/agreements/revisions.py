"""The clarification loop (SPEC §2, §5): the owner resolves a clarification, revises the
summary as a new version, or accepts a reply that could not be verified.

Functions take the caller's session and never commit (STYLE: one transaction per request);
the caller holds the agreement's lock (``service.lock_agreement``) so the event chain stays
linear.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agreements.lifecycle import CpStatus
from app.agreements.service import (
    active_counterparties,
    cancel_queued_mail,
    find_counterparty,
    refresh_status,
    transition,
)
from app.config import Settings
from app.db import utcnow
from app.errors import Conflict, Invalid, InvalidTransition, NotFound
from app.evidence.chain import format_time
from app.evidence.log import append_event
from app.inbound import outcomes
from app.inbound.matching import Match
from app.inbound.pipeline import Context, apply_reply_as
from app.models import (
    Agreement,
    AgreementVersion,
    Counterparty,
    CounterpartyAlias,
    StoredMessage,
    User,
)
from app.outbound import service as outbound
from mail.ids import new_token
from mail.message import parse_message

RESOLVABLE = frozenset({CpStatus.CLARIFICATION_REQUESTED, CpStatus.AWAY})


@dataclass(frozen=True)
class Party:
    """A recipient of a new version."""

    email: str
    name: str = ""
    role: str = "to"  # to | cc
    informational: bool = False


def current_version(agreement: Agreement) -> AgreementVersion:
    return next(v for v in agreement.versions if v.number == agreement.version)


def resolve(
    session: Session,
    *,
    agreement: Agreement,
    email: str,
    actor: str,
    note: str,
    now: datetime | None = None,
) -> Counterparty:
    """The owner settles a clarification (or an away hold): the counterparty is confirmed."""
    cp = find_counterparty(agreement, email)
    if cp.status not in RESOLVABLE:
        raise InvalidTransition(
            f"{cp.email} is {cp.status}: only a clarification or an away hold can be resolved"
        )
    transition(
        session,
        counterparty=cp,
        to=CpStatus.CONFIRMED,
        actor=actor,
        data={"note": note, "resolved_by": "owner"},
        at=now,
        event_type="resolved",
    )
    return cp


def _parties_of(agreement: Agreement) -> list[Party]:
    return [
        Party(c.email, c.name, c.role, c.informational) for c in active_counterparties(agreement)
    ]


def _check_parties(parties: list[Party]) -> None:
    if not any(not p.informational for p in parties):
        raise Invalid("at least one counterparty must not be informational")
    emails = [p.email.lower() for p in parties]
    if len(set(emails)) != len(emails):
        raise Invalid("each counterparty address may appear only once")


def _retire(agreement: Agreement, old: AgreementVersion) -> None:
    """The current version stops: no more reminders or deemed acceptance for its recipients."""
    old.status = "superseded"
    for cp in active_counterparties(agreement):
        cp.next_reminder_at = None


def revise(
    session: Session,
    *,
    settings: Settings,
    agreement: Agreement,
    actor: str,
    summary: str,
    deadline: datetime,
    title: str | None = None,
    respond_within: str | None = None,
    parties: list[Party] | None = None,
    note: str = "",
    now: datetime | None = None,
) -> AgreementVersion:
    """Supersede the current version with a new one and queue its summary to every recipient.

    The earlier version, its counterparties and their tokens stay in the record; replies to
    the old tokens are recorded and change nothing (the inbound pipeline's "superseded").
    """
    if agreement.withdrawn_at is not None:
        raise InvalidTransition("a withdrawn agreement cannot be revised")
    now = now or utcnow()
    old = current_version(agreement)
    parties = _parties_of(agreement) if parties is None else parties
    _check_parties(parties)
    cancel_queued_mail(session, agreement=agreement)  # old summaries not yet handed off
    _retire(agreement, old)
    version = AgreementVersion(
        agreement=agreement,
        number=old.number + 1,
        title=(title or old.title).strip(),
        summary=summary,
        respond_within=respond_within,
        deadline=deadline,
        created_at=now,
    )
    session.add(version)
    for party in parties:
        agreement.counterparties.append(
            Counterparty(
                version=version,
                email=party.email.lower(),
                name=party.name,
                role=party.role,
                informational=party.informational,
                token=new_token(),
                status=CpStatus.PENDING,
                status_at=now,
                deadline=deadline,
            )
        )
    agreement.version = version.number
    agreement.title = version.title
    agreement.deadline = deadline
    session.flush()
    append_event(
        session,
        agreement=agreement,
        type="revised",
        actor=actor,
        at=now,
        data={
            "version": version.number,
            "supersedes": old.number,
            "title": version.title,
            "summary_sha256": hashlib.sha256(summary.encode("utf-8")).hexdigest(),
            "deadline": format_time(deadline),
            "counterparties": [
                {"email": c.email, "role": c.role, "informational": c.informational}
                for c in active_counterparties(agreement)
            ],
            "note": note,
        },
    )
    refresh_status(session, agreement)
    outbound.queue_version(session, settings=settings, agreement=agreement, now=now)
    return version


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
    owner: User = agreement.owner
    if sender == owner.email.lower():
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


def accept_message(
    session: Session,
    *,
    settings: Settings,
    agreement: Agreement,
    message: StoredMessage,
    actor: str,
    counterparty_email: str | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Counterparty:
    """The owner vouches for an unverified reply: its sender becomes an alias of the
    counterparty, and the reply is applied as if that counterparty had sent it."""
    if message.status != "unverified":
        raise Conflict(f"the message is {message.status}, not awaiting your review")
    if agreement.withdrawn_at is not None:
        raise InvalidTransition("the agreement was withdrawn")
    now = now or utcnow()
    cp = _reviewed_counterparty(session, agreement, message, counterparty_email)
    sender = (message.from_addr or "").strip().lower()
    alias = bool(sender) and sender != cp.email
    alias = alias and _record_alias(session, agreement, cp, sender, now)
    append_event(
        session,
        agreement=agreement,
        type="unverified_accepted",
        actor=actor,
        counterparty=cp,
        message=message,
        at=now,
        data={"sender": sender, "alias_recorded": alias, "was": message.reason, "note": note},
    )
    message.status = "processed"
    message.counterparty_id = cp.id
    message.processed_at = now
    session.flush()
    _reapply(session, settings, agreement, message, cp, now)
    refresh_status(session, agreement)
    return cp


def _reapply(
    session: Session,
    settings: Settings,
    agreement: Agreement,
    message: StoredMessage,
    cp: Counterparty,
    now: datetime,
) -> None:
    """Classify and apply the stored reply as the inbound pipeline would have."""
    raw = session.scalar(select(StoredMessage.raw).where(StoredMessage.id == message.id)) or b""
    parsed = parse_message(
        raw, tracking_address=settings.tracking_address, max_bytes=settings.max_message_bytes
    )
    ctx = Context(session, settings, message, parsed, now)
    try:
        apply_reply_as(ctx, Match(agreement, cp, "owner_review"), cp)
    except outcomes.Outcome as outcome:  # superseded, or no state change: kept with the reason
        message.status = outcome.status
        message.reason = outcome.reason
