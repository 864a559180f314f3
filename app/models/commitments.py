"""Follow-through (SPEC §10): what each side committed to, by when, and each user's
reminder and calendar settings. A commitment's status is not stored: it is derived from
the agreement's event log (``app.commitments.status``), the one record of what happened."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, new_id, utcnow

DEFAULT_COMMITMENT_REMINDER_DAYS = [14, 2]
DEFAULT_REVIEW_REMINDER_DAYS = [7]


class Commitment(Base):
    """One side's commitment, as written in a version of the summary (``in_summary``) or
    added by the owner afterwards (a captured mail, dates found later): then it was not
    part of what the counterparties accepted, and the record says so."""

    __tablename__ = "commitments"
    __table_args__ = (
        Index("ix_commitments_agreement", "agreement_id", "version", "position"),
        Index("ix_commitments_due", "due"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)  # the version whose summary lists it
    position: Mapped[int] = mapped_column(Integer, default=0)
    by: Mapped[str] = mapped_column(String(320))  # "owner" or a counterparty's address
    what: Mapped[str] = mapped_column(Text)
    due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    in_summary: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AgreementReview(Base):
    """When the review that a version's commitments lead to takes place (``review_at``)."""

    __tablename__ = "agreement_reviews"

    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_at: Mapped[datetime] = mapped_column(UTCDateTime)
    in_summary: Mapped[bool] = mapped_column(Boolean, default=True)


class FollowThroughPrefs(Base):
    """A user's follow-through settings; a user without a row has the defaults."""

    __tablename__ = "follow_through_prefs"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    commitment_reminder_days: Mapped[list[int]] = mapped_column(
        JSON, default=lambda: list(DEFAULT_COMMITMENT_REMINDER_DAYS)
    )
    review_reminder_days: Mapped[list[int]] = mapped_column(
        JSON, default=lambda: list(DEFAULT_REVIEW_REMINDER_DAYS)
    )
    # The secret in the private calendar feed's URL; None: no feed (revoked or never made).
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
