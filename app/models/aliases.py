"""Addresses the owner accepted as another way a counterparty writes (an alias, a forward)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, utcnow


class CounterpartyAlias(Base):
    """``email`` speaks for the counterparty ``counterparty_id`` within one agreement."""

    __tablename__ = "counterparty_aliases"
    __table_args__ = (UniqueConstraint("agreement_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    counterparty_id: Mapped[int] = mapped_column(
        ForeignKey("counterparties.id", ondelete="CASCADE")
    )
    email: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
