"""Dashboard sessions kept on the server, so signing out really ends them.

The cookie carries 160 random bits; the table holds only their SHA-256 (a database dump
signs no one in). A session lasts ``SESSION_TTL``; signing out deletes its row, "sign out
everywhere" every row of the user, so a copied cookie stops working at once. Sign-in links
(``app.web.login``) keep their tokens the same way (``issue_token``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import LoginToken, User, WebSession
from app.web import security

SESSION_TTL = timedelta(seconds=security.SESSION_MAX_AGE)


def start(session: Session, *, user: User, now: datetime) -> str:
    """A new session for ``user``; returns the cookie value (shown nowhere else)."""
    # The user's expired sessions go now, so the table holds only live ones.
    session.execute(
        delete(WebSession)
        .where(WebSession.user_id == user.id, WebSession.expires_at <= now)
        .execution_options(synchronize_session=False)
    )
    return issue_token(session, WebSession, user=user, now=now, ttl=SESSION_TTL)


def issue_token(
    session: Session,
    model: type[WebSession] | type[LoginToken],
    *,
    user: User,
    now: datetime,
    ttl: timedelta,
) -> str:
    """A new random token of ``user``, valid for ``ttl``, kept as a ``model`` row by its
    SHA-256 only; returns the token itself (shown nowhere else)."""
    token = security.new_login_token()
    session.add(
        model(
            user_id=user.id,
            token_hash=security.hash_token(token),
            created_at=now,
            expires_at=now + ttl,
        )
    )
    return token


def user_of(session: Session, *, token: str, now: datetime) -> User | None:
    """The active user a live session cookie belongs to, else None."""
    if not token or len(token) > 64:
        return None
    user = session.scalar(
        select(User)
        .join(WebSession, WebSession.user_id == User.id)
        .where(WebSession.token_hash == security.hash_token(token), WebSession.expires_at > now)
    )
    return user if user is not None and user.disabled_at is None else None


def end(session: Session, *, token: str) -> None:
    session.execute(
        delete(WebSession)
        .where(WebSession.token_hash == security.hash_token(token))
        .execution_options(synchronize_session=False)
    )


def end_all(session: Session, *, user: User) -> int:
    """End every session of ``user`` (sign out everywhere); how many there were."""
    result = session.execute(
        delete(WebSession)
        .where(WebSession.user_id == user.id)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
