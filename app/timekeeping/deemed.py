"""Deemed acceptance: silence until the deadline, with proof of hand-off, is agreement.

Eligible (SPEC §6): the summary was accepted by SMTP (hand-off recorded), the counterparty is
still ``sent`` (no reply, no bounce, no away notice), the deadline has passed, and the
tracking mailbox has been synced through the deadline, so a reply that reached it in time
has already been applied. The move is one conditional UPDATE: exactly once, on any number
of workers.

A counterparty with a message awaiting the owner's review that may be theirs
(``awaits_review``) is not silent: Accord cannot tell yet whether they answered. Their
silence is held and the owner asked (``ask_owner``, as for a summary Accord never handed
off); once the owner has reviewed every such message, the rules above apply again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    and_,
    exists,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.chain import format_time
from app.core.events import SYSTEM, append_event
from app.core.lifecycle import CpStatus
from app.core.mailboxes import TRACKING, connected_key
from app.core.record import refresh_status, try_lock_agreement
from app.keys import seal_head
from app.models import (
    Agreement,
    AgreementVersion,
    ConnectedMailbox,
    Counterparty,
    Event,
    MailboxState,
    StoredMessage,
)
from app.outbound import service as outbox
from mail.compose import Party


def synced_through(session: Session, key: str = TRACKING) -> datetime | None:
    state = session.get(MailboxState, key)
    return state.synced_through if state else None


def _may_answer_for(
    cp_id: SQLColumnExpression[int] | int, agreement_id: SQLColumnExpression[str] | str
) -> ColumnElement[bool]:
    """An inbound message the owner has not reviewed that may be this counterparty's answer:
    matched to them (their token, their thread), or to their agreement without naming anyone
    (the ref alone, unauthenticated). It could be their objection, written from another
    address or client, so their silence is not certain."""
    return and_(
        StoredMessage.direction == "in",
        StoredMessage.status == "unverified",
        or_(
            StoredMessage.counterparty_id == cp_id,
            and_(
                StoredMessage.counterparty_id.is_(None),
                StoredMessage.agreement_id == agreement_id,
            ),
        ),
    )


def awaits_review() -> ColumnElement[bool]:
    """``_may_answer_for`` the counterparty of the enclosing statement exists."""
    return exists().where(_may_answer_for(Counterparty.id, Counterparty.agreement_id))


def _silent(cutoff: datetime) -> list[ColumnElement[bool]]:
    """Counterparties of active versions still ``sent`` at ``cutoff``."""
    return [
        Counterparty.status == CpStatus.SENT,
        Counterparty.deadline <= cutoff,
        Counterparty.informational.is_(False),
        AgreementVersion.status == "active",
    ]


def _deemable() -> ColumnElement[bool]:
    """Silence Accord may count: the summary was handed to them, and nothing that may be
    their answer awaits review."""
    return and_(Counterparty.handoff_at.is_not(None), ~awaits_review())


def _to_ask() -> ColumnElement[bool]:
    """Silence the owner is asked about, once: no hand-off of Accord's, or a message that
    may be their answer awaits review."""
    return and_(
        Counterparty.owner_asked_at.is_(None),
        or_(Counterparty.handoff_at.is_(None), awaits_review()),
    )


def _silent_past_deadline(
    cutoff: datetime, limit: int, *conditions: ColumnElement[bool]
) -> Select[tuple[int, str]]:
    """Counterparties of active versions still ``sent`` at ``cutoff``, soonest first."""
    return (
        select(Counterparty.id, Counterparty.agreement_id)
        .join(AgreementVersion, AgreementVersion.id == Counterparty.version_id)
        .where(*_silent(cutoff), *conditions)
        .order_by(Counterparty.deadline)
        .limit(limit)
    )


def oldest_due(session: Session, *, cutoff: datetime) -> datetime | None:
    """The earliest deadline of a counterparty the sweep would deem or ask the owner about
    now (for the sweep's lag metric): the same conditions as ``due_for_deemed`` and
    ``due_for_owner``."""
    return session.scalar(
        select(func.min(Counterparty.deadline))
        .join(AgreementVersion, AgreementVersion.id == Counterparty.version_id)
        .where(*_silent(cutoff), or_(_deemable(), _to_ask()))
    )


def due_for_deemed(session: Session, *, cutoff: datetime, limit: int) -> list[tuple[int, str]]:
    stmt = _silent_past_deadline(cutoff, limit, _deemable())
    return [(row[0], row[1]) for row in session.execute(stmt)]


def _connected_mailboxes_synced(session: Session, agreement: Agreement, cp_id: int) -> bool:
    """A captured summary's replies may reach the owner's own mailbox instead of ours: wait
    until every mailbox the owner connected has been read past the deadline too."""
    if agreement.source != "capture":
        return True
    cp = session.get(Counterparty, cp_id)
    mailboxes = session.scalars(
        select(ConnectedMailbox.id).where(ConnectedMailbox.user_id == agreement.owner_id)
    )
    for mailbox_id in mailboxes:
        seen = synced_through(session, connected_key(mailbox_id))
        if cp is None or seen is None or seen < cp.deadline:
            return False
    return True


def conditions(cp: Counterparty, synced: datetime, held_at: datetime | None = None) -> list[str]:
    """What deemed acceptance rests on, as the event records it. ``held_at``: when it was held
    for the owner's review of a message that might have been theirs (``ask_owner``)."""
    held = (
        [
            f"at {format_time(held_at)} a message that might have been theirs awaited the "
            "owner's review; the owner has since reviewed every such message and recorded "
            "none as their answer"
        ]
        if held_at
        else []
    )
    return [
        f"the mail server accepted the summary for {cp.email} at {format_time(cp.handoff_at)}"
        f" ({cp.handoff_reply})"
        if cp.handoff_at
        else "no hand-off recorded",
        "no bounce was received",
        "no out-of-office notice was received",
        f"no reply from {cp.email} reached the mailbox by the deadline {format_time(cp.deadline)}",
        f"the tracking mailbox was read through {format_time(synced)}",
        *held,
    ]


def deem(
    session: Session,
    settings: Settings,
    *,
    cp_id: int,
    agreement_id: str,
    now: datetime,
    synced: datetime,
) -> bool:
    """Record one counterparty as having accepted by silence; True if this call did it."""
    agreement = try_lock_agreement(session, agreement_id)
    if agreement is None or agreement.withdrawn_at is not None:
        return False
    if not _connected_mailboxes_synced(session, agreement, cp_id):
        return False
    cutoff = min(now, synced)
    result = session.execute(
        update(Counterparty)
        .where(
            Counterparty.id == cp_id,
            Counterparty.status == CpStatus.SENT,
            Counterparty.deadline <= cutoff,
            Counterparty.handoff_at.is_not(None),
            ~awaits_review(),
        )
        .values(status=CpStatus.DEEMED_ACCEPTED, status_at=now, next_reminder_at=None)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        return False
    cp = session.get(Counterparty, cp_id, populate_existing=True)
    assert cp is not None
    append_event(
        session,
        agreement=agreement,
        type=CpStatus.DEEMED_ACCEPTED,
        actor=SYSTEM,
        counterparty=cp,
        at=now,
        data={
            "from": CpStatus.SENT,
            "to": CpStatus.DEEMED_ACCEPTED,
            "deadline": format_time(cp.deadline),
            "handoff_at": format_time(cp.handoff_at) if cp.handoff_at else None,
            "handoff_reply": cp.handoff_reply,
            "synced_through": format_time(synced),
            "conditions": conditions(cp, synced, _held_at(session, cp)),
        },
    )
    refresh_status(session, agreement)
    _notify(session, settings, agreement, cp, now)
    return True


def _held_at(session: Session, cp: Counterparty) -> datetime | None:
    """When deemed acceptance for ``cp`` was held for the owner's review, if it was."""
    asked = session.scalars(
        select(Event).where(
            Event.agreement_id == cp.agreement_id,
            Event.counterparty_id == cp.id,
            Event.type == "owner_asked",
        )
    )
    return next((e.at for e in asked if (e.data or {}).get("awaiting_review")), None)


def _notify(
    session: Session, settings: Settings, agreement: Agreement, cp: Counterparty, now: datetime
) -> None:
    """Tell the owner that silence counted, and the counterparty too if the owner asked for
    that: the same notice, each with a subject of its own, the link to the record the
    owner's alone."""
    # The chain head as of this event, signed: the counterparty's copy is a witness of the
    # record held outside Accord.
    sealed = seal_head(settings, agreement, at=now)
    context = {
        "title": agreement.title,
        "seal": sealed.line(),
        "counterparty": Party(cp.email, cp.name),
        "handoff": f"{format_time(cp.handoff_at)}: {cp.handoff_reply}" if cp.handoff_at else None,
    }
    subjects = {
        "owner": f"Agreed by silence: {agreement.title}",
        "counterparty": f"Recorded as agreed: {agreement.title}",
    }
    link = {"owner": outbox.agreement_url(settings, agreement), "counterparty": None}
    told: tuple[Literal["owner", "counterparty"], ...] = (
        ("owner", "counterparty") if agreement.notify_counterparty_on_deemed else ("owner",)
    )
    for to in told:
        outbox.queue_agreement_notice(
            session,
            settings=settings,
            agreement=agreement,
            recipient=to,
            counterparty=cp,
            kind="deemed_notice",
            subject=subjects[to],
            context={**context, "agreement_url": link[to]},
            dedupe_key=f"deemed:{cp.id}:{to}",
            now=now,
            flush=to == told[-1],  # the rows go to the database together
        )


# --- no hand-off of Accord's: the owner is asked ------------------------------------------


def due_for_owner(session: Session, *, cutoff: datetime, limit: int) -> list[tuple[int, str]]:
    """Counterparties past their deadline whom Accord cannot deem, not asked yet: it never
    handed the summary to them itself (a capture whose notices the owner turned off), or a
    message that may be their answer awaits the owner's review."""
    stmt = _silent_past_deadline(cutoff, limit, _to_ask())
    return [(row[0], row[1]) for row in session.execute(stmt)]


def awaiting_review(session: Session, cp: Counterparty) -> list[int]:
    """The messages ``awaits_review`` finds for ``cp``, by row id: while there are any, the
    silence of ``cp`` is not certain (neither deemed nor attested)."""
    stmt = select(StoredMessage.id).where(_may_answer_for(cp.id, cp.agreement_id))
    return list(session.scalars(stmt.order_by(StoredMessage.id)))


def ask_owner(
    session: Session, settings: Settings, *, cp_id: int, agreement_id: str, now: datetime
) -> bool:
    """Tell the owner that silence cannot count here, once per counterparty: review the
    message that may be theirs (``app.inbound.review``), or, without a hand-off of Accord's,
    record their word instead (``agreements.service.attest``)."""
    agreement = try_lock_agreement(session, agreement_id)
    if agreement is None or agreement.withdrawn_at is not None:
        return False
    cp = session.get(Counterparty, cp_id, populate_existing=True)
    if cp is None or cp.status != CpStatus.SENT or cp.owner_asked_at:
        return False
    pending = awaiting_review(session, cp)
    if cp.handoff_at and not pending:
        return False
    cp.owner_asked_at = now
    append_event(
        session,
        agreement=agreement,
        type="owner_asked",
        actor=SYSTEM,
        counterparty=cp,
        at=now,
        data={"deadline": format_time(cp.deadline), **_why_asked(pending)},
    )
    if pending:
        _ask_to_review(session, settings, agreement, cp, now)
    else:
        _ask_to_attest(session, settings, agreement, cp, now)
    return True


def _why_asked(pending: list[int]) -> dict[str, object]:
    if pending:
        return {
            "why": "a message that may be their answer (matched to them, or to the agreement "
            "without naming anyone) awaits the owner's review, so their silence is not taken "
            "as agreement while it does",
            "awaiting_review": pending,
        }
    return {
        "why": "no hand-off by Accord: the summary went out from the owner's own mail "
        "server and Accord's notices were off, so silence is not taken as agreement",
    }


def _ask_to_review(
    session: Session, settings: Settings, agreement: Agreement, cp: Counterparty, now: datetime
) -> None:
    outbox.queue_owner_alert(
        session,
        settings=settings,
        agreement=agreement,
        headline=f"The deadline for {cp.name or cp.email} passed while a message that may be "
        "theirs awaits your review: their silence is not taken as agreement while it does",
        counterparty=cp,
        dedupe_key=f"held:{cp.id}",
        now=now,
    )


def _ask_to_attest(
    session: Session, settings: Settings, agreement: Agreement, cp: Counterparty, now: datetime
) -> None:
    outbox.queue_agreement_notice(
        session,
        settings=settings,
        agreement=agreement,
        recipient="owner",
        counterparty=cp,
        kind="attest_request",
        subject=f"No reply, and no proof of delivery: {agreement.title}",
        context={
            "title": agreement.title,
            "counterparty": Party(cp.email, cp.name),
            "agreement_url": outbox.agreement_url(settings, agreement),
        },
        dedupe_key=f"attest:{cp.id}",
        now=now,
    )
