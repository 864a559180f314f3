"""End to end in a real browser: Debian's Chromium, headless, driven by Playwright.

The owner signs in with the link emailed to the development mailbox, creates an agreement
from the dashboard; one counterparty confirms through the link in their summary, another asks
for a clarification; the owner revises. Screenshots of the main pages go to tests/artifacts/.

Needs ``apt-get install -y chromium`` and ``pip install playwright`` (never
``playwright install``: the browser is Debian's).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from app.config import Settings
from app.db import Database
from app.main import create_app
from app.migrate import upgrade
from app.outbound.delivery import deliver_all
from app.users import service as users

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

pytestmark = pytest.mark.slow

sync_api: Any = None
with contextlib.suppress(ImportError):  # the test skips, saying what to install
    from playwright import sync_api


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Settings]]:
    if sync_api is None:
        pytest.skip("playwright is not installed: .venv/bin/pip install playwright")
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'accord.db'}",
        data_dir=tmp_path / "data",
        tracking_address="track@accord.example.com",
        public_url=base,
        _env_file=None,  # type: ignore[call-arg]
    )
    upgrade(settings.resolved_database_url)
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield base, settings
    uv.should_exit = True
    thread.join(timeout=10)


def _mail(settings: Settings, to: str, pattern: str) -> str:
    """The first match of ``pattern`` in the newest dev-mailbox message to ``to``."""
    _deliver(settings)
    files = sorted((settings.devbox_dir / "sent").rglob("*.eml"), key=lambda p: p.stat().st_mtime)
    for path in reversed(files):
        msg = message_from_bytes(path.read_bytes(), policy=policy.default)
        if to.lower() not in str(msg["To"]).lower():
            continue
        body = msg.get_body(("plain",))  # type: ignore[attr-defined]
        match = re.search(pattern, str(body.get_content()) if body else "")
        if match:
            return match.group(0)
    raise AssertionError(f"no mail to {to} matching {pattern} in {len(files)} files")


def _deliver(settings: Settings) -> None:
    """Run the delivery worker once, in a thread: Playwright's sync API owns this thread's
    event loop and delivery runs its own."""
    errors: list[BaseException] = []

    def run() -> None:
        database = Database(settings.resolved_database_url)
        try:
            deliver_all(settings, database)
        except BaseException as exc:
            errors.append(exc)
        finally:
            database.dispose()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=60)
    if errors:
        raise errors[0]


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_owner_and_counterparties_in_a_real_browser(server: tuple[str, Settings]) -> None:
    base, settings = server
    database = Database(settings.resolved_database_url)
    with database.transaction() as session:
        users.create_user(
            session, email="anna@example.org", name="Anna Berg", timezone="Europe/Berlin"
        )
    database.dispose()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        owner = browser.new_page(viewport={"width": 1200, "height": 900})
        phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        try:
            _run(base, settings, owner, phone)
        finally:
            browser.close()


def _run(base: str, settings: Settings, owner: Any, phone: Any) -> None:
    expect = sync_api.expect
    owner.goto(f"{base}/app/agreements")  # not signed in: sent to the sign-in page
    expect(owner.get_by_role("heading", name="Sign in")).to_be_visible()
    _shot(owner, "01-sign-in")
    owner.get_by_label("Email address").fill("anna@example.org")
    owner.get_by_role("button", name="Email me a sign-in link").click()
    expect(owner.get_by_role("heading", name="Check your mail")).to_be_visible()
    link = _mail(settings, "anna@example.org", r"http://\S+/app/login/[a-z2-7]{32}")
    owner.goto(link)
    owner.get_by_role("button", name="Sign in").click()
    expect(owner.get_by_role("heading", name="Agreements")).to_be_visible()

    owner.get_by_role("link", name="New agreement").first.click()
    owner.get_by_label("Title").fill("Lead flow Q3")
    owner.get_by_label("Summary").fill(
        "We agreed on 10 leads a week from you, and I close 1 deal in 10."
    )
    owner.get_by_label("Counterparties").fill("Mike <mike@example.com>\nJane <jane@example.com>")
    owner.get_by_label("Respond within").fill("3d")
    _shot(owner, "02-new-agreement")
    owner.get_by_role("button", name="Send the summary").click()
    expect(owner.get_by_role("heading", name="Lead flow Q3")).to_be_visible()
    expect(owner.get_by_role("status")).to_contain_text("summary queued")

    # Mike confirms on his phone through the link in his summary.
    confirm = _mail(settings, "mike@example.com", r"http://\S+/a/[a-z2-7]+\?answer=confirm")
    phone.goto(confirm)
    expect(phone.get_by_role("heading", name="Lead flow Q3")).to_be_visible()
    _shot(phone, "03-answer-page-phone")
    phone.get_by_role("button", name="Confirm").click()
    expect(phone.get_by_role("heading", name="Thank you: you confirmed")).to_be_visible()
    _shot(phone, "04-answer-confirmed-phone")

    # Jane says something is not right.
    clarify = _mail(settings, "jane@example.com", r"http://\S+/a/[a-z2-7]+\?answer=clarify")
    phone.goto(clarify)
    phone.get_by_label(re.compile("What is not right")).fill("Only from March, not now.")
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_role("heading", name=re.compile("will get back to you"))).to_be_visible()

    owner.reload()
    expect(owner.get_by_text("Needs attention").first).to_be_visible()
    expect(owner.get_by_text("Only from March, not now.").first).to_be_visible()
    expect(owner.get_by_text("answer_page").first).to_be_visible()
    _shot(owner, "05-agreement-needs-attention")
    _mail(settings, "anna@example.org", r"asked for a clarification")

    owner.get_by_role("link", name=re.compile("Revise the summary")).click()
    owner.get_by_label("Revised summary").fill(
        "We agreed on 10 leads a week from you from March, and I close 1 deal in 10."
    )
    owner.get_by_label("Respond within").fill("3d")
    owner.get_by_role("button", name="Send the revised summary").click()
    expect(owner.get_by_role("status")).to_contain_text("revised summary was queued")
    expect(owner.get_by_role("heading", name="Summary (version 2)")).to_be_visible()
    _shot(owner, "06-agreement-revised")

    # The old link now says it was replaced; the new one works.
    phone.goto(clarify)
    expect(phone.get_by_role("heading", name="This version was replaced")).to_be_visible()
    fresh = _mail(settings, "jane@example.com", r"http://\S+/a/[a-z2-7]+\?answer=confirm")
    assert fresh.split("/a/")[1] != clarify.split("/a/")[1]
    phone.goto(fresh)
    expect(phone.get_by_text("version 2")).to_be_visible()
    phone.get_by_role("button", name="Confirm").click()
    expect(phone.get_by_role("heading", name="Thank you: you confirmed")).to_be_visible()

    owner.goto(f"{base}/app/agreements")
    expect(owner.get_by_text("Lead flow Q3")).to_be_visible()
    _shot(owner, "07-agreements-list")
    owner.goto(f"{base}/app/settings")
    expect(owner.get_by_role("heading", name="Settings")).to_be_visible()
    _shot(owner, "08-settings")
