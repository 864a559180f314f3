"""Hardening (issue 21) item 8: the client address recorded as evidence comes from
``X-Forwarded-For`` only when a proxy listed in ``ACCORD_TRUSTED_PROXIES`` sent it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.api.proxies import forwarded_client, parse_networks
from app.config import Settings
from app.db import Database
from app.main import create_app
from app.models import Counterparty, Event
from tests.app.conftest import Account
from tests.web.conftest import Sent, csrf_of

ROOT = Path(__file__).resolve().parents[2]
SPOOFED = "203.0.113.9"


def recorded_ip(database: Database, token: str) -> str:
    with database.transaction() as session:
        cp = session.scalar(select(Counterparty).where(Counterparty.answer_token == token))
        assert cp is not None
        event = session.scalars(
            select(Event).where(Event.agreement_id == cp.agreement_id).order_by(Event.seq.desc())
        ).first()
        assert event is not None and event.type == "confirmed"
        return str(event.data["ip"])


def answer(client: httpx.Client | TestClient, token: str, forwarded_for: str) -> None:
    page = client.get(f"/a/{token}")
    assert page.status_code == 200, page.text
    done = client.post(
        f"/a/{token}",
        data={"csrf": csrf_of(page.text), "answer": "confirm"},
        headers={"X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": "https"},
    )
    assert done.status_code == 200, done.text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(settings: Settings) -> Iterator[str]:
    """``accord serve`` as an operator starts it, on this test's database; its base URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "FORWARDED_"))}
    env.update(
        ACCORD_DATABASE_URL=settings.resolved_database_url,
        ACCORD_DATA_DIR=str(settings.data_dir),
        ACCORD_PUBLIC_URL=settings.public_url,
        ACCORD_TRACKING_ADDRESS=settings.tracking_address,
        ACCORD_DEV_SMTP_PORT="0",
        ACCORD_LOG_JSON="false",
    )
    command = ["serve", "--no-worker", "--no-migrate", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                assert process.poll() is None, "accord serve exited"
                assert time.monotonic() < deadline, "accord serve did not start"
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_accord_serve_ignores_forwarded_for_from_an_untrusted_loopback_peer(
    send: Callable[..., Sent], account: Account, database: Database, served: str
) -> None:
    token = send(account).tokens["mike@example.com"]
    with httpx.Client(base_url=served) as client:
        answer(client, token, SPOOFED)
    assert recorded_ip(database, token) == "127.0.0.1"


def test_forwarded_for_is_believed_from_a_trusted_proxy_only(
    settings: Settings, send: Callable[..., Sent], account: Account, database: Database
) -> None:
    behind = settings.model_copy(update={"trusted_proxies": "10.0.0.0/8, ::1"})
    app = create_app(behind)
    sent = send(account)
    mike, jane = sent.tokens["mike@example.com"], sent.tokens["jane@example.com"]
    with TestClient(app, base_url="https://testserver", client=("10.1.2.3", 5000)) as proxy:
        # The client wrote the left entry itself; the proxy appended the address it saw.
        answer(proxy, mike, f"198.51.100.1, {SPOOFED}")
    assert recorded_ip(database, mike) == SPOOFED
    with TestClient(app, base_url="https://testserver", client=("192.0.2.7", 5000)) as direct:
        answer(direct, jane, "10.9.9.9")
    assert recorded_ip(database, jane) == "192.0.2.7"


def test_the_right_most_untrusted_entry_is_the_client() -> None:
    proxies = parse_networks("10.0.0.0/8, 127.0.0.1")
    assert forwarded_client("127.0.0.1", "1.1.1.1, 2.2.2.2, 10.0.0.4", proxies) == "2.2.2.2"
    assert forwarded_client("127.0.0.1", "", proxies) == "127.0.0.1"
    assert forwarded_client("127.0.0.1", "garbage, 10.0.0.4", proxies) == "10.0.0.4"
    assert forwarded_client("8.8.8.8", "1.1.1.1", proxies) == "8.8.8.8"
    with pytest.raises(ValueError, match="ACCORD_TRUSTED_PROXIES"):
        parse_networks("10.0.0.0/8, proxy.local")
