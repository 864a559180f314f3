"""Deemed acceptance: silence until the deadline, with proof of hand-off, is agreement.

Eligible (SPEC §6): the summary was accepted by SMTP (hand-off recorded), the counterparty is
still ``sent`` (no reply, no bounce, no away notice), the deadline has passed, and the
tracking mailbox has been synced through the deadline, so a reply that reached it in time
has already been applied. The move is one conditional UPDATE: exactly once, on any number
of workers.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, select, update
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.chain import format_time
from app.core.deadlines import zone
from app.core.events import SYSTEM, append_event
from app.core.lifecycle import CpStatus
from app.core.mailboxes import TRACKING, connected_key
from app.core.record import refresh_status, try_lock_agreement
from app.keys import seal_head
from app.models import Agreement, AgreementVersion, ConnectedMailbox, Counterparty, MailboxState
from app.outbound import service as outbox
from mail.compose import Party, deadline_in_words


def synced_through(session: Session, key: str = TRACKING) -> datetime | None:
    state = session.get(MailboxState, key)
    return state.synced_through if state else None


def _silent_past_deadline(
    cutoff: datetime, limit: int, *conditions: ColumnElement[bool]
) -> Select[tuple[int, str]]:
    """Counterparties of active versions still ``sent`` at ``cutoff``, soonest first."""
    return (
        select(Counterparty.id, Counterparty.agreement_id)
        .join(AgreementVersion, AgreementVersion.id == Counterparty.version_id)
        .where(
            Counterparty.status == CpStatus.SENT,
            Counterparty.deadline <= cutoff,
            Counterparty.informational.is_(False),
            AgreementVersion.status == "active",
            *conditions,
        )
        .order_by(Counterparty.deadline)
        .limit(limit)
    )


def due_for_deemed(session: Session, *, cutoff: datetime, limit: int) -> list[tuple[int, str]]:
    stmt = _silent_past_deadline(cutoff, limit, Counterparty.handoff_at.is_not(None))
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


def conditions(cp: Counterparty, synced: datetime) -> list[str]:
    return [
        f"the mail server accepted the summary for {cp.email} at {format_time(cp.handoff_at)}"
        f" ({cp.handoff_reply})"
        if cp.handoff_at
        else "no hand-off recorded",
        "no bounce was received",
        "no out-of-office notice was received",
        f"no reply from {cp.email} reached the mailbox by the deadline {format_time(cp.deadline)}",
        f"the tracking mailbox was read through {format_time(synced)}",
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
            "conditions": conditions(cp, synced),
        },
    )
    refresh_status(session, agreement)
    _notify(session, settings, agreement, cp, now)
    return True


def _notify(
    session: Session, settings: Settings, agreement: Agreement, cp: Counterparty, now: datetime
) -> None:
    owner = agreement.owner
    # The chain head as of this event, signed: the counterparty's copy is a witness of the
    # record held outside Accord.
    sealed = seal_head(settings, agreement, at=now)
    context = {
        "title": agreement.title,
        "seal": sealed.line(),
        "counterparty": Party(cp.email, cp.name),
        "handoff": f"{format_time(cp.handoff_at)}: {cp.handoff_reply}" if cp.handoff_at else None,
        "agreement_url": outbox.agreement_url(settings, agreement),
    }
    outbox.queue_agreement_notice(
        session,
        settings=settings,
        agreement=agreement,
        recipient="owner",
        counterparty=cp,
        kind="deemed_notice",
        subject=f"Agreed by silence: {agreement.title}",
        context={**context, "deadline_words": deadline_in_words(cp.deadline, zone(owner.timezone))},
        dedupe_key=f"deemed:{cp.id}:owner",
        now=now,
        flush=False,
    )
    if agreement.notify_counterparty_on_deemed:
        outbox.queue_agreement_notice(
            session,
            settings=settings,
            agreement=agreement,
            recipient="counterparty",
            counterparty=cp,
            kind="deemed_notice",
            subject=f"Recorded as agreed: {agreement.title}",
            context={
                **context,
                "agreement_url": None,
                "deadline_words": outbox.their_deadline(cp, agreement),
            },
            dedupe_key=f"deemed:{cp.id}:counterparty",
            now=now,
        )


# --- no hand-off of Accord's: the owner is asked ------------------------------------------


def due_for_owner(session: Session, *, cutoff: datetime, limit: int) -> list[tuple[int, str]]:
    """Counterparties past their deadline whom Accord cannot deem: it never handed the
    summary to them itself (a capture whose notices the owner turned off)."""
    stmt = _silent_past_deadline(
        cutoff, limit, Counterparty.handoff_at.is_(None), Counterparty.owner_asked_at.is_(None)
    )
    return [(row[0], row[1]) for row in session.execute(stmt)]


def ask_owner(
    session: Session, settings: Settings, *, cp_id: int, agreement_id: str, now: datetime
) -> bool:
    """Tell the owner that silence cannot count here and how to record their word instead
    (``agreements.service.attest``); once per counterparty."""
    agreement = try_lock_agreement(session, agreement_id)
    if agreement is None or agreement.withdrawn_at is not None:
        return False
    cp = session.get(Counterparty, cp_id, populate_existing=True)
    if cp is None or cp.status != CpStatus.SENT or cp.handoff_at or cp.owner_asked_at:
        return False
    cp.owner_asked_at = now
    append_event(
        session,
        agreement=agreement,
        type="owner_asked",
        actor=SYSTEM,
        counterparty=cp,
        at=now,
        data={
            "deadline": format_time(cp.deadline),
            "why": "no hand-off by Accord: the summary went out from the owner's own mail "
            "server and Accord's notices were off, so silence is not taken as agreement",
        },
    )
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
            "deadline_words": deadline_in_words(cp.deadline, zone(agreement.owner.timezone)),
            "agreement_url": outbox.agreement_url(settings, agreement),
        },
        dedupe_key=f"attest:{cp.id}",
        now=now,
    )
    return True
