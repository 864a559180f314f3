"""Validated field types for input at the API boundary, shared by every feature's schemas."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

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


# Free-form JSON a client stores with a record (agreement metadata): bounded, because it is
# stored, hashed into events and serialised back in every answer, and a deep structure makes
# serialisers give up (pydantic stops at depth ~255; that was a 500 after the row was stored).
JSON_MAX_DEPTH = 16
JSON_MAX_BYTES = 32_000


def _bounded_json(value: object) -> object:
    """Refuse JSON nested deeper than JSON_MAX_DEPTH or longer than JSON_MAX_BYTES.

    Walked with a stack, not recursion: the input is what is being guarded against."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        if depth > JSON_MAX_DEPTH:
            raise ValueError(f"nested deeper than {JSON_MAX_DEPTH} levels")
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    try:
        size = len(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    except (TypeError, ValueError) as exc:
        raise ValueError("not JSON") from exc
    if size > JSON_MAX_BYTES:
        raise ValueError(f"larger than {JSON_MAX_BYTES} characters as JSON")
    return value


HeaderText = Annotated[str, AfterValidator(_header_safe)]
JsonObject = Annotated[dict[str, Any], BeforeValidator(_bounded_json)]
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
