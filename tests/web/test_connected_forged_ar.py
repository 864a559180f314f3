"""The owner forges the counterparty's answer through their own connected mailbox.

A connected mailbox is the owner's folder: the owner can IMAP-APPEND anything to it, with any
header on top, and no receiving server adds its own Authentication-Results above what they
wrote. So a pass found there is not believed (``app.inbound.authn.SERVER_SOURCES``): a reply
matched by thread needs Accord's own DKIM check, and a token still counts (no owner-facing
surface shows a live token), on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime, make_msgid

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from app.inbound.connected import poll_connected
from app.inbound.crypto import encrypt
from app.inbound.pipeline import process_pending
from app.inbound.store import store_raw
from app.models import ConnectedMailbox, StoredMessage
from mail.dkim import DnsLookup
from mail.mailbox import FetchedHeader, FetchedMessage, MailboxStatus
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_authn import Signer
from tests.web.test_adversaries import (
    AUTHSERV,
    MIKE,
    header_of,
    outbound,
    record_of,
    sent_to_mike,
    summary_of,
)

SECRET = "test-secret-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"
OURS_PASS = f"{AUTHSERV}; dkim=pass header.d=example.com; dmarc=pass header.from=example.com"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"authserv_id": AUTHSERV, "secret_key": SECRET})


class OwnersBox:
    """The owner's own IMAP folder: whatever the owner APPENDed (Dovecot is not needed to
    show what the pipeline makes of it)."""

    def __init__(self, messages: list[bytes]) -> None:
        now = datetime.now(UTC)
        self.messages = [
            FetchedMessage(i + 1, now, raw, len(raw)) for i, raw in enumerate(messages)
        ]

    def open(self) -> MailboxStatus:
        count = len(self.messages)
        return MailboxStatus(uidvalidity=7, uidnext=count + 1, exists=count, can_idle=False)

    def fetch_headers_after(
        self, last_uid: int, *, uidvalidity: int | None = None
    ) -> Iterator[list[FetchedHeader]]:
        heads = [
            FetchedHeader(m.uid, m.internaldate, m.raw.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n")
            for m in self.messages
            if m.uid > last_uid
        ]
        if heads:
            yield heads

    def fetch_one(self, uid: int, *, uidvalidity: int | None = None) -> FetchedMessage | None:
        return next((m for m in self.messages if m.uid == uid), None)

    def close(self) -> None:
        pass


def owner_copy_of(database: Database, settings: Settings, account: Account) -> bytes:
    [raw] = [
        raw
        for _, to, raw in outbound(database, settings, kind="owner_copy")
        if to == [account.email]
    ]
    return raw


def confirmation_in_thread(thread: bytes, *, results: str | None = None) -> bytes:
    """Mike's "Confirmed." answering ``thread`` (no token), as the owner would write it, with
    ``results`` as Authentication-Results on top."""
    message_id = header_of(thread, "Message-ID")
    on_top = f"Authentication-Results: {results}\r\n" if results else ""
    return (
        f"{on_top}From: Mike <{MIKE}>\r\nTo: anna@example.org\r\n"
        f"Subject: Re: {header_of(thread, 'Subject')}\r\n"
        f"Date: {format_datetime(datetime.now(UTC))}\r\n"
        f"Message-ID: {make_msgid(domain='example.com')}\r\n"
        f"In-Reply-To: {message_id}\r\nReferences: {message_id}\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nConfirmed.\r\n"
    ).encode()


def from_connected(
    settings: Settings, database: Database, raw: bytes, *, dns: DnsLookup | None = None
) -> StoredMessage:
    """Store ``raw`` as read from a connected mailbox and run the pipeline."""
    with database.transaction() as session:
        row = store_raw(session, raw=raw, source="connected")
        assert row is not None
        row_id = row.id
    process_pending(settings, database, dns=dns)
    with database.transaction() as session:
        stored = session.get(StoredMessage, row_id)
        assert stored is not None
        session.expunge(stored)
        return stored


def test_owners_appended_reply_with_handwritten_authentication_results_moves_nothing(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    forged = confirmation_in_thread(owner_copy_of(database, settings, account), results=OURS_PASS)
    with database.transaction() as session:
        session.add(
            ConnectedMailbox(
                user_id=account.id,
                url="imap://anna@imap.example.org/INBOX",
                auth="login",
                secret=encrypt(settings, "pw"),
            )
        )
    before = record_of(database, agreement["id"])

    report = poll_connected(
        settings,
        database,
        lease_owner="test",
        open_mailbox=lambda config: OwnersBox([forged]),  # type: ignore[arg-type,return-value]
        resolve=lambda host, port: ["93.184.216.34"],
    )

    assert report.fetched == 1, report
    after = record_of(database, agreement["id"])
    assert after.statuses == before.statuses == {MIKE: "sent"}
    assert after.events[: len(before.events)] == before.events
    with database.transaction() as session:
        [row] = session.query(StoredMessage).filter_by(source="connected").all()
        assert row.status == "unverified", (row.status, row.reason)
        assert "not believed" in (row.reason or ""), row.reason


def test_a_signature_accord_checks_itself_still_counts_from_a_connected_mailbox(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    signer = Signer()
    signer.publish("example.com")
    # Mike's own mail to the owner, in the owner's thread, signed by his domain (thread
    # headers included, as Gmail signs).
    genuine = signer.sign(
        confirmation_in_thread(owner_copy_of(database, settings, account)), "example.com"
    )

    stored = from_connected(settings, database, genuine, dns=signer.lookup)

    assert stored.status == "processed", (stored.status, stored.reason)
    assert record_of(database, agreement["id"]).statuses == {MIKE: "confirmed"}


def test_a_token_still_counts_from_a_connected_mailbox_and_a_failure_still_fails(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    """A reply that names Mike's token (his reply-all that also reached the owner) counts
    with no pass: only Mike's copy of the summary carries it. A failure reported on top is
    a failure whoever wrote it: it only holds the message for the owner."""
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    failed = mailfactory.authenticated(
        mailfactory.reply(summary, "Confirmed!"), AUTHSERV, result="fail"
    )

    assert from_connected(settings, database, failed).status == "unverified"
    assert record_of(database, agreement["id"]).statuses == {MIKE: "sent"}

    assert from_connected(settings, database, mailfactory.reply(summary, "Confirmed!")).status == (
        "processed"
    )
    assert record_of(database, agreement["id"]).statuses == {MIKE: "confirmed"}
