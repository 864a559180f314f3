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
    assert response.status_code == 422
