"""The addresses a user sends from: BCC capture accepts a summary only from one of these.

An address added after the account is only claimed until someone confirms it from its
mailbox with an emailed link (``AddressClaim``): otherwise any user could register
``ceo@bigcorp.example`` and have mail forged in that name captured as theirs, or squat it so
its real owner cannot add it. Claims block nothing, and asking answers the same whether the
address is free, yours or another user's, so the request tells a key holder nothing about
other accounts.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.addresses import check_address, normalize_address, own_domains
from app.core.apikeys import hash_key
from app.errors import Conflict, Invalid, NotFound, Unauthorized
from app.models import AddressClaim, User, UserAddress
from app.outbound.service import queue_notice
from mail.compose import Party
from mail.ids import new_token

MAX_ADDRESSES = 20  # confirmed and claimed, per user
CLAIM_TTL = timedelta(hours=24)


class ClaimLinkInvalid(
    Unauthorized, type="address-link-invalid", title="This confirmation link is used or expired"
): ...


def confirm_url(settings: Settings, token: str) -> str:
    return f"{settings.public_url.rstrip('/')}/app/addresses/confirm/{token}"


def open_claims(session: Session, *, user: User, now: datetime) -> list[AddressClaim]:
    stmt = (
        select(AddressClaim)
        .where(AddressClaim.user_id == user.id, AddressClaim.expires_at > now)
        .order_by(AddressClaim.id)
    )
    return list(session.scalars(stmt))


def claim_address(
    session: Session, settings: Settings, *, user: User, email: str, now: datetime
) -> None:
    """Mail a confirmation link to ``email`` if it can become ``user``'s; the caller answers
    the same whichever way it went (free, already the user's, another user's)."""
    email = check_address(email, own_domains(settings))
    owner = session.scalar(select(UserAddress.user_id).where(UserAddress.email == email))
    if owner is not None:
        return  # already confirmed, by this user or another: nothing to confirm
    claims = open_claims(session, user=user, now=now)
    if any(c.email == email for c in claims):
        return  # a link is on its way; asking again sends no more mail
    held = len(list_addresses(session, user=user)) + len(claims)
    if held >= MAX_ADDRESSES:
        raise Invalid(f"a user may have at most {MAX_ADDRESSES} addresses, confirmed or not")
    token = new_token()
    session.add(
        AddressClaim(
            user_id=user.id,
            email=email,
            token_hash=hash_key(token),
            created_at=now,
            expires_at=now + CLAIM_TTL,
        )
    )
    queue_notice(
        session,
        settings=settings,
        kind="address_verify",
        to=Party(email, ""),
        subject="Confirm your address for Accord",
        context={
            "account_name": user.name,
            "account_email": user.email,
            "address": email,
            "url": confirm_url(settings, token),
            "hours": int(CLAIM_TTL.total_seconds() // 3600),
        },
        now=now,
    )


def claim_of(session: Session, *, token: str, now: datetime) -> AddressClaim | None:
    """The open claim a confirmation link names (read only: link scanners fetch it)."""
    claim = session.scalar(select(AddressClaim).where(AddressClaim.token_hash == hash_key(token)))
    return claim if claim is not None and claim.expires_at > now else None


def confirm_claim(session: Session, *, token: str, now: datetime) -> UserAddress:
    """Use a confirmation link: the claimed address becomes its claimant's."""
    claim = claim_of(session, token=token, now=now)
    if claim is None:
        raise ClaimLinkInvalid("this confirmation link was already used or has expired")
    # One conditional DELETE: of two concurrent confirmations exactly one goes on.
    gone = session.execute(
        delete(AddressClaim)
        .where(AddressClaim.id == claim.id)
        .execution_options(synchronize_session=False)
    )
    if int(getattr(gone, "rowcount", 0) or 0) != 1:
        raise ClaimLinkInvalid("this confirmation link was already used or has expired")
    user = session.get(User, claim.user_id)
    if user is None or user.disabled_at is not None:
        raise ClaimLinkInvalid("the account that asked for this address is closed")
    if session.scalar(select(UserAddress.id).where(UserAddress.email == claim.email)):
        raise Conflict(f"{claim.email} was confirmed by another account first")
    address = UserAddress(user_id=user.id, email=claim.email, created_at=now)
    session.add(address)
    try:
        session.flush()
    except IntegrityError as exc:  # a concurrent confirmation of another claim won
        raise Conflict(f"{claim.email} was confirmed by another account first") from exc
    return address


def list_addresses(session: Session, *, user: User) -> list[UserAddress]:
    """The user's addresses, primary first."""
    stmt = select(UserAddress).where(UserAddress.user_id == user.id).order_by(UserAddress.id)
    rows = list(session.scalars(stmt))
    return sorted(rows, key=lambda a: a.email != user.email)


def remove_address(session: Session, *, user: User, email: str) -> None:
    """Remove a confirmed address or withdraw a claim of the user's."""
    try:
        email = normalize_address(email)  # as stored: an IDNA domain in A-labels
    except ValueError as exc:
        raise NotFound(f"{email} is not one of your addresses") from exc
    if email == user.email:
        raise Invalid("the primary address cannot be removed (it is where Accord writes to)")
    address = session.scalar(
        select(UserAddress).where(UserAddress.user_id == user.id, UserAddress.email == email)
    )
    withdrawn = session.execute(
        delete(AddressClaim)
        .where(AddressClaim.user_id == user.id, func.lower(AddressClaim.email) == email)
        .execution_options(synchronize_session=False)
    )
    if address is None and not int(getattr(withdrawn, "rowcount", 0) or 0):
        raise NotFound(f"{email} is not one of your addresses")
    if address is not None:
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
