"""The owner's review of a message Accord could not verify (SPEC §5): a stranger's
"Re: ... [ref]" or the owner's own forward never holds an agreement in needs_attention for
good. It is dismissed, accepted as an alias or treated as the counterparty's answer, from the
API and the agreement page, each as the owner's event, the status derived again."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from app.models import StoredMessage
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.web.conftest import csrf_of, sign_in
from tests.web.test_adversaries import MIKE, receive, record_of, sent_to_mike, summary_of


def _detail(web: TestClient, account: Account, agreement_id: str) -> dict[str, Any]:
    detail: dict[str, Any] = web.get(f"/v1/agreements/{agreement_id}", headers=account.auth).json()
    return detail


def _accepted_then_a_stranger(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> tuple[dict[str, Any], StoredMessage]:
    """Mike confirmed; then a stranger replies "Re: <title> [ref]" in a thread Accord does
    not know."""
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    receive(settings, database, mailfactory.reply(summary, "Confirmed, thanks.\n\nMike"))
    assert _detail(web, account, agreement["id"])["status"] == "accepted"
    stranger = (
        f"From: eve@example.net\r\nTo: {settings.tracking_address}\r\n"
        f"Subject: Re: Lead flow [{agreement['ref']}]\r\nMessage-ID: <eve1@example.net>\r\n"
        f"In-Reply-To: <somewhere@example.net>\r\n\r\nConfirmed\r\n"
    ).encode()
    stored = receive(settings, database, stranger)
    assert stored.status == "unverified", stored.reason
    assert _detail(web, account, agreement["id"])["status"] == "needs_attention"
    return agreement, stored


def test_an_unverified_message_can_be_dismissed_through_the_api(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, stored = _accepted_then_a_stranger(web, account, settings, database)
    shown = {m["id"]: m for m in _detail(web, account, agreement["id"])["messages"]}
    assert shown[stored.id]["actions"] == ["dismiss", "accept", "answer"]
    done = web.post(
        f"/v1/agreements/{agreement['id']}/messages/{stored.id}/dismiss",
        json={"note": "not someone I know"},
        headers=account.auth,
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "accepted"
    detail = _detail(web, account, agreement["id"])
    event = detail["events"][-1]
    assert (event["type"], event["actor"]) == ("unverified_dismissed", account.email)
    assert event["data"]["note"] == "not someone I know"
    message = next(m for m in detail["messages"] if m["id"] == stored.id)
    assert (message["status"], message["actions"]) == ("ignored", [])
    assert "dismissed by the owner" in message["reason"]
    assert record_of(database, agreement["id"]).statuses == {MIKE: "confirmed"}
    again = web.post(
        f"/v1/agreements/{agreement['id']}/messages/{stored.id}/dismiss", headers=account.auth
    )
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")


def test_the_owners_own_forward_can_be_treated_as_the_answer_but_not_as_an_alias(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    # The owner answers with the summary's token (they forwarded Mike's word): the token
    # names Mike, the sender is not Mike.
    stored = receive(
        settings,
        database,
        mailfactory.reply(summary, "Confirmed, thanks.", sender=account.email),
    )
    assert stored.status == "unverified"
    path = f"/v1/agreements/{agreement['id']}/messages/{stored.id}"
    alias = web.post(f"{path}/accept", headers=account.auth)
    assert alias.status_code == 409  # the owner's own address is nobody's alias
    answer = web.post(f"{path}/answer", json={"counterparty": MIKE}, headers=account.auth)
    assert answer.status_code == 200, answer.text
    assert record_of(database, agreement["id"]).statuses == {MIKE: "confirmed"}
    assert answer.json()["status"] == "accepted"
    events = _detail(web, account, agreement["id"])["events"]
    accepted = next(e for e in events if e["type"] == "unverified_accepted")
    assert accepted["actor"] == account.email
    assert (accepted["data"]["as"], accepted["data"]["alias_recorded"]) == ("answer", False)


def test_the_agreement_page_offers_the_three_and_records_a_dismissal(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, stored = _accepted_then_a_stranger(web, account, settings, database)
    sign_in(web, database, account.email)
    page = web.get(f"/app/agreements/{agreement['id']}")
    base = f"/app/agreements/{agreement['id']}/messages/{stored.id}"
    for action in ("dismiss", "accept", "answer"):
        assert f'action="{base}/{action}"' in page.text
    assert "eve@example.net" in page.text
    assert web.post(f"{base}/dismiss", data={}).status_code == 403  # CSRF
    done = web.post(f"{base}/dismiss", data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert done.status_code == 303
    assert _detail(web, account, agreement["id"])["status"] == "accepted"
    after = web.get(f"/app/agreements/{agreement['id']}")
    assert f'action="{base}/dismiss"' not in after.text


def test_the_agreement_page_accepts_a_strangers_reply_as_an_alias(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, stored = _accepted_then_a_stranger(web, account, settings, database)
    sign_in(web, database, account.email)
    page = web.get(f"/app/agreements/{agreement['id']}")
    base = f"/app/agreements/{agreement['id']}/messages/{stored.id}"
    done = web.post(
        f"{base}/accept",
        data={"csrf": csrf_of(page.text), "counterparty": MIKE},
        follow_redirects=False,
    )
    assert done.status_code == 303
    detail = _detail(web, account, agreement["id"])
    assert detail["status"] == "accepted"
    accepted = next(e for e in detail["events"] if e["type"] == "unverified_accepted")
    assert (accepted["data"]["as"], accepted["data"]["alias_recorded"]) == ("alias", True)
