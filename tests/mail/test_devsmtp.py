"""The development listener and the development/recording senders."""

from __future__ import annotations

import asyncio
import email
import email.policy
import smtplib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mail.compose import OutboundMessage, Party, compose_summary
from mail.devbox import DevBox
from mail.devsmtp import DevSmtpServer
from mail.smtp import DeliveryResult, Sender, SmtpSender, parse_smtp_url
from mail.testing import DevBoxSender

TOKEN = "q" * 32


def summary() -> OutboundMessage:
    return compose_summary(
        owner=Party("sam@example.com", "Sam"),
        tracking_address="track@accord.test",
        recipient=Party("john@example.org", "John"),
        token=TOKEN,
        ref="K7M2-Q9XD",
        title="Deal",
        summary="We agreed.",
        deadline=datetime(2026, 6, 5, tzinfo=UTC),
        recipient_tz=ZoneInfo("UTC"),
        message_id="<s1@accord.test>",
        date=datetime(2026, 6, 1, tzinfo=UTC),
    )


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[DevSmtpServer]:
    server = DevSmtpServer(port=0, inbox=DevBox(tmp_path / "inbox"))
    server.start()
    yield server
    server.stop()


REPLY = (
    b"From: John <john@example.org>\r\nTo: track+" + TOKEN.encode() + b"@accord.test\r\n"
    b"Subject: Re: Deal [K7M2-Q9XD]\r\nIn-Reply-To: <s1@accord.test>\r\n\r\nConfirmed.\r\n"
)


def test_any_client_can_deliver_a_reply(dev_server: DevSmtpServer) -> None:
    # The stdlib client stands in for swaks or a desktop mail client.
    with smtplib.SMTP("127.0.0.1", dev_server.port, timeout=5) as client:
        client.sendmail(
            "john@example.org", [f"track+{TOKEN}@accord.test", "track@accord.test"], REPLY
        )
    (uid,) = dev_server.inbox.uids()
    raw = dev_server.inbox.read(uid).raw
    head = raw.partition(b"Received: ")[0]
    assert head.split(b"\r\n")[:5] == [
        b"Return-Path: <john@example.org>",
        b"X-Original-To: track+" + TOKEN.encode() + b"@accord.test",
        b"Delivered-To: track+" + TOKEN.encode() + b"@accord.test",
        b"X-Original-To: track@accord.test",
        b"Delivered-To: track@accord.test",
    ]
    assert raw.endswith(REPLY)
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Received"].startswith("from ")
    assert parsed["Subject"] == "Re: Deal [K7M2-Q9XD]"


def test_smtp_sender_to_dev_server_round_trip(dev_server: DevSmtpServer) -> None:
    msg = summary()
    url = f"smtp://127.0.0.1:{dev_server.port}?tls=none&helo=client.test"

    async def go() -> DeliveryResult:
        async with SmtpSender(parse_smtp_url(url)) as sender:
            return await sender.send(msg)

    result = asyncio.run(go())
    assert result.ok
    assert result.reply[1].startswith("2.0.0 Ok: stored as uid 1")
    raw = dev_server.inbox.read(1).raw
    assert raw.endswith(msg.data)
    assert raw.startswith(f"Return-Path: <{msg.envelope_from}>\r\n".encode())


def test_stop_and_restart(tmp_path: Path) -> None:
    server = DevSmtpServer(port=0, inbox=DevBox(tmp_path / "box"))
    with server:
        assert server.running
        port = server.port
    assert not server.running
    with pytest.raises(ConnectionRefusedError), smtplib.SMTP("127.0.0.1", port, timeout=2):
        pass


def test_devbox_sender_stores_exact_bytes(tmp_path: Path) -> None:
    box = DevBox(tmp_path / "sent")
    sender: Sender = DevBoxSender(box)
    msg = summary()

    async def go() -> DeliveryResult:
        async with sender:
            return await sender.send(msg)

    result = asyncio.run(go())
    assert result.ok
    assert result.reply == (250, "2.0.0 stored in devbox uid 1")
    assert result.accepted == {"john@example.org": (250, "2.1.5 Ok")}
    assert box.read(1).raw == msg.data


def test_a_reply_from_a_utf8_address_is_taken_with_smtputf8(dev_server: DevSmtpServer) -> None:
    reply = REPLY.replace(b"john@example.org", "zoë@example.org".encode())
    with smtplib.SMTP("127.0.0.1", dev_server.port, timeout=5) as client:
        client.ehlo()
        assert client.has_extn("smtputf8")
        client.sendmail(
            "zoë@example.org", [f"track+{TOKEN}@accord.test"], reply, mail_options=["SMTPUTF8"]
        )
    (uid,) = dev_server.inbox.uids()
    raw = dev_server.inbox.read(uid).raw
    assert raw.startswith("Return-Path: <zoë@example.org>\r\n".encode())
    assert raw.endswith(reply)
