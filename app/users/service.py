"""Accounts and API keys."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.addresses import check_address
from app.core.apikeys import generate_key, hash_key, shown_prefix
from app.core.deadlines import next_weekly, parse_clock, zone
from app.db import utcnow
from app.errors import Conflict, Invalid, NotFound
from app.models import ApiKey, User, UserAddress


@dataclass(frozen=True)
class NewKey:
    key: ApiKey
    secret: str


def create_user(
    session: Session,
    *,
    email: str,
    name: str,
    timezone: str = "UTC",
    is_admin: bool = False,
    digest_weekday: int = 0,
    digest_hour: int = 8,
    internal: Collection[str] = (),
) -> User:
    """Create a user with its primary address (BCC capture accepts mail from it), which
    the address policy must allow (``app.core.addresses``; ``internal``: the installation's
    own special-use domains)."""
    zone(timezone)
    email = check_address(email, internal)
    if session.scalar(select(UserAddress.id).where(UserAddress.email == email)) is not None:
        raise Conflict(f"a user with address {email} already exists")
    user = User(
        email=email,
        name=name,
        timezone=timezone,
        is_admin=is_admin,
        digest_weekday=digest_weekday,
        digest_hour=digest_hour,
    )
    user.addresses.append(UserAddress(email=email))
    user.next_digest_at = next_weekly(
        user.timezone, user.digest_weekday, user.digest_hour, after=utcnow()
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError as exc:
        raise Conflict(f"a user with address {email} already exists") from exc
    return user


def update_user(session: Session, *, user: User, changes: dict[str, object]) -> User:
    if "timezone" in changes:
        zone(str(changes["timezone"]))
    if "business_day_end" in changes:
        parse_clock(str(changes["business_day_end"]))
    for field, value in changes.items():
        setattr(user, field, value)
    if changes.keys() & {"timezone", "digest_weekday", "digest_hour"}:
        user.next_digest_at = next_weekly(
            user.timezone, user.digest_weekday, user.digest_hour, after=utcnow()
        )
    session.flush()
    return user


def get_user(session: Session, *, user_id: str) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("no such user")
    return user


def find_user_by_email(session: Session, *, email: str) -> User | None:
    return session.scalar(
        select(User).join(UserAddress).where(UserAddress.email == email.strip().lower())
    )


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.created_at, User.id)))


MAX_KEY_DAYS = 3650


def key_expiry(
    *, expires_at: datetime | None = None, days: int | None = None, now: datetime
) -> datetime | None:
    """When a new key stops working: ``expires_at``, or ``days`` from ``now``, or never."""
    if expires_at is not None and days is not None:
        raise Invalid("give an expiry date or a number of days, not both")
    if days is not None:
        if not 1 <= days <= MAX_KEY_DAYS:
            raise Invalid(f"a key expires in 1 to {MAX_KEY_DAYS} days")
        return now + timedelta(days=days)
    if expires_at is not None:
        if expires_at.tzinfo is None or expires_at.utcoffset() is None:
            raise Invalid("expires_at needs a time zone offset, e.g. 2027-01-31T00:00:00Z")
        if expires_at <= now:
            raise Invalid("expires_at is in the past")
    return expires_at


def key_state(key: ApiKey, *, now: datetime) -> str:
    """``active``, ``revoked`` or ``expired``."""
    if key.revoked_at is not None:
        return "revoked"
    if key.expires_at is not None and key.expires_at <= now:
        return "expired"
    return "active"


def create_key(
    session: Session, *, user: User, name: str = "", expires_at: datetime | None = None
) -> NewKey:
    """A new key for ``user``; ``expires_at`` (see ``key_expiry``) ends it, unset it lasts
    until revoked."""
    secret = generate_key()
    key = ApiKey(
        user_id=user.id,
        name=name,
        prefix=shown_prefix(secret),
        key_hash=hash_key(secret),
        expires_at=expires_at,
    )
    session.add(key)
    session.flush()
    return NewKey(key=key, secret=secret)


def list_keys(session: Session, *, user: User) -> list[ApiKey]:
    stmt = select(ApiKey).where(ApiKey.user_id == user.id).order_by(ApiKey.created_at)
    return list(session.scalars(stmt))


def revoke_key(session: Session, *, user: User, key_id: str) -> ApiKey:
    key = session.get(ApiKey, key_id)
    if key is None or key.user_id != user.id:
        raise NotFound("no such API key")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
    return key
