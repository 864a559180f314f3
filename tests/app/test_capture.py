"""BCC capture through a real Dovecot tracking mailbox: who may capture, what it creates, the
acknowledgement, deadline tags, duplicates, replies-all and "cancel"."""

from __future__ import annotations

import email
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.core.deadlines import add_business_days
from app.db import Database
from app.inbound.poller import poll_mailbox
from app.models import OutboxEntry, StoredMessage
from app.outbound.drafts import compose_drafts
from mail.imap import ImapMailbox, parse_imap_url
from tests.app import mailfactory
from tests.app.address_links import add_confirmed
from tests.app.conftest import Account

pytestmark = pytest.mark.imap

AUTHSERV = "mx.accord.example.com"
BERLIN = ZoneInfo("Europe/Berlin")
SUMMARY = (
    "Hi John, hi Mike,\n\nPer our call: if I deliver the migration by June, the team lead role\n"
    "is mine at the review.\n\nLet me know if I missed anything.\n\nAnna\n"
)


def user_mail(
    *,
    sender: str = "Anna Berg <anna@example.org>",
    to: str = "John Smith <john@example.com>",
    cc: str | None = "Mike Lee <mike@example.com>",
    delivered_to: str | None = "track@accord.example.com",
    subject: str = "Team lead role after the migration",
    text: str = SUMMARY,
    message_id: str | None = None,
    headers: dict[str, str] | None = None,
    authenticated: bool = True,
) -> bytes:
    """A summary as the user's own mail client sends it; the tracking copy as delivered, with
    the tracking server's DMARC pass on top unless ``authenticated`` is false.

    Bcc leaves no trace in To/Cc: the tracking address shows only in Delivered-To and
    X-Original-To, which the receiving server adds to the copy in the tracking mailbox.
    """
    msg = EmailMessage()
    if delivered_to:
        msg["Delivered-To"] = delivered_to
        msg["X-Original-To"] = delivered_to
    for name, value in (headers or {}).items():
        msg[name] = value
    msg["From"] = sender
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = message_id or make_msgid(domain="example.org")
    msg.set_content(text)
    raw = msg.as_bytes(policy=policy.SMTP)
    return mailfactory.authenticated(raw, AUTHSERV) if authenticated else raw


def message_id_of(raw: bytes) -> str:
    return str(email.message_from_bytes(raw, policy=policy.default)["Message-ID"])


def reply_all(original: bytes, text: str, *, sender: str, to: str, cc: str) -> bytes:
    """A reply-all in the user's thread (Gmail style: new text, then the quoted original)."""
    source = email.message_from_bytes(original, policy=policy.default)
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Cc"] = cc
    msg["Subject"] = "Re: " + str(source["Subject"])
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg["Message-ID"] = make_msgid(domain="example.com")
    msg["In-Reply-To"] = str(source["Message-ID"])
    msg["References"] = str(source["Message-ID"])
    body = source.get_body(("plain",))
    assert body is not None
    quoted = "\n".join("> " + line for line in str(body.get_content()).splitlines())
    msg.set_content(f"{text}\n\nOn Mon, 1 Jun 2026 at 10:00, Anna Berg wrote:\n{quoted}\n")
    return mailfactory.authenticated(msg.as_bytes(policy=policy.SMTP), AUTHSERV)


@pytest.fixture
def imap_settings(settings: Settings, imap_account: Any) -> Settings:
    return settings.model_copy(update={"imap_url": imap_account.url, "authserv_id": AUTHSERV})


@pytest.fixture
def db(imap_settings: Settings) -> Iterator[Database]:
    database = Database(imap_settings.resolved_database_url)
    yield database
    database.dispose()


@pytest.fixture
def poll(imap_settings: Settings, db: Database) -> Callable[[], Any]:
    def run() -> Any:
        mailbox = ImapMailbox(parse_imap_url(imap_settings.imap_url))
        try:
            return poll_mailbox(imap_settings, db, mailbox, owner="test-worker")
        finally:
            mailbox.close()

    return run


@pytest.fixture
def anna(make_account: Callable[..., Account], client: TestClient) -> Account:
    return make_account(email="anna@example.org", name="Anna Berg", tz="Europe/Berlin")


def agreements_of(client: TestClient, account: Account) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get("/v1/agreements", headers=account.auth).json()["items"]
    return items


def detail(client: TestClient, account: Account, agreement_id: str) -> dict[str, Any]:
    result: dict[str, Any] = client.get(
        f"/v1/agreements/{agreement_id}", headers=account.auth
    ).json()
    return result


