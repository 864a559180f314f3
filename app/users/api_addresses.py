"""HTTP routes for the current user's sending addresses."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict

from app.api.deps import SessionDep, SettingsDep, UserDep
from app.api.problems import PROBLEM
from app.core.fields import Email
from app.db import utcnow
from app.models import AddressClaim, User, UserAddress
from app.users import addresses

router = APIRouter(prefix="/v1/me", tags=["users"])


class AddressIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: Email


class AddressOut(BaseModel):
    email: str
    primary: bool
    confirmed: bool
    created_at: datetime


class AddressClaimed(BaseModel):
    email: str
    detail: str


def address_out(user: User, address: UserAddress) -> AddressOut:
    primary = address.email == user.email
    return AddressOut(
        email=address.email, primary=primary, confirmed=True, created_at=address.created_at
    )


def claim_out(claim: AddressClaim) -> AddressOut:
    return AddressOut(
        email=claim.email, primary=False, confirmed=False, created_at=claim.created_at
    )


@router.get(
    "/addresses",
    response_model=list[AddressOut],
    summary="Addresses you send from (BCC capture accepts only these)",
)
def list_addresses(session: SessionDep, user: UserDep) -> list[AddressOut]:
    confirmed = [address_out(user, a) for a in addresses.list_addresses(session, user=user)]
    claims = addresses.open_claims(session, user=user, now=utcnow())
    return confirmed + [claim_out(c) for c in claims]


@router.post(
    "/addresses",
    status_code=202,
    response_model=AddressClaimed,
    responses={422: PROBLEM},
    summary="Ask to add an address: it counts once confirmed with the link mailed to it",
)
def add_address(
    body: AddressIn, session: SessionDep, settings: SettingsDep, user: UserDep
) -> AddressClaimed:
    # The same answer whether the address is free, already yours or another user's.
    email = body.email.strip().lower()
    addresses.claim_address(session, settings, user=user, email=email, now=utcnow())
    return AddressClaimed(
        email=email,
        detail="If this address can be added, a confirmation link was mailed to it; "
        "it counts once the link is used (within 24 hours).",
    )


@router.delete("/addresses/{email}", status_code=204, responses={404: PROBLEM, 422: PROBLEM})
def remove_address(email: str, session: SessionDep, user: UserDep) -> Response:
    addresses.remove_address(session, user=user, email=email)
    return Response(status_code=204)
