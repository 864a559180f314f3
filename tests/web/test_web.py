"""The web side without a browser: answer page, sign-in links, sessions, CSRF, escaping,
ownership. Every test runs on SQLite and PostgreSQL, with mail really handed to the dev
mailbox by the delivery worker."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from app.config import Settings
from app.db import Database, utcnow
from app.keys import installation_key
from app.models import Counterparty, Event, LoginToken, StoredMessage
from app.outbound.drafts import compose_drafts
from app.web import security
from app.web.dashboard_routes import router as dashboard_router
from tests.app.conftest import Account
from tests.web.conftest import Sent, csrf_of, login_links, new_client, sign_in, text_of

SCRIPT = "<script>alert(1)</script>"


def _state(database: Database, token: str) -> tuple[str, int]:
    """(counterparty status, number of events of its agreement)."""
    with database.transaction() as session:
        cp = session.scalar(select(Counterparty).where(Counterparty.answer_token == token))
        assert cp is not None
        count = session.scalar(
            select(func.count(Event.id)).where(Event.agreement_id == cp.agreement_id)
        )
        return cp.status, int(count or 0)


def _last_event(database: Database, token: str) -> Event:
    with database.transaction() as session:
        cp = session.scalar(select(Counterparty).where(Counterparty.answer_token == token))
        assert cp is not None
        event = session.scalars(
            select(Event).where(Event.agreement_id == cp.agreement_id).order_by(Event.seq.desc())
        ).first()
        assert event is not None
        return event


def _answer(web: TestClient, token: str, answer: str, text: str = "") -> str:
    page = web.get(f"/a/{token}")
    response = web.post(
        f"/a/{token}", data={"csrf": csrf_of(page.text), "answer": answer, "text": text}
    )
    assert response.status_code == 200, response.text
    return str(response.text)


# --- the answer page -------------------------------------------------------------------


def test_summary_email_links_to_the_answer_page(
    send: Callable[..., Sent], account: Account, database: Database
) -> None:
    sent = send(account)
    token = sent.tokens["mike@example.com"]
    with database.transaction() as session:
        raw = session.scalar(
            select(StoredMessage.raw)
            .join(Counterparty, Counterparty.id == StoredMessage.counterparty_id)
            .where(Counterparty.answer_token == token, StoredMessage.kind == "summary")
        )
    assert raw is not None
    text = text_of(raw)
    assert f"Confirm: https://accord.example.com/a/{token}?answer=confirm" in text
    assert f"https://accord.example.com/a/{token}?answer=clarify" in text


def test_get_never_records_anything(
    web: TestClient, send: Callable[..., Sent], account: Account, database: Database
) -> None:
    token = send(account).tokens["mike@example.com"]
    before = _state(database, token)
    assert before[0] == "sent"
    for url in (f"/a/{token}", f"/a/{token}?answer=confirm", f"/a/{token}?answer=clarify"):
        page = web.get(url)
        assert page.status_code == 200
        assert "We agreed on 10 leads a week." in page.text
        assert web.head(url).status_code in (200, 405)
    assert _state(database, token) == before
    assert 'class="choice chosen"' in web.get(f"/a/{token}?answer=clarify").text


def test_confirm_is_recorded_like_a_reply(
    web: TestClient, send: Callable[..., Sent], account: Account, database: Database
) -> None:
    token = send(account).tokens["mike@example.com"]
    done = _answer(web, token, "confirm")
    assert "you confirmed" in done
    assert _state(database, token)[0] == "confirmed"
    event = _last_event(database, token)
    assert event.type == "confirmed"
    assert event.actor == "mike@example.com"
    assert event.data["via"] == "answer_page"
    assert event.data["ip"] == "testclient"
    assert event.data["user_agent"] == "testclient"
    assert event.data["from"] == "sent"
    # A second click changes nothing and writes nothing.
    count = _state(database, token)[1]
    assert "(it already was)" in _answer(web, token, "confirm")
    assert _state(database, token)[1] == count


def test_clarification_needs_text_and_alerts_the_owner(
    web: TestClient,
    send: Callable[..., Sent],
    account: Account,
    database: Database,
    settings: Settings,
) -> None:
    token = send(account).tokens["jane@example.com"]
    page = web.get(f"/a/{token}?answer=clarify")
    empty = web.post(f"/a/{token}", data={"csrf": csrf_of(page.text), "answer": "clarify"})
    assert empty.status_code == 422
    assert _state(database, token)[0] == "sent"
    _answer(web, token, "clarify", "Only from <b>March</b>, not February.")
    assert _state(database, token)[0] == "clarification_requested"
    event = _last_event(database, token)
    assert event.data["text"] == "Only from <b>March</b>, not February."
    assert event.data["classification"] == "clarification"
    with database.transaction() as session:
        # The owner's alert and Jane's receipt, composed as delivery composes them.
        assert compose_drafts(session, settings) == 2
        alert = session.scalars(
            select(StoredMessage).where(StoredMessage.kind == "owner_alert")
        ).one()
        assert alert.raw is not None
        assert "Only from <b>March</b>, not February." in text_of(alert.raw)
        assert account.email in alert.raw.decode()
        receipt = session.scalars(
            select(StoredMessage).where(StoredMessage.kind == "receipt")
        ).one()
        assert receipt.raw is not None and "jane@example.com" in receipt.raw.decode()
        body = text_of(receipt.raw)
        assert "you asked for a clarification" in body and "on the answer page" in body
        assert "Only from <b>March</b>, not February." in body
        assert f"head={event.hash}" in body  # the head after her answer, sealed


def test_answer_without_a_valid_csrf_token_is_refused(
    web: TestClient, send: Callable[..., Sent], account: Account, database: Database
) -> None:
    sent = send(account)
    mike, jane = sent.tokens["mike@example.com"], sent.tokens["jane@example.com"]
    before = _state(database, mike)
    jane_csrf = csrf_of(web.get(f"/a/{jane}").text)
    old = security.form_token(
        installation_key(web.app.state.settings),  # type: ignore[attr-defined]
        f"answer:{mike}",
        now=int(utcnow().timestamp()) - security.ANSWER_FORM_MAX_AGE - 60,
    )
    for csrf in (None, "", "123.abc", jane_csrf, old):
        data = {"answer": "confirm"} | ({"csrf": csrf} if csrf is not None else {})
        assert web.post(f"/a/{mike}", data=data).status_code == 403
    mike_csrf = csrf_of(web.get(f"/a/{mike}").text)
    evil = web.post(
        f"/a/{mike}",
        data={"csrf": mike_csrf, "answer": "confirm"},
        headers={"Origin": "https://evil.example"},
    )
    assert evil.status_code == 403
    assert _state(database, mike) == before


def test_unknown_token_is_a_404_page(web: TestClient) -> None:
    response = web.get("/a/" + "a" * 32)
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "Not found" in response.text


def test_withdrawn_and_superseded_links_show_their_state(
    web: TestClient, send: Callable[..., Sent], account: Account, database: Database
) -> None:
    first = send(account)
    token = first.tokens["mike@example.com"]
    csrf = csrf_of(web.get(f"/a/{token}").text)
    revised = web.post(
        f"/v1/agreements/{first.id}/revise",
        json={"summary": "10 leads a week from March.", "respond_within": "3d"},
        headers=account.auth,
    )
    assert revised.status_code == 200, revised.text
    page = web.get(f"/a/{token}")
    assert "This version was replaced" in page.text
    assert 'name="answer"' not in page.text
    before = _state(database, token)
    late = web.post(f"/a/{token}", data={"csrf": csrf, "answer": "confirm"})
    assert late.status_code == 409
    assert _state(database, token) == before

    second = send(account, title="Other")
    token = second.tokens["jane@example.com"]
    web.post(f"/v1/agreements/{second.id}/withdraw", json={}, headers=account.auth)
    page = web.get(f"/a/{token}")
    assert "This agreement was withdrawn" in page.text
    assert 'name="answer"' not in page.text


# --- signing in ------------------------------------------------------------------------


def test_sign_in_link_is_sent_only_to_accounts_with_the_same_answer(
    web: TestClient, account: Account, database: Database
) -> None:
    page = web.get("/app/login")
    unknown = web.post(
        "/app/login", data={"email": "nobody@example.com", "csrf": csrf_of(page.text)}
    )
    known = web.post("/app/login", data={"email": account.email, "csrf": csrf_of(page.text)})
    assert unknown.status_code == known.status_code == 200
    strip = re.compile(r'name="csrf" value="[^"]+"')
    assert strip.sub("", unknown.text) == strip.sub("", known.text)
    assert login_links(database, "nobody@example.com") == []
    assert len(login_links(database, account.email)) == 1
    token = login_links(database, account.email)[0]
    with database.transaction() as session:
        row = session.scalars(select(LoginToken)).one()
        assert row.token_hash == security.hash_token(token)  # only the hash is stored
        assert timedelta(minutes=14) < row.expires_at - row.created_at <= timedelta(minutes=15)


def test_sign_in_link_works_once_and_sets_a_safe_cookie(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    page = web.get("/app/login")
    web.post("/app/login", data={"email": account.email, "csrf": csrf_of(page.text)})
    token = login_links(database, account.email)[0]
    for _ in range(2):  # a link scanner's GETs use nothing up
        confirm = web.get(f"/app/login/{token}")
        assert confirm.status_code == 200 and "Sign in" in confirm.text
    refused = web.post(f"/app/login/{token}", data={}, follow_redirects=False)
    assert refused.status_code == 403
    done = web.post(
        f"/app/login/{token}", data={"csrf": csrf_of(confirm.text)}, follow_redirects=False
    )
    assert done.status_code == 303
    cookie = next(
        v
        for k, v in done.headers.multi_items()
        if k == "set-cookie" and v.startswith("accord_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie
    assert web.get("/app/agreements").status_code == 200

    other = new_client(settings)
    with other:
        again = other.get(f"/app/login/{token}")
        assert again.status_code == 400
        reuse = other.post(
            f"/app/login/{token}",
            data={"csrf": csrf_of(other.get("/app/login").text)},
            follow_redirects=False,
        )
        assert reuse.status_code == 400
        assert "accord_session" not in reuse.headers.get("set-cookie", "")


def test_sign_in_link_expires(web: TestClient, account: Account, database: Database) -> None:
    page = web.get("/app/login")
    web.post("/app/login", data={"email": account.email, "csrf": csrf_of(page.text)})
    token = login_links(database, account.email)[0]
    with database.transaction() as session:
        session.execute(update(LoginToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    confirm = web.get(f"/app/login/{token}")
    assert confirm.status_code == 400 and "expired" in confirm.text
    late = web.post(f"/app/login/{token}", data={"csrf": csrf_of(web.get("/app/login").text)})
    assert late.status_code == 400
    assert web.get("/app/agreements", follow_redirects=False).headers["location"] == "/app/login"


def test_cookies_are_not_secure_on_plain_http(
    account: Account, database: Database, settings: Settings
) -> None:
    plain = settings.model_copy(update={"public_url": "http://127.0.0.1:8000"})
    with TestClient(new_client(plain).app, base_url="http://testserver") as client:
        sign_in(client, database, account.email)
        assert all(not c.secure for c in client.cookies.jar)
        assert {c.name for c in client.cookies.jar} == {"accord_csrf", "accord_session"}


def test_forged_or_tampered_session_cookies_are_ignored(
    web: TestClient, account: Account, database: Database
) -> None:
    sign_in(web, database, account.email)
    value = web.cookies["accord_session"]
    flipped = value[:-1] + ("a" if value[-1] != "a" else "b")
    for forged in (flipped, "x" + value, value[:-1], "e30." + value, ""):
        web.cookies.set("accord_session", forged, domain="testserver.local")
        response = web.get("/app/agreements", follow_redirects=False)
        assert response.status_code == 303, forged


# --- the dashboard ---------------------------------------------------------------------


def test_every_dashboard_post_requires_csrf(
    web: TestClient, send: Callable[..., Sent], account: Account, database: Database
) -> None:
    sent = send(account)
    sign_in(web, database, account.email)
    posts = [
        r
        for r in dashboard_router.routes
        if isinstance(r, APIRoute) and "POST" in (r.methods or ())
    ]
    assert len(posts) >= 9
    for route in posts:
        path = route.path.format(agreement_id=sent.id, token="a" * 32, key_id="k", endpoint_id="e")
        for data in ({}, {"csrf": "1.deadbeef"}):
            response = web.post(path, data=data, follow_redirects=False)
            assert response.status_code == 403, (path, response.status_code)
    # A valid token from another browser's nonce does not pass either.
    other = new_client(web.app.state.settings)  # type: ignore[attr-defined]
    with other:
        foreign = csrf_of(other.get("/app/login").text)
    refused = web.post(f"/app/agreements/{sent.id}/withdraw", data={"csrf": foreign})
    assert refused.status_code == 403
    assert _state(database, sent.tokens["mike@example.com"])[0] == "sent"


def test_output_is_escaped(
    web: TestClient, send: Callable[..., Sent], account: Account, database: Database
) -> None:
    sent = send(
        account,
        title=f"Deal {SCRIPT}",
        summary=f"Body {SCRIPT}",
        counterparties=[{"email": "mike@example.com", "name": "Mike <b>"}],
    )
    token = sent.tokens["mike@example.com"]
    _answer(web, token, "clarify", f"No {SCRIPT}")
    sign_in(web, database, account.email)
    pages = [f"/a/{token}", "/app/agreements", f"/app/agreements/{sent.id}"]
    for url in pages:
        html = web.get(url).text
        assert SCRIPT not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    assert "No &lt;script&gt;" in web.get(f"/app/agreements/{sent.id}").text
    headers = web.get("/app/agreements").headers
    assert "script-src" not in headers["content-security-policy"]  # default-src 'none'
    assert headers["x-frame-options"] == "DENY"


def test_a_user_reaches_only_their_own_agreements(
    web: TestClient,
    make_web: Callable[[], TestClient],
    send: Callable[..., Sent],
    account: Account,
    make_account: Callable[..., Account],
    database: Database,
) -> None:
    sent = send(account)
    intruder = make_account(email="eve@example.net", name="Eve")
    eve = make_web()
    sign_in(eve, database, intruder.email)
    for url in (
        f"/app/agreements/{sent.id}",
        f"/app/agreements/{sent.id}/revise",
        f"/app/agreements/{sent.id}/evidence",
    ):
        assert eve.get(url).status_code == 404, url
    csrf = csrf_of(eve.get("/app/agreements").text)
    for action in ("withdraw", "resolve", "extend", "revise"):
        data = {
            "csrf": csrf,
            "counterparty": "mike@example.com",
            "respond_within": "2d",
            "summary": "x",
        }
        assert eve.post(f"/app/agreements/{sent.id}/{action}", data=data).status_code == 404
    assert "Lead flow" not in eve.get("/app/agreements").text
    assert _state(database, sent.tokens["mike@example.com"])[0] == "sent"
    sign_in(web, database, account.email)
    assert web.get(f"/app/agreements/{sent.id}").status_code == 200


def test_dashboard_creates_and_acts_on_an_agreement(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    sign_in(web, database, account.email)
    form = web.get("/app/agreements/new")
    bad = web.post(
        "/app/agreements",
        data={
            "csrf": csrf_of(form.text),
            "title": "T",
            "summary": "S",
            "counterparties": "not an address",
            "respond_within": "2d",
        },
    )
    assert bad.status_code == 422 and "line 1" in bad.text
    created = web.post(
        "/app/agreements",
        data={
            "csrf": csrf_of(form.text),
            "title": "Launch plan",
            "summary": "You ship on Friday; I review on Monday.",
            "counterparties": "Mike Ross <mike@example.com>\njane@example.com",
            "respond_within": "2d",
        },
    )
    assert created.status_code == 200
    assert "Launch plan" in created.text and "summary queued" in created.text
    agreement_id = created.url.path.rsplit("/", 1)[1]
    page = web.get(f"/app/agreements/{agreement_id}")
    assert "Mike Ross &lt;mike@example.com&gt;" in page.text
    listed = web.get("/app/agreements?q=Launch").text
    assert "Launch plan" in listed
    assert "in 1 d" in listed or "in 2 d" in listed  # the deadline countdown
    assert "Launch plan" not in web.get("/app/agreements?status=accepted").text

    from app.outbound.delivery import deliver_all

    deliver_all(settings, database)
    extended = web.post(
        f"/app/agreements/{agreement_id}/extend",
        data={"csrf": csrf_of(page.text), "counterparty": "*", "respond_within": "5d"},
    )
    assert extended.status_code == 200 and "deadline was extended" in extended.text
    withdrawn = web.post(
        f"/app/agreements/{agreement_id}/withdraw",
        data={"csrf": csrf_of(page.text), "reason": "plans changed"},
    )
    assert "was withdrawn" in withdrawn.text
    assert "plans changed" in withdrawn.text  # the timeline shows the reason
    evidence = web.get(f"/app/agreements/{agreement_id}/evidence")
    assert evidence.status_code == 200
    assert evidence.headers["content-type"] == "application/zip"


def test_settings_and_api_keys(web: TestClient, account: Account, database: Database) -> None:
    sign_in(web, database, account.email)
    page = web.get("/app/settings")
    assert account.email in page.text
    csrf = csrf_of(page.text)
    bad = web.post(
        "/app/settings",
        data={"csrf": csrf, "timezone": "Mars/Olympus", "digest_weekday": "2", "digest_hour": "9"},
    )
    assert bad.status_code == 422
    saved = web.post(
        "/app/settings",
        data={
            "csrf": csrf,
            "timezone": "America/New_York",
            "digest_weekday": "4",
            "digest_hour": "7",
            "digest_enabled": "on",
        },
    )
    assert "settings were saved" in saved.text
    me = web.get("/v1/me", headers=account.auth).json()
    assert (me["timezone"], me["digest_weekday"], me["digest_hour"]) == ("America/New_York", 4, 7)
    created = web.post("/app/settings/keys", data={"csrf": csrf, "name": "laptop"})
    key = re.search(r'<code class="key">(acc_[a-z2-7]+)</code>', created.text)
    assert key is not None
    new_auth = {"Authorization": f"Bearer {key.group(1)}"}
    assert web.get("/v1/me", headers=new_auth).status_code == 200
    key_id = next(
        k["id"]
        for k in web.get("/v1/api-keys", headers=account.auth).json()
        if k["name"] == "laptop"
    )
    web.post(f"/app/settings/keys/{key_id}/revoke", data={"csrf": csrf})
    assert web.get("/v1/me", headers=new_auth).status_code == 401


def test_settings_webhooks(web: TestClient, account: Account, database: Database) -> None:
    sign_in(web, database, account.email)
    csrf = csrf_of(web.get("/app/settings").text)
    bad = web.post("/app/settings/webhooks", data={"csrf": csrf, "url": "ftp://x"})
    assert bad.status_code == 422
    made = web.post(
        "/app/settings/webhooks",
        data={"csrf": csrf, "url": "https://hooks.example.com/a?x=<b>", "description": "CRM"},
    )
    assert made.status_code in (200, 422), made.text
    if made.status_code == 422:  # no DNS for example.com on this machine: refused, not crashed
        assert "resolve" in made.text or "non-public" in made.text
        return
    assert re.search(r'<code class="key">whsec_', made.text)
    assert "https://hooks.example.com/a?x=&lt;b&gt;" in made.text
    endpoint = re.search(r"/app/settings/webhooks/([0-9a-f]{32})/delete", made.text)
    assert endpoint is not None
    gone = web.post(f"/app/settings/webhooks/{endpoint.group(1)}/delete", data={"csrf": csrf})
    assert "webhook was removed" in gone.text
