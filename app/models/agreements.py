"""Agreements, their versions and their counterparties."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, new_id, utcnow
from app.models.users import User


class Agreement(Base):
    __tablename__ = "agreements"
    __table_args__ = (
        Index("ix_agreements_owner_created", "owner_id", "created_at", "id"),
        Index("ix_agreements_owner_status", "owner_id", "status"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    ref: Mapped[str] = mapped_column(String(9), unique=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    # Derived from the counterparties by the domain service; stored so lists can filter on it.
    status: Mapped[str] = mapped_column(String(24), default="queued")
    version: Mapped[int] = mapped_column(Integer, default=1)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(16), default="api")
    external_ref: Mapped[str | None] = mapped_column(String(200))
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSON, default=dict)
    reminder_offsets: Mapped[list[int]] = mapped_column(JSON, default=list)  # minutes before
    notify_counterparty_on_deemed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Policy for an out-of-office hold: extend that counterparty's deadline by N days.
    away_extension_days: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Head of the event hash chain, kept here so appending needs no scan.
    event_count: Mapped[int] = mapped_column(Integer, default=0)
    event_head: Mapped[str] = mapped_column(String(64), default="0" * 64)

    owner: Mapped[User] = relationship()
    versions: Mapped[list[AgreementVersion]] = relationship(
        back_populates="agreement", order_by="AgreementVersion.number"
    )
    counterparties: Mapped[list[Counterparty]] = relationship(
        back_populates="agreement", order_by="Counterparty.id"
    )

    # Read as the snapshot (``app.core.snapshot.AgreementSnap``) has them, so that code
    # serving both reads either.
    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def owner_email(self) -> str:
        return self.owner.email

    @property
    def owner_name(self) -> str:
        return self.owner.name


class AgreementVersion(Base):
    __tablename__ = "agreement_versions"
    __table_args__ = (UniqueConstraint("agreement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    respond_within: Mapped[str | None] = mapped_column(String(32))
    deadline: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | superseded
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    agreement: Mapped[Agreement] = relationship(back_populates="versions")


class Counterparty(Base):
    """One recipient of one version, with its own token and state."""

    __tablename__ = "counterparties"
    __table_args__ = (
        # The deadline sweep reads only due rows in a waiting state: its cost follows the
        # number of due items, not the size of the table.
        Index("ix_counterparties_status_deadline", "status", "deadline"),
        Index("ix_counterparties_status_reminder", "status", "next_reminder_at"),
        Index("ix_counterparties_email", "email"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[str] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[int] = mapped_column(ForeignKey("agreement_versions.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(8), default="to")  # to | cc
    informational: Mapped[bool] = mapped_column(Boolean, default=False)
    # The recipient's own IANA time zone and language, when the owner gave them: their
    # deadline is written in their zone; without it, in the owner's with its UTC offset.
    tz: Mapped[str | None] = mapped_column(String(64), default=None)
    language: Mapped[str | None] = mapped_column(String(35), default=None)
    # Three separate secrets: Reply-To (``token``), the envelope sender bounces come back
    # to (``bounce_token``), and the answer page (``answer_token``). None is ever shown to
    # the owner (SPEC §5): the owner must not be able to answer as the counterparty.
    token: Mapped[str] = mapped_column(String(32), unique=True)
    bounce_token: Mapped[str] = mapped_column(String(32), unique=True)
    answer_token: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(32), default="pending")
    status_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline: Mapped[datetime] = mapped_column(UTCDateTime)
    summary_message_id: Mapped[str | None] = mapped_column(String(255))
    handoff_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handoff_reply: Mapped[str | None] = mapped_column(Text)
    # When the owner was asked to attest an answer Accord cannot deem (no hand-off of its
    # own: a capture without notices), so they are asked once.
    owner_asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the next reminder is due (None: no more reminders); kept so the sweep reads only
    # due rows.
    next_reminder_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    agreement: Mapped[Agreement] = relationship(back_populates="counterparties")
    version: Mapped[AgreementVersion] = relationship()
