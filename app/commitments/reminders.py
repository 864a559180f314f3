"""Follow-through reminders to the owner (SPEC §10): before each of their commitments is due
(default 14 and 2 days), before the review (default 7 days), and once when a counterparty's
commitment is past its date. Each is sent once: an outbox row with a unique dedupe key,
queued under the agreement's lock, so worker restarts and replicas never send it twice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.commitments.service import follow_through
from app.commitments.terms import OWNER
from app.config import Settings
from app.core.deadlines import zone
from app.core.record import try_lock_agreement
from app.models import (
    Agreement,
    AgreementReview,
    Commitment,
    FollowThroughPrefs,
    OutboxEntry,
    User,
)
from app.models.commitments import DEFAULT_COMMITMENT_REMINDER_DAYS, DEFAULT_REVIEW_REMINDER_DAYS
from app.outbound import service as outbound
from mail.compose import day_in_words

HORIZON = timedelta(days=60)  # the longest reminder offset a user may set
OVERDUE_LOOKBACK = timedelta(days=365)
KIND = "commitment_reminder"


@dataclass(frozen=True)
class Prefs:
    commitment_days: list[int]
    review_days: list[int]


def prefs_of(session: Session, user_id: str) -> Prefs:
    row = session.get(FollowThroughPrefs, user_id)
    if row is None:
        return Prefs(list(DEFAULT_COMMITMENT_REMINDER_DAYS), list(DEFAULT_REVIEW_REMINDER_DAYS))
    return Prefs(list(row.commitment_reminder_days), list(row.review_reminder_days))


def due_offset(due: datetime, days: Sequence[int], now: datetime) -> int | None:
    """The reminder that is due now: the nearest offset already reached (an earlier one
    that was missed is not sent late on top of it)."""
    reached = [d for d in days if due - timedelta(days=d) <= now < due]
    return min(reached) if reached else None


def candidates(session: Session, *, now: datetime, limit: int) -> list[tuple[str, str]]:
    """(agreement id, what) for each commitment (``c:<id>``) or review (``r:<version>``)
    whose reminder looks due and unsent: read without locks, in a few queries, so a sweep
    with nothing to send costs little; ``send`` decides again under the agreement's lock."""
    current = (Agreement.version == Commitment.version) & Agreement.withdrawn_at.is_(None)
    dated = (
        select(
            Commitment.agreement_id,
            Commitment.id,
            Commitment.by,
            Commitment.due,
            Agreement.owner_id,
        )
        .join(Agreement, Agreement.id == Commitment.agreement_id)
        .where(
            current,
            ((Commitment.by == OWNER) & (Commitment.due > now) & (Commitment.due <= now + HORIZON))
            | (
                (Commitment.by != OWNER)
                & (Commitment.due <= now)
                & (Commitment.due > now - OVERDUE_LOOKBACK)
            ),
        )
        .limit(limit)
    )
    reviews = (
        select(
            AgreementReview.agreement_id,
            AgreementReview.version,
            AgreementReview.review_at,
            Agreement.owner_id,
        )
        .join(Agreement, Agreement.id == AgreementReview.agreement_id)
        .where(
            Agreement.version == AgreementReview.version,
            Agreement.withdrawn_at.is_(None),
            AgreementReview.review_at > now,
            AgreementReview.review_at <= now + HORIZON,
        )
        .limit(limit)
    )
    prefs: dict[str, Prefs] = {}

    def of(user_id: str) -> Prefs:
        if user_id not in prefs:
            prefs[user_id] = prefs_of(session, user_id)
        return prefs[user_id]

    wanted: dict[str, tuple[str, str]] = {}  # dedupe key -> candidate
    for agreement_id, cid, by, due, owner_id in session.execute(dated):
        if by == OWNER:
            offset = due_offset(due, of(owner_id).commitment_days, now)
            if offset is not None:
                wanted[f"ft-due:{cid}:{offset}d"] = (agreement_id, f"c:{cid}")
        else:
            wanted[f"ft-overdue:{cid}"] = (agreement_id, f"c:{cid}")
    for agreement_id, version, review_at, owner_id in session.execute(reviews):
        offset = due_offset(review_at, of(owner_id).review_days, now)
        if offset is not None:
            wanted[f"ft-review:{agreement_id}:{version}:{offset}d"] = (agreement_id, f"r:{version}")
    if not wanted:
        return []
    sent = set(
        session.scalars(select(OutboxEntry.dedupe_key).where(OutboxEntry.dedupe_key.in_(wanted)))
    )
    return [found for key, found in wanted.items() if key not in sent]


