"""Connected user mailboxes on a real Dovecot: headers first, whole messages only for tracked
threads, credentials encrypted, one failing mailbox never stops the others."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from email.utils import make_msgid
from typing import Any, ClassVar
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.config import Settings
from app.core.mailboxes import connected_key as state_key
from app.db import Database
from app.inbound.connected import ConnectedReport, poll_connected
from app.inbound.poller import poll_mailbox
from app.models import ConnectedMailbox, MailboxState, StoredMessage
from mail.imap import ImapConfig, ImapMailbox, parse_imap_url
from mail.mailbox import FetchedMessage
from tests.app.conftest import Account
from tests.app.test_capture import (
    AUTHSERV,
    detail,
    only_agreement,
    reply_all,
    user_mail,
)
from tests.servers.dovecot import DovecotServer, ImapAccount

pytestmark = pytest.mark.imap


class RecordingMailbox(ImapMailbox):
    """A real IMAP mailbox that remembers which whole messages it was asked for."""

    fetched_uids: ClassVar[list[int]] = []

    def fetch_one(self, uid: int, *, uidvalidity: int | None = None) -> FetchedMessage | None:
        RecordingMailbox.fetched_uids.append(uid)
        return super().fetch_one(uid, uidvalidity=uidvalidity)


@pytest.fixture
def imap_settings(settings: Settings, imap_account: ImapAccount) -> Settings:
    return settings.model_copy(
        update={
            "imap_url": imap_account.url,
            "authserv_id": AUTHSERV,
            "secret_key": "test-secret-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH",
        }
    )


@pytest.fixture
def client(imap_settings: Settings) -> Iterator[TestClient]:
    from app.main import create_app

    with TestClient(create_app(imap_settings)) as test_client:
        yield test_client


@pytest.fixture
def db(imap_settings: Settings) -> Iterator[Database]:
    database = Database(imap_settings.resolved_database_url)
    yield database
    database.dispose()


@pytest.fixture
def own_box(dovecot: DovecotServer) -> ImapAccount:
    """Anna's own mailbox, on the same server as the tracking mailbox."""
    user = f"anna{secrets.token_hex(4)}"
    return ImapAccount(dovecot, user, dovecot.password_for(user))


@pytest.fixture
def anna(make_account: Callable[..., Account], client: TestClient) -> Account:
    return make_account(email="anna@example.org", name="Anna Berg", tz="Europe/Berlin")


@pytest.fixture
def poll_tracking(imap_settings: Settings, db: Database) -> Callable[[], Any]:
    def run() -> Any:
        mailbox = ImapMailbox(parse_imap_url(imap_settings.imap_url))
        try:
            return poll_mailbox(imap_settings, db, mailbox, owner="test-worker")
        finally:
            mailbox.close()

    return run


@pytest.fixture
def poll_own(imap_settings: Settings, db: Database) -> Callable[[], ConnectedReport]:
    def run() -> ConnectedReport:
        RecordingMailbox.fetched_uids = []

        def opener(config: ImapConfig) -> ImapMailbox:
            return RecordingMailbox(config)

        return poll_connected(imap_settings, db, lease_owner="test-worker", open_mailbox=opener)

    return run


def bare_url(box: ImapAccount) -> str:
    return f"imap://{quote(box.user, safe='')}@{box.host}:{box.port}/INBOX?tls=none"


def connect(client: TestClient, account: Account, box: ImapAccount, **secret: str) -> Any:
    body = {"url": bare_url(box), **(secret or {"password": box.password})}
    response = client.post("/v1/me/mailboxes", json=body, headers=account.auth)
    assert response.status_code == 201, response.text
    return response.json()


def stored(db: Database) -> list[StoredMessage]:
    with db.transaction() as session:
        return list(session.scalars(select(StoredMessage).where(StoredMessage.direction == "in")))


