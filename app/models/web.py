"""Signing in: one-time sign-in links, browser sessions, failed API-key attempts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, utcnow


class _UserToken:
    """A secret token of a user's that expires: only its SHA-256 is stored."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LoginToken(_UserToken, Base):
    """Only the SHA-256 of an emailed sign-in token is stored; it works once, until expiry."""

    __tablename__ = "login_tokens"

    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebSession(_UserToken, Base):
    """A signed-in browser. The cookie carries a random token; only its SHA-256 is stored,
    so deleting the row (sign out, sign out everywhere) ends the session wherever the cookie
    was copied to."""

    __tablename__ = "web_sessions"


class AuthFailures(Base):
    """Failed API-key attempts of one client address (``ip:...``) or one key prefix
    (``key:acc_xxxxxxxx``) as a token bucket shared by every process (``app.api.ratelimit``).
    A row whose bucket has refilled is the same as no row and is pruned."""

    __tablename__ = "auth_failures"

    bucket: Mapped[str] = mapped_column(String(80), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    updated: Mapped[float] = mapped_column(Float, index=True)  # Unix seconds
