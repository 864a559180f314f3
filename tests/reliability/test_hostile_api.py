"""Hostile use of the API (issue 9 point 3): another user's key on every route, header
injection through every text field, oversized bodies, API-key guessing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.api.ratelimit import FAILED_ATTEMPTS, record_failure
from app.config import Settings
from app.db import Database
from app.main import create_app
from app.models import AuthFailures, StoredMessage
from app.outbound.delivery import deliver_all
from tests.app.conftest import Account
from tests.web.conftest import csrf_of, sign_in

# Public by design: no user's data, or a credential of its own (a 160-bit counterparty token,
# a signed link, the inbound HMAC) instead of an API key.
PUBLIC = {
    "/openapi.json",
    "/docs",
    "/docs/oauth2-redirect",
    "/redoc",
    "/healthz",
    "/readyz",
    "/metrics",
    "/app/login",
    "/app/static",
}
FUTURE = (datetime.now(UTC) + timedelta(days=30)).isoformat()


def walk(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """Every (method, path) the application serves, including included routers."""
    for route in routes:
        if type(route).__name__ == "_IncludedRouter":
            yield from walk(route.original_router.routes, prefix + route.include_context.prefix)
        elif getattr(route, "methods", None):
            for method in sorted(route.methods - {"HEAD"}):
                yield method, prefix + route.path
        elif hasattr(route, "path"):
            yield "GET", prefix + route.path


@pytest.fixture
def two_users(
    client: TestClient, make_account: Callable[..., Account], settings: Settings
) -> tuple[Account, Account, dict[str, str]]:
    settings.webhook_allow_private = True  # a local receiver; nothing is delivered here
    settings.mailbox_allow_private = True  # a made-up IMAP host; nothing is polled here
    anna = make_account(email="anna@example.org", name="Anna")
    eve = make_account(email="eve@example.net", name="Eve")
    created = client.post(
        "/v1/agreements",
        headers=anna.auth,
        json={
            "title": "Anna's deal",
            "summary": "We agreed on X.",
            "respond_within": "3d",
            "counterparties": [{"email": "john@example.com", "name": "John"}],
            "commitments": [{"by": "owner", "what": "Anna's delivery", "due": FUTURE[:10]}],
        },
    ).json()
    database = Database(settings.resolved_database_url)
    deliver_all(settings, database)
    with database.transaction() as session:
        message = session.query(StoredMessage).filter_by(agreement_id=created["id"]).first()
        assert message is not None
        message_id = str(message.id)
    database.dispose()
    key_id = client.get("/v1/api-keys", headers=anna.auth).json()[0]["id"]
    hook = client.post(
        "/v1/webhooks", headers=anna.auth, json={"url": "http://127.0.0.1:9/anna-hook"}
    )
    assert hook.status_code == 201, hook.text
    hook_body = hook.json()
    secret_id = client.get("/v1/webhooks", headers=anna.auth).json()
    mailbox = client.post(
        "/v1/me/mailboxes",
        headers=anna.auth,
        json={"url": "imap://anna@imap.example.org/INBOX?tls=tls", "password": "pw"},
    )
    commitments = client.get(f"/v1/agreements/{created['id']}/commitments", headers=anna.auth)
    ids = {
        "agreement_id": created["id"],
        "commitment_id": commitments.json()["commitments"][0]["id"],
        "email": "john@example.com",
        "message_id": message_id,
        "key_id": key_id,
        "endpoint_id": hook_body["id"],
        "secret_id": _first_secret(hook_body, secret_id),
        "mailbox_id": str(mailbox.json().get("id", "1")) if mailbox.status_code < 300 else "1",
        "folder": "sent",
        "uid": "1",
        "token": "a" * 32,
    }
    return anna, eve, ids


def _first_secret(hook: dict[str, Any], listing: Any) -> str:
    for source in (hook, *(listing if isinstance(listing, list) else [])):
        for secret in source.get("secrets", []) or []:
            if isinstance(secret, dict) and "id" in secret:
                return str(secret["id"])
    return "1"


BODIES: dict[str, dict[str, Any]] = {
    "withdraw": {"reason": "mine now"},
    "extend": {"deadline": FUTURE},
    "resolve": {"note": "fine"},
    "revise": {"summary": "Eve's version", "note": "x"},
    "accept": {"counterparty": "john@example.com", "note": "x"},
    "secret": {"password": "stolen"},
    "secrets": {},
    "test": {},
}


def test_another_users_key_never_reaches_anyones_data_on_any_route(
    client: TestClient, two_users: tuple[Account, Account, dict[str, str]], settings: Settings
) -> None:
    anna, eve, ids = two_users
    app = client.app
    assert isinstance(app, FastAPI)
    web = TestClient(create_app(settings), base_url="https://testserver")
    with web:
        database = Database(settings.resolved_database_url)
        try:
            sign_in(web, database, eve.email)
        finally:
            database.dispose()
        csrf = csrf_of(web.get("/app/agreements").text)
        secrets_of_anna = [
            ids["agreement_id"],
            "Anna's deal",
            "anna@example.org",
            ids["endpoint_id"],
            "anna-hook",
        ]
        tried = 0
        refused: dict[str, set[int]] = {"v1": set(), "app": set()}
        for method, path in walk(app.routes):
            if path in PUBLIC or path.startswith("/a/") or path == "/app/logout":
                continue  # logging Eve out would turn every later check into a redirect
            url = re.sub(r"\{(\w+)(:\w+)?\}", lambda m: ids[m.group(1)], path)
            body = BODIES.get(path.rstrip("/").rsplit("/", 1)[-1], {})
            if path.startswith("/app"):
                # The dashboard authenticates with Eve's signed-in session and CSRF token.
                response = (
                    web.request(
                        method, url, data={"csrf": csrf, **_form(body)}, follow_redirects=False
                    )
                    if method == "POST"
                    else web.request(method, url, follow_redirects=False)
                )
            else:
                response = client.request(
                    method,
                    url,
                    headers=eve.auth,
                    json=body if method in {"POST", "PUT", "PATCH"} else None,
                )
            tried += 1
            if "{" in path and path not in {"/app/login/{token}"}:
                assert not 200 <= response.status_code < 300, (method, path, response.text)
                refused.setdefault(path.split("/")[1], set()).add(response.status_code)
            else:  # Eve's own collections: 2xx is fine, Anna's data must not be in them
                leaked = [s for s in secrets_of_anna if s in response.text]
                assert not leaked, (method, path, leaked)
    assert tried >= 40
    # Eve was recognised and refused (404/403), not merely bounced to a login page.
    assert refused["v1"] <= {403, 404, 422} and 404 in refused["v1"], refused
    assert 404 in refused["app"], refused
    # And Anna's agreement is untouched.
    detail = client.get(f"/v1/agreements/{ids['agreement_id']}", headers=anna.auth).json()
    assert detail["status"] != "withdrawn" and detail["version"] == 1
    assert client.get("/v1/webhooks", headers=anna.auth).json()


def _form(body: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in body.items()} | {
        "counterparty": "john@example.com",
        "respond_within": "2d",
    }


INJECTIONS = [
    "x\r\nBcc: eve@example.net",
    "x\nBcc: eve@example.net",
    "x\rBcc: e@x.net",
    "=?UTF-8?Q?=0A?=Bcc: eve@example.net",
    "x\x00y",
    "x\u2028Bcc: e@x.net",
    "x\x85Bcc: e@x.net",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_header_injection_through_every_text_field_is_refused(
    client: TestClient, account: Account, payload: str
) -> None:
    base = {
        "title": "Deal",
        "summary": "We agreed.",
        "respond_within": "3d",
        "counterparties": [{"email": "john@example.com", "name": "John"}],
    }
    fields: list[tuple[str, dict[str, Any]]] = [
        ("title", {**base, "title": payload}),
        (
            "counterparty name",
            {**base, "counterparties": [{"email": "john@example.com", "name": payload}]},
        ),
        ("cc name", {**base, "cc": [{"email": "hr@example.com", "name": payload}]}),
        ("counterparty email", {**base, "counterparties": [{"email": f"j{payload}@e.com"}]}),
    ]
    for field, data in fields:
        response = client.post("/v1/agreements", json=data, headers=account.auth)
        assert response.status_code == 422, (field, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    response = client.patch("/v1/me", json={"name": payload}, headers=account.auth)
    assert response.status_code == 422, response.text
    assert client.get("/v1/agreements", headers=account.auth).json()["items"] == []


def test_request_bodies_are_size_limited(
    client: TestClient, account: Account, settings: Settings
) -> None:
    big = {
        "title": "Deal",
        "summary": "x" * (settings.max_body_bytes + 10),
        "counterparties": [{"email": "john@example.com"}],
    }
    response = client.post("/v1/agreements", json=big, headers=account.auth)
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"].endswith("/payload-too-large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield b'{"title": "Deal", "summary": "'
        for _ in range(settings.max_body_bytes // 65536 + 2):
            yield b"y" * 65536
        yield b'", "counterparties": [{"email": "john@example.com"}]}'

    streamed = client.post(
        "/v1/agreements",
        content=chunks(),
        headers={**account.auth, "Content-Type": "application/json"},
    )
    assert streamed.status_code == 413, streamed.text
    assert client.get("/v1/agreements", headers=account.auth).json()["items"] == []
    # The inbound endpoint has its own (larger) limit for whole messages.
    assert settings.max_message_bytes > settings.max_body_bytes


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The buckets refill one token every three seconds: twenty requests on a loaded CI
    machine can take longer than that and earn a token back. These tests count failures,
    not time, so the limiter's clock stands still."""
    monkeypatch.setattr("app.api.ratelimit.time", SimpleNamespace(time=lambda: 1_800_000_000.0))


