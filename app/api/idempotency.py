"""``Idempotency-Key`` on POSTs: a retried request returns the first result.

The stored response is written in the same transaction as the work it describes, so either
both exist or neither does. A concurrent duplicate loses on the unique (user, key) constraint
and then finds the winner's response.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import Conflict, Invalid
from app.models import IdempotencyKey, User

MAX_KEY_LENGTH = 255


def request_fingerprint(method: str, path: str, body: Any) -> str:
    payload = json.dumps([method, path, jsonable_encoder(body)], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _encode(result: Any) -> Any:
    # What jsonable_encoder does for a model, without walking the dump a second time.
    if isinstance(result, BaseModel):
        return result.model_dump(mode="json", by_alias=True)
    return jsonable_encoder(result)


class _SerializedJSON(JSONResponse):
    """A JSONResponse whose content is already JSON text."""

    def render(self, content: Any) -> bytes:
        assert isinstance(content, str)
        return content.encode("utf-8")


def _replay(row: IdempotencyKey, fingerprint: str) -> JSONResponse:
    if row.request_hash != fingerprint:
        raise Conflict("this Idempotency-Key was already used with a different request")
    return JSONResponse(
        row.response, status_code=row.status_code, headers={"Idempotent-Replay": "true"}
    )


def run_once(
    session: Session,
    *,
    user: User,
    key: str | None,
    fingerprint: str,
    status_code: int,
    work: Callable[[], Any],
) -> JSONResponse:
    """Do ``work`` once per (user, key); replay the stored response for a retry."""
    if key is None:
        result = work()
        if isinstance(result, BaseModel):
            # Serialised once, by pydantic: the bytes JSONResponse would write from the dump.
            return _SerializedJSON(result.model_dump_json(by_alias=True), status_code=status_code)
        return JSONResponse(_encode(result), status_code=status_code)
    if not key or len(key) > MAX_KEY_LENGTH:
        raise Invalid(f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} characters")
    stmt = select(IdempotencyKey).where(
        IdempotencyKey.user_id == user.id, IdempotencyKey.key == key
    )
    existing = session.scalar(stmt)
    if existing is not None:
        return _replay(existing, fingerprint)
    body = _encode(work())
    row = IdempotencyKey(
        user_id=user.id, key=key, request_hash=fingerprint, status_code=status_code, response=body
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError as exc:
        raise Conflict("a request with this Idempotency-Key is in progress; retry") from exc
    return JSONResponse(body, status_code=status_code)
