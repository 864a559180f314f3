"""Follow-through rules (SPEC §10): where each commitment stands, adding commitments after
the summary went out, recording a delivery (and telling the counterparties), waiving.

Functions take the caller's session and never commit; the caller holds the agreement's lock
(``app.core.record.lock_agreement``) when it writes, so the event chain stays linear. Every
event goes through ``app.core.events.append_event``, the one writer of the chain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.commitments.status import DELIVERED, WAIVED, Standing, standing
from app.commitments.terms import OWNER, Terms, version_terms, write_terms
from app.config import Settings
from app.core.chain import format_time
from app.core.deadlines import zone
from app.core.events import append_event
from app.core.lifecycle import CpStatus
from app.core.record import active_counterparties
from app.errors import Invalid, InvalidTransition, NotFound
from app.models import Agreement, AgreementReview, Commitment, Counterparty, Event
from app.outbound import service as outbound
from mail.compose import Party, day_in_words, deadline_in_words

DELIVERY_NOTICE = "delivery_notice"


@dataclass(frozen=True)
class CommitmentView:
    """A commitment with where it stands."""

    row: Commitment
    standing: Standing

    def out(self) -> dict[str, Any]:
        r, s = self.row, self.standing
        return {
            "id": r.id,
            "by": r.by,
            "what": r.what,
            "due": r.due,
            "status": s.status,
            "delivered_at": s.delivered_at,
            "note": s.note,
            "in_summary": r.in_summary,
            "version": r.version,
            "answers": dict(s.answers),
        }


@dataclass(frozen=True)
class FollowThrough:
    commitments: list[CommitmentView]
    review_at: datetime | None
    review_in_summary: bool


def events_of(session: Session, agreement_id: str) -> list[Event]:
    return list(
        session.scalars(select(Event).where(Event.agreement_id == agreement_id).order_by(Event.seq))
    )


def follow_through(
    session: Session, agreement: Agreement, *, now: datetime, events: Sequence[Any] | None = None
) -> FollowThrough:
    """The current version's commitments with their status, and its review date."""
    rows = session.scalars(
        select(Commitment)
        .where(Commitment.agreement_id == agreement.id, Commitment.version == agreement.version)
        .order_by(Commitment.position)
    ).all()
    events = events_of(session, agreement.id) if events is None else events
    review = session.get(AgreementReview, (agreement.id, agreement.version))
    return FollowThrough(
        [CommitmentView(r, standing(r.id, r.due, events, now=now)) for r in rows],
        review.review_at if review else None,
        bool(review and review.in_summary),
    )


def owned(session: Session, agreement_id: str, *, owner_id: str) -> Agreement:
    """The agreement if ``owner_id`` owns it (read without a lock)."""
    agreement = session.scalar(
        select(Agreement).where(Agreement.id == agreement_id, Agreement.owner_id == owner_id)
    )
    if agreement is None:
        raise NotFound("no such agreement")
    return agreement


def find(session: Session, agreement: Agreement, commitment_id: str) -> Commitment:
    row = session.get(Commitment, commitment_id)
    if row is None or row.agreement_id != agreement.id or row.version != agreement.version:
        raise NotFound("no such commitment in this agreement's current version")
    return row


def add_commitments(
    session: Session, *, agreement: Agreement, terms: Terms, actor: str, now: datetime
) -> None:
    """The owner adds commitments (or the review date) to an agreement whose summary already
    went out, e.g. dates for a captured mail. They were not in what the counterparties
    accepted: the record says so (``in_summary`` false), and changing what was accepted
    takes a revision."""
    if agreement.withdrawn_at is not None:
        raise InvalidTransition("the agreement was withdrawn")
    if not terms.commitments and terms.review_at is None:
        raise Invalid("nothing to add: give commitments or a review date")
    current = version_terms(session, agreement.id, agreement.version)
    count = len(current.commitments)
    if terms.review_at is not None and current.review_at is not None:
        raise InvalidTransition("the review date is set; revise the agreement to change it")
    write_terms(
        session,
        agreement_id=agreement.id,
        version=agreement.version,
        terms=terms,
        in_summary=False,
        now=now,
        first_position=count,
    )
    append_event(
        session,
        agreement=agreement,
        type="commitments_added",
        actor=actor,
        at=now,
        data={**terms.record(), "version": agreement.version, "in_summary": False},
    )


