"""Signing in to the dashboard with an emailed one-time link.

The link carries a random token; only its SHA-256 is stored. It works once and for
``LINK_TTL``. Asking for a link answers the same whether or not the address has an account,
so the form cannot be used to find out who has one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.config import Settings
from app.errors import Unauthorized
from app.models import LoginToken, User
from app.outbound.service import queue_notice
from app.users import service as users
from app.web import security, sessions
from mail.compose import Party

LINK_TTL = timedelta(minutes=15)
# More open links than this for one user means someone is mail-bombing them: ask for no more.
MAX_OPEN_LINKS = 5


class LoginLinkInvalid(
    Unauthorized, type="login-link-invalid", title="This sign-in link is used or expired"
): ...


def login_url(settings: Settings, token: str) -> str:
    return f"{settings.public_url.rstrip('/')}/app/login/{token}"


def _open_links(session: Session, user: User, now: datetime) -> int:
    stmt = select(func.count(LoginToken.id)).where(
        LoginToken.user_id == user.id, LoginToken.used_at.is_(None), LoginToken.expires_at > now
    )
    return int(session.scalar(stmt) or 0)


def request_link(session: Session, settings: Settings, *, email: str, now: datetime) -> bool:
    """Queue a sign-in link to ``email`` if it belongs to an active user; True if queued.

    The caller must not tell the visitor which way it went.
    """
    address = email.strip().lower()
    if not address or len(address) > 320 or "@" not in address:
        return False
    user = users.find_user_by_email(session, email=address)
    if user is None or user.disabled_at is not None:
        return False
    if _open_links(session, user, now) >= MAX_OPEN_LINKS:
        return False
    token = sessions.issue_token(session, LoginToken, user=user, now=now, ttl=LINK_TTL)
    queue_notice(
        session,
        settings=settings,
        kind="login_link",
        to=Party(address, user.name),
        subject="Your Accord sign-in link",
        context={
            "name": user.name,
            "url": login_url(settings, token),
            "minutes": int(LINK_TTL.total_seconds() // 60),
        },
        now=now,
    )
    return True


def link_user(session: Session, *, token: str, now: datetime) -> User | None:
    """The account the link would sign into, if it still would (read only: link scanners
    fetch it). The page names it, so a link someone else sent cannot quietly sign the
    visitor into the sender's account (login CSRF) and collect what they type there."""
    row = session.scalar(
        select(LoginToken).where(LoginToken.token_hash == security.hash_token(token))
    )
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.disabled_at is None else None


def consume_link(session: Session, *, token: str, now: datetime) -> User:
    """Use the link up and return its user; LoginLinkInvalid if it is unknown, used or expired."""
    digest = security.hash_token(token)
    # One conditional UPDATE: of two concurrent attempts exactly one sees a row change.
    result = session.execute(
        update(LoginToken)
        .where(
            LoginToken.token_hash == digest,
            LoginToken.used_at.is_(None),
            LoginToken.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if int(getattr(result, "rowcount", 0) or 0) != 1:
        raise LoginLinkInvalid("this sign-in link was already used or has expired")
    user_id = session.scalar(select(LoginToken.user_id).where(LoginToken.token_hash == digest))
    user = session.get(User, user_id) if user_id else None
    if user is None or user.disabled_at is not None:
        raise LoginLinkInvalid("this account cannot sign in")
    return user
