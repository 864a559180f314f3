"""RFC 3161 timestamps of sealed chain heads, as a TSA answered them (``app.core.timestamp``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, utcnow


class ChainTimestamp(Base):
    """A TSA's TimeStampResp for one sealed statement. The seal is not stored: Ed25519 is
    deterministic, so sealing the same head at ``sealed_at`` with the same key gives the same
    signature again, and a later bundle of an unchanged chain reuses the earliest stamp."""

    __tablename__ = "chain_timestamps"
    __table_args__ = (Index("ix_chain_timestamps_head", "agreement_id", "event_count", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[str] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    event_count: Mapped[int] = mapped_column(Integer)
    chain_head: Mapped[str] = mapped_column(String(64))
    sealed_at: Mapped[str] = mapped_column(String(32))  # as written in the seal
    key_id: Mapped[str] = mapped_column(String(16))
    statement_sha256: Mapped[str] = mapped_column(String(64))
    tsa_url: Mapped[str] = mapped_column(String(2000))
    nonce: Mapped[str] = mapped_column(String(40))  # decimal: 64 bits do not fit every column
    response: Mapped[bytes] = mapped_column(LargeBinary)  # DER TimeStampResp
    gen_time: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
