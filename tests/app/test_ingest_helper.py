"""A large backlog is hashed and parsed in a helper process, one batch ahead of the poller:
the record it leaves is the same as without the helper, and a helper that dies costs time,
never a message."""

from __future__ import annotations

import hashlib
import os
import signal
from concurrent.futures import Future
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.db import Database
from app.inbound import prepare
from app.inbound.poller import PollReport, poll_mailbox
from app.models import Event, StoredMessage
from mail.imap import ImapMailbox, parse_imap_url
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_inbound import sent  # noqa: F401  (a fixture)

pytestmark = pytest.mark.imap

NAMES = ("john", "mary", "omar", "lena")


@pytest.fixture
def imap_settings(settings: Settings, imap_account: Any) -> Settings:
    return settings.model_copy(update={"imap_url": imap_account.url, "ingest_batch_size": 3})


@pytest.fixture
def db(imap_settings: Settings) -> Any:
    database = Database(imap_settings.resolved_database_url)
    yield database
    database.dispose()


def _poll(settings: Settings, db: Database, *, helper_min: int) -> PollReport:
    mailbox = ImapMailbox(parse_imap_url(settings.imap_url))
    try:
        # Batches of 2 so that the look-ahead, the last batch and leftovers all happen.
        return poll_mailbox(settings, db, mailbox, owner="w", batch_size=2, helper_min=helper_min)
    finally:
        mailbox.close()


def _mixed_backlog(
    sent: Any,  # noqa: F811
    imap_account: Any,
    tag: str = "",
) -> str:
    john, mary, omar, lena = people = [f"{n}{tag}@example.com" for n in NAMES]
    agreement, summaries, _ = sent(counterparties=[{"email": p} for p in people])
    reply = mailfactory.reply(summaries[john], "Confirmed.")
    imap_account.append(reply)
    imap_account.append(reply)  # the same bytes again: stored once
    imap_account.append(mailfactory.reply(summaries[mary], "Is it 10% or 8%?"))
    imap_account.append(mailfactory.out_of_office(summaries[omar]))
    imap_account.append(b"\x00\x01 not an email at all \xff\xfe" + tag.encode())
    imap_account.append(
        mailfactory.reply(summaries[lena], "Yes, agreed.", sender="eve@evil.example")
    )
    return str(agreement["id"])


def _record(db: Database, agreement_id: str) -> tuple[list[tuple[Any, ...]], list[str]]:
    with db.transaction() as session:
        rows = session.execute(
            select(
                StoredMessage.uid,
                StoredMessage.status,
                StoredMessage.kind,
                StoredMessage.classification,
                StoredMessage.reason,
            )
            .where(StoredMessage.direction == "in")
            .order_by(StoredMessage.uid)
        ).all()
        events = session.scalars(
            select(Event.type).where(Event.agreement_id == agreement_id).order_by(Event.seq)
        ).all()
        return [tuple(r) for r in rows], list(events)


def test_the_helper_leaves_the_same_record_as_the_poller_alone(
    client: TestClient,
    account: Account,
    sent: Any,  # noqa: F811
    imap_account: Any,
    imap_settings: Settings,
    db: Database,
) -> None:
    agreement_id = _mixed_backlog(sent, imap_account)
    prepare.helper_pool()[1].result(timeout=60)  # started, so that every batch goes to it
    report = _poll(imap_settings, db, helper_min=0)
    assert report.helper_batches == 3, "the backlog was not handed to the helper process"
    assert report.fetched == 6 and report.stored == 5 and report.duplicates == 1
    with_helper = _record(db, agreement_id)
    statuses = {uid: status for uid, status, *_ in with_helper[0]}
    assert list(statuses.values()).count("processed") >= 3, with_helper
    assert "confirmed" in with_helper[1] and "clarification_requested" in with_helper[1]

    # Nothing waits unprocessed, and polling again stores and applies nothing twice.
    with db.transaction() as session:
        for row in session.scalars(select(StoredMessage).where(StoredMessage.direction == "in")):
            assert row.status != "received"
    assert _poll(imap_settings, db, helper_min=0).stored == 0  # nothing applied twice
    assert _record(db, agreement_id) == with_helper


