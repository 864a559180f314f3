"""The weekly digest: each user's summaries that await a reply, need attention, were accepted
this week (confirmed vs deemed) or bounced — sent on the user's weekday and hour, in their
zone, once per ISO week (a unique key on (user, week) makes "once" a constraint)."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from app.commitments import reminders as follow_up
from app.config import Settings
from app.core.deadlines import next_weekly, zone
from app.core.lifecycle import AgreementStatus, CpStatus
from app.core.record import active_counterparties
from app.keys import installation_key
from app.models import Agreement, DigestRun, User
from app.outbound import service as outbox
from mail.compose import Party, deadline_in_words

WEEK = timedelta(days=7)
_HOW_ACCEPTED: dict[str, str] = {
    CpStatus.CONFIRMED: "confirmed",
    CpStatus.OWNER_ATTESTED: "on your word",
}
OPEN = (AgreementStatus.QUEUED, AgreementStatus.AWAITING_REPLY, AgreementStatus.NEEDS_ATTENTION)


def next_digest_time(user: User, *, after: datetime) -> datetime:
    """The first instant strictly after ``after`` at the user's weekday and hour, their zone."""
    return next_weekly(user.timezone, user.digest_weekday, user.digest_hour, after=after)


def week_key(moment: datetime, user: User) -> str:
    year, week, _ = moment.astimezone(zone(user.timezone)).isocalendar()
    return f"{year}-W{week:02d}"


def unsubscribe_signature(settings: Settings, user_id: str) -> str:
    message = f"digest-unsubscribe:{user_id}".encode()
    return hmac.new(installation_key(settings), message, hashlib.sha256).hexdigest()


def unsubscribe_url(settings: Settings, user: User) -> str:
    query = urlencode({"user": user.id, "sig": unsubscribe_signature(settings, user.id)})
    return f"{settings.public_url.rstrip('/')}/v1/digest/unsubscribe?{query}"


@dataclass
class DigestItem:
    title: str
    ref: str
    url: str
    detail: str


@dataclass
class Digest:
    user: User
    awaiting: list[DigestItem] = field(default_factory=list)
    attention: list[DigestItem] = field(default_factory=list)
    accepted: list[DigestItem] = field(default_factory=list)
    bounced: list[DigestItem] = field(default_factory=list)
    # Follow-through (SPEC §10): commitments due within two weeks, and those past their date.
    due_soon: list[DigestItem] = field(default_factory=list)
    overdue: list[DigestItem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.awaiting
            or self.attention
            or self.accepted
            or self.bounced
            or self.due_soon
            or self.overdue
        )


def _time_left(deadline: datetime | None, now: datetime) -> str:
    if deadline is None:
        return "no deadline"
    left = deadline - now
    if left.total_seconds() <= 0:
        return "deadline passed, waiting for the mailbox check"
    days, hours = left.days, left.seconds // 3600
    return (
        f"{days} d {hours} h left" if days else f"{hours} h {(left.seconds % 3600) // 60} min left"
    )


def build_digest(session: Session, settings: Settings, user: User, *, now: datetime) -> Digest:
    since = now - WEEK
    stmt = (
        select(Agreement)
        .where(
            Agreement.owner_id == user.id,
            Agreement.withdrawn_at.is_(None),
            or_(Agreement.status.in_(OPEN), Agreement.updated_at >= since),
        )
        .options(selectinload(Agreement.counterparties), selectinload(Agreement.versions))
        .order_by(Agreement.deadline)
    )
    digest = Digest(user)
    tz = zone(user.timezone)
    for agreement in session.scalars(stmt):
        url = outbox.agreement_url(settings, agreement)
        parties = active_counterparties(agreement)

        def item(detail: str, a: Agreement = agreement, u: str = url) -> DigestItem:
            return DigestItem(a.title, a.ref, u, detail)

        if agreement.status in (AgreementStatus.QUEUED, AgreementStatus.AWAITING_REPLY):
            waiting = [
                c.email for c in parties if c.status == CpStatus.SENT and not c.informational
            ]
            due = deadline_in_words(agreement.deadline, tz) if agreement.deadline else "no deadline"
            digest.awaiting.append(
                item(
                    f"{_time_left(agreement.deadline, now)} (until {due}); waiting for "
                    f"{', '.join(waiting) or 'delivery'}"
                )
            )
        elif agreement.status == AgreementStatus.NEEDS_ATTENTION:
            states = [
                f"{c.email}: {c.status.replace('_', ' ')}"
                for c in parties
                if c.status in (CpStatus.CLARIFICATION_REQUESTED, CpStatus.AWAY, CpStatus.BOUNCED)
            ]
            digest.attention.append(item("; ".join(states) or "an unverified reply to review"))
        elif agreement.status == AgreementStatus.ACCEPTED and agreement.updated_at >= since:
            how = [
                f"{c.email}: {_HOW_ACCEPTED.get(c.status, 'deemed')}"
                for c in parties
                if not c.informational
            ]
            digest.accepted.append(item("; ".join(how)))
        for c in parties:
            if c.status == CpStatus.BOUNCED and c.status_at >= since:
                digest.bounced.append(item(f"{c.email} bounced"))
    soon, late = follow_up.digest_lines(session, user, now=now)
    for lines, into in ((soon, digest.due_soon), (late, digest.overdue)):
        for line in lines:
            a = line.agreement
            into.append(DigestItem(a.title, a.ref, outbox.agreement_url(settings, a), line.detail))
    return digest


def digest_context(settings: Settings, digest: Digest) -> dict[str, object]:
    return {
        "user": Party(digest.user.email, digest.user.name),
        "awaiting": digest.awaiting,
        "attention": digest.attention,
        "accepted": digest.accepted,
        "bounced": digest.bounced,
        "due_soon": digest.due_soon,
        "overdue": digest.overdue,
        "empty": digest.empty,
        "unsubscribe_url": unsubscribe_url(settings, digest.user),
    }


def due_digests(session: Session, *, now: datetime, limit: int) -> list[str]:
    stmt = (
        select(User.id)
        .where(User.next_digest_at <= now, User.disabled_at.is_(None))
        .order_by(User.next_digest_at)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def send_digest(session: Session, settings: Settings, *, user_id: str, now: datetime) -> bool:
    """Queue this week's digest for one user; True if this call queued it."""
    user = session.scalar(
        select(User)
        .where(User.id == user_id)
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    )
    if user is None or user.next_digest_at is None or user.next_digest_at > now:
        return False
    slot = user.next_digest_at
    user.next_digest_at = next_digest_time(user, after=now)
    if not user.digest_enabled:
        return False
    try:
        with session.begin_nested():
            run = DigestRun(user_id=user.id, week=week_key(slot, user), created_at=now)
            session.add(run)
    except IntegrityError:
        return False  # this week's digest went out already
    digest = build_digest(session, settings, user, now=now)
    entry = outbox.queue_notice(
        session,
        settings=settings,
        kind="digest",
        to=Party(user.email, user.name),
        subject="Your weekly Accord digest",
        context=digest_context(settings, digest),
        extra_headers={
            "List-Unsubscribe": f"<{unsubscribe_url(settings, user)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        now=now,
    )
    run.outbox_id = entry.id
    return True
