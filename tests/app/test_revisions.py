"""The clarification loop on SQLite and PostgreSQL: resolve, revise, accept an unverified reply.

Replies go through the real inbound pipeline (stored raw, then processed); the Dovecot tests at
the end prove the same through IMAP.
"""

from __future__ import annotations

import email
from email import policy
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import Database
from app.inbound.pipeline import process_pending
from app.inbound.store import store_raw
from app.models import CounterpartyAlias, OutboxEntry, StoredMessage
from app.outbound.delivery import deliver_all
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_api_agreements import create
from tests.app.test_inbound import db, imap_settings, poll, sent  # noqa: F401 - fixtures

JOHN = "john@example.com"
MARY = "mary@example.com"


# Helpers shared with test_evidence ------------------------------------------------------------


def summaries(database: Database, agreement_id: str) -> dict[str, bytes]:
    """The latest summary sent to each recipient, byte for byte as stored."""
    out: dict[str, bytes] = {}
    with database.transaction() as session:
        entries = session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.agreement_id == agreement_id, OutboxEntry.kind == "summary")
            .order_by(OutboxEntry.id)
        )
        for entry in entries:
            raw = session.scalar(
                select(StoredMessage.raw).where(StoredMessage.id == entry.message_row_id)
            )
            assert raw is not None
            out[entry.recipients[0]] = raw
    return out


def receive(settings: Settings, database: Database, raw: bytes) -> StoredMessage:
    """Feed one raw message through the inbound pipeline; returns its stored row."""
    with database.transaction() as session:
        row = store_raw(session, raw=raw, source="http")
        assert row is not None
        row_id = row.id
    process_pending(settings, database)
    with database.transaction() as session:
        stored = session.get(StoredMessage, row_id)
        assert stored is not None
        return stored


def sent_agreement(
    client: TestClient, account: Account, settings: Settings, database: Database, **overrides: Any
) -> tuple[dict[str, Any], dict[str, bytes]]:
    agreement = create(client, account, **overrides)
    deliver_all(settings, database)
    return agreement, summaries(database, agreement["id"])


def detail(client: TestClient, account: Account, agreement_id: str) -> dict[str, Any]:
    response = client.get(f"/v1/agreements/{agreement_id}", headers=account.auth)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def statuses(client: TestClient, account: Account, agreement_id: str) -> dict[str, str]:
    return {
        c["email"]: c["status"] for c in detail(client, account, agreement_id)["counterparties"]
    }


def headers_of(raw: bytes) -> Any:
    return email.message_from_bytes(raw, policy=policy.default)


# Resolve --------------------------------------------------------------------------------------