def all_raw(db: Database) -> bytes:
    with db.transaction() as session:
        return b"\n".join(session.scalars(select(StoredMessage.raw).where(StoredMessage.raw.is_not(None))))


def unrelated(marker: str) -> bytes:
    return user_mail(
        sender="Dr. Private <doctor@clinic.example>",
        to="anna@example.org",
        cc=None,
        delivered_to=None,
        subject="Your test results",
        text=f"Confidential: {marker}\n",
        headers={"In-Reply-To": make_msgid(domain="clinic.example")},
    )


def test_only_replies_in_tracked_threads_are_fetched_and_stored(
    client: TestClient,
    anna: Account,
    imap_account: ImapAccount,
    own_box: ImapAccount,
    poll_tracking: Any,
    poll_own: Any,
    db: Database,
) -> None:
    connect(client, anna, own_box)
    summary = user_mail()  # Bcc capture: John's reply goes to Anna only
    imap_account.append(summary)
    poll_tracking()
    agreement = only_agreement(client, anna)

    marker = f"never-stored-{secrets.token_hex(8)}"
    john = "John Smith <john@example.com>"
    own_box.append(unrelated(marker))  # UID 1
    own_box.append(
        reply_all(
            summary,
            "Confirmed, thanks!",
            sender=john,  # UID 2
            to="anna@example.org",
            cc="mike@example.com",
        )
    )
    # Anna's own message in the thread and Accord's notices: never fetched either.
    own_box.append(
        reply_all(
            summary,
            "Great!",
            sender="anna@example.org",  # UID 3
            to="john@example.com",
            cc="",
        )
    )
    own_box.append(
        reply_all(
            summary,
            "notice",
            sender="Accord <track@accord.example.com>",
            to="anna@example.org",
            cc="",
        )
    )  # UID 4

    report = poll_own()
    assert (report.polled, report.examined, report.fetched, report.stored) == (1, 4, 1, 1)
    assert RecordingMailbox.fetched_uids == [2]
    assert report.errors == {}
    assert marker.encode() not in all_raw(db)
    statuses = {
        c["email"]: c["status"] for c in detail(client, anna, agreement["id"])["counterparties"]
    }
    assert statuses == {"john@example.com": "confirmed", "mike@example.com": "sent"}
    [row] = [r for r in stored(db) if r.source == "connected"]
    assert row.agreement_id == agreement["id"] and row.internaldate is not None

    # Nothing new: the next poll reads headers again only within the recheck window and
    # fetches nothing it already has.
    again = poll_own()
    assert (again.fetched, again.stored) == (0, 0)
    with db.transaction() as session:
        mailbox_id = session.scalars(select(ConnectedMailbox.id)).one()
        state = session.get(MailboxState, state_key(mailbox_id))
        assert state is not None and state.synced_through is not None


def test_a_reply_that_arrives_before_its_capture_is_found_later(
    client: TestClient,
    anna: Account,
    imap_account: ImapAccount,
    own_box: ImapAccount,
    poll_tracking: Any,
    poll_own: Any,
) -> None:
    connect(client, anna, own_box)
    summary = user_mail()
    own_box.append(
        reply_all(summary, "Confirmed.", sender="john@example.com", to="anna@example.org", cc="")
    )
    first = poll_own()
    assert (first.examined, first.fetched) == (1, 0)  # nothing is tracked yet
    imap_account.append(summary)
    poll_tracking()
    second = poll_own()
    assert second.fetched == 1
    statuses = {c["email"]: c["status"] for c in only_agreement(client, anna)["counterparties"]}
    assert statuses["john@example.com"] == "confirmed"


