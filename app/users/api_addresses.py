"""HTTP routes for the current user's sending addresses."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict

from app.api.deps import SessionDep, SettingsDep, UserDep
from app.api.problems import PROBLEM
from app.core.addresses import own_domains
from app.core.fields import Email
from app.models import User, UserAddress
from app.users import addresses

router = APIRouter(prefix="/v1/me", tags=["users"])


class AddressIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: Email


class AddressOut(BaseModel):
    email: str
    primary: bool
    created_at: datetime


def address_out(user: User, address: UserAddress) -> AddressOut:
    return AddressOut(
        email=address.email, primary=address.email == user.email, created_at=address.created_at
    )


@router.get(
    "/addresses",
    response_model=list[AddressOut],
    summary="Addresses you send from (BCC capture accepts only these)",
)
def list_addresses(session: SessionDep, user: UserDep) -> list[AddressOut]:
    return [address_out(user, a) for a in addresses.list_addresses(session, user=user)]


@router.post(
    "/addresses", status_code=201, response_model=AddressOut, responses={409: PROBLEM, 422: PROBLEM}
)
def add_address(
    body: AddressIn, session: SessionDep, user: UserDep, settings: SettingsDep
) -> AddressOut:
    added = addresses.add_address(
        session, user=user, email=body.email, internal=own_domains(settings)
    )
    return address_out(user, added)


@router.delete("/addresses/{email}", status_code=204, responses={404: PROBLEM, 422: PROBLEM})
def remove_address(email: str, session: SessionDep, user: UserDep) -> Response:
    addresses.remove_address(session, user=user, email=email)
    return Response(status_code=204)