@pytest.mark.usefixtures("frozen_clock")
def test_failed_api_key_attempts_are_rate_limited_per_address(
    client: TestClient, account: Account
) -> None:
    for attempt in range(FAILED_ATTEMPTS):
        guess = {"Authorization": f"Bearer acc_{attempt:032d}"}
        assert client.get("/v1/me", headers=guess).status_code == 401
    blocked = client.get("/v1/me", headers={"Authorization": "Bearer acc_guess"})
    assert blocked.status_code == 429
    assert blocked.headers["content-type"].startswith("application/problem+json")
    assert int(blocked.headers["Retry-After"]) >= 1


@pytest.mark.usefixtures("frozen_clock")
def test_a_valid_key_is_never_refused_for_others_failures(
    client: TestClient, account: Account
) -> None:
    """Issue 21 item 3: behind a proxy every client shares one address; twenty bad keys
    from it must not lock out the next client's good key."""
    for attempt in range(FAILED_ATTEMPTS + 5):
        client.get("/v1/me", headers={"Authorization": f"Bearer acc_{attempt:032d}"})
    assert client.get("/v1/me", headers={"Authorization": "Bearer acc_x"}).status_code == 429
    assert client.get("/v1/me", headers=account.auth).status_code == 200
    assert client.get("/v1/agreements", headers=account.auth).status_code == 200  # AsUser too