def test_another_users_thread_is_not_read(
    client: TestClient,
    anna: Account,
    make_account: Callable[..., Account],
    imap_account: ImapAccount,
    own_box: ImapAccount,
    poll_tracking: Any,
    poll_own: Any,
    db: Database,
) -> None:
    bob = make_account(email="bob@example.net", name="Bob")
    connect(client, anna, own_box)
    bobs = user_mail(sender="bob@example.net", to="anna@example.org", cc="john@example.com")
    imap_account.append(bobs)
    poll_tracking()
    # John answers Bob's summary, and Anna (a counterparty of Bob's) gets a copy.
    own_box.append(
        reply_all(
            bobs,
            "Confirmed.",
            sender="john@example.com",
            to="bob@example.net",
            cc="anna@example.org",
        )
    )
    report = poll_own()
    assert (report.examined, report.fetched) == (1, 0)
    assert only_agreement(client, bob)["status"] == "awaiting_reply"


def test_xoauth2_and_a_failing_mailbox_does_not_stop_the_others(
    client: TestClient,
    anna: Account,
    make_account: Callable[..., Account],
    own_box: ImapAccount,
    dovecot: DovecotServer,
    poll_own: Any,
) -> None:
    bob = make_account(email="bob@example.net", name="Bob")
    broken = connect(client, bob, own_box, password="wrong password")
    # This Dovecot checks an XOAUTH2 bearer token like a password.
    working = connect(client, anna, own_box, oauth2_token=own_box.password)
    assert working["auth"] == "xoauth2"
    report = poll_own()
    assert report.polled == 1
    assert set(report.errors) == {broken["id"]}
    listed = client.get("/v1/me/mailboxes", headers=bob.auth).json()
    assert listed[0]["last_error"] and "login" in listed[0]["last_error"].lower()
    fixed = client.put(
        f"/v1/me/mailboxes/{broken['id']}/secret",
        json={"password": own_box.password},
        headers=bob.auth,
    )
    assert fixed.status_code == 200 and fixed.json()["last_error"] is None
    assert poll_own().polled == 2


def test_mailbox_api_never_returns_or_stores_the_secret_in_clear(
    client: TestClient, anna: Account, own_box: ImapAccount, db: Database, imap_settings: Settings
) -> None:
    secret = own_box.password
    with_password_in_url = own_box.url  # imap://user:password@host/INBOX?tls=none
    created = client.post("/v1/me/mailboxes", json={"url": with_password_in_url}, headers=anna.auth)
    assert created.status_code == 201
    body = created.text
    assert quote(secret, safe="") not in body and secret not in body
    assert created.json()["url"] == bare_url(own_box)
    listed = client.get("/v1/me/mailboxes", headers=anna.auth)
    assert secret not in listed.text and quote(secret, safe="") not in listed.text
    with db.transaction() as session:
        row = session.scalars(select(ConnectedMailbox)).one()
        assert secret.encode() not in row.secret and secret not in row.url
    from app.inbound.crypto import decrypt

    assert decrypt(imap_settings, row.secret) == secret

    again = client.post("/v1/me/mailboxes", json={"url": with_password_in_url}, headers=anna.auth)
    assert again.status_code == 409
    two = client.post(
        "/v1/me/mailboxes", json={"url": with_password_in_url, "password": "x"}, headers=anna.auth
    )
    assert two.status_code == 422
    bad = client.post(
        "/v1/me/mailboxes", json={"url": "http://example.com", "password": "x"}, headers=anna.auth
    )
    assert bad.status_code == 422
    mailbox_id = created.json()["id"]
    assert client.delete(f"/v1/me/mailboxes/{mailbox_id}", headers=anna.auth).status_code == 204
    assert client.get("/v1/me/mailboxes", headers=anna.auth).json() == []


def test_connecting_needs_a_secret_key(
    settings: Settings, make_account: Callable[..., Account], own_box: ImapAccount
) -> None:
    from app.main import create_app

    plain = settings.model_copy(update={"secret_key": ""})
    with TestClient(create_app(plain)) as bare_client:
        account = make_account()
        response = bare_client.post(
            "/v1/me/mailboxes", json={"url": own_box.url}, headers=account.auth
        )
    assert response.status_code == 422
    assert "ACCORD_SECRET_KEY" in response.text
