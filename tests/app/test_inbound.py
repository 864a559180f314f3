"""Replies in a real Dovecot mailbox change the right state, once, for the right reason."""

from __future__ import annotations

import email
from collections.abc import Callable
from email import policy
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.config import Settings
from app.db import Database
from app.inbound.poller import poll_mailbox
from app.models import Event, OutboxEntry, StoredMessage
from app.outbound.delivery import deliver_all
from app.outbound.drafts import compose_drafts
from app.outbound.senders import sent_box
from mail.imap import ImapMailbox, parse_imap_url
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_api_agreements import create

pytestmark = pytest.mark.imap


@pytest.fixture
def imap_settings(settings: Settings, imap_account: Any) -> Settings:
    return settings.model_copy(update={"imap_url": imap_account.url})


@pytest.fixture
def db(imap_settings: Settings) -> Any:
    database = Database(imap_settings.resolved_database_url)
    yield database
    database.dispose()


@pytest.fixture
def poll(imap_settings: Settings, db: Database) -> Callable[..., Any]:
    def run(owner: str = "test-worker") -> Any:
        mailbox = ImapMailbox(parse_imap_url(imap_settings.imap_url))
        try:
            return poll_mailbox(imap_settings, db, mailbox, owner=owner)
        finally:
            mailbox.close()

    return run


@pytest.fixture
def sent(
    client: TestClient, account: Account, imap_settings: Settings, db: Database
) -> Callable[..., tuple[dict[str, Any], dict[str, bytes], dict[str, str]]]:
    """Create an agreement and deliver it to the dev mailbox; returns summaries by recipient."""

    def make(**overrides: Any) -> tuple[dict[str, Any], dict[str, bytes], dict[str, str]]:
        agreement = create(client, account, **overrides)
        deliver_all(imap_settings, db)
        box = sent_box(imap_settings)
        summaries: dict[str, bytes] = {}
        envelopes: dict[str, str] = {}
        with db.transaction() as session:
            for entry in session.scalars(
                select(OutboxEntry).where(
                    OutboxEntry.agreement_id == agreement["id"], OutboxEntry.kind == "summary"
                )
            ):
                envelopes[entry.recipients[0]] = entry.envelope_from
        for uid in box.uids():
            raw = box.read(uid).raw
            for rcpt in envelopes:
                if (
                    f"To: {rcpt}".encode() in raw
                    or f"<{rcpt}>".encode() in raw.split(b"\r\n\r\n")[0]
                ):
                    summaries.setdefault(rcpt, raw)
        return agreement, summaries, envelopes

    return make


def detail(client: TestClient, account: Account, agreement_id: str) -> dict[str, Any]:
    result: dict[str, Any] = client.get(
        f"/v1/agreements/{agreement_id}", headers=account.auth
    ).json()
    return result


def cp_status(client: TestClient, account: Account, agreement_id: str) -> dict[str, str]:
    return {
        c["email"]: c["status"] for c in detail(client, account, agreement_id)["counterparties"]
    }


def alerts(db: Database) -> list[str]:
    with db.transaction() as session:
        return [
            e.message.subject or ""
            for e in session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "owner_alert"))
        ]


def test_confirmation_is_applied(
    client: TestClient, account: Account, sent: Any, imap_account: Any, poll: Any, db: Database
) -> None:
    agreement, summaries, _ = sent()
    imap_account.append(
        mailfactory.reply(summaries["john@example.com"], "Confirmed, thanks!\n\nJohn")
    )
    report = poll()
    assert report.polled and report.stored == 1
    assert cp_status(client, account, agreement["id"]) == {"john@example.com": "confirmed"}
    d = detail(client, account, agreement["id"])
    assert d["status"] == "accepted"
    confirmed = [e for e in d["events"] if e["type"] == "confirmed"]
    assert confirmed[0]["actor"] == "john@example.com"
    assert confirmed[0]["data"]["classification"] == "confirmation"
    assert alerts(db) == []


