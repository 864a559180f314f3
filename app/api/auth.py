"""Who is calling: the user behind an API key, and whether they may do admin work."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, inspect, select, update
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from app.core.apikeys import hash_key
from app.db import utcnow
from app.errors import Forbidden, KeyExpired, Unauthorized
from app.models import ApiKey, User

# One Core statement for the key's state and its owner's row, built once, so each request
# only binds the digest. The owner comes back as a loaded object of the session
# (``_loaded_user``) without the ORM's per-query setup, which cost more than the lookup itself.
_USER = inspect(User)
_USER_ATTRS = [prop.key for prop in _USER.column_attrs]
_ID = _USER_ATTRS.index("id")
_KEY_AND_OWNER = (
    select(*[_USER.get_property(a).columns[0] for a in _USER_ATTRS])
    .add_columns(ApiKey.revoked_at, ApiKey.expires_at, ApiKey.last_used_at, ApiKey.id)
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
    *values, revoked_at, expires_at, last_used_at, key_id = row
    user = _loaded_user(session, values)
    if revoked_at is not None or user.disabled_at is not None:
        raise Unauthorized("invalid or revoked API key")
    now = utcnow()
    if expires_at is not None and expires_at <= now:
        # Only the holder of the secret learns this: say which, so they know to make a new one.
        raise KeyExpired(f"this API key expired on {expires_at:%Y-%m-%d %H:%M} UTC; use another")
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
    make_transient_to_detached(user)
    session.add(user)
    return user


def require_admin(user: User) -> None:
    if not user.is_admin:
        raise Forbidden("this needs an admin key")