def only_agreement(client: TestClient, account: Account) -> dict[str, Any]:
    items = agreements_of(client, account)
    assert len(items) == 1, items
    return detail(client, account, items[0]["id"])


def inbound_rows(db: Database) -> list[StoredMessage]:
    with db.transaction() as session:
        return list(
            session.scalars(
                select(StoredMessage)
                .where(StoredMessage.direction == "in")
                .order_by(StoredMessage.id)
            )
        )


def outbox(
    db: Database, kind: str | None = None, *, settings: Settings | None = None
) -> list[tuple[OutboxEntry, bytes]]:
    """The queued mail and its bytes; owner alerts are drafts until composed with
    ``settings`` (as delivery would)."""
    with db.transaction() as session:
        if settings is not None:
            compose_drafts(session, settings)
        stmt = select(OutboxEntry).order_by(OutboxEntry.id)
        if kind:
            stmt = stmt.where(OutboxEntry.kind == kind)
        return [(e, e.message.raw) for e in session.scalars(stmt)]


def text_of(raw: bytes) -> str:
    body = email.message_from_bytes(raw, policy=policy.default).get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def header(raw: bytes, name: str) -> str:
    return str(email.message_from_bytes(raw, policy=policy.default)[name])


# --- Bcc capture ------------------------------------------------------------------------------


def test_bcc_capture_tracks_the_users_own_summary(
    client: TestClient,
    anna: Account,
    imap_account: Any,
    poll: Any,
    db: Database,
    settings: Settings,
) -> None:
    raw = user_mail()
    mid = message_id_of(raw)
    imap_account.append(raw)
    report = poll()
    assert report.processed.by_status == {"processed": 1}

    agreement = only_agreement(client, anna)
    assert agreement["source"] == "capture"
    assert agreement["title"] == "Team lead role after the migration"
    assert agreement["summary"] == SUMMARY  # verbatim
    assert agreement["reminders"] == []
    assert agreement["status"] == "awaiting_reply"
    parties = {c["email"]: c for c in agreement["counterparties"]}
    assert {e: (c["name"], c["role"], c["status"]) for e, c in parties.items()} == {
        "john@example.com": ("John Smith", "to", "sent"),
        "mike@example.com": ("Mike Lee", "cc", "sent"),
    }
    # The owner's own mail server sent it: everyone is "sent", but Accord has no hand-off of
    # its own to prove delivery, so nobody can be deemed yet.
    row = inbound_rows(db)[0]
    assert row.agreement_id == agreement["id"] and row.message_id == mid and row.kind == "capture"
    assert all(c["handoff_at"] is None for c in parties.values())
    types = [e["type"] for e in agreement["events"]]
    assert types == ["created", "captured", "sent", "sent", "queued", "queued"]
    sent = [e for e in agreement["events"] if e["type"] == "sent"]
    assert all(e["message_id"] == mid and e["data"]["handoff"] == "capture" for e in sent)
    assert "in Bcc" in sent[0]["data"]["sent_by_owner"]
    # Default deadline (3 business days, Anna's zone, end of the business day).
    deadline = datetime.fromisoformat(agreement["deadline"]).astimezone(BERLIN)
    today = datetime.now(BERLIN).date()
    assert (deadline.date(), deadline.hour) == (add_business_days(today, 3), 17)

    # Accord wrote each counterparty a notice in Anna's thread, with their own token (its
    # hand-off is the proof deeming needs), and Anna one acknowledgement.
    entries = outbox(db, settings=settings)
    assert [(e.kind, e.recipients) for e, _ in entries] == [
        ("capture_notice", ["john@example.com"]),
        ("capture_notice", ["mike@example.com"]),
        ("ack", ["anna@example.org"]),
    ]
    for entry, raw_notice in entries[:2]:
        assert header(raw_notice, "In-Reply-To") == mid
        assert header(raw_notice, "Reply-To").startswith("track+")
        assert "asked Accord to keep a record of it" in text_of(raw_notice)
        assert entry.envelope_from.startswith("track+bounce-")
    entries = entries[2:]
    ack = entries[0][1]
    assert header(ack, "In-Reply-To") == mid
    assert header(ack, "Auto-Submitted") == "auto-generated"
    assert header(ack, "Subject") == (
        f"Tracking: Team lead role after the migration [{agreement['ref']}]"
    )
    text = text_of(ack)
    assert "John Smith <john@example.com>" in text and "Mike Lee <mike@example.com>" in text
    assert deadline.strftime("%H:%M") in text and str(deadline.year) in text
    assert 'reply to this email with the single word "cancel"' in text
    assert f"/v1/agreements/{agreement['id']}/withdraw" in text  # for a script, with a key
    # The link for a person opens the dashboard page, not the API (a 401 in a browser).
    assert f"Follow it here: https://accord.example.com/app/agreements/{agreement['id']}" in text
    assert "in Bcc, so replies go only to you" in text