def acceptance_words(cp: Counterparty, tz_name: str) -> str:
    """How this counterparty accepted the agreement, in their words (for the notice)."""
    tz = zone(tz_name)
    if cp.status == CpStatus.CONFIRMED:
        return f"You confirmed it on {deadline_in_words(cp.status_at, tz)}."
    if cp.status == CpStatus.DEEMED_ACCEPTED:
        return f"You did not reply by {deadline_in_words(cp.deadline, tz)}, so it stands as agreed."
    if cp.status == CpStatus.OWNER_ATTESTED:
        return "It was agreed between us (recorded on my word)."
    return f"It awaits your answer (reply by {deadline_in_words(cp.deadline, tz)})."


def deliver(
    session: Session,
    *,
    settings: Settings,
    agreement: Agreement,
    commitment_id: str,
    note: str,
    notify: bool,
    actor: str,
    now: datetime,
) -> list[str]:
    """Record that a commitment was delivered; with ``notify``, each counterparty gets a
    notice in the thread of their summary: what was delivered, the agreement and how they
    accepted it, and what is now due in return. Returns who was notified."""
    if agreement.withdrawn_at is not None:
        raise InvalidTransition("the agreement was withdrawn")
    row = find(session, agreement, commitment_id)
    if notify and row.by != OWNER:
        raise Invalid(
            "notify tells the counterparties that you delivered: record their own delivery "
            "without it"
        )
    events = events_of(session, agreement.id)
    current = standing(row.id, row.due, events, now=now)
    if current.status not in ("open", "overdue", "disputed"):
        raise InvalidTransition(f"the commitment is {current.status}")
    parties = [
        c
        for c in active_counterparties(agreement)
        if not c.informational and c.status != CpStatus.BOUNCED
    ]
    notified = [c.email for c in parties] if notify else []
    event = append_event(
        session,
        agreement=agreement,
        type=DELIVERED,
        actor=actor,
        at=now,
        data={
            "commitment": row.id,
            "by": row.by,
            "what": row.what,
            "due": format_time(row.due) if row.due else None,
            "note": note,
            "notify": notify,
            "notified": notified,
        },
    )
    if notify:
        views = follow_through(session, agreement, now=now, events=events).commitments
        for cp in parties:
            _notify(session, settings, agreement, row, cp, note, views, event["seq"], now)
    return notified


def _notify(
    session: Session,
    settings: Settings,
    agreement: Agreement,
    row: Commitment,
    cp: Counterparty,
    note: str,
    views: list[CommitmentView],
    seq: int,
    now: datetime,
) -> None:
    owner = agreement.owner
    tz = zone(owner.timezone)
    review = version_terms(session, agreement.id, agreement.version).review_at
    in_return = [
        {"what": v.row.what, "due": day_in_words(v.row.due, tz) if v.row.due else None}
        for v in views
        if v.row.by == cp.email and v.standing.status in ("open", "overdue")
    ]
    entry = outbound.queue_agreement_notice(
        session,
        settings=settings,
        agreement=agreement,
        recipient="counterparty",
        counterparty=cp,
        kind=DELIVERY_NOTICE,
        subject=f"Delivered: {row.what}"[:150],
        context={
            "owner": Party(owner.email, owner.name),
            "title": agreement.title,
            "what": row.what,
            "note": note,
            "delivered_on": day_in_words(now, tz),
            "due_words": day_in_words(row.due, tz) if row.due else None,
            "sent_on": day_in_words(agreement.created_at, tz),
            "acceptance": acceptance_words(cp, owner.timezone),
            "in_return": in_return,
            "review_words": day_in_words(review, tz) if review else None,
        },
        dedupe_key=f"delivered:{row.id}:{seq}:{cp.id}",
        now=now,
    )
    # The notice's replies are answers about this commitment (``app.inbound.decide``).
    entry.message.details = {"commitment": row.id}


def waive(
    session: Session,
    *,
    agreement: Agreement,
    commitment_id: str,
    note: str,
    actor: str,
    now: datetime,
) -> None:
    """The owner lets a commitment go (theirs or a counterparty's)."""
    row = find(session, agreement, commitment_id)
    if standing(row.id, row.due, events_of(session, agreement.id), now=now).status == "waived":
        raise InvalidTransition("the commitment is already waived")
    append_event(
        session,
        agreement=agreement,
        type=WAIVED,
        actor=actor,
        at=now,
        data={"commitment": row.id, "what": row.what, "note": note},
    )


def by_label(row: Commitment, agreement: Agreement) -> str:
    if row.by == OWNER:
        return agreement.owner.name or agreement.owner.email
    for cp in agreement.counterparties:
        if cp.email == row.by and cp.name:
            return cp.name
    return row.by
