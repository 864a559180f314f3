"""`accord serve` as a person starts it on the development mailbox: links in mail follow the
port it listens on, and a development SMTP port held by someone else stops the start."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.config import Settings, listening_on
from mail.devsmtp import free_port

ROOT = Path(__file__).parents[2]


def test_the_public_url_follows_the_listening_address_unless_set() -> None:
    unset = Settings(_env_file=None)  # type: ignore[call-arg]
    assert listening_on(unset, host="127.0.0.1", port=8123).public_url == "http://127.0.0.1:8123"
    assert listening_on(unset, host="0.0.0.0", port=9000).public_url == "http://127.0.0.1:9000"
    assert listening_on(unset, host="::1", port=9000).public_url == "http://[::1]:9000"
    chosen = Settings(public_url="https://accord.example.com", _env_file=None)  # type: ignore[call-arg]
    assert listening_on(chosen, host="127.0.0.1", port=8123) is chosen


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    env.update(
        ACCORD_DATA_DIR=str(tmp_path / "data"),
        ACCORD_DELIVER_INTERVAL_SECONDS="0.2",
        ACCORD_LOG_JSON="false",
        **extra,
    )
    return env


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[Any]:
    procs: list[subprocess.Popen[bytes]] = []

    def start(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
        with (tmp_path / f"serve-{len(procs)}.log").open("wb") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "app.cli", "serve", *args],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=ROOT,
            )
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def _wait_until_up(base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, "accord serve exited"
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("accord serve did not come up")


def test_links_in_mail_follow_the_port_served_on(tmp_path: Path, serving: Any) -> None:
    port, smtp_port = free_port(), free_port()
    env = _env(tmp_path, ACCORD_DEV_SMTP_PORT=str(smtp_port))
    assert _run("migrate", env=env).returncode == 0
    created = _run("user", "create", "anna@example.org", "--name", "Anna", "--json", env=env)
    key = json.loads(created.stdout)["api_key"]
    proc = serving("--port", str(port), "--no-migrate", env=env)
    base = f"http://127.0.0.1:{port}"
    _wait_until_up(base, proc)
    response = httpx.post(
        f"{base}/v1/agreements",
        headers={"Authorization": f"Bearer {key}"},
        json={
            "title": "Lead flow",
            "summary": "We agreed on 10 leads a week.\n\nLet me know if I missed anything.",
            "counterparties": [{"email": "mike@example.com", "name": "Mike"}],
            "respond_within": "3d",
        },
        timeout=10,
    )
    assert response.status_code == 201, response.text
    agreement_id = response.json()["id"]
    deadline = time.monotonic() + 30
    listing = ""
    while time.monotonic() < deadline and "Lead flow" not in listing:
        listing = _run("mail", "sent", env=env).stdout
        time.sleep(0.3)
    owner_copy = next(line for line in listing.splitlines() if "anna@example.org" in line)
    shown = _run("mail", "sent", owner_copy.split()[0], env=env).stdout
    assert f"{base}/app/agreements/{agreement_id}" in shown
    assert "127.0.0.1:8000" not in shown
    # The dashboard the link names answers on that port (with its sign-in page).
    page = httpx.get(f"{base}/app/agreements/{agreement_id}", follow_redirects=True)
    assert page.status_code == 200 and str(page.url) == f"{base}/app/login"


def test_a_taken_dev_smtp_port_stops_the_start(tmp_path: Path, serving: Any) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        env = _env(tmp_path, ACCORD_DEV_SMTP_PORT=str(taken))
        proc = serving("--port", str(free_port()), env=env)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail("accord serve kept running without its development SMTP listener")
    log = (tmp_path / "serve-0.log").read_text()
    assert code == 2, log
    assert f"127.0.0.1:{taken}" in log and "ACCORD_DEV_SMTP_PORT" in log
    assert "Traceback" not in log
    assert not (tmp_path / "data" / "accord.db").exists()  # nothing was set up