def test_a_summary_written_as_a_reply_elsewhere_is_captured_too(
    client: TestClient, anna: Account, imap_account: Any, poll: Any
) -> None:
    raw = user_mail(
        headers={"In-Reply-To": "<older@example.com>", "References": "<older@example.com>"}
    )
    imap_account.append(raw)
    poll()
    assert only_agreement(client, anna)["source"] == "capture"


def test_the_users_other_addresses_are_not_counterparties(
    client: TestClient, settings: Settings, anna: Account, imap_account: Any, poll: Any
) -> None:
    add_confirmed(client, settings, anna.auth, "Anna.Berg@Work.example")
    raw = user_mail(
        sender="Anna Berg <anna.berg@work.example>",
        to="John Smith <john@example.com>, Anna <anna@example.org>",
        cc="track+2d@accord.example.com, anna.berg@work.example",
        delivered_to=None,
    )
    imap_account.append(raw)
    poll()
    agreement = only_agreement(client, anna)
    assert [c["email"] for c in agreement["counterparties"]] == ["john@example.com"]


# --- strangers and forgeries ------------------------------------------------------------------


def test_a_strangers_message_creates_nothing_and_gets_no_answer(
    client: TestClient, anna: Account, imap_account: Any, poll: Any, db: Database
) -> None:
    imap_account.append(user_mail(sender="Eve <eve@evil.example>"))
    imap_account.append(user_mail(sender="Eve <eve@evil.example>", cc="track@accord.example.com"))
    report = poll()
    assert report.processed.by_status == {"ignored": 2}
    assert agreements_of(client, anna) == []
    rows = inbound_rows(db)
    assert all(r.agreement_id is None for r in rows)
    assert all("not a registered user" in (r.reason or "") for r in rows)
    assert outbox(db) == []  # no backscatter


def test_a_dmarc_failure_at_our_server_creates_nothing_and_is_kept(
    client: TestClient, anna: Account, imap_account: Any, poll: Any, db: Database
) -> None:
    forged = user_mail(
        headers={
            "Authentication-Results": f"{AUTHSERV}; dkim=fail header.d=example.org;"
            " dmarc=fail (p=reject) header.from=example.org"
        },
        authenticated=False,
    )
    imap_account.append(forged)
    poll()
    assert agreements_of(client, anna) == []
    [row] = inbound_rows(db)
    assert row.status == "rejected"
    assert row.reason is not None and "DMARC" in row.reason and AUTHSERV in row.reason
    assert outbox(db) == []


def test_only_our_authserv_id_counts(
    client: TestClient, anna: Account, imap_account: Any, poll: Any
) -> None:
    # Anyone can add an Authentication-Results header: a "pass" or "fail" from elsewhere, or
    # one that claims our authserv-id below the topmost, means nothing.
    def forged(result: str, *, ours: str | None) -> bytes:
        raw = user_mail(
            headers={
                "Authentication-Results": f"mx.elsewhere.example; dmarc={result}"
                " header.from=example.org",
            },
            authenticated=False,
        )
        return mailfactory.authenticated(raw, AUTHSERV, result=ours) if ours else raw

    imap_account.append(forged("pass", ours=None))
    poll()
    assert agreements_of(client, anna) == []
    imap_account.append(forged("fail", ours="pass"))
    poll()
    assert len(agreements_of(client, anna)) == 1
    # Someone's "pass" claimed in our name sits below the header our server adds on top.
    raw = user_mail(subject="Another summary", authenticated=False)
    raw = mailfactory.authenticated(raw, AUTHSERV, result="pass")
    raw = mailfactory.authenticated(raw, AUTHSERV, result="none")
    imap_account.append(raw)
    poll()
    assert len(agreements_of(client, anna)) == 1


# --- deadline tags ----------------------------------------------------------------------------


def _expected_day(tag: str, today: Any) -> Any:
    if tag == "3d":
        return today + timedelta(days=3)
    if tag == "2bd":
        return add_business_days(today, 2)
    if tag == "fri":
        return today + timedelta(days=(4 - today.weekday() - 1) % 7 + 1)
    return datetime.fromisoformat(tag).date()


