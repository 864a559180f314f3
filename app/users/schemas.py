"""API shapes for users and keys."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StrictInt

from app.core.fields import Email, FromRow, HeaderText


def _emails(addresses: Any) -> Any:
    """A user's address rows as their sorted addresses."""
    if isinstance(addresses, list) and all(hasattr(a, "email") for a in addresses):
        return sorted(a.email for a in addresses)
    return addresses


class UserOut(FromRow):
    id: str
    email: str
    name: str
    timezone: str
    digest_weekday: int
    digest_hour: int
    digest_enabled: bool
    business_day_end: str
    default_respond_within: str
    is_admin: bool
    capture_notices: bool
    addresses: Annotated[list[str], BeforeValidator(_emails)]
    created_at: datetime


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: Email
    name: Annotated[HeaderText, Field(min_length=1, max_length=200)]
    timezone: Annotated[str, Field(max_length=64)] = "UTC"
    is_admin: StrictBool = False


class UserCreated(UserOut):
    api_key: str = Field(description="Shown once; store it now.")


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[HeaderText, Field(min_length=1, max_length=200)] | None = None
    timezone: Annotated[str, Field(max_length=64)] | None = None
    # Strict: JSON false is not hour 0 (the schema says integer).
    digest_weekday: Annotated[StrictInt, Field(ge=0, le=6)] | None = None
    digest_hour: Annotated[StrictInt, Field(ge=0, le=23)] | None = None
    digest_enabled: StrictBool | None = None
    business_day_end: Annotated[str, Field(pattern=r"^\d{2}:\d{2}$")] | None = None
    default_respond_within: Annotated[str, Field(max_length=16)] | None = None
    capture_notices: StrictBool | None = Field(
        default=None,
        description="BCC capture: Accord sends each counterparty a notice with a reply "
        "token, so silence can count as agreement. Off: at the deadline you are asked.",
    )


class KeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, Field(max_length=200)] = ""
    expires_at: datetime | None = Field(
        default=None, description="When the key stops working (with a time zone offset)."
    )
    expires_in_days: Annotated[int | None, Field(ge=1, le=3650)] = Field(
        default=None, description="Or: the key stops working this many days from now."
    )


class KeyOut(FromRow):
    id: str
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None = Field(
        description="Last request made with the key (to the minute); null: never used."
    )
    revoked_at: datetime | None
    expires_at: datetime | None = Field(description="Null: works until revoked.")
    status: Literal["active", "revoked", "expired"]


class KeyCreated(KeyOut):
    key: str = Field(description="Shown once; store it now.")


class UserList(BaseModel):
    items: list[UserOut]