def _sent(session: Session, key: str) -> bool:
    return bool(session.scalar(select(exists().where(OutboxEntry.dedupe_key == key))))


def send(
    session: Session, settings: Settings, *, agreement_id: str, what: str, now: datetime
) -> bool:
    """Queue the reminder due for one commitment (``c:<id>``) or review (``r:<version>``)
    of an agreement, if one is due and not yet sent; True if one was queued."""
    agreement = try_lock_agreement(session, agreement_id)
    if agreement is None:
        return False  # another worker has it
    owner = agreement.owner
    prefs = prefs_of(session, owner.id)
    kind, _, ident = what.partition(":")
    ft = follow_through(session, agreement, now=now)
    if kind == "r":
        if ft.review_at is None:
            return False
        offset = due_offset(ft.review_at, prefs.review_days, now)
        if offset is None:
            return False
        key = f"ft-review:{agreement.id}:{ident}:{offset}d"
        headline = f"Your review is in {offset} days: {agreement.title}"
        lines = [f"Review: {day_in_words(ft.review_at, zone(owner.timezone))}"]
        return _queue(session, settings, agreement, key, headline, lines, ft, now)
    view = next((v for v in ft.commitments if v.row.id == ident), None)
    if view is None or view.row.due is None:
        return False
    tz = zone(owner.timezone)
    if view.row.by == OWNER:
        if view.standing.status not in ("open",):
            return False
        offset = due_offset(view.row.due, prefs.commitment_days, now)
        if offset is None:
            return False
        key = f"ft-due:{view.row.id}:{offset}d"
        headline = f"Due in {offset} days: {view.row.what}"[:150]
    else:
        if view.standing.status != "overdue":
            return False
        key = f"ft-overdue:{view.row.id}"
        headline = f"Overdue from {view.row.by}: {view.row.what}"[:150]
    lines = [f"{view.row.what} (due {day_in_words(view.row.due, tz)})"]
    return _queue(session, settings, agreement, key, headline, lines, ft, now)


def _queue(
    session: Session,
    settings: Settings,
    agreement: Agreement,
    key: str,
    headline: str,
    lines: list[str],
    ft: object,
    now: datetime,
) -> bool:
    if _sent(session, key):
        return False
    base = settings.public_url.rstrip("/")
    outbound.queue_agreement_notice(
        session,
        settings=settings,
        agreement=agreement,
        recipient="owner",
        kind=KIND,
        subject=headline,
        context={
            "headline": headline,
            "title": agreement.title,
            "lines": lines,
            "record_url": f"{base}/app/agreements/{agreement.id}",
            "review_pack_url": f"{base}/app/agreements/{agreement.id}/review-pack",
        },
        dedupe_key=key,
        now=now,
    )
    return True


DUE_SOON = timedelta(days=14)


@dataclass(frozen=True)
class DigestLine:
    agreement: Agreement
    detail: str


def digest_lines(
    session: Session, user: User, *, now: datetime
) -> tuple[list[DigestLine], list[DigestLine]]:
    """The weekly digest's follow-through: (due soon, overdue) commitments of the user's
    agreements, each still open."""
    rows = session.execute(
        select(Agreement, Commitment.id)
        .join(Commitment, Commitment.agreement_id == Agreement.id)
        .where(
            Agreement.owner_id == user.id,
            Agreement.withdrawn_at.is_(None),
            Agreement.version == Commitment.version,
            Commitment.due <= now + DUE_SOON,
            Commitment.due > now - OVERDUE_LOOKBACK,
        )
        .order_by(Commitment.due)
    ).all()
    tz = zone(user.timezone)
    soon: list[DigestLine] = []
    late: list[DigestLine] = []
    views: dict[str, dict[str, object]] = {}
    for agreement, commitment_id in rows:
        if agreement.id not in views:
            ft = follow_through(session, agreement, now=now)
            views[agreement.id] = {v.row.id: v for v in ft.commitments}
        view = views[agreement.id].get(commitment_id)
        if view is None:
            continue
        row, status = view.row, view.standing.status  # type: ignore[attr-defined]
        who = "you" if row.by == OWNER else row.by
        detail = f"{row.what} ({who}, due {day_in_words(row.due, tz)})"
        if status == "overdue":
            late.append(DigestLine(agreement, detail))
        elif status == "open":
            soon.append(DigestLine(agreement, detail))
    return soon, late
