"""Webhooks: queued with the event, signed, delivered to a real HTTP receiver, retried."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database, utcnow
from app.outbound.delivery import deliver_all
from app.webhooks.delivery import deliver_webhooks
from app.webhooks.signing import verify
from tests.app.conftest import Account
from tests.app.test_api_agreements import create


class Receiver:
    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.fail_next = 0
        self.fail_body = b""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(({k: v for k, v in self.headers.items()}, body))
                status = 500 if receiver.fail_next > 0 else 204
                receiver.fail_next = max(0, receiver.fail_next - 1)
                self.send_response(status)
                body = receiver.fail_body if status >= 400 else b""
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.server.shutdown()
    r.server.server_close()


@pytest.fixture
def hook_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"webhook_allow_private": True})


@pytest.fixture
def hook_client(hook_settings: Settings) -> Iterator[TestClient]:
    from app.main import create_app

    with TestClient(create_app(hook_settings)) as c:
        yield c


def receiver_recipe(secret: str, header: str, body: bytes) -> bool:
    """The documented recipe, written out independently of app.webhooks.signing."""
    fields = dict(p.split("=", 1) for p in header.split(",") if not p.startswith("v1="))
    sigs = [p[3:] for p in header.split(",") if p.startswith("v1=")]
    if abs(time.time() - int(fields["t"])) > 300:
        return False
    mac = hmac.new(secret.encode(), fields["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(mac, s) for s in sigs)


def test_events_are_delivered_signed_and_verifiable(
    hook_client: TestClient, account: Account, hook_settings: Settings, receiver: Receiver
) -> None:
    created = hook_client.post(
        "/v1/webhooks",
        json={"url": receiver.url, "events": ["agreement.sent"]},
        headers=account.auth,
    )
    assert created.status_code == 201, created.text
    secret = created.json()["secret"]
    create(hook_client, account)
    database = Database(hook_settings.resolved_database_url)
    deliver_all(hook_settings, database)
    report = deliver_webhooks(hook_settings, database)
    assert report.delivered == 1
    headers, body = receiver.requests[0]
    assert headers["Accord-Event"] == "agreement.sent"
    assert receiver_recipe(secret, headers["Accord-Signature"], body)
    assert verify(secret, headers["Accord-Signature"], body)
    assert not verify(secret, headers["Accord-Signature"], body + b" ")
    assert not verify("whsec_other", headers["Accord-Signature"], body)
    payload = json.loads(body)
    assert payload["type"] == "agreement.sent"
    assert payload["data"]["event"]["counterparty"] == "john@example.com"
    assert deliver_webhooks(hook_settings, database).delivered == 0  # once
    database.dispose()


def test_rotation_signs_with_every_active_secret(
    hook_client: TestClient, account: Account, hook_settings: Settings, receiver: Receiver
) -> None:
    endpoint = hook_client.post(
        "/v1/webhooks", json={"url": receiver.url}, headers=account.auth
    ).json()
    old = endpoint["secret"]
    new = hook_client.post(f"/v1/webhooks/{endpoint['id']}/secrets", headers=account.auth).json()
    hook_client.post(f"/v1/webhooks/{endpoint['id']}/test", headers=account.auth)
    database = Database(hook_settings.resolved_database_url)
    deliver_webhooks(hook_settings, database)
    headers, body = receiver.requests[-1]
    assert headers["Accord-Signature"].count("v1=") == 2
    assert verify(old, headers["Accord-Signature"], body)
    assert verify(new["secret"], headers["Accord-Signature"], body)
    gone = hook_client.delete(
        f"/v1/webhooks/{endpoint['id']}/secrets/{endpoint['secrets'][0]['id']}",
        headers=account.auth,
    )
    assert gone.status_code == 204
    hook_client.post(f"/v1/webhooks/{endpoint['id']}/test", headers=account.auth)
    deliver_webhooks(hook_settings, database)
    headers, body = receiver.requests[-1]
    assert not verify(old, headers["Accord-Signature"], body)
    assert verify(new["secret"], headers["Accord-Signature"], body)
    database.dispose()


def test_failures_retry_with_backoff_and_show_in_the_log(
    hook_client: TestClient, account: Account, hook_settings: Settings, receiver: Receiver
) -> None:
    endpoint = hook_client.post(
        "/v1/webhooks", json={"url": receiver.url}, headers=account.auth
    ).json()
    hook_client.post(f"/v1/webhooks/{endpoint['id']}/test", headers=account.auth)
    receiver.fail_next = 1
    database = Database(hook_settings.resolved_database_url)
    assert deliver_webhooks(hook_settings, database).retried == 1
    assert deliver_webhooks(hook_settings, database).delivered == 0  # backing off
    later = deliver_webhooks(hook_settings, database, now=lambda: utcnow() + timedelta(hours=1))
    assert later.delivered == 1
    log = hook_client.get(f"/v1/webhooks/{endpoint['id']}/deliveries", headers=account.auth).json()
    assert log[0]["status"] == "delivered" and [e["status"] for e in log[0]["log"]] == [500, 204]
    database.dispose()


def test_private_targets_are_refused_by_default(client: TestClient, account: Account) -> None:
    response = client.post(
        "/v1/webhooks", json={"url": "http://127.0.0.1:9/x"}, headers=account.auth
    )
    assert response.status_code == 422
    assert "non-public" in response.json()["detail"]
    bad = client.post(
        "/v1/webhooks",
        json={"url": "https://example.com/x", "events": ["nope"]},
        headers=account.auth,
    )
    assert bad.status_code == 422


def test_another_users_endpoint_is_a_404(
    hook_client: TestClient, account: Account, make_account: Any, receiver: Receiver
) -> None:
    endpoint = hook_client.post(
        "/v1/webhooks", json={"url": receiver.url}, headers=account.auth
    ).json()
    other = make_account(email="eve@example.org", name="Eve")
    for method, path in [
        ("DELETE", f"/v1/webhooks/{endpoint['id']}"),
        ("POST", f"/v1/webhooks/{endpoint['id']}/test"),
        ("GET", f"/v1/webhooks/{endpoint['id']}/deliveries"),
        ("POST", f"/v1/webhooks/{endpoint['id']}/secrets"),
    ]:
        assert hook_client.request(method, path, headers=other.auth).status_code == 404


# --- hardening (issue 21) -------------------------------------------------------------------

PUBLIC = "93.184.215.14"  # a global address; connections to it are refused in the test


class RebindingDns:
    """The attacker's resolver for ``*.rebind.test`` (TTL 0): a public address until
    ``rebind_after`` lookups have been answered (counted from a reset of ``lookups``), then
    127.0.0.1. Other names resolve as usual. Tests stay on 127.0.0.1: a connection to the
    public address is refused here and recorded in ``attempts``."""

    def __init__(self, real: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        import socket

        self.real = real
        self.lookups = 0
        self.rebind_after: int | None = None  # None: always public
        self.attempts: list[Any] = []
        connect = socket.create_connection

        def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
            if address[0] == PUBLIC:
                self.attempts.append(address)
                raise ConnectionRefusedError(f"the test refuses {PUBLIC}")
            return connect(address, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", self)
        monkeypatch.setattr(socket, "create_connection", create_connection)

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if not str(host).endswith(".rebind.test"):
            return self.real(host, port, *args, **kwargs)
        self.lookups += 1
        public = self.rebind_after is None or self.lookups <= self.rebind_after
        return self.real(PUBLIC if public else "127.0.0.1", port, *args, **kwargs)


def test_a_rebinding_resolver_cannot_send_a_delivery_to_loopback(
    client: TestClient,
    account: Account,
    settings: Settings,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Private targets refused (the default). The check sees a public address; any second
    lookup would get 127.0.0.1, where the receiver listens. The delivery must go to the
    address that was checked: the receiver hears nothing."""
    import socket

    dns = RebindingDns(socket.getaddrinfo, monkeypatch)
    port = receiver.server.server_address[1]
    created = client.post(
        "/v1/webhooks", json={"url": f"http://hooks.rebind.test:{port}/hook"}, headers=account.auth
    )
    assert created.status_code == 201, created.text
    client.post(f"/v1/webhooks/{created.json()['id']}/test", headers=account.auth)
    dns.lookups, dns.rebind_after = 0, 1
    database = Database(settings.resolved_database_url)
    try:
        report = deliver_webhooks(settings, database)
    finally:
        database.dispose()
    assert receiver.requests == []
    assert report.delivered == 0
    assert dns.lookups == 1
    assert [a[0] for a in dns.attempts] == [PUBLIC]  # it went to the address it checked


