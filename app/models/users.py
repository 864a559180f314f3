"""Accounts: users, the addresses they send from, and their API keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, new_id, utcnow


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    digest_weekday: Mapped[int] = mapped_column(Integer, default=0)  # 0 = Monday
    digest_hour: Mapped[int] = mapped_column(Integer, default=8)
    digest_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # The UTC instant of the next weekly digest (from weekday/hour in the user's zone), so
    # the sweep reads only users whose digest is due.
    next_digest_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    business_day_end: Mapped[str] = mapped_column(String(5), default="17:00")
    default_respond_within: Mapped[str] = mapped_column(String(16), default="3bd")
    # BCC capture: Accord sends each counterparty a short notice with a reply token, so a
    # captured summary can be deemed accepted (SPEC §6). Off: the owner attests instead.
    capture_notices: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    addresses: Mapped[list[UserAddress]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )


class UserAddress(Base):
    """An address a user sends from; BCC capture accepts mail only from these."""

    __tablename__ = "user_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="addresses")


class AddressClaim(Base):
    """A sending address a user asked for and has not yet confirmed from its mailbox.

    Claims do not block one another (several users may claim one address; the first to
    confirm gets it), so registering someone else's address squats nothing."""

    __tablename__ = "address_claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ApiKey(Base):
    """Only the SHA-256 of a key is stored; the key itself is shown once, at creation."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Unset: the key works until revoked.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class AcceptedPhrase(Base):
    """A phrase an owner accepted as agreement when they marked a reply Accord had read as
    a clarification (``app.inbound.feedback``): from then on it counts as agreement in
    that owner's replies only (``mail.classify.classify_reply(accepted=...)``)."""

    __tablename__ = "accepted_phrases"
    __table_args__ = (UniqueConstraint("owner_id", "phrase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    phrase: Mapped[str] = mapped_column(String(200))
    message_row_id: Mapped[int | None] = mapped_column(Integer)  # the reply it came from
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
