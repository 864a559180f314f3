"""Hardening (issue 21) items 4 and 10: signing out ends a session wherever its cookie went,
and a sign-in link says which account it signs into."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select

from app.db import Database
from app.models import WebSession
from app.web.security import hash_token
from tests.app.conftest import Account
from tests.web.conftest import csrf_of, login_links, sign_in


def copy_of(web: TestClient, make_web: Callable[[], TestClient]) -> TestClient:
    """Another browser holding a copy of ``web``'s session cookie (stolen, say)."""
    thief = make_web()
    thief.cookies.set("accord_session", web.cookies["accord_session"], domain="testserver.local")
    return thief


def signed_in(client: TestClient) -> bool:
    return client.get("/app/agreements", follow_redirects=False).status_code == 200


def test_signing_out_ends_the_session_for_every_copy_of_its_cookie(
    web: TestClient, make_web: Callable[[], TestClient], account: Account, database: Database
) -> None:
    sign_in(web, database, account.email)
    thief = copy_of(web, make_web)
    assert signed_in(thief)
    page = web.get("/app/agreements")
    out = web.post("/app/logout", data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert out.status_code == 303
    assert not signed_in(thief)
    assert not signed_in(web)


def test_sign_out_everywhere_ends_every_session_of_the_user_only(
    web: TestClient,
    make_web: Callable[[], TestClient],
    make_account: Callable[..., Account],
    account: Account,
    database: Database,
) -> None:
    laptop, phone, other = make_web(), make_web(), make_web()
    sign_in(web, database, account.email)
    sign_in(laptop, database, account.email)
    sign_in(phone, database, account.email)
    bob = make_account(email="bob@example.org", name="Bob")
    sign_in(other, database, bob.email)
    thief = copy_of(phone, make_web)
    page = laptop.get("/app/settings")
    assert "Sign out everywhere" in page.text
    laptop.post("/app/logout/everywhere", data={"csrf": csrf_of(page.text)})
    assert [signed_in(c) for c in (web, laptop, phone, thief)] == [False] * 4
    assert signed_in(other)


def test_only_a_digest_of_the_session_is_stored(
    web: TestClient, account: Account, database: Database
) -> None:
    sign_in(web, database, account.email)
    cookie = web.cookies["accord_session"]
    assert len(cookie) == 32  # 160 random bits
    with database.transaction() as session:
        stored = list(session.scalars(select(WebSession.token_hash)))
    assert stored == [hash_token(cookie)]


def test_the_sign_in_page_names_the_account_it_signs_into(
    web: TestClient,
    make_web: Callable[[], TestClient],
    make_account: Callable[..., Account],
    database: Database,
) -> None:
    """Login CSRF: Mallory mails Anna a link to Mallory's own account; the page says so."""
    mallory = make_account(email="mallory@evil.example", name="Mallory")
    page = web.get("/app/login")
    web.post("/app/login", data={"email": mallory.email, "csrf": csrf_of(page.text)})
    token = login_links(database, mallory.email)[-1]
    anna = make_web()
    confirm = anna.get(f"/app/login/{token}")
    assert confirm.status_code == 200
    assert "mallory@evil.example" in confirm.text and "Mallory" in confirm.text
    assert "Sign in as mallory@evil.example" in confirm.text
    # Signed in as someone else already: the page says the session would change hands.
    bob = make_account(email="bob@example.org", name="Bob")
    sign_in(anna, database, bob.email)
    switching = anna.get(f"/app/login/{token}")
    assert "You are signed in as bob@example.org" in switching.text
