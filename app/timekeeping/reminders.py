"""Reminders before the deadline, each sent once (an outbox row with a unique dedupe key)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.deadlines import next_reminder
from app.core.lifecycle import CpStatus
from app.core.record import current_version, try_lock_agreement
from app.models import Agreement, AgreementVersion, Counterparty
from app.outbound import service as outbox
from mail.compose import Party, summary_html, summary_text


def reminder_times(agreement: Agreement, cp: Counterparty) -> list[tuple[datetime, int]]:
    """(when, offset in minutes) for each reminder of ``cp``, earliest first."""
    return sorted((cp.deadline - timedelta(minutes=m), m) for m in agreement.reminder_offsets)


def schedule_next(agreement: Agreement, cp: Counterparty, *, after: datetime) -> None:
    """Point ``next_reminder_at`` at the first reminder after ``after`` (or at none)."""
    cp.next_reminder_at = next_reminder(agreement.reminder_offsets, cp.deadline, after=after)


def due_reminders(session: Session, *, now: datetime, limit: int) -> list[tuple[int, str]]:
    stmt = (
        select(Counterparty.id, Counterparty.agreement_id)
        .join(AgreementVersion, AgreementVersion.id == Counterparty.version_id)
        .where(
            Counterparty.status == CpStatus.SENT,
            Counterparty.next_reminder_at <= now,
            AgreementVersion.status == "active",
        )
        .order_by(Counterparty.next_reminder_at)
        .limit(limit)
    )
    return [(row[0], row[1]) for row in session.execute(stmt)]


def send_reminder(
    session: Session, settings: Settings, *, cp_id: int, agreement_id: str, now: datetime
) -> bool:
    """Queue the latest due reminder of one counterparty; True if one was queued."""
    agreement = try_lock_agreement(session, agreement_id)
    if agreement is None:
        return False  # another worker has it
    cp = session.get(Counterparty, cp_id, populate_existing=True)
    if (
        cp is None
        or cp.status != CpStatus.SENT
        or cp.next_reminder_at is None
        or cp.next_reminder_at > now
    ):
        return False
    due = [(when, m) for when, m in reminder_times(agreement, cp) if when <= now < cp.deadline]
    schedule_next(agreement, cp, after=now)
    if not due or agreement.withdrawn_at is not None or cp.informational:
        return False
    _, offset = due[-1]  # after downtime, one reminder (the latest due), not a burst
    _queue(session, settings, agreement, cp, offset, now)
    return True


def _queue(
    session: Session,
    settings: Settings,
    agreement: Agreement,
    cp: Counterparty,
    offset: int,
    now: datetime,
) -> None:
    owner = agreement.owner
    version = current_version(agreement)
    outbox.queue_agreement_notice(
        session,
        settings=settings,
        agreement=agreement,
        recipient="counterparty",
        counterparty=cp,
        kind="reminder",
        subject=f"Reminder: {version.title}",
        context={
            "owner": Party(owner.email, owner.name),
            "title": version.title,
            "summary_text": summary_text(version.summary),
            "summary_html": summary_html(version.summary),
        },
        dedupe_key=f"reminder:{cp.id}:{offset}",
        now=now,
    )