def test_a_delivery_connects_to_the_checked_address_under_its_host_name(
    hook_settings: Settings, hook_client: TestClient, account: Account, receiver: Receiver
) -> None:
    port = receiver.server.server_address[1]
    endpoint = hook_client.post(
        "/v1/webhooks",
        json={"url": f"http://hooks.internal.test:{port}/hook"},
        headers=account.auth,
    ).json()
    hook_client.post(f"/v1/webhooks/{endpoint['id']}/test", headers=account.auth)
    asked: list[tuple[str, int]] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append((host, port))
        return ["127.0.0.1"]

    database = Database(hook_settings.resolved_database_url)
    try:
        assert deliver_webhooks(hook_settings, database, resolve=resolve).delivered == 1
    finally:
        database.dispose()
    assert asked == [("hooks.internal.test", port)]
    assert receiver.requests[0][0]["Host"] == f"hooks.internal.test:{port}"


def test_a_failed_deliverys_answer_is_kept_only_as_a_short_clean_excerpt(
    hook_client: TestClient, account: Account, hook_settings: Settings, receiver: Receiver
) -> None:
    endpoint = hook_client.post(
        "/v1/webhooks", json={"url": receiver.url}, headers=account.auth
    ).json()
    hook_client.post(f"/v1/webhooks/{endpoint['id']}/test", headers=account.auth)
    receiver.fail_next = 1
    receiver.fail_body = b"internal \x1b[31merror\x00\r\n<secret>" + b"A" * 100_000
    database = Database(hook_settings.resolved_database_url)
    try:
        assert deliver_webhooks(hook_settings, database).retried == 1
    finally:
        database.dispose()
    log = hook_client.get(f"/v1/webhooks/{endpoint['id']}/deliveries", headers=account.auth)
    error = log.json()[0]["last_error"]
    assert error.startswith("internal [31merror <secret>AAA")
    assert len(error) <= 203 and error.isprintable()