def test_clarification_alerts_the_owner(
    client: TestClient,
    account: Account,
    sent: Any,
    imap_account: Any,
    poll: Any,
    db: Database,
    settings: Settings,
) -> None:
    agreement, summaries, _ = sent()
    imap_account.append(
        mailfactory.reply(
            summaries["john@example.com"], "Yes, but Y depends on the budget review in May."
        )
    )
    poll()
    assert cp_status(client, account, agreement["id"]) == {
        "john@example.com": "clarification_requested"
    }
    assert detail(client, account, agreement["id"])["status"] == "needs_attention"
    assert any("clarification" in s for s in alerts(db))
    # The alert names the words that decided, so the owner can judge it at a glance.
    with db.transaction() as session:
        [entry] = session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "owner_alert"))
        row_id = entry.message_row_id
        assert entry.message.details["draft"]["why"].startswith('reservation: "but Y depends')
        assert compose_drafts(session, settings, message_rows=[row_id]) == 1
    with db.transaction() as session:
        raw = session.get(StoredMessage, row_id).raw or b""
    body = email.message_from_bytes(raw, policy=policy.default)
    text = body.get_body(("plain",))
    assert text is not None
    assert 'Why Accord did not read it as a confirmation: reservation: "but Y depends' in str(
        text.get_content()
    )


def test_an_html_part_that_disputes_what_the_plain_part_confirms_is_a_clarification(
    client: TestClient, account: Account, sent: Any, imap_account: Any, poll: Any, db: Database
) -> None:
    """The counterparty's two faces: "Confirmed." in the plain part, which Accord reads, and
    a dispute in the HTML part, which their mail program shows (``mail.verdict``)."""
    agreement, summaries, _ = sent()
    imap_account.append(
        mailfactory.reply(
            summaries["john@example.com"],
            "Confirmed.",
            html="Confirmed, except Y depends on the budget review in May.",
        )
    )
    poll()
    assert cp_status(client, account, agreement["id"]) == {
        "john@example.com": "clarification_requested"
    }
    with db.transaction() as session:
        [entry] = session.scalars(select(OutboxEntry).where(OutboxEntry.kind == "owner_alert"))
        why = entry.message.details["draft"]["why"]
    assert why.startswith("the HTML part of the message reads otherwise: "), why


def test_an_edit_inside_the_quoted_summary_is_a_clarification(
    client: TestClient, account: Account, sent: Any, imap_account: Any, poll: Any
) -> None:
    agreement, summaries, _ = sent()
    raw = summaries["john@example.com"]
    edited = mailfactory.summary_text(raw).replace("by June", "by September")
    assert edited != mailfactory.summary_text(raw)
    imap_account.append(mailfactory.reply(raw, "Confirmed.", quote=edited))
    poll()
    assert cp_status(client, account, agreement["id"]) == {
        "john@example.com": "clarification_requested"
    }


def test_out_of_office_holds_and_bounce_marks(
    client: TestClient, account: Account, sent: Any, imap_account: Any, poll: Any, db: Database
) -> None:
    agreement, summaries, envelopes = sent(
        counterparties=[
            {"email": "john@example.com"},
            {"email": "gone@example.com"},
            {"email": "slow@example.com"},
        ]
    )
    imap_account.append(mailfactory.out_of_office(summaries["john@example.com"]))
    imap_account.append(
        mailfactory.dsn(summaries["gone@example.com"], envelopes["gone@example.com"])
    )
    imap_account.append(
        mailfactory.dsn(
            summaries["slow@example.com"], envelopes["slow@example.com"], status="4.4.7"
        )
    )
    poll()
    assert cp_status(client, account, agreement["id"]) == {
        "john@example.com": "away",
        "gone@example.com": "bounced",
        "slow@example.com": "sent",
    }
    subjects = alerts(db)
    assert any("away" in s for s in subjects) and any("bounced" in s for s in subjects)


def test_right_token_wrong_sender_is_unverified(
    client: TestClient, account: Account, sent: Any, imap_account: Any, poll: Any, db: Database
) -> None:
    agreement, summaries, _ = sent()
    imap_account.append(
        mailfactory.reply(summaries["john@example.com"], "Confirmed", sender="mallory@evil.example")
    )
    poll()
    assert cp_status(client, account, agreement["id"]) == {"john@example.com": "sent"}
    d = detail(client, account, agreement["id"])
    assert d["status"] == "needs_attention"
    assert [m["status"] for m in d["messages"] if m["direction"] == "in"] == ["unverified"]
    assert any(e["type"] == "unverified_reply" for e in d["events"])


