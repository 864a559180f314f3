"""Fixtures for the web side: the app over HTTPS (its cookies are Secure), signed-in owners,
agreements whose summaries were really handed to the development mailbox."""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import Database
from app.main import create_app
from app.models import Agreement, Counterparty, StoredMessage
from app.outbound.delivery import deliver_all
from tests.app.conftest import Account, account, make_account, settings

__all__ = ["account", "make_account", "settings"]

CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')
LOGIN_LINK = re.compile(r"/app/login/([a-z2-7]{32})")


def csrf_of(html: str) -> str:
    match = CSRF_FIELD.search(html)
    assert match, "no CSRF field in the page"
    return match.group(1)


def text_of(raw: bytes) -> str:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    body = msg.get_body(("plain",))  # type: ignore[attr-defined]
    assert body is not None
    return str(body.get_content())


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    db = Database(settings.resolved_database_url)
    yield db
    db.dispose()


def new_client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings), base_url="https://testserver")


@pytest.fixture
def web(settings: Settings) -> Iterator[TestClient]:
    with new_client(settings) as client:
        yield client


@pytest.fixture
def make_web(settings: Settings) -> Iterator[Callable[[], TestClient]]:
    clients: list[TestClient] = []

    def make() -> TestClient:
        client = new_client(settings)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def login_links(database: Database, address: str) -> list[str]:
    with database.transaction() as session:
        rows = session.scalars(
            select(StoredMessage)
            .where(StoredMessage.kind == "login_link")
            .order_by(StoredMessage.id)
            .execution_options(populate_existing=True)
        ).all()
        found = []
        for row in rows:
            text = text_of(row.raw)
            if address.lower() in row.raw.decode("utf-8", "replace").lower():
                found += LOGIN_LINK.findall(text)
        return found


def sign_in(client: TestClient, database: Database, address: str) -> None:
    page = client.get("/app/login")
    before = len(login_links(database, address))
    sent = client.post("/app/login", data={"email": address, "csrf": csrf_of(page.text)})
    assert sent.status_code == 200
    tokens = login_links(database, address)
    assert len(tokens) == before + 1
    confirm = client.get(f"/app/login/{tokens[-1]}")
    done = client.post(
        f"/app/login/{tokens[-1]}", data={"csrf": csrf_of(confirm.text)}, follow_redirects=False
    )
    assert done.status_code == 303, done.text


@dataclass
class Sent:
    id: str
    tokens: dict[str, str]  # counterparty email -> answer-page token


@pytest.fixture
def send(web: TestClient, settings: Settings, database: Database) -> Callable[..., Sent]:
    """Create an agreement through the API and hand its summaries to the dev mailbox."""

    def make(account: Account, **overrides: Any) -> Sent:
        body: dict[str, Any] = {
            "title": "Lead flow",
            "summary": "We agreed on 10 leads a week.\n\nLet me know if I missed anything.",
            "counterparties": [
                {"email": "mike@example.com", "name": "Mike"},
                {"email": "jane@example.com", "name": "Jane"},
            ],
            "respond_within": "3d",
            **overrides,
        }
        response = web.post("/v1/agreements", json=body, headers=account.auth)
        assert response.status_code == 201, response.text
        deliver_all(settings, database)
        agreement_id = response.json()["id"]
        return Sent(agreement_id, tokens_of(database, agreement_id))

    return make


def tokens_of(database: Database, agreement_id: str) -> dict[str, str]:
    with database.transaction() as session:
        agreement = session.get(Agreement, agreement_id)
        assert agreement is not None
        rows = session.scalars(
            select(Counterparty)
            .where(Counterparty.agreement_id == agreement_id)
            .order_by(Counterparty.id)
        )
        return {c.email: c.answer_token for c in rows if c.version.number == agreement.version}