def test_an_https_delivery_to_the_pinned_address_sends_the_host_name_as_sni(
    hook_settings: Settings, hook_client: TestClient, account: Account, smtp_tls_files: Any
) -> None:
    """The connection goes to 127.0.0.1, the TLS handshake names the URL's host (the test
    server's certificate is not publicly trusted, so the delivery itself fails)."""
    import socket
    import ssl

    names: list[str | None] = []
    context = smtp_tls_files.server_context()
    context.sni_callback = lambda _sock, name, _ctx: names.append(name)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        conn, _ = listener.accept()
        try:
            with context.wrap_socket(conn, server_side=True):
                pass
        except (OSError, ssl.SSLError):
            pass  # the client refuses the certificate

    threading.Thread(target=serve, daemon=True).start()
    endpoint = hook_client.post(
        "/v1/webhooks",
        json={"url": f"https://hooks.internal.test:{port}/hook"},
        headers=account.auth,
    ).json()
    hook_client.post(f"/v1/webhooks/{endpoint['id']}/test", headers=account.auth)
    database = Database(hook_settings.resolved_database_url)
    try:
        report = deliver_webhooks(hook_settings, database, resolve=lambda h, p: ["127.0.0.1"])
    finally:
        database.dispose()
        listener.close()
    assert report.retried == 1
    assert names == ["hooks.internal.test"]
