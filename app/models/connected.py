"""Mailboxes users connect so Accord can see replies that were sent only to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, utcnow
from app.models.users import User


class ConnectedMailbox(Base):
    """One IMAP folder of a user, read headers-first for replies to tracked messages.

    ``url`` never holds the secret: the password or OAuth2 access token lives only in
    ``secret``, encrypted with a key derived from ``ACCORD_SECRET_KEY`` (app.inbound.crypto).
    """

    __tablename__ = "connected_mailboxes"
    __table_args__ = (UniqueConstraint("user_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(1000))
    auth: Mapped[str] = mapped_column(String(16), default="login")  # login | xoauth2
    secret: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User] = relationship()