def test_dmarc_failure_from_our_server_is_unverified(
    client: TestClient,
    account: Account,
    sent: Any,
    imap_account: Any,
    imap_settings: Settings,
    db: Database,
) -> None:
    settings = imap_settings.model_copy(update={"authserv_id": "mx.accord.example.com"})
    agreement, summaries, _ = sent()
    forged = mailfactory.reply(
        summaries["john@example.com"],
        "Confirmed",
        headers={
            "Authentication-Results": "mx.accord.example.com; dkim=fail; dmarc=fail header.from=example.com"
        },
    )
    spoofed_pass = mailfactory.reply(
        summaries["john@example.com"],
        "Confirmed",
        headers={"Authentication-Results": "attacker.example; dkim=pass; dmarc=pass"},
    )
    imap_account.append(forged)
    mailbox = ImapMailbox(parse_imap_url(settings.imap_url))
    poll_mailbox(settings, db, mailbox, owner="w")
    assert cp_status(client, account, agreement["id"]) == {"john@example.com": "sent"}
    imap_account.append(spoofed_pass)  # another server's verdict is ignored, not trusted
    poll_mailbox(settings, db, mailbox, owner="w")
    mailbox.close()
    assert cp_status(client, account, agreement["id"]) == {"john@example.com": "confirmed"}


def test_reply_to_an_owner_alert_changes_nothing(
    client: TestClient,
    account: Account,
    sent: Any,
    imap_account: Any,
    poll: Any,
    db: Database,
    imap_settings: Settings,
) -> None:
    agreement, summaries, _ = sent()
    imap_account.append(mailfactory.reply(summaries["john@example.com"], "What about Z?"))
    poll()
    deliver_all(imap_settings, db)
    with db.transaction() as session:
        alert = session.scalar(
            select(StoredMessage)
            .where(StoredMessage.kind == "owner_alert")
            .execution_options(populate_existing=True)
        )
        assert alert is not None
        alert_raw = session.scalar(select(StoredMessage.raw).where(StoredMessage.id == alert.id))
    imap_account.append(
        mailfactory.reply(
            alert_raw, "Confirmed", sender="john@example.com", to="track@accord.example.com"
        )
    )
    poll()
    assert cp_status(client, account, agreement["id"]) == {
        "john@example.com": "clarification_requested"
    }
    with db.transaction() as session:
        reasons = [
            m.reason
            for m in session.scalars(
                select(StoredMessage).where(
                    StoredMessage.direction == "in", StoredMessage.status == "ignored"
                )
            )
        ]
    assert reasons and "notice" in reasons[0]


def test_ref_only_match_needs_the_sender(
    client: TestClient,
    account: Account,
    sent: Any,
    imap_account: Any,
    imap_settings: Settings,
    db: Database,
) -> None:
    # A ref is printed in the subject for anyone to copy: a message that names only the ref
    # must come from the counterparty's address, and that address must be authenticated.
    settings = imap_settings.model_copy(update={"authserv_id": "mx.accord.example.com"})
    agreement, _summaries, _ = sent()
    ref = agreement["ref"]
    plain = (
        f"From: john@example.com\r\nTo: track@accord.example.com\r\nSubject: about {ref}\r\n"
        f"Message-ID: <x1@example.com>\r\n\r\nConfirmed\r\n"
    ).encode()
    stranger = mailfactory.authenticated(
        plain.replace(b"From: john@", b"From: eve@").replace(b"<x1@", b"<x2@"),
        "mx.accord.example.com",
    )
    spoofed = plain.replace(b"<x1@", b"<x3@")  # john's address, no authentication
    mailbox = ImapMailbox(parse_imap_url(settings.imap_url))
    try:
        imap_account.append(stranger)
        imap_account.append(spoofed)
        poll_mailbox(settings, db, mailbox, owner="w")
        assert cp_status(client, account, agreement["id"]) == {"john@example.com": "sent"}
        imap_account.append(mailfactory.authenticated(plain, "mx.accord.example.com"))
        poll_mailbox(settings, db, mailbox, owner="w")
    finally:
        mailbox.close()
    assert cp_status(client, account, agreement["id"]) == {"john@example.com": "confirmed"}
    with db.transaction() as session:
        kept = {
            r.message_id: (r.status, r.reason)
            for r in session.scalars(select(StoredMessage).where(StoredMessage.direction == "in"))
        }
    assert kept["<x3@example.com>"][0] == "unverified"
    assert "authenticat" in (kept["<x3@example.com>"][1] or "")


