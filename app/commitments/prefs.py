"""Each user's follow-through settings: reminder offsets and the private calendar feed's
secret (made, replaced and revoked here)."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import FollowThroughPrefs, User
from app.models.commitments import DEFAULT_COMMITMENT_REMINDER_DAYS, DEFAULT_REVIEW_REMINDER_DAYS


def row_of(session: Session, user: User, *, now: datetime) -> FollowThroughPrefs:
    """The user's settings row, made with the defaults when they have none."""
    row = session.get(FollowThroughPrefs, user.id, with_for_update=True)
    if row is None:
        row = FollowThroughPrefs(
            user_id=user.id,
            commitment_reminder_days=list(DEFAULT_COMMITMENT_REMINDER_DAYS),
            review_reminder_days=list(DEFAULT_REVIEW_REMINDER_DAYS),
            updated_at=now,
            extra={},
        )
        session.add(row)
        session.flush()
    return row


def update(
    session: Session,
    user: User,
    *,
    commitment_days: list[int] | None,
    review_days: list[int] | None,
    now: datetime,
) -> FollowThroughPrefs:
    row = row_of(session, user, now=now)
    if commitment_days is not None:
        row.commitment_reminder_days = sorted(set(commitment_days), reverse=True)
    if review_days is not None:
        row.review_reminder_days = sorted(set(review_days), reverse=True)
    row.updated_at = now
    return row


def new_calendar_token(session: Session, user: User, *, now: datetime) -> str:
    """A new secret for the user's calendar feed; the old link stops working."""
    row = row_of(session, user, now=now)
    row.calendar_token = secrets.token_urlsafe(32)
    row.updated_at = now
    return row.calendar_token


def revoke_calendar(session: Session, user: User, *, now: datetime) -> None:
    row = row_of(session, user, now=now)
    row.calendar_token = None
    row.updated_at = now


def user_of_calendar(session: Session, token: str) -> User | None:
    if not token:
        return None
    return session.scalar(
        select(User)
        .join(FollowThroughPrefs, FollowThroughPrefs.user_id == User.id)
        .where(FollowThroughPrefs.calendar_token == token, User.disabled_at.is_(None))
    )