def test_owner_resolves_a_clarification(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, sums = sent_agreement(client, account, settings, database)
    receive(settings, database, mailfactory.reply(sums[JOHN], "Can we make it July instead?"))
    assert statuses(client, account, agreement["id"]) == {JOHN: "clarification_requested"}

    response = client.post(
        f"/v1/agreements/{agreement['id']}/counterparties/{JOHN}/resolve",
        json={"note": "Talked on the phone: June stands."},
        headers=account.auth,
    )
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "accepted"
    assert statuses(client, account, agreement["id"]) == {JOHN: "confirmed"}
    event = detail(client, account, agreement["id"])["events"][-1]
    assert event["type"] == "resolved"
    assert event["actor"] == account.email
    assert event["counterparty"] == JOHN
    assert event["data"]["note"] == "Talked on the phone: June stands."
    assert (event["data"]["from"], event["data"]["to"]) == ("clarification_requested", "confirmed")


def test_owner_resolves_an_away_hold(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, sums = sent_agreement(client, account, settings, database)
    receive(settings, database, mailfactory.out_of_office(sums[JOHN]))
    assert statuses(client, account, agreement["id"]) == {JOHN: "away"}
    response = client.post(
        f"/v1/agreements/{agreement['id']}/counterparties/{JOHN}/resolve",
        json={"note": "He confirmed in person"},
        headers=account.auth,
    )
    assert response.status_code == 200, response.text
    assert statuses(client, account, agreement["id"]) == {JOHN: "confirmed"}


def test_resolve_refuses_what_is_not_a_clarification(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, _ = sent_agreement(client, account, settings, database)
    url = f"/v1/agreements/{agreement['id']}/counterparties"
    response = client.post(f"{url}/{JOHN}/resolve", json={"note": "x"}, headers=account.auth)
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"].endswith("/invalid-transition")
    assert "sent" in response.json()["detail"]
    missing = client.post(
        f"{url}/nobody@example.com/resolve", json={"note": ""}, headers=account.auth
    )
    assert missing.status_code == 404
    no_note = client.post(f"{url}/{JOHN}/resolve", json={}, headers=account.auth)
    assert no_note.status_code == 422


# Revise ---------------------------------------------------------------------------------------


def test_revise_creates_version_two_and_threads_it(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, v1 = sent_agreement(
        client,
        account,
        settings,
        database,
        counterparties=[{"email": JOHN, "name": "John"}, {"email": MARY}],
        cc=[{"email": "hr@example.com", "informational": True}],
    )
    receive(settings, database, mailfactory.reply(v1[JOHN], "Y only if the budget allows."))
    response = client.post(
        f"/v1/agreements/{agreement['id']}/revise",
        json={
            "summary": "Revised: X by June, Y subject to the May budget review.",
            "respond_within": "5d",
            "note": "John's condition",
        },
        headers=account.auth,
    )
    assert response.status_code == 200, response.text
    revised = response.json()
    assert revised["version"] == 2
    assert revised["status"] == "queued"
    assert revised["summary"].startswith("Revised:")
    assert revised["title"] == agreement["title"]
    assert revised["deadline"] > agreement["deadline"]
    assert [
        (c["email"], c["status"], c["role"], c["informational"]) for c in revised["counterparties"]
    ] == [
        (JOHN, "pending", "to", False),
        (MARY, "pending", "to", False),
        ("hr@example.com", "pending", "cc", True),
    ]

    d = detail(client, account, agreement["id"])
    assert [(v["number"], v["status"]) for v in d["versions"]] == [(1, "superseded"), (2, "active")]
    assert {c["email"]: c["status"] for c in d["versions"][0]["counterparties"]}[JOHN] == (
        "clarification_requested"
    )
    revised_event = next(e for e in d["events"] if e["type"] == "revised")
    assert revised_event["data"]["version"] == 2 and revised_event["data"]["supersedes"] == 1
    assert revised_event["data"]["note"] == "John's condition"

    deliver_all(settings, database)
    assert statuses(client, account, agreement["id"]) == {
        JOHN: "sent",
        MARY: "sent",
        "hr@example.com": "sent",
    }
    v2 = summaries(database, agreement["id"])
    old, new = headers_of(v1[JOHN]), headers_of(v2[JOHN])
    assert new["Reply-To"] != old["Reply-To"]  # a new token per counterparty per version
    assert "(v2)" in str(new["Subject"])
    # John's v2 continues John's own thread, and names no one else's message.
    assert str(new["In-Reply-To"]) == str(old["Message-ID"])
    assert str(new["References"]).split() == [str(old["Message-ID"])]


def test_revise_can_change_recipients_and_title_and_cancels_unsent_v1(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement = create(client, account)  # v1 queued, never delivered
    response = client.post(
        f"/v1/agreements/{agreement['id']}/revise",
        json={
            "summary": "New terms.",
            "title": "New title",
            "deadline": "2099-01-01T12:00:00Z",
            "counterparties": [{"email": MARY, "name": "Mary"}],
            "cc": [{"email": JOHN, "informational": True}],
        },
        headers=account.auth,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["title"] == "New title"
    assert body["deadline"].startswith("2099-01-01T12:00:00")
    assert [(c["email"], c["role"]) for c in body["counterparties"]] == [(MARY, "to"), (JOHN, "cc")]
    deliver_all(settings, database)
    with database.transaction() as session:
        rows = [
            (e.recipients[0], e.status)
            for e in session.scalars(
                select(OutboxEntry).where(OutboxEntry.kind == "summary").order_by(OutboxEntry.id)
            )
        ]
    assert rows == [(JOHN, "cancelled"), (MARY, "sent"), (JOHN, "sent")]


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ({"summary": "x", "deadline": "2099-01-01T00:00:00Z", "respond_within": "3d"}, "not both"),
        ({"summary": "   "}, "blank"),
        ({"summary": "x", "deadline": "2001-01-01T00:00:00Z"}, "past"),
        (
            {"summary": "x", "counterparties": [{"email": "a@example.com", "informational": True}]},
            "informational",
        ),
        ({"summary": "x", "cc": [{"email": "a@example.com"}]}, "cc needs"),
        ({"summary": "x", "counterparties": [{"email": JOHN}, {"email": JOHN}]}, "only once"),
    ],
)
def test_revise_rejects_bad_input(
    client: TestClient, account: Account, payload: dict[str, Any], fragment: str
) -> None:
    agreement = create(client, account)
    response = client.post(
        f"/v1/agreements/{agreement['id']}/revise", json=payload, headers=account.auth
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert fragment in response.json()["detail"]


def test_revise_is_owner_only_idempotent_and_not_after_withdrawal(
    client: TestClient, account: Account, make_account: Any
) -> None:
    agreement = create(client, account)
    url = f"/v1/agreements/{agreement['id']}/revise"
    other = make_account(email="eve@example.org")
    assert client.post(url, json={"summary": "x"}, headers=other.auth).status_code == 404
    headers = {**account.auth, "Idempotency-Key": "rev-1"}
    first = client.post(url, json={"summary": "v2"}, headers=headers)
    again = client.post(url, json={"summary": "v2"}, headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json() and again.json()["version"] == 2
    assert detail(client, account, agreement["id"])["version"] == 2
    client.post(f"/v1/agreements/{agreement['id']}/withdraw", headers=account.auth)
    closed = client.post(url, json={"summary": "v3"}, headers=account.auth)
    assert closed.status_code == 409
    assert closed.json()["type"].endswith("/invalid-transition")


def test_a_reply_to_the_old_version_changes_nothing(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, v1 = sent_agreement(client, account, settings, database)
    client.post(
        f"/v1/agreements/{agreement['id']}/revise", json={"summary": "v2"}, headers=account.auth
    )
    deliver_all(settings, database)
    row = receive(settings, database, mailfactory.reply(v1[JOHN], "Confirmed"))
    assert row.status == "ignored" and "superseded" in (row.reason or "")
    assert statuses(client, account, agreement["id"]) == {JOHN: "sent"}


# Accept an unverified reply -------------------------------------------------------------------


def accept(
    client: TestClient, account: Account, agreement_id: str, message: int | str, **body: Any
) -> Any:
    return client.post(
        f"/v1/agreements/{agreement_id}/messages/{message}/accept",
        json=body or None,
        headers=account.auth,
    )


def test_accepting_an_alias_applies_the_reply_and_matches_later_ones(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, sums = sent_agreement(client, account, settings, database)
    row = receive(
        settings,
        database,
        mailfactory.reply(
            sums[JOHN], "Confirmed, thanks", sender="John Smith <j.smith@home.example>"
        ),
    )
    assert row.status == "unverified"
    assert detail(client, account, agreement["id"])["status"] == "needs_attention"

    response = accept(client, account, agreement["id"], row.id, note="his private address")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "accepted"
    d = detail(client, account, agreement["id"])
    assert {c["email"]: c["status"] for c in d["counterparties"]} == {JOHN: "confirmed"}
    message = next(m for m in d["messages"] if m["id"] == row.id)
    assert (message["status"], message["classification"], message["counterparty"]) == (
        "processed",
        "confirmation",
        JOHN,
    )
    types = [e["type"] for e in d["events"]]
    assert types[-2:] == ["unverified_accepted", "confirmed"]
    accepted = d["events"][-2]
    assert accepted["actor"] == account.email
    assert accepted["data"]["sender"] == "j.smith@home.example"
    assert accepted["data"]["alias_recorded"] is True
    with database.transaction() as session:
        aliases = [(a.email, a.agreement_id) for a in session.scalars(select(CounterpartyAlias))]
    assert aliases == [("j.smith@home.example", agreement["id"])]

    later = receive(
        settings,
        database,
        mailfactory.reply(
            sums[JOHN], "One more thing: can Y be in cash?", sender="j.smith@home.example"
        ),
    )
    assert later.status == "processed" and later.classification == "clarification"
    assert statuses(client, account, agreement["id"]) == {JOHN: "clarification_requested"}
    again = accept(client, account, agreement["id"], later.id)
    assert again.status_code == 409  # already processed: nothing to review


def owner_copy(database: Database, agreement_id: str) -> bytes:
    with database.transaction() as session:
        raw = session.scalar(
            select(StoredMessage.raw).where(
                StoredMessage.agreement_id == agreement_id, StoredMessage.kind == "owner_copy"
            )
        )
    assert raw is not None
    return raw


def test_accept_by_message_id_names_the_counterparty_when_the_message_did_not(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, sums = sent_agreement(client, account, settings, database)
    copy = owner_copy(database, agreement["id"])  # names everyone: no counterparty by itself
    private = "John <john.private@example.net>"
    row = receive(
        settings,
        database,
        mailfactory.reply(
            copy,
            "Yes, that's right.",
            sender=private,
            to="track@accord.example.com",
            quote=mailfactory.summary_text(sums[JOHN]),
        ),
    )
    assert row.status == "unverified" and row.counterparty_id is None
    assert row.message_id
    message_id = row.message_id.strip("<>")
    missing = accept(client, account, agreement["id"], message_id)
    assert missing.status_code == 422
    assert "counterparty" in missing.json()["detail"]
    ok = accept(client, account, agreement["id"], message_id, counterparty=JOHN)
    assert ok.status_code == 200, ok.text
    assert statuses(client, account, agreement["id"]) == {JOHN: "confirmed"}
    # The alias is now matched on its own (by thread: so only when its domain authenticates).
    checked = settings.model_copy(update={"authserv_id": "mx.accord.example.com"})
    reply = mailfactory.reply(
        copy, "Wait, what about Z?", sender=private, to="track@accord.example.com"
    )
    assert receive(checked, database, reply).status == "unverified"
    second = receive(
        checked,
        database,
        mailfactory.authenticated(
            reply.replace(b"Message-ID: <", b"Message-ID: <again."), "mx.accord.example.com"
        ),
    )
    assert second.status == "processed"
    assert statuses(client, account, agreement["id"]) == {JOHN: "clarification_requested"}


def test_accept_refuses_another_counterparty_and_unknown_messages(
    client: TestClient,
    account: Account,
    settings: Settings,
    database: Database,
    make_account: Any,
) -> None:
    agreement, sums = sent_agreement(
        client, account, settings, database, counterparties=[{"email": JOHN}, {"email": MARY}]
    )
    row = receive(settings, database, mailfactory.reply(sums[JOHN], "Confirmed", sender=MARY))
    assert row.status == "unverified"
    refused = accept(client, account, agreement["id"], row.id)
    assert refused.status_code == 409
    assert "counterparty of this agreement" in refused.json()["detail"]
    assert statuses(client, account, agreement["id"]) == {JOHN: "sent", MARY: "sent"}
    assert accept(client, account, agreement["id"], 999_999).status_code == 404
    other = make_account(email="eve@example.org")
    assert accept(client, other, agreement["id"], row.id).status_code == 404


# Through a real IMAP server (Dovecot) ---------------------------------------------------------


@pytest.mark.imap
def test_dovecot_reply_to_a_superseded_version_is_ignored(
    client: TestClient,
    account: Account,
    sent: Any,  # noqa: F811
    imap_account: Any,
    poll: Any,  # noqa: F811
    db: Database,  # noqa: F811
    imap_settings: Settings,  # noqa: F811
) -> None:
    agreement, v1, _ = sent()
    response = client.post(
        f"/v1/agreements/{agreement['id']}/revise",
        json={"summary": "Corrected: X by July."},
        headers=account.auth,
    )
    assert response.status_code == 200, response.text
    deliver_all(imap_settings, db)
    v2 = summaries(db, agreement["id"])
    imap_account.append(mailfactory.reply(v1[JOHN], "Confirmed"))
    poll()
    assert statuses(client, account, agreement["id"]) == {JOHN: "sent"}
    d = detail(client, account, agreement["id"])
    inbound = [m for m in d["messages"] if m["direction"] == "in"]
    assert [(m["status"], "superseded" in (m["reason"] or "")) for m in inbound] == [
        ("ignored", True)
    ]
    imap_account.append(mailfactory.reply(v2[JOHN], "Confirmed"))
    poll()
    assert statuses(client, account, agreement["id"]) == {JOHN: "confirmed"}
    assert detail(client, account, agreement["id"])["status"] == "accepted"


@pytest.mark.imap
def test_dovecot_alias_accepted_then_matched(
    client: TestClient,
    account: Account,
    sent: Any,  # noqa: F811
    imap_account: Any,
    poll: Any,  # noqa: F811
    db: Database,  # noqa: F811
) -> None:
    agreement, sums, _ = sent()
    imap_account.append(
        mailfactory.reply(sums[JOHN], "Sounds good", sender="jsmith@forward.example")
    )
    poll()
    inbound = [
        m for m in detail(client, account, agreement["id"])["messages"] if m["direction"] == "in"
    ]
    assert [m["status"] for m in inbound] == ["unverified"]
    assert accept(client, account, agreement["id"], inbound[0]["id"]).status_code == 200
    assert statuses(client, account, agreement["id"]) == {JOHN: "confirmed"}
    imap_account.append(
        mailfactory.reply(
            sums[JOHN], "Actually, Y must be in writing too.", sender="jsmith@forward.example"
        )
    )
    poll()
    assert statuses(client, account, agreement["id"]) == {JOHN: "clarification_requested"}
