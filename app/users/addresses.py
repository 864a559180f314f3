"""The addresses a user sends from: BCC capture accepts a summary only from one of these."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.addresses import check_address, normalize_address
from app.errors import Conflict, Invalid, NotFound
from app.models import User, UserAddress

MAX_ADDRESSES = 20


def list_addresses(session: Session, *, user: User) -> list[UserAddress]:
    """The user's addresses, primary first."""
    stmt = select(UserAddress).where(UserAddress.user_id == user.id).order_by(UserAddress.id)
    rows = list(session.scalars(stmt))
    return sorted(rows, key=lambda a: a.email != user.email)


def add_address(
    session: Session, *, user: User, email: str, internal: Collection[str] = ()
) -> UserAddress:
    """Register another sending address; an address belongs to at most one user. The
    address policy applies (``app.core.addresses``)."""
    email = check_address(email, internal)
    owner = session.scalar(select(UserAddress).where(UserAddress.email == email))
    if owner is not None:
        mine = owner.user_id == user.id
        raise Conflict(f"{email} is already " + ("yours" if mine else "registered by another user"))
    if len(list_addresses(session, user=user)) >= MAX_ADDRESSES:
        raise Invalid(f"a user may register at most {MAX_ADDRESSES} addresses")
    address = UserAddress(user_id=user.id, email=email)
    session.add(address)
    try:
        session.flush()
    except IntegrityError as exc:  # a concurrent request registered it first
        raise Conflict(f"{email} is already registered") from exc
    return address


def remove_address(session: Session, *, user: User, email: str) -> None:
    email = email.strip().lower()
    if email == user.email:
        raise Invalid("the primary address cannot be removed (it is where Accord writes to)")
    address = session.scalar(
        select(UserAddress).where(UserAddress.user_id == user.id, UserAddress.email == email)
    )
    if address is None:
        raise NotFound(f"{email} is not one of your addresses")
    session.delete(address)
    session.flush()


def user_addresses(user: User) -> set[str]:
    """Every address of ``user`` (lower-case), the primary included."""
    return {user.email.lower(), *(a.email.lower() for a in user.addresses)}


def find_sender(session: Session, address: str | None) -> User | None:
    """The active user who registered ``address``, if any."""
    if not address:
        return None
    try:
        address = normalize_address(address)  # as stored: an IDNA domain in A-labels
    except ValueError:
        return None
    user = session.scalar(select(User).join(UserAddress).where(UserAddress.email == address))
    return user if user is not None and user.disabled_at is None else None
