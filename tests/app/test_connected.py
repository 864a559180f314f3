"""Connected user mailboxes on a real Dovecot: headers first, whole messages only for tracked
threads, credentials encrypted, one failing mailbox never stops the others."""

from __future__ import annotations

import secrets
import socket
import threading
import time
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
from tests.app.test_authn import Signer
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
            "mailbox_allow_private": True,  # Dovecot listens on 127.0.0.1
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


@pytest.fixture(scope="module")
def signer() -> Signer:
    """example.com's DKIM key. In Anna's own folder only a signature Accord checks itself
    says who sent a reply: she could have APPENDed any Authentication-Results."""
    made = Signer()
    made.publish("example.com")
    return made


@pytest.fixture
def poll_own(
    imap_settings: Settings, db: Database, signer: Signer
) -> Callable[[], ConnectedReport]:
    def run() -> ConnectedReport:
        RecordingMailbox.fetched_uids = []

        def opener(config: ImapConfig) -> ImapMailbox:
            return RecordingMailbox(config)

        return poll_connected(
            imap_settings, db, lease_owner="test-worker", open_mailbox=opener, dns=signer.lookup
        )

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
        return b"\n".join(
            session.scalars(select(StoredMessage.raw).where(StoredMessage.raw.is_not(None)))
        )


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
    signer: Signer,
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
        signer.sign(
            reply_all(
                summary,
                "Confirmed, thanks!",
                sender=john,  # UID 2
                to="anna@example.org",
                cc="mike@example.com",
            ),
            "example.com",
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
    signer: Signer,
) -> None:
    connect(client, anna, own_box)
    summary = user_mail()
    johns = reply_all(
        summary, "Confirmed.", sender="john@example.com", to="anna@example.org", cc=""
    )
    own_box.append(signer.sign(johns, "example.com"))
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

    plain = settings.model_copy(update={"secret_key": "", "mailbox_allow_private": True})
    with TestClient(create_app(plain)) as bare_client:
        account = make_account()
        response = bare_client.post(
            "/v1/me/mailboxes", json={"url": own_box.url}, headers=account.auth
        )
    assert response.status_code == 422
    assert "ACCORD_SECRET_KEY" in response.text


# --- hardening (issue 21): SSRF and starvation ----------------------------------------------