@pytest.mark.parametrize("tag", ["3d", "2bd", "fri", "date"])
def test_the_deadline_comes_from_the_address_tag(
    tag: str, client: TestClient, anna: Account, imap_account: Any, poll: Any, db: Database
) -> None:
    today = datetime.now(BERLIN).date()
    if tag == "date":
        tag = (today + timedelta(days=45)).isoformat()
    imap_account.append(user_mail(delivered_to=f"track+{tag}@accord.example.com"))
    poll()
    agreement = only_agreement(client, anna)
    deadline = datetime.fromisoformat(agreement["deadline"]).astimezone(BERLIN)
    assert (deadline.date(), deadline.strftime("%H:%M")) == (_expected_day(tag, today), "17:00")
    if tag == "fri":
        assert deadline.weekday() == 4
    [(_, ack)] = outbox(db, "ack")
    assert "is not a deadline Accord understands" not in text_of(ack)


def test_an_unknown_tag_gets_the_default_and_is_reported(
    client: TestClient, anna: Account, imap_account: Any, poll: Any, db: Database
) -> None:
    imap_account.append(user_mail(delivered_to=None, cc="track+someday@accord.example.com"))
    poll()
    agreement = only_agreement(client, anna)
    deadline = datetime.fromisoformat(agreement["deadline"]).astimezone(BERLIN)
    assert deadline.date() == add_business_days(datetime.now(BERLIN).date(), 3)
    captured = next(e for e in agreement["events"] if e["type"] == "captured")
    assert captured["data"]["deadline_tag"] == "someday"
    [(_, ack)] = outbox(db, "ack")
    text = text_of(ack)
    assert 'The address tag "+someday" is not a deadline Accord understands' in text
    assert "Your default deadline (3bd) applies instead" in text


# --- duplicates -------------------------------------------------------------------------------


def test_the_same_message_captured_twice_makes_one_agreement(
    client: TestClient, anna: Account, imap_account: Any, poll: Any, db: Database
) -> None:
    mid = make_msgid(domain="example.org")
    bcc_copy = user_mail(message_id=mid)
    # The same message again (same Message-ID), delivered through another route.
    second_copy = user_mail(message_id=mid, delivered_to="track+3d@accord.example.com")
    imap_account.append(bcc_copy)
    poll()
    imap_account.append(second_copy)
    imap_account.append(second_copy.replace(b"X-Original-To", b"X-Envelope-To"))
    report = poll()
    assert report.processed.by_status == {"ignored": 2}
    agreement = only_agreement(client, anna)
    rows = inbound_rows(db)
    assert [r.agreement_id for r in rows] == [agreement["id"]] * 3
    assert all("already captured" in (r.reason or "") for r in rows[1:])
    assert len(outbox(db, "ack")) == 1


# --- replies ----------------------------------------------------------------------------------


def test_cc_capture_then_reply_all_is_matched_by_thread(
    client: TestClient,
    anna: Account,
    imap_account: Any,
    poll: Any,
    db: Database,
    imap_settings: Settings,
) -> None:
    original = user_mail(
        cc="Mike Lee <mike@example.com>, track@accord.example.com", delivered_to=None
    )
    imap_account.append(original)
    poll()
    agreement = only_agreement(client, anna)
    [(_, ack)] = outbox(db, "ack")
    assert "Replies to all reach Accord directly" in text_of(ack)

    everyone = "Anna Berg <anna@example.org>"
    cc = "Mike Lee <mike@example.com>, track@accord.example.com"
    imap_account.append(
        reply_all(
            original,
            "Confirmed, thanks!\n\nJohn",
            sender="John Smith <john@example.com>",
            to=everyone,
            cc=cc,
        )
    )
    imap_account.append(
        reply_all(
            original,
            "Not quite: it was July, not June.\n\nMike",
            sender="Mike Lee <mike@example.com>",
            to=everyone,
            cc="john@example.com, track@accord.example.com",
        )
    )
    # Anna's own reply-all in the thread reaches the tracking mailbox too: it changes nothing.
    imap_account.append(
        reply_all(original, "Thanks both!", sender=everyone, to="john@example.com", cc=cc)
    )
    report = poll()
    assert report.processed.by_status == {"processed": 2, "ignored": 1}

    agreement = detail(client, anna, agreement["id"])
    assert {c["email"]: c["status"] for c in agreement["counterparties"]} == {
        "john@example.com": "confirmed",
        "mike@example.com": "clarification_requested",
    }
    confirmed = next(e for e in agreement["events"] if e["type"] == "confirmed")
    assert confirmed["data"]["matched_by"] == "thread"
    own = inbound_rows(db)[-1]
    assert own.status == "ignored" and "owner's own message" in (own.reason or "")
    alerts = outbox(db, "owner_alert", settings=imap_settings)
    assert len(alerts) == 1 and "Mike Lee asked for a clarification" in header(
        alerts[0][1], "Subject"
    )
    # The alert threads to Anna's own message, where the conversation lives.
    assert header(alerts[0][1], "In-Reply-To") == message_id_of(original)