def test_outcomes_match_with_and_without_the_helper(
    client: TestClient,
    account: Account,
    sent: Any,  # noqa: F811
    imap_account: Any,
    imap_settings: Settings,
    db: Database,
) -> None:
    first = _mixed_backlog(sent, imap_account)
    prepare.helper_pool()[1].result(timeout=60)
    assert _poll(imap_settings, db, helper_min=0).helper_batches == 3
    second = _mixed_backlog(sent, imap_account, tag="again")
    _poll(imap_settings.model_copy(update={"ingest_helper_process": False}), db, helper_min=0)
    helped, alone = _record(db, first), _record(db, second)
    assert helped[1] == alone[1]
    # Rows in UID order: the first backlog's, then the second's (whose addresses say "again").
    outcomes = [tuple(str(v).replace("again@", "@") for v in r[1:]) for r in helped[0]]
    assert outcomes[: len(outcomes) // 2] == outcomes[len(outcomes) // 2 :], outcomes


def test_a_helper_that_died_costs_time_not_messages(
    client: TestClient,
    account: Account,
    sent: Any,  # noqa: F811
    imap_account: Any,
    imap_settings: Settings,
    db: Database,
) -> None:
    agreement_id = _mixed_backlog(sent, imap_account)
    pool, started = prepare.helper_pool()
    started.result(timeout=60)
    for pid in list(pool._processes):
        os.kill(pid, signal.SIGKILL)
    report = _poll(imap_settings, db, helper_min=0)
    assert report.stored == 5
    rows, events = _record(db, agreement_id)
    assert all(status != "received" for _, status, *_ in rows), rows
    assert "confirmed" in events and "clarification_requested" in events
    # The next large backlog starts a new helper.
    assert prepare.helper_pool()[0] is not pool


def test_a_batch_the_helper_did_not_fetch_whole_is_fetched_here(imap_account: Any) -> None:
    """The helper fetches over its own connection; whatever it brings back short (a view
    not yet synced, a failure) the poller fetches itself, so no UID is ever skipped."""
    for n in range(3):
        imap_account.append(f"Subject: m{n}\r\nMessage-ID: <m{n}@x>\r\n\r\nbody {n}\r\n".encode())
    mailbox = ImapMailbox(parse_imap_url(imap_account.url))
    preparer = prepare.Preparer(tracking_address="track@x.example", max_bytes=10**6, helper=False)
    try:
        status = mailbox.open()
        [uids] = list(mailbox.uid_batches_after(0, uidvalidity=status.uidvalidity))
        assert len(uids) == 3
        whole = mailbox.fetch_uids(uids, uidvalidity=status.uidvalidity)
        short: Future[prepare.Fetched] = Future()
        short.set_result((whole[:2], prepare.prepare_all([m.raw for m in whole[:2]], None, 10**6)))
        failed: Future[prepare.Fetched] = Future()
        failed.set_exception(ConnectionResetError("helper lost its connection"))
        for future in (short, failed, None):
            batch, prepared = preparer.fetched(mailbox, uids, status.uidvalidity, future)
            assert [m.uid for m in batch] == uids, future
            assert [p.parsed.subject for p in prepared] == ["m0", "m1", "m2"]
        # The helper's own result is used when it is whole.
        helper_whole: Future[prepare.Fetched] = Future()
        helper_whole.set_result(
            prepare.fetch_and_prepare(mailbox.config, status.uidvalidity, uids, None, 10**6, None)
        )
        batch, _ = preparer.fetched(mailbox, uids, status.uidvalidity, helper_whole)
        assert [m.raw for m in batch] == [m.raw for m in whole]
    finally:
        mailbox.close()
        # fetch_and_prepare keeps its connection for the (helper) process: close it here.
        kept = prepare._mailboxes.pop(mailbox.config, None)
        if kept is not None:
            kept.close()


def test_a_polled_batch_is_stored_byte_for_byte(
    imap_account: Any, imap_settings: Settings, db: Database
) -> None:
    """The batch INSERT (one statement; on PostgreSQL through json_to_recordset) keeps the
    bytes, the digest, the size and the server's INTERNALDATE of every message."""
    raws = [
        b"Subject: plain\r\nMessage-ID: <p1@x>\r\n\r\nhello\r\n",
        b"Subject: =?utf-8?q?caf=C3=A9?=\r\nMessage-ID: <p2@x>\r\n\r\n\x00\xff\xfe binary\r\n",
        b"no header at all \\x00 \\\\ \" ' \r\n",
    ]
    for raw in raws:
        imap_account.append(raw)
    mailbox = ImapMailbox(parse_imap_url(imap_settings.imap_url))
    try:
        # What the server holds (it turns a NUL into 0x80 on APPEND, for one).
        served = [m.raw for batch in _fetch_all(mailbox) for m in batch]
    finally:
        mailbox.close()
    report = _poll(imap_settings, db, helper_min=0)
    assert report.stored == 3 and len(served) == 3
    with db.transaction() as session:
        rows = session.scalars(
            select(StoredMessage).where(StoredMessage.direction == "in").order_by(StoredMessage.uid)
        ).all()
        assert [r.raw for r in rows] == served
        for row in rows:
            assert row.sha256 == hashlib.sha256(row.raw).hexdigest() and row.size == len(row.raw)
            assert row.internaldate is not None and row.internaldate.utcoffset() is not None
            assert row.mailbox == "tracking" and row.uidvalidity and row.uid
            assert row.details is not None and row.status != "received"


def _fetch_all(mailbox: ImapMailbox) -> list[list[Any]]:
    status = mailbox.open()
    return list(mailbox.fetch_after(0, uidvalidity=status.uidvalidity))
