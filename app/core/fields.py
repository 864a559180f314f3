"""Validated field types for input at the API boundary, shared by every feature's schemas."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    WithJsonSchema,
)

from app.core.addresses import normalize_address
from mail.headers import validate_header_value


def _header_safe(value: str) -> str:
    return validate_header_value(value, "value")


def _iso_instant(value: object) -> object:
    # Query strings like "0.5" would otherwise be read as Unix timestamps.
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValueError("use an ISO 8601 date-time, e.g. 2026-06-01T00:00:00Z") from exc
        if parsed.tzinfo is None:
            raise ValueError("a date-time needs a UTC offset, e.g. 2026-06-01T00:00:00Z")
        return parsed
    return value


HeaderText = Annotated[str, AfterValidator(_header_safe)]
IsoInstant = Annotated[AwareDatetime, BeforeValidator(_iso_instant)]
# Syntax and IDNA here; whether a special-use domain is allowed depends on the installation
# (``app.core.addresses.check_address``, where the address is used).
Email = Annotated[
    str,
    AfterValidator(normalize_address),
    WithJsonSchema({"type": "string", "format": "email", "maxLength": 254}),
]


class FromRow(BaseModel):
    """An API shape read from an ORM row's attributes of the same names
    (``Shape.model_validate(row)``)."""

    model_config = ConfigDict(from_attributes=True)
