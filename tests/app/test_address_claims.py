"""Hardening (issue 21) item 6: a sending address counts only once confirmed from its
mailbox, claims squat nothing, and asking tells a key holder nothing about other accounts."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from app.users.addresses import find_sender
from tests.app.address_links import confirm, confirm_links
from tests.app.conftest import Account

CEO = "ceo@bigcorp.example"


def sender(settings: Settings, address: str) -> str | None:
    database = Database(settings.resolved_database_url)
    try:
        with database.transaction() as session:
            user = find_sender(session, address)
            return user.email if user else None
    finally:
        database.dispose()


def test_an_address_captures_only_once_confirmed_from_its_mailbox(
    client: TestClient, settings: Settings, account: Account
) -> None:
    asked = client.post(
        "/v1/me/addresses", json={"email": "CEO@BigCorp.example"}, headers=account.auth
    )
    assert asked.status_code == 202, asked.text
    listed = client.get("/v1/me/addresses", headers=account.auth).json()
    assert [(a["email"], a["confirmed"]) for a in listed] == [
        (account.email, True),
        (CEO, False),
    ]
    assert sender(settings, CEO) is None  # mail "from" it is not captured for anyone yet
    assert CEO not in client.get("/v1/me", headers=account.auth).json()["addresses"]
    (token,) = confirm_links(settings, CEO)
    page = TestClient(client.app, base_url="https://testserver").get(
        f"/app/addresses/confirm/{token}"
    )
    # The page names who asks, and a GET (a mail scanner) confirms nothing.
    assert "Anna Berg" in page.text and account.email in page.text
    assert sender(settings, CEO) is None
    status, done = confirm(client, token)
    assert status == 200 and "is confirmed" in done
    assert sender(settings, CEO) == account.email
    assert confirm(client, token)[0] == 400  # once only


def test_a_claim_squats_nothing_the_first_to_confirm_gets_it(
    client: TestClient, settings: Settings, make_account: Callable[..., Account]
) -> None:
    eve = make_account(email="eve@evil.example", name="Eve")
    ceo = make_account(email="ceo@home.example", name="The CEO")
    assert client.post("/v1/me/addresses", json={"email": CEO}, headers=eve.auth).status_code == 202
    assert client.post("/v1/me/addresses", json={"email": CEO}, headers=ceo.auth).status_code == 202
    eves_link, ceos_link = confirm_links(settings, CEO)
    assert confirm(client, ceos_link)[0] == 200
    assert sender(settings, CEO) == ceo.email
    status, page = confirm(client, eves_link)
    assert status == 409 and "another account" in page
    assert sender(settings, CEO) == ceo.email


def test_asking_answers_the_same_whoever_holds_the_address(
    client: TestClient, settings: Settings, make_account: Callable[..., Account]
) -> None:
    bob = make_account(email="bob@example.net", name="Bob")
    eve = make_account(email="eve@evil.example", name="Eve")
    answers = {}
    for address in ("free@example.com", bob.email, eve.email):
        response = client.post("/v1/me/addresses", json={"email": address}, headers=eve.auth)
        body = response.json()
        answers[address] = (response.status_code, body.pop("detail"), tuple(sorted(body)))
    assert len(set(answers.values())) == 1, answers
    # Only the free address got mail: Bob's is his, and Eve's own needs no confirming.
    assert confirm_links(settings, "free@example.com")
    assert confirm_links(settings, bob.email) == []
    assert sender(settings, bob.email) == bob.email
    # Asking again while a link is out sends no second mail (no mail cannon).
    client.post("/v1/me/addresses", json={"email": "free@example.com"}, headers=eve.auth)
    assert len(confirm_links(settings, "free@example.com")) == 1
