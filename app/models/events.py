"""The append-only, hash-chained event log (one chain per agreement)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db import Base, UTCDateTime


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("agreement_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(48))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(330))
    counterparty: Mapped[str | None] = mapped_column(String(320))
    counterparty_id: Mapped[int | None] = mapped_column(Integer)
    message_id: Mapped[str | None] = mapped_column(String(998))
    message_row_id: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


@event.listens_for(Session, "before_flush")
def _events_are_append_only(session: Session, _ctx: object, _instances: object) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, Event) and (obj in session.deleted or session.is_modified(obj)):
            raise RuntimeError("events are append-only")
