"""``POST /v1/inbound``: a raw RFC 5322 message pushed by an MTA pipe or a webhook."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Header, Request
from fastapi.responses import JSONResponse

from app.api.deps import SessionDep, SettingsDep
from app.api.limits import BodyTooLarge
from app.api.problems import PROBLEM
from app.db import Database, utcnow
from app.errors import Invalid, NotFound
from app.inbound import http
from app.inbound.pipeline import process_pending
from app.inbound.store import store_raw

router = APIRouter(prefix="/v1", tags=["inbound"])


async def _read_limited(request: Request, limit: int) -> bytes:
    """The body, refused (413) as soon as it is declared or grows larger than ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


@router.post(
    "/inbound",
    status_code=202,
    responses={401: PROBLEM, 404: PROBLEM, 409: PROBLEM, 413: PROBLEM, 422: PROBLEM},
    summary="Feed one raw message (message/rfc822) into the inbound pipeline",
    description="Sign with HMAC-SHA256 over `<X-Accord-Timestamp>.<raw body>` using "
    "ACCORD_INBOUND_SECRET; send `X-Accord-Signature: v1=<hex>`. The message is stored "
    "before the answer; redeliveries of the same bytes are recognised as duplicates. "
    "Missing, malformed or stale signature headers are refused (401) before the body is read; "
    "a body over ACCORD_MAX_MESSAGE_BYTES is refused (413) as soon as it is declared or seen.",
)
async def inbound(
    request: Request,
    settings: SettingsDep,
    session: SessionDep,
    background: BackgroundTasks,
    timestamp: Annotated[str | None, Header(alias="X-Accord-Timestamp")] = None,
    signature: Annotated[str | None, Header(alias="X-Accord-Signature")] = None,
) -> JSONResponse:
    if not settings.inbound_secret:
        raise NotFound("inbound HTTP is not enabled (set ACCORD_INBOUND_SECRET)")
    now = utcnow()
    http.check_headers(timestamp=timestamp, signature=signature, now=now)
    body = await _read_limited(request, settings.max_message_bytes)
    if not body.strip():
        raise Invalid("empty message")
    http.verify(
        session,
        secret=settings.inbound_secret,
        timestamp=timestamp,
        signature=signature,
        body=body,
        now=now,
    )
    row = store_raw(session, raw=body, source="http", details={"remote": _client(request)})
    database: Database = request.app.state.db
    background.add_task(process_pending, settings, database)
    if row is None:
        return JSONResponse({"status": "duplicate"}, status_code=200)
    return JSONResponse({"status": "stored", "id": row.id}, status_code=202)


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None