@pytest.fixture
def strict_client(imap_settings: Settings) -> Iterator[TestClient]:
    """The operator's default: connected mailboxes only on public addresses."""
    from app.main import create_app

    strict = imap_settings.model_copy(update={"mailbox_allow_private": False})
    with TestClient(create_app(strict)) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "url",
    [
        "imap://anna@127.0.0.1:6379/INBOX?tls=none",  # Redis on the server
        "imaps://anna@169.254.169.254/INBOX",  # cloud metadata
        "imaps://anna@[::ffff:10.0.0.1]:993/INBOX",
        "imaps://anna@[64:ff9b::7f00:1]/INBOX",
    ],
)
def test_private_and_metadata_servers_are_refused(
    strict_client: TestClient, anna: Account, url: str
) -> None:
    response = strict_client.post(
        "/v1/me/mailboxes", json={"url": url, "password": "pw"}, headers=anna.auth
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert strict_client.get("/v1/me/mailboxes", headers=anna.auth).json() == []


def test_a_ca_file_path_is_refused_whether_or_not_it_exists(
    client: TestClient, anna: Account
) -> None:
    answers = []
    for path in ("/etc/passwd", "/no/such/file"):
        url = f"imaps://anna@imap.example.net/INBOX?ca_file={quote(path)}"
        response = client.post(
            "/v1/me/mailboxes", json={"url": url, "password": "pw"}, headers=anna.auth
        )
        assert response.status_code == 422, response.text
        answers.append(response.json()["detail"])
    assert answers[0] == answers[1]
    assert client.get("/v1/me/mailboxes", headers=anna.auth).json() == []


class Listener:
    """A TCP port on 127.0.0.1: ``silent`` accepts and never says a word, ``http`` answers
    like a web server, ``closed`` refuses connections."""

    def __init__(self, kind: str) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        if kind == "closed":
            self.sock.close()
            return
        self.sock.listen(16)  # the kernel completes the handshakes; nobody reads
        if kind == "http":
            threading.Thread(target=self._http, daemon=True).start()

    def _http(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nServer: internal-admin\r\n\r\n")
            conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def listeners() -> Iterator[Callable[[str], Listener]]:
    made: list[Listener] = []

    def make(kind: str) -> Listener:
        made.append(Listener(kind))
        return made[-1]

    yield make
    for listener in made:
        listener.close()


def connect_url(client: TestClient, account: Account, url: str) -> Any:
    response = client.post(
        "/v1/me/mailboxes", json={"url": url, "password": "pw"}, headers=account.auth
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_last_error_is_no_port_scanner(
    client: TestClient,
    anna: Account,
    imap_settings: Settings,
    db: Database,
    listeners: Callable[[str], Listener],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A refused port, a web server and a silent port look the same to the user; the log
    tells the operator which was which."""
    for kind in ("closed", "http", "silent"):
        connect_url(client, anna, f"imap://anna@127.0.0.1:{listeners(kind).port}/INBOX?tls=none")
    fast = imap_settings.model_copy(update={"connected_mailbox_seconds": 1.0})
    with caplog.at_level("WARNING", logger="accord.connected"):
        report = poll_connected(fast, db, lease_owner="test-worker")
    assert len(report.errors) == 3
    errors = [m["last_error"] for m in client.get("/v1/me/mailboxes", headers=anna.auth).json()]
    assert len(set(errors)) == 1 and errors[0]
    assert not any(word in errors[0].lower() for word in ("refused", "timed", "errno", "http"))
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "Connection refused" in logged or "ConnectionRefused" in logged


def test_a_silent_server_delays_no_other_users_reply(
    client: TestClient,
    anna: Account,
    make_account: Callable[..., Account],
    imap_account: ImapAccount,
    own_box: ImapAccount,
    poll_tracking: Any,
    imap_settings: Settings,
    db: Database,
    listeners: Callable[[str], Listener],
    signer: Signer,
) -> None:
    """Eve's mailbox (connected first, polled first in id order) never answers and asks for
    a 30 s timeout. Anna's reply is stored within seconds, and the whole poll ends within
    the per-mailbox budget, not Eve's timeout."""
    eve = make_account(email="eve@example.net", name="Eve")
    silent = listeners("silent")
    connect_url(client, eve, f"imap://eve@127.0.0.1:{silent.port}/INBOX?tls=none&timeout=30")
    connect(client, anna, own_box)
    summary = user_mail()
    imap_account.append(summary)
    poll_tracking()
    own_box.append(
        signer.sign(
            reply_all(
                summary,
                "Confirmed!",
                sender="John Smith <john@example.com>",
                to="anna@example.org",
                cc="",
            ),
            "example.com",
        )
    )

    done: dict[str, float] = {}

    class Timed(ImapMailbox):
        def close(self) -> None:
            super().close()
            done[self.config.user] = time.monotonic()

    budgeted = imap_settings.model_copy(update={"connected_mailbox_seconds": 4.0})
    start = time.monotonic()
    report = poll_connected(
        budgeted, db, lease_owner="test-worker", open_mailbox=Timed, dns=signer.lookup
    )
    took = time.monotonic() - start
    assert report.stored == 1 and report.polled == 1
    assert done[own_box.user] - start < 3.0, done
    assert took < 4.0 + 3.0, took
    agreement = only_agreement(client, anna)
    statuses = {
        c["email"]: c["status"] for c in detail(client, anna, agreement["id"])["counterparties"]
    }
    assert statuses["john@example.com"] == "confirmed"


def test_polling_runs_up_to_the_cap_at_once(
    client: TestClient,
    make_account: Callable[..., Account],
    imap_settings: Settings,
    db: Database,
    listeners: Callable[[str], Listener],
) -> None:
    for n in range(3):
        user = make_account(email=f"user{n}@example.net", name=f"User {n}")
        connect_url(
            client, user, f"imap://u{n}@127.0.0.1:{listeners('silent').port}/INBOX?tls=none"
        )
    active = peak = 0
    lock = threading.Lock()

    class Counted(ImapMailbox):
        def open(self) -> Any:
            nonlocal active, peak
            with lock:
                active += 1
                peak = max(peak, active)
            try:
                return super().open()
            finally:
                with lock:
                    active -= 1

    capped = imap_settings.model_copy(
        update={"connected_mailbox_seconds": 1.0, "connected_poll_workers": 2}
    )
    report = poll_connected(capped, db, lease_owner="test-worker", open_mailbox=Counted)
    assert len(report.errors) == 3
    assert peak == 2


@pytest.mark.parametrize("rebind_after", [0, 1], ids=["at-the-check", "after-the-check"])
def test_a_rebinding_resolver_cannot_point_a_poll_at_loopback(
    strict_client: TestClient,
    anna: Account,
    own_box: ImapAccount,
    imap_settings: Settings,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    rebind_after: int,
) -> None:
    """Private servers refused. The host answered a public address when it was connected;
    at the poll it answers 127.0.0.1 (where Dovecot, standing in for an internal service,
    listens) to every lookup, or to every lookup after the first: the poll must check the
    address again and connect to the address it checked."""
    from tests.app.test_webhooks import RebindingDns

    dns = RebindingDns(socket.getaddrinfo, monkeypatch)
    url = f"imap://{quote(own_box.user, safe='')}@imap.rebind.test:{own_box.port}/INBOX?tls=none"
    created = strict_client.post(
        "/v1/me/mailboxes", json={"url": url, "password": own_box.password}, headers=anna.auth
    )
    assert created.status_code == 201, created.text
    dns.lookups, dns.rebind_after = 0, rebind_after
    strict = imap_settings.model_copy(
        update={"mailbox_allow_private": False, "connected_mailbox_seconds": 2.0}
    )
    report = poll_connected(strict, db, lease_owner="test-worker")
    assert report.polled == 0 and list(report.errors) == [created.json()["id"]]
    assert dns.lookups == 1