def test_an_edit_inside_the_quoted_capture_is_a_clarification(
    client: TestClient, anna: Account, imap_account: Any, poll: Any
) -> None:
    original = user_mail(cc="track@accord.example.com", delivered_to=None)
    imap_account.append(original)
    poll()
    edited = reply_all(
        original,
        "Sounds good",
        sender="John Smith <john@example.com>",
        to="anna@example.org",
        cc="track@accord.example.com",
    )
    imap_account.append(edited.replace(b"by June", b"by August"))
    poll()
    agreement = only_agreement(client, anna)
    assert {c["email"]: c["status"] for c in agreement["counterparties"]}[
        "john@example.com"
    ] == "clarification_requested"


# --- "cancel" ---------------------------------------------------------------------------------


def _ack_reply(ack: bytes, text: str, sender: str = "anna@example.org") -> bytes:
    raw = mailfactory.reply(ack, text, sender=sender, to="Accord <track@accord.example.com>")
    return mailfactory.authenticated(raw, AUTHSERV)


def test_replying_cancel_to_the_acknowledgement_withdraws(
    client: TestClient,
    anna: Account,
    imap_account: Any,
    poll: Any,
    db: Database,
    imap_settings: Settings,
) -> None:
    imap_account.append(user_mail())
    poll()
    agreement = only_agreement(client, anna)
    [(_, ack)] = outbox(db, "ack")

    # Anything else, or "cancel" from someone else, changes nothing.
    imap_account.append(_ack_reply(ack, "Thanks, great tool!"))
    imap_account.append(_ack_reply(ack, "cancel", sender="john@example.com"))
    report = poll()
    assert report.processed.by_status == {"ignored": 2}
    assert detail(client, anna, agreement["id"])["status"] == "awaiting_reply"

    cancel = _ack_reply(ack, "Cancel.")
    imap_account.append(cancel)
    report = poll()
    assert report.processed.by_status == {"processed": 1}
    agreement = detail(client, anna, agreement["id"])
    assert agreement["status"] == "withdrawn"
    withdrawn = agreement["events"][-1]
    assert withdrawn["type"] == "withdrawn" and withdrawn["actor"] == "anna@example.org"
    assert withdrawn["message_id"] == message_id_of(cancel)
    assert any(
        "Tracking cancelled" in header(raw, "Subject")
        for _, raw in outbox(db, "owner_alert", settings=imap_settings)
    )

    imap_account.append(_ack_reply(ack, "cancel"))
    assert poll().processed.by_status == {"ignored": 1}  # already withdrawn


def test_a_forged_cancel_is_refused(
    client: TestClient, anna: Account, imap_account: Any, poll: Any, db: Database
) -> None:
    imap_account.append(user_mail())
    poll()
    [(_, ack)] = outbox(db, "ack")
    forged = mailfactory.authenticated(_ack_reply(ack, "cancel"), AUTHSERV, result="fail")
    imap_account.append(forged)
    assert poll().processed.by_status == {"rejected": 1}
    assert only_agreement(client, anna)["status"] == "awaiting_reply"


# --- addresses API ----------------------------------------------------------------------------


def test_addresses_api(
    client: TestClient, settings: Settings, anna: Account, make_account: Any
) -> None:
    other = make_account(email="bob@example.net", name="Bob")
    listed = client.get("/v1/me/addresses", headers=anna.auth).json()
    assert [(a["email"], a["primary"]) for a in listed] == [("anna@example.org", True)]
    add_confirmed(client, settings, anna.auth, "a@work.example")
    # Another user's address: the same answer as any other (tests/app/test_address_claims.py).
    taken = client.post("/v1/me/addresses", json={"email": "a@work.example"}, headers=other.auth)
    assert taken.status_code == 202
    assert (
        client.post(
            "/v1/me/addresses", json={"email": "not an address"}, headers=anna.auth
        ).status_code
        == 422
    )
    assert client.delete("/v1/me/addresses/anna@example.org", headers=anna.auth).status_code == 422
    assert client.delete("/v1/me/addresses/a@work.example", headers=other.auth).status_code == 404
    assert client.delete("/v1/me/addresses/a@work.example", headers=anna.auth).status_code == 204
    me = client.get("/v1/me", headers=anna.auth).json()
    assert me["addresses"] == ["anna@example.org"]
