"""POST /v1/inbound: signed, fresh, not replayed; stored before 2xx; same pipeline as IMAP."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import Database
from app.inbound.http import sign
from app.models import StoredMessage
from app.outbound.delivery import deliver_all
from app.outbound.senders import sent_box
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_api_agreements import create


def post(
    client: TestClient,
    settings: Settings,
    body: bytes,
    *,
    ts: int | None = None,
    secret: str | None = None,
) -> Any:
    stamp = str(ts if ts is not None else int(time.time()))
    signature = sign(secret or settings.inbound_secret, stamp, body)
    return client.post(
        "/v1/inbound",
        content=body,
        headers={
            "Content-Type": "message/rfc822",
            "X-Accord-Timestamp": stamp,
            "X-Accord-Signature": signature,
        },
    )


def test_a_signed_reply_is_stored_and_applied(
    client: TestClient, account: Account, settings: Settings
) -> None:
    agreement = create(client, account)
    database = Database(settings.resolved_database_url)
    deliver_all(settings, database)
    database.dispose()
    box = sent_box(settings)
    summary = next(
        box.read(u).raw
        for u in box.uids()
        if b"john@example.com" in box.read(u).raw and b"Reply-To: track+" in box.read(u).raw
    )
    raw = mailfactory.reply(summary, "Yes, that's right.")
    response = post(client, settings, raw)
    assert response.status_code == 202, response.text
    detail = client.get(f"/v1/agreements/{agreement['id']}", headers=account.auth).json()
    assert detail["counterparties"][0]["status"] == "confirmed"
    # A redelivery (new timestamp, so a new signature) is recognised, not reapplied.
    again = post(client, settings, raw, ts=int(time.time()) + 2)
    assert again.status_code == 200 and again.json()["status"] == "duplicate"


def test_unsigned_stale_wrong_and_replayed_requests_are_refused(
    client: TestClient, settings: Settings
) -> None:
    body = b"From: a@example.com\r\nSubject: x\r\n\r\nhello\r\n"
    unsigned = client.post("/v1/inbound", content=body)
    assert unsigned.status_code == 401
    assert unsigned.headers["content-type"] == "application/problem+json"
    assert post(client, settings, body, ts=int(time.time()) - 3600).status_code == 401
    assert post(client, settings, body, secret="wrong").status_code == 401
    stamp = str(int(time.time()))
    headers = {
        "X-Accord-Timestamp": stamp,
        "X-Accord-Signature": sign(settings.inbound_secret, stamp, body),
    }
    assert client.post("/v1/inbound", content=body, headers=headers).status_code == 202
    replay = client.post("/v1/inbound", content=body, headers=headers)
    assert replay.status_code == 409


def test_garbage_is_kept_with_a_reason(client: TestClient, settings: Settings) -> None:
    assert post(client, settings, b"\x00\xff garbage \x01").status_code == 202
    database = Database(settings.resolved_database_url)
    with database.transaction() as session:
        row = session.scalar(select(StoredMessage))
        assert row is not None and row.source == "http"
        assert row.status in {"ignored", "rejected"} and row.reason
    database.dispose()


def test_too_large_is_refused(client: TestClient, settings: Settings) -> None:
    small = settings.model_copy(update={"max_message_bytes": 1000})
    from app.main import create_app

    with TestClient(create_app(small)) as limited:
        response = post(limited, small, b"x" * 2000)
    assert response.status_code == 413


# --- hardening (issue 21): refuse before reading --------------------------------------------

CHUNK = b"x" * 65_536
CHUNKS = 380  # ~25 MB, just under ACCORD_MAX_MESSAGE_BYTES


def push(client: TestClient, headers: dict[str, str], *, chunks: int = CHUNKS) -> tuple[int, int]:
    """POST /v1/inbound straight into the ASGI app (TestClient would read the whole body
    first): the status answered and how many body chunks the app pulled to answer it."""
    pulled = 0

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        if pulled >= chunks:
            return {"type": "http.disconnect"}
        pulled += 1
        return {"type": "http.request", "body": CHUNK, "more_body": pulled < chunks}

    statuses: list[int] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    raw_headers = [
        (b"host", b"testserver"),
        (b"content-type", b"message/rfc822"),
        (b"content-length", str(chunks * len(CHUNK)).encode()),
        *((k.lower().encode(), v.encode()) for k, v in headers.items()),
    ]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/inbound",
        "raw_path": b"/v1/inbound",
        "query_string": b"",
        "root_path": "",
        "headers": raw_headers,
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }

    async def run() -> None:
        await client.app(scope, receive, send)  # type: ignore[arg-type]

    assert client.portal is not None
    client.portal.call(run)
    return statuses[0], pulled


def test_a_push_that_cannot_pass_is_refused_before_its_body_is_read(
    client: TestClient, settings: Settings
) -> None:
    now = str(int(time.time()))
    good_form = "v1=" + "0" * 64
    for headers in (
        {},  # unsigned
        {"X-Accord-Timestamp": now},
        {"X-Accord-Timestamp": now, "X-Accord-Signature": "nonsense"},
        {"X-Accord-Timestamp": now, "X-Accord-Signature": "v1=" + "0" * 63},
        {"X-Accord-Timestamp": "1e9", "X-Accord-Signature": good_form},
        {"X-Accord-Timestamp": str(int(time.time()) - 3600), "X-Accord-Signature": good_form},
    ):
        status, pulled = push(client, headers)
        assert (status, pulled) == (401, 0), headers


def test_an_oversized_push_is_refused_when_declared(client: TestClient, settings: Settings) -> None:
    stamp = str(int(time.time()))
    headers = {"X-Accord-Timestamp": stamp, "X-Accord-Signature": sign("x", stamp, b"")}
    status, pulled = push(client, headers, chunks=settings.max_message_bytes // len(CHUNK) + 1)
    assert (status, pulled) == (413, 0)


def test_a_well_formed_push_with_a_wrong_signature_is_read_then_refused(
    client: TestClient, settings: Settings
) -> None:
    """The HMAC covers the body, so this one is read (within the limit) before the 401."""
    stamp = str(int(time.time()))
    headers = {"X-Accord-Timestamp": stamp, "X-Accord-Signature": sign("wrong", stamp, b"")}
    assert push(client, headers, chunks=4) == (401, 4)
