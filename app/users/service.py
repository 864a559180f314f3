"""Accounts and API keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, inspect, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.core.deadlines import next_weekly, parse_clock, zone
from app.db import utcnow
from app.errors import Conflict, Forbidden, NotFound, Unauthorized
from app.inserts import attach
from app.models import ApiKey, User, UserAddress
from app.users.keys import generate_key, hash_key, shown_prefix


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
) -> User:
    """Create a user with its primary address (BCC capture accepts mail from it)."""
    zone(timezone)
    email = email.strip().lower()
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


def create_key(session: Session, *, user: User, name: str = "") -> NewKey:
    secret = generate_key()
    key = ApiKey(user_id=user.id, name=name, prefix=shown_prefix(secret), key_hash=hash_key(secret))
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


# One Core statement for the key's state and its owner's row, built once, so each request
# only binds the digest. The owner comes back as a loaded object of the session
# (``_loaded_user``) without the ORM's per-query setup, which cost more than the lookup itself.
_USER = inspect(User)
_USER_ATTRS = [prop.key for prop in _USER.column_attrs]
_ID = _USER_ATTRS.index("id")
_KEY_AND_OWNER = (
    select(*[_USER.get_property(a).columns[0] for a in _USER_ATTRS])
    .add_columns(ApiKey.revoked_at, ApiKey.last_used_at, ApiKey.id)
    .join(ApiKey, ApiKey.user_id == User.id)
    .where(ApiKey.key_hash == bindparam("key_hash"))
)
_SET_LAST_USED = (
    update(ApiKey).where(ApiKey.id == bindparam("key_id")).values(last_used_at=bindparam("now"))
)


def authenticate(session: Session, *, secret: str) -> User:
    """The user owning an active key, or Unauthorized (the same answer for every failure)."""
    connection = session.connection()
    row = connection.execute(_KEY_AND_OWNER, {"key_hash": hash_key(secret)}).first()
    if row is None:
        raise Unauthorized("invalid or revoked API key")
    *values, revoked_at, last_used_at, key_id = row
    user = _loaded_user(session, values)
    if revoked_at is not None or user.disabled_at is not None:
        raise Unauthorized("invalid or revoked API key")
    now = utcnow()
    # Writing on every request would serialise reads on SQLite; a minute's precision is plenty.
    if last_used_at is None or (now - last_used_at).total_seconds() > 60:
        connection.execute(_SET_LAST_USED, {"key_id": key_id, "now": now})
    return user


def _loaded_user(session: Session, values: list[Any]) -> User:
    """The user of a row of ``_KEY_AND_OWNER``, persistent in ``session`` as if a query had
    loaded it: the object the session already holds for that id, else one built from the
    row with every column loaded (relationships load on first use, as usual)."""
    identity = _USER.identity_key_from_primary_key((values[_ID],))
    held = session.identity_map.get(identity)
    if held is not None:
        assert isinstance(held, User)
        return held
    user: User = _USER.class_manager.new_instance()
    for attr, value in zip(_USER_ATTRS, values, strict=True):
        set_committed_value(user, attr, value)
    attach(session, [user])
    return user


def require_admin(user: User) -> None:
    if not user.is_admin:
        raise Forbidden("this needs an admin key")
