"""SmtpSender against a real aiosmtpd server (tests/servers/smtp.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import pytest

from mail.compose import OutboundMessage
from mail.smtp import (
    DeliveryResult,
    PermanentSmtpError,
    Sender,
    SmtpAuthError,
    SmtpConfig,
    SmtpError,
    SmtpSender,
    SmtpTlsError,
    TransientSmtpError,
    parse_smtp_url,
    send_all,
)
from mail.testing import RecordingSender
from tests.servers.smtp import SmtpTestServer, TlsFiles

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def message(n: int = 1, recipients: tuple[str, ...] = ("john@example.org",)) -> OutboundMessage:
    data = (
        f"From: Accord <track@accord.test>\r\nTo: {recipients[0]}\r\n"
        f"Subject: test {n}\r\nMessage-ID: <m{n}@accord.test>\r\n\r\nBody {n}\r\n.dot line\r\n"
    ).encode()
    return OutboundMessage(
        message_id=f"<m{n}@accord.test>",
        envelope_from="track+bounce-x@accord.test",
        recipients=recipients,
        data=data,
        subject=f"test {n}",
    )


def config(server: SmtpTestServer, **changes: Any) -> SmtpConfig:
    base = parse_smtp_url(server.url + "&timeout=5&helo=client.test")
    return SmtpConfig(**{**base.__dict__, **changes})


async def send_one(cfg: SmtpConfig, msg: OutboundMessage | None = None) -> DeliveryResult:
    async with SmtpSender(cfg) as sender:
        return await sender.send(msg or message())


# --- URL parsing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "host", "port", "tls"),
    [
        ("smtp://mail.example.com", "mail.example.com", 587, "starttls"),
        ("smtp://mail.example.com?tls=tls", "mail.example.com", 465, "tls"),
        ("smtp://mail.example.com?tls=none", "mail.example.com", 25, "none"),
        ("smtps://mail.example.com", "mail.example.com", 465, "tls"),
        ("smtp://mail.example.com:2525?tls=starttls", "mail.example.com", 2525, "starttls"),
        ("smtp://[::1]:26?tls=none", "::1", 26, "none"),
    ],
)
def test_parse_url_defaults(url: str, host: str, port: int, tls: str) -> None:
    cfg = parse_smtp_url(url)
    assert (cfg.host, cfg.port, cfg.tls) == (host, port, tls)
    assert cfg.verify is True
    assert cfg.ca_file is None


def test_parse_url_credentials_are_percent_decoded_and_hidden_from_repr() -> None:
    cfg = parse_smtp_url("smtp://me%40example.com:p%40ss%3Aw%2Fd@mail.example.com")
    assert cfg.username == "me@example.com"
    assert cfg.password == "p@ss:w/d"
    assert "p@ss" not in repr(cfg)


def test_parse_url_xoauth2_and_tls_options() -> None:
    cfg = parse_smtp_url(
        "smtp://u%40x.com:ya29.token@smtp.gmail.com?auth=xoauth2&ca_file=/etc/ca.pem&verify=false"
    )
    assert (cfg.auth, cfg.password, cfg.ca_file, cfg.verify) == (
        "xoauth2",
        "ya29.token",
        "/etc/ca.pem",
        False,
    )


@pytest.mark.parametrize(
    "url",
    [
        "smtp://mail.example.com?tls=ssl",
        "smtp://mail.example.com?tsl=none",
        "smtps://mail.example.com?tls=none",
        "smtp://mail.example.com?auth=xoauth2",
        "smtp://mail.example.com?verify=maybe",
        "http://mail.example.com",
        "smtp://",
    ],
)
def test_parse_url_rejects(url: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
        parse_smtp_url(url)


# --- delivery ----------------------------------------------------------------------------


def test_batch_uses_one_connection_and_sends_bytes_unchanged(smtp_server: SmtpTestServer) -> None:
    msgs = [message(n, (f"p{n}@example.org",)) for n in range(3)]

    async def go() -> list[DeliveryResult]:
        async with SmtpSender(config(smtp_server)) as sender:
            return [await sender.send(m) for m in msgs]

    results = run(go())
    assert smtp_server.connections == 1
    assert all(r.ok and r.reply[0] == 250 for r in results)
    assert results[2].reply[1].endswith("queued as TEST3")
    got = smtp_server.messages
    assert [e.rcpt_tos for e in got] == [m.recipients for m in msgs]
    assert {e.mail_from for e in got} == {"track+bounce-x@accord.test"}
    assert [e.data for e in got] == [m.data for m in msgs]


def test_temporary_data_failure_then_success(smtp_server: SmtpTestServer) -> None:
    smtp_server.fail_data(times=1, code=451)

    async def go() -> DeliveryResult:
        async with SmtpSender(config(smtp_server)) as sender:
            with pytest.raises(TransientSmtpError) as info:
                await sender.send(message())
            assert (info.value.code, info.value.uncertain) == (451, False)
            return await sender.send(message())

    assert run(go()).ok
    assert len(smtp_server.messages) == 1
    assert smtp_server.connections == 1


def test_permanent_rejection(smtp_server: SmtpTestServer) -> None:
    smtp_server.fail_data(code=554, text="5.7.1 Spam")
    with pytest.raises(PermanentSmtpError) as info:
        run(send_one(config(smtp_server)))
    assert (info.value.code, info.value.text) == (554, "5.7.1 Spam")
    assert smtp_server.messages == []


def test_partial_refusal_is_visible(smtp_server: SmtpTestServer) -> None:
    smtp_server.refuse_rcpt("gone@example.org", 550)
    result = run(send_one(config(smtp_server), message(1, ("ok@example.org", "gone@example.org"))))
    assert not result.ok
    assert result.accepted == {"ok@example.org": (250, "2.1.5 OK")}
    assert result.refused["gone@example.org"][0] == 550
    assert smtp_server.messages[0].rcpt_tos == ("ok@example.org",)


@pytest.mark.parametrize(("code", "error"), [(550, PermanentSmtpError), (450, TransientSmtpError)])
def test_all_recipients_refused(
    smtp_server: SmtpTestServer, code: int, error: type[Exception]
) -> None:
    smtp_server.refuse_rcpt("john@example.org", code, "no")
    with pytest.raises(error) as info:
        run(send_one(config(smtp_server)))
    assert info.value.refused == {"john@example.org": (code, "no")}  # type: ignore[attr-defined]
    assert smtp_server.messages == []


def test_server_down_is_transient_and_recovery_reconnects(smtp_server: SmtpTestServer) -> None:
    cfg = config(smtp_server)

    async def go() -> DeliveryResult:
        async with SmtpSender(cfg) as sender:
            await sender.send(message(1))
            smtp_server.stop()
            with pytest.raises(TransientSmtpError):
                await sender.send(message(2))
            smtp_server.start()
            return await sender.send(message(3))

    assert run(go()).ok
    assert [e.data for e in smtp_server.messages] == [message(1).data, message(3).data]


def test_idle_connection_dropped_by_server_is_reopened_once(smtp_server: SmtpTestServer) -> None:
    async def go() -> SmtpSender:
        async with SmtpSender(config(smtp_server)) as sender:
            await sender.send(message(1))
            smtp_server.drop_connections()
            await asyncio.sleep(0.05)
            await sender.send(message(2))
            smtp_server.drop_connections()  # this time the client has not noticed yet
            await sender.send(message(3))
            return sender

    sender = run(go())
    assert sender.connections == 3
    assert len(smtp_server.messages) == 3


def test_drop_after_data_is_uncertain_and_not_resent(smtp_server: SmtpTestServer) -> None:
    smtp_server.drop_after_data()

    async def go() -> DeliveryResult:
        async with SmtpSender(config(smtp_server)) as sender:
            with pytest.raises(TransientSmtpError) as info:
                await sender.send(message(1))
            assert info.value.uncertain
            return await sender.send(message(2))

    assert run(go()).ok
    assert [e.data for e in smtp_server.messages] == [message(2).data]


def test_silent_server_times_out() -> None:
    async def go() -> None:
        hung_up = asyncio.Event()

        async def never_greet(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.read()  # say nothing until the client gives up
            writer.close()
            await writer.wait_closed()
            hung_up.set()

        server = await asyncio.start_server(never_greet, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        cfg = parse_smtp_url(f"smtp://127.0.0.1:{port}?tls=none&timeout=0.3&helo=client.test")
        try:
            with pytest.raises(TransientSmtpError):
                await send_one(cfg)
            await asyncio.wait_for(hung_up.wait(), 5)
        finally:
            server.close()
            await server.wait_closed()

    run(go())


# --- TLS and AUTH ------------------------------------------------------------------------


def test_starttls_validates_against_ca_file(
    smtp_server_factory: Callable[..., SmtpTestServer], smtp_tls_files: TlsFiles
) -> None:
    server = smtp_server_factory(tls_context=smtp_tls_files.server_context(), require_starttls=True)
    cfg = config(server, tls="starttls", ca_file=str(smtp_tls_files.ca_file))
    assert run(send_one(cfg)).ok
    assert server.messages[0].tls

    with pytest.raises(SmtpTlsError):
        run(send_one(config(server, tls="starttls")))
    assert len(server.messages) == 1

    # Only an explicit verify=false skips the check.
    assert run(send_one(config(server, tls="starttls", verify=False))).ok


def test_starttls_required_but_not_offered_is_a_config_error(smtp_server: SmtpTestServer) -> None:
    with pytest.raises(PermanentSmtpError):
        run(send_one(config(smtp_server, tls="starttls")))


def test_implicit_tls(
    smtp_server_factory: Callable[..., SmtpTestServer], smtp_tls_files: TlsFiles
) -> None:
    server = smtp_server_factory(ssl_context=smtp_tls_files.server_context())
    cfg = config(server, tls="tls", ca_file=str(smtp_tls_files.ca_file))
    assert run(send_one(cfg)).ok
    assert server.messages[0].tls


@pytest.mark.parametrize("mechanism", ["auto", "plain", "login"])
def test_auth_password(smtp_server_factory: Callable[..., SmtpTestServer], mechanism: str) -> None:
    server = smtp_server_factory(credentials={"alice": "s3cret:/@"})
    cfg = config(server, username="alice", password="s3cret:/@", auth=mechanism)
    assert run(send_one(cfg)).ok
    assert server.messages[0].login == b"alice"


def test_auth_wrong_password(smtp_server_factory: Callable[..., SmtpTestServer]) -> None:
    server = smtp_server_factory(credentials={"alice": "right"})
    with pytest.raises(SmtpAuthError) as info:
        run(send_one(config(server, username="alice", password="wrong", auth="plain")))
    assert info.value.code == 535
    assert server.messages == []


def test_auth_xoauth2(smtp_server_factory: Callable[..., SmtpTestServer]) -> None:
    server = smtp_server_factory(oauth_tokens={"bob@example.com": "ya29.good"})
    url = server.url.replace("smtp://", "smtp://bob%40example.com:ya29.good@") + "&auth=xoauth2"
    assert run(send_one(parse_smtp_url(url))).ok
    assert server.messages[0].login == b"bob@example.com"

    with pytest.raises(SmtpAuthError):
        run(
            send_one(
                config(server, username="bob@example.com", password="ya29.bad", auth="xoauth2")
            )
        )


# --- the recording fake ------------------------------------------------------------------


def test_recording_sender_records_and_fails_on_request() -> None:
    sender: Sender = RecordingSender()
    assert isinstance(sender, RecordingSender)
    sender.fail_next(1)
    sender.fail_next(1, permanent=True)
    sender.refuse("gone@example.org")

    async def go() -> list[DeliveryResult | SmtpError]:
        async with sender:
            return await send_all(
                sender,
                [
                    message(1),
                    message(2),
                    message(3),
                    message(4, ("a@example.org", "gone@example.org")),
                ],
            )

    first, second, third, fourth = run(go())
    assert isinstance(first, TransientSmtpError)
    assert first.code == 451
    assert isinstance(second, PermanentSmtpError)
    assert second.code == 554
    assert isinstance(third, DeliveryResult)
    assert third.ok
    assert isinstance(fourth, DeliveryResult)
    assert not fourth.ok
    assert fourth.refused == {"gone@example.org": (550, "5.1.1 No such user")}
    assert [m.message_id for m in sender.sent] == ["<m3@accord.test>", "<m4@accord.test>"]
    assert sender.to("gone@example.org") == [message(4, ("a@example.org", "gone@example.org"))]


# --- SMTPUTF8 ----------------------------------------------------------------------------


def test_a_utf8_address_goes_with_smtputf8_only_to_a_server_that_offers_it(
    smtp_server_factory: Callable[..., SmtpTestServer],
) -> None:
    msg = message(recipients=("zoë@example.org",))
    assert msg.needs_smtputf8 and not message().needs_smtputf8
    offers = smtp_server_factory(smtputf8=True)
    result = run(send_one(config(offers), msg))
    assert result.ok and offers.messages[0].rcpt_tos == ("zoë@example.org",)
    plain = smtp_server_factory()
    with pytest.raises(PermanentSmtpError, match="SMTPUTF8") as refused:
        run(send_one(config(plain), msg))
    assert "zoë@example.org" in str(refused.value) and plain.messages == []
    assert run(send_one(config(plain))).ok  # ASCII mail on the same server is unaffected