def test_garbage_and_unknown_tokens_are_kept_with_a_reason(
    imap_account: Any, poll: Any, db: Database
) -> None:
    imap_account.append(b"\x00\x01 not an email at all \xff\xfe")
    imap_account.append(
        b"From: a@b.c\r\nTo: track+"
        + b"a" * 32
        + b"@accord.example.com\r\nSubject: hi\r\n\r\nConfirmed\r\n"
    )
    imap_account.append(b"From: x@y.z\r\nTo: someone@else.example\r\nSubject: spam\r\n\r\nBuy\r\n")
    report = poll()
    assert report.stored == 3
    with db.transaction() as session:
        rows = list(session.scalars(select(StoredMessage).where(StoredMessage.direction == "in")))
    assert len(rows) == 3
    assert all(r.status in {"rejected", "ignored"} and r.reason for r in rows), [
        (r.status, r.reason) for r in rows
    ]


def test_polling_again_and_a_uidvalidity_reset_apply_nothing_twice(
    client: TestClient, account: Account, sent: Any, imap_account: Any, poll: Any, db: Database
) -> None:
    _agreement, summaries, _ = sent(
        counterparties=[{"email": "john@example.com"}, {"email": "mary@example.com"}]
    )
    imap_account.append(mailfactory.reply(summaries["john@example.com"], "Confirmed"))
    imap_account.append(mailfactory.reply(summaries["mary@example.com"], "Can we talk first?"))
    assert poll().stored == 2
    assert poll().stored == 0
    imap_account.reset_uidvalidity()
    again = poll()
    assert again.rescanned and again.stored == 0 and again.duplicates == 2
    with db.transaction() as session:
        replies = session.scalar(
            select(func.count())
            .select_from(Event)
            .where(Event.type.in_(["confirmed", "clarification_requested"]))
        )
    assert replies == 2


def test_server_down_mid_poll_then_everything_once(
    client: TestClient,
    account: Account,
    sent: Any,
    imap_account: Any,
    poll: Any,
    db: Database,
    dovecot: Any,
) -> None:
    _agreement, summaries, _ = sent()
    imap_account.append_many(
        [mailfactory.reply(summaries["john@example.com"], f"Question {i}?") for i in range(5)]
    )
    dovecot.stop()
    try:
        with pytest.raises(Exception):  # noqa: B017,PT011 - the adapter's transient error
            poll()
    finally:
        dovecot.start()
    report = poll()
    assert report.stored == 5
    with db.transaction() as session:
        count = session.scalar(
            select(func.count()).select_from(StoredMessage).where(StoredMessage.direction == "in")
        )
    assert count == 5


def test_a_crash_between_store_and_process_loses_nothing(
    client: TestClient,
    account: Account,
    sent: Any,
    imap_account: Any,
    imap_settings: Settings,
    db: Database,
    poll: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import app.inbound.poller as poller

    agreement, summaries, _ = sent()
    imap_account.append(mailfactory.reply(summaries["john@example.com"], "Confirmed"))

    def crash(*args: Any, **kwargs: Any) -> Any:
        raise SystemExit("worker died")

    monkeypatch.setattr(poller, "process_pending", crash)
    with pytest.raises(SystemExit):
        poll()
    monkeypatch.undo()
    with db.transaction() as session:
        row = session.scalar(select(StoredMessage).where(StoredMessage.direction == "in"))
        assert row is not None and row.status == "received"
    report = poll()
    assert report.stored == 0 and report.processed.by_status == {"processed": 1}
    assert cp_status(client, account, agreement["id"]) == {"john@example.com": "confirmed"}


def test_only_the_lease_holder_polls(imap_settings: Settings, db: Database, poll: Any) -> None:
    from app.db import utcnow
    from app.inbound.lease import acquire_lease, release_lease

    assert acquire_lease(db, "tracking", "other-worker", utcnow())
    assert poll(owner="me").polled is False
    release_lease(db, "tracking", "other-worker")
    assert poll(owner="me").polled is True
