"""A stranger's out-of-office "from" the counterparty: the ref is printed in every subject, so
anyone can write one. "Away" holds deemed acceptance (and may move the deadline), so an
auto-reply is matched and authenticated like a reply: by token it needs nothing to say it
failed, by thread or ref alone it needs a pass; otherwise it is held for the owner's review
and moves nothing. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP, default
from email.utils import make_msgid

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.web.test_adversaries import (
    AUTHSERV,
    MIKE,
    TRACKING,
    assert_intact,
    receive,
    record_of,
    sent_to_mike,
    summary_of,
    unverified_alerts,
    with_authserv,
)


def _ooo(ref: str, *, results: str | None) -> bytes:
    """An out-of-office notice "from" Mike that names only the ref (no token, no thread)."""
    msg = EmailMessage()
    if results is not None:
        msg["Authentication-Results"] = f"{AUTHSERV}; {results}"
    msg["From"] = f"Mike <{MIKE}>"
    msg["To"] = TRACKING
    msg["Subject"] = f"Automatic reply: Lead flow [{ref}]"
    msg["Auto-Submitted"] = "auto-replied"
    msg["Message-ID"] = make_msgid(domain="stranger.example")
    msg.set_content("I am out of the office until 30 June with limited access to email.\n")
    return msg.as_bytes(policy=SMTP)


@pytest.mark.parametrize(
    "results",
    [None, "dkim=none; dmarc=none header.from=example.com"],
    ids=["no-results", "no-pass"],
)
def test_a_spoofed_out_of_office_with_the_ref_only_holds_nothing(
    results: str | None,
    web: TestClient,
    account: Account,
    database: Database,
    settings: Settings,
) -> None:
    pipeline = with_authserv(settings)
    agreement = sent_to_mike(web, account, pipeline, database)
    before = record_of(database, agreement["id"])
    stored = receive(pipeline, database, _ooo(agreement["ref"], results=results))
    assert stored.status == "unverified", (stored.status, stored.reason)
    assert stored.reason and "authenticated" in stored.reason
    assert assert_intact(before, record_of(database, agreement["id"])) == ["unverified_reply"]
    assert unverified_alerts(database, settings)


def test_a_spoofed_out_of_office_in_the_thread_holds_nothing(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    # In the summary's thread (its Message-ID is in the copy Mike got, and in any forward of
    # it), to the tracking address without the token.
    notice = message_from_bytes(mailfactory.out_of_office(summary), policy=default)
    notice.replace_header("To", TRACKING)
    raw = notice.as_bytes(policy=SMTP)
    assert b"track+" not in raw
    before = record_of(database, agreement["id"])
    stored = receive(with_authserv(settings), database, raw)
    assert stored.status == "unverified", (stored.status, stored.reason)
    assert assert_intact(before, record_of(database, agreement["id"])) == ["unverified_reply"]


def test_an_authenticated_out_of_office_with_the_ref_holds_deemed_acceptance(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    # The control: the same notice, with our receiving server's pass for Mike's domain.
    pipeline = with_authserv(settings)
    agreement = sent_to_mike(web, account, pipeline, database)
    results = "dkim=pass header.d=example.com; dmarc=pass header.from=example.com"
    stored = receive(pipeline, database, _ooo(agreement["ref"], results=results))
    assert stored.status == "processed", stored.reason
    assert record_of(database, agreement["id"]).statuses == {MIKE: "away"}


def test_the_counterpartys_out_of_office_by_token_holds_deemed_acceptance(
    web: TestClient, account: Account, database: Database, settings: Settings
) -> None:
    agreement = sent_to_mike(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    stored = receive(with_authserv(settings), database, mailfactory.out_of_office(summary))
    assert stored.status == "processed", stored.reason
    assert record_of(database, agreement["id"]).statuses == {MIKE: "away"}