@pytest.mark.usefixtures("frozen_clock")
def test_guesses_at_one_keys_prefix_are_limited_from_any_address(
    settings: Settings, account: Account
) -> None:
    prefix = account.key[:12]
    app = create_app(settings)
    with TestClient(app) as first:
        for n in range(FAILED_ATTEMPTS):
            other = TestClient(app, client=(f"198.51.100.{n}", 40000))
            guess = {"Authorization": f"Bearer {prefix}{n:024d}"}
            assert other.get("/v1/me", headers=guess).status_code == 401
        fresh = TestClient(app, client=("203.0.113.7", 40000))
        guess = {"Authorization": f"Bearer {prefix}{'9' * 24}"}
        assert fresh.get("/v1/me", headers=guess).status_code == 429
        assert fresh.get("/v1/me", headers=account.auth).status_code == 200
        assert first.get("/v1/me", headers=account.auth).status_code == 200


@pytest.mark.usefixtures("frozen_clock")
def test_the_limit_holds_across_processes(settings: Settings, account: Account) -> None:
    """Two application instances (two replicas) on one database share the count."""
    with TestClient(create_app(settings)) as one, TestClient(create_app(settings)) as two:
        for attempt in range(FAILED_ATTEMPTS):
            replica = one if attempt % 2 else two
            guess = {"Authorization": f"Bearer acc_{attempt:032d}"}
            assert replica.get("/v1/me", headers=guess).status_code == 401
        for replica in (one, two):
            guess = {"Authorization": "Bearer acc_another"}
            assert replica.get("/v1/me", headers=guess).status_code == 429


def test_the_bucket_refills(database: Database) -> None:
    def fail(bucket: str, now: float) -> float | None:
        with database.transaction() as session:
            return record_failure(session, [bucket], now=now, capacity=3, per_seconds=60)

    assert [fail("ip:10.0.0.1", 1000.0) for _ in range(3)] == [None, None, None]
    assert fail("ip:10.0.0.1", 1000.0) == pytest.approx(20.0)
    assert fail("ip:10.0.0.2", 1000.0) is None  # another address is not affected
    assert fail("ip:10.0.0.1", 1020.0) is None  # one attempt back every 20 s
    assert fail("ip:10.0.0.1", 1020.0) is not None
    # A bucket that has refilled is pruned: the table stays as small as the live buckets.
    fail("ip:10.0.0.3", 2000.0)
    with database.transaction() as session:
        assert set(session.scalars(select(AuthFailures.bucket))) == {"ip:10.0.0.3"}


def test_keys_and_tokens_carry_160_bits_and_are_looked_up_by_digest() -> None:
    from app.core.apikeys import generate_key, hash_key
    from mail.ids import TOKEN_BYTES, new_token

    assert TOKEN_BYTES * 8 == 160
    key = generate_key()
    assert key.startswith("acc_") and len(key) == 4 + 32  # 32 base32 characters = 160 bits
    assert len(new_token()) == 32
    assert hash_key(key) != hash_key(generate_key()) and len(hash_key(key)) == 64
