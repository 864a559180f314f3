"""Raw messages, inbound and outbound, stored byte for byte, and the outbox that sends them."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, utcnow

if TYPE_CHECKING:
    from app.models.agreements import Counterparty


class StoredMessage(Base):
    __tablename__ = "messages"
    __table_args__ = (
        # A mailbox UID is seen once per UIDVALIDITY; NULLs (HTTP, outbound) never collide.
        UniqueConstraint("mailbox", "uidvalidity", "uid"),
        Index("ix_messages_message_id", "message_id"),
        Index("ix_messages_sha256", "sha256"),
        Index("ix_messages_agreement", "agreement_id", "id"),
        Index("ix_messages_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # in | out
    source: Mapped[str] = mapped_column(String(32))  # imap | http | dev | outbox
    mailbox: Mapped[str | None] = mapped_column(String(64))
    uidvalidity: Mapped[int | None] = mapped_column(BigInteger)
    uid: Mapped[int | None] = mapped_column(BigInteger)
    internaldate: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    message_id: Mapped[str | None] = mapped_column(String(998))
    # NULL only for an outbound draft (status "draft"): a summary whose bytes are composed
    # when it is first needed, normally by delivery (app.outbound.drafts).
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)
    # SHA-256 of the copy an evidence bundle holds: the raw bytes with every token made
    # unreadable (``mail.redact``), the same length; recorded in the chain with ``sha256``.
    copy_sha256: Mapped[str | None] = mapped_column(String(64))
    raw: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    from_addr: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(24))
    classification: Mapped[str | None] = mapped_column(String(24))
    # in: received -> processed | unverified | rejected | failed (see app.inbound)
    # out: draft -> queued -> sent | failed (see app.outbound)
    status: Mapped[str] = mapped_column(String(16), default="received")
    reason: Mapped[str | None] = mapped_column(Text)
    agreement_id: Mapped[str | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="SET NULL")
    )
    counterparty_id: Mapped[int | None] = mapped_column(
        ForeignKey("counterparties.id", ondelete="SET NULL")
    )
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class OutboxEntry(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_row_id: Mapped[int] = mapped_column(ForeignKey("messages.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    agreement_id: Mapped[str | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    counterparty_id: Mapped[int | None] = mapped_column(
        ForeignKey("counterparties.id", ondelete="CASCADE")
    )
    envelope_from: Mapped[str] = mapped_column(String(320))
    recipients: Mapped[list[str]] = mapped_column(JSON)
    # pending -> sending -> sent | failed ; a sending row whose lease expired is retried
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Makes "send once" a constraint: e.g. reminder:<counterparty>:<offset>.
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    message: Mapped[StoredMessage] = relationship()
    counterparty: Mapped[Counterparty | None] = relationship()
