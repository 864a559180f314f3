"""An embedded SMTP listener for development: every message lands in a DevBox.

With no real mail server configured, ``swaks`` or any mail client can answer a summary by
sending to this listener; the poller then reads the DevBox like an IMAP folder. Like a final
delivery agent, it prepends ``Return-Path``, ``X-Original-To``/``Delivered-To`` (one per RCPT,
so plus-addressed tokens and Bcc recipients are visible) and ``Received``.

It accepts anything from anyone: bind it to 127.0.0.1 only.
"""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from aiosmtpd.controller import Controller

from mail.devbox import DevBox
from mail.headers import is_header_safe

SERVER_NAME = "accord-devsmtp"


def free_port(host: str = "127.0.0.1") -> int:
    """A port that was free a moment ago (aiosmtpd's Controller cannot bind port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def trace_headers(
    *, mail_from: str, rcpt_tos: list[str], helo: str | None, peer: str, when: datetime
) -> bytes:
    """The headers a final delivery adds in front of the message, CRLF-terminated."""
    lines = [f"Return-Path: <{_safe(mail_from)}>"]
    for rcpt in rcpt_tos:
        if is_header_safe(rcpt):
            lines += [f"X-Original-To: {rcpt}", f"Delivered-To: {rcpt}"]
    lines.append(
        f"Received: from {_safe(helo or 'unknown')} ([{_safe(peer)}])\r\n"
        f"\tby {SERVER_NAME} (Accord development SMTP) with ESMTP;\r\n"
        f"\t{format_datetime(when)}"
    )
    # UTF-8: with SMTPUTF8 the envelope may name zoë@... (RFC 6532 trace fields).
    return "".join(f"{line}\r\n" for line in lines).encode("utf-8", "replace")


def _safe(value: str) -> str:
    # HELO names and envelope addresses come from the client: keep them on one line.
    return value if is_header_safe(value) else "invalid"


class _DevHandler:
    def __init__(self, inbox: DevBox) -> None:
        self.inbox = inbox

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        prefix = trace_headers(
            mail_from=envelope.mail_from or "",
            rcpt_tos=list(envelope.rcpt_tos),
            helo=session.host_name,
            peer=str(session.peer[0]) if session.peer else "unknown",
            when=datetime.now(UTC),
        )
        uid = self.inbox.append(prefix + content)
        return f"250 2.0.0 Ok: stored as uid {uid}"


class DevSmtpServer:
    """``DevSmtpServer(port=2525, inbox=DevBox("data/inbox")).start()`` ... ``.stop()``.

    Runs aiosmtpd in its own thread, so it works beside any event loop. ``port=0`` picks a
    free port; read it back from ``.port`` after ``start()``.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 2525, *, inbox: DevBox) -> None:
        self.host = host
        self.port = port
        self.inbox = inbox
        self._controller: Controller | None = None

    def start(self) -> None:
        if self._controller is not None:
            return
        if self.port == 0:
            self.port = free_port(self.host)
        controller = Controller(
            _DevHandler(self.inbox),
            hostname=self.host,
            port=self.port,
            server_hostname=SERVER_NAME,
            ready_timeout=5.0,
            # Replies from counterparties with a non-ASCII local part (ACCORD_SMTPUTF8).
            enable_SMTPUTF8=True,
        )
        controller.start()
        self._controller = controller

    def stop(self) -> None:
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()

    @property
    def running(self) -> bool:
        return self._controller is not None

    def __enter__(self) -> DevSmtpServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
