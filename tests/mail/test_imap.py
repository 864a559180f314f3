"""ImapMailbox against a real Dovecot (tests/servers/dovecot.py); URL parsing is pure."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from mail.imap import ImapConfig, ImapMailbox, backoff_delays, parse_imap_url, translate_error
from mail.mailbox import (
    FetchedMessage,
    PermanentMailboxError,
    TransientMailboxError,
    UidValidityChanged,
)
from tests.servers.dovecot import DovecotServer, ImapAccount


def make_raw(n: int, body_size: int = 0) -> bytes:
    body = f"Message number {n}.\r\n" + "x" * body_size
    return (
        f"From: a{n}@example.com\r\nTo: track@example.com\r\nSubject: msg {n}\r\n"
        f"Message-ID: <m{n}@example.com>\r\n\r\n{body}\r\n"
    ).encode()


@pytest.fixture
def mailbox(imap_account: ImapAccount) -> Iterator[ImapMailbox]:
    with ImapMailbox(parse_imap_url(imap_account.url)) as box:
        yield box


def all_messages(box: ImapMailbox, last_uid: int = 0, **kw: int) -> list[FetchedMessage]:
    return [m for batch in box.fetch_after(last_uid, **kw) for m in batch]


# -- URL parsing -----------------------------------------------------------------------------


def test_url_defaults_to_implicit_tls_and_inbox() -> None:
    config = parse_imap_url("imap://mail.example.com")
    assert config == ImapConfig(host="mail.example.com", port=993)
    assert (config.tls, config.folder, config.auth) == ("tls", "INBOX", "login")


def test_url_percent_decodes_credentials_and_folder() -> None:
    config = parse_imap_url("imaps://a%40b.com:p%3Aw%2Fd%20x@h:1993/Accord%2FReplies")
    assert (config.user, config.password) == ("a@b.com", "p:w/d x")
    assert (config.port, config.folder) == (1993, "Accord/Replies")


@pytest.mark.parametrize(("tls", "port"), [("starttls", 143), ("none", 143), ("tls", 993)])
def test_url_tls_modes_and_their_default_ports(tls: str, port: int) -> None:
    config = parse_imap_url(f"imap://u:p@h/INBOX?tls={tls}")
    assert (config.tls, config.port) == (tls, port)


def test_url_options_for_oauth2_timeout_and_ca_file() -> None:
    config = parse_imap_url("imap://u:tok@h?auth=xoauth2&timeout=5.5&ca_file=/etc/ca.pem")
    assert (config.auth, config.timeout, config.ca_file) == ("xoauth2", 5.5, "/etc/ca.pem")


def test_url_password_is_not_in_repr() -> None:
    assert "s3cret" not in repr(parse_imap_url("imap://u:s3cret@h"))


@pytest.mark.parametrize(
    "url",
    [
        "http://h",
        "imap:///INBOX",
        "imap://h?tls=ssl",
        "imaps://h?tls=none",
        "imap://h?auth=plain",
        "imap://h?timeout=0",
        "imap://h?timeout=soon",
        "imap://h?verify=no",
        "imap://h?tls=none&tls=tls",
        "imap://h:99999",
    ],
)
def test_url_rejects_invalid(url: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
        parse_imap_url(url)


# -- backoff and error mapping (pure) --------------------------------------------------------


def test_backoff_doubles_up_to_the_cap_with_jitter() -> None:
    delays = backoff_delays(1.0, 10.0, rng=random.Random(7))
    got = [next(delays) for _ in range(8)]
    steps = [1, 2, 4, 8, 10, 10, 10, 10]
    assert all(step / 2 <= d <= step for d, step in zip(got, steps, strict=True))
    assert len(set(got)) == len(got)


def test_backoff_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="base"):
        next(backoff_delays(0, 1))


def test_unavailable_is_transient_and_unknown_login_failure_permanent() -> None:
    from imapclient.exceptions import IMAPClientError, LoginError

    assert isinstance(
        translate_error(IMAPClientError("NO [UNAVAILABLE] try later"), "fetch"),
        TransientMailboxError,
    )
    assert isinstance(translate_error(LoginError("NO bad"), "login"), PermanentMailboxError)
    assert isinstance(translate_error(ConnectionResetError(), "fetch"), TransientMailboxError)


# -- against Dovecot -------------------------------------------------------------------------


def test_open_reports_status_and_is_idempotent(imap_account: ImapAccount) -> None:
    imap_account.append(make_raw(1))
    box = ImapMailbox(parse_imap_url(imap_account.url))
    try:
        first = box.open()
        again = box.open()
    finally:
        box.close()
    assert first == again
    assert (first.exists, first.uidnext, first.can_idle) == (1, 2, True)
    assert first.uidvalidity == imap_account.uidvalidity()


def test_fetch_after_watermark_in_batches_oldest_first(
    imap_account: ImapAccount, mailbox: ImapMailbox
) -> None:
    imap_account.append_many(make_raw(n) for n in range(1, 8))
    batches = list(mailbox.fetch_after(2, batch_size=2))
    assert [[m.uid for m in batch] for batch in batches] == [[3, 4], [5, 6], [7]]
    message = batches[0][0]
    assert b"Subject: msg 3" in message.raw
    assert message.size == len(message.raw)


def test_fetch_walks_several_search_windows(imap_account: ImapAccount) -> None:
    imap_account.append_many(make_raw(n) for n in range(1, 12))
    with ImapMailbox(parse_imap_url(imap_account.url), search_window=3) as box:
        batches = list(box.fetch_after(1, batch_size=4))
    assert [[m.uid for m in batch] for batch in batches] == [[2, 3, 4, 5], [6, 7, 8, 9], [10, 11]]


def test_nothing_new_returns_nothing_despite_the_n_star_quirk(
    imap_account: ImapAccount, mailbox: ImapMailbox
) -> None:
    imap_account.append_many(make_raw(n) for n in range(1, 4))
    with imap_account.client() as raw:
        raw.select_folder("INBOX", readonly=True)
        # The quirk itself: UID 10:* names the last message although its UID is 3.
        assert raw.search(["UID", "10:*"]) == [3]
    assert all_messages(mailbox, 3) == []
    assert all_messages(mailbox, 10) == []


def test_fetch_uses_peek_so_messages_stay_unseen(
    imap_account: ImapAccount, mailbox: ImapMailbox
) -> None:
    imap_account.append(make_raw(1))
    assert len(all_messages(mailbox)) == 1
    assert mailbox.fetch_one(1) is not None
    assert [h.uid for batch in mailbox.fetch_headers_after(0) for h in batch] == [1]
    with imap_account.client() as raw:
        raw.select_folder("INBOX", readonly=True)
        assert b"\\Seen" not in raw.get_flags([1])[1]


def test_internaldate_is_aware_utc_and_exact(
    imap_account: ImapAccount, mailbox: ImapMailbox
) -> None:
    sent = datetime(2024, 3, 31, 1, 30, 15, tzinfo=timezone(timedelta(hours=-5)))
    imap_account.append(make_raw(1), internaldate=sent)
    (message,) = all_messages(mailbox)
    assert message.internaldate.tzinfo is UTC
    assert message.internaldate == sent


def test_headers_then_one_message(imap_account: ImapAccount, mailbox: ImapMailbox) -> None:
    imap_account.append_many(make_raw(n, body_size=500) for n in range(1, 4))
    headers = [h for batch in mailbox.fetch_headers_after(1) for h in batch]
    assert [h.uid for h in headers] == [2, 3]
    assert headers[0].header.startswith(b"From: a2@")
    assert b"xxxx" not in headers[0].header
    assert headers[0].internaldate.tzinfo is UTC
    one = mailbox.fetch_one(3)
    assert one is not None
    assert one.uid == 3
    assert b"xxxx" in one.raw
    assert mailbox.fetch_one(99) is None


def test_uidvalidity_change_is_detected(imap_account: ImapAccount) -> None:
    imap_account.append_many(make_raw(n) for n in range(1, 3))
    box = ImapMailbox(parse_imap_url(imap_account.url))
    try:
        before = box.open()
        new = imap_account.reset_uidvalidity()  # also drops the connection
        after = box.reconnect()
        assert after.uidvalidity == new != before.uidvalidity
        with pytest.raises(UidValidityChanged):
            all_messages(box, 0, uidvalidity=before.uidvalidity)
        assert [m.uid for m in all_messages(box, 0, uidvalidity=new)] == [1, 2]
    finally:
        box.close()


def test_server_down_mid_iteration_then_reconnect(
    imap_account: ImapAccount, dovecot: DovecotServer
) -> None:
    imap_account.append_many(make_raw(n) for n in range(1, 7))
    box = ImapMailbox(replace(parse_imap_url(imap_account.url), timeout=5))
    seen: list[int] = []
    try:
        box.open()
        batches = box.fetch_after(0, batch_size=2)
        seen += [m.uid for m in next(batches)]
        dovecot.stop()
        try:
            with pytest.raises(TransientMailboxError):
                next(batches)
            with pytest.raises(TransientMailboxError):
                box.reconnect()
        finally:
            dovecot.start()
        assert not box.connected
        box.reconnect()
        seen += [m.uid for m in all_messages(box, seen[-1])]
    finally:
        box.close()
    assert seen == [1, 2, 3, 4, 5, 6]


def test_kicked_connection_is_transient(
    imap_account: ImapAccount, mailbox: ImapMailbox, dovecot: DovecotServer
) -> None:
    imap_account.append(make_raw(1))
    dovecot.kill_connections(imap_account.user)
    with pytest.raises(TransientMailboxError):
        all_messages(mailbox)
    mailbox.reconnect()
    assert [m.uid for m in all_messages(mailbox)] == [1]


def test_idle_wakes_soon_after_an_append(imap_account: ImapAccount, mailbox: ImapMailbox) -> None:
    assert all_messages(mailbox) == []
    appender = threading.Timer(0.3, imap_account.append, args=(make_raw(1),))
    started = time.monotonic()
    appender.start()
    try:
        assert mailbox.wait_for_change(10) is True
    finally:
        appender.join()
    assert time.monotonic() - started < 3
    assert [m.uid for m in all_messages(mailbox)] == [1]


def test_idle_times_out_and_reissues(imap_account: ImapAccount) -> None:
    with ImapMailbox(parse_imap_url(imap_account.url), idle_max=0.2) as box:
        started = time.monotonic()
        assert box.wait_for_change(0.7) is False
        assert 0.6 < time.monotonic() - started < 3
        imap_account.append(make_raw(1))
        # Mail that arrived between fetches and IDLE is reported at once, not after the timeout.
        assert box.wait_for_change(10) is True


def test_bad_password_is_permanent(imap_account: ImapAccount) -> None:
    config = replace(parse_imap_url(imap_account.url), password="wrong")
    with pytest.raises(PermanentMailboxError):
        ImapMailbox(config).open()


def test_missing_folder_is_permanent(imap_account: ImapAccount) -> None:
    box = ImapMailbox(parse_imap_url(imap_account.url_for("Nope")))
    with pytest.raises(PermanentMailboxError):
        box.open()
    assert not box.connected


def test_refused_connection_is_transient() -> None:
    config = ImapConfig(host="127.0.0.1", port=1, user="u", password="p", tls="none", timeout=2)
    with pytest.raises(TransientMailboxError):
        ImapMailbox(config).open()


def test_xoauth2_login(imap_account: ImapAccount) -> None:
    # This Dovecot checks the bearer token against the passdb, like a password.
    config = replace(parse_imap_url(imap_account.url), auth="xoauth2")
    with ImapMailbox(config) as box:
        assert box.open().exists == 0


def test_other_folder(imap_account: ImapAccount) -> None:
    imap_account.append(make_raw(1), folder="Accord")
    with ImapMailbox(parse_imap_url(imap_account.url_for("Accord"))) as box:
        assert [m.uid for m in all_messages(box)] == [1]


def test_thousand_messages(imap_account: ImapAccount, mailbox: ImapMailbox) -> None:
    imap_account.append_many(make_raw(n, body_size=200) for n in range(1, 1001))
    batches = list(mailbox.fetch_after(0))
    assert [len(b) for b in batches] == [200] * 5
    uids = [m.uid for batch in batches for m in batch]
    assert uids == list(range(1, 1001))
    assert b"Subject: msg 1000\r\n" in batches[-1][-1].raw
