"""A real SMTP server (aiosmtpd, in a thread) for tests, and the TLS files to go with it.

Fixtures
--------
``smtp_server`` -> SmtpTestServer
    Plain SMTP on 127.0.0.1 and a free port, started for the test and stopped after it.
``smtp_url`` -> str
    ``smtp://127.0.0.1:PORT?tls=none`` for ``smtp_server``.
``smtp_server_factory(**options)`` -> SmtpTestServer
    More servers with options: ``tls_context`` (offer STARTTLS), ``ssl_context`` (implicit
    TLS), ``require_starttls``, ``smtputf8`` (offer SMTPUTF8),
    ``credentials={"user": "password"}`` (AUTH PLAIN/LOGIN),
    ``oauth_tokens={"user": "token"}`` (AUTH XOAUTH2), ``auth_require_tls``. All are stopped
    at teardown.
``smtp_tls_files`` -> TlsFiles(ca_file, cert_file, key_file)
    A throwaway CA and a server certificate for 127.0.0.1/localhost, made with the
    ``openssl`` CLI (session scope; the test is skipped when openssl is missing).

SmtpTestServer
--------------
``host``, ``port``, ``url``
``messages`` -> list[ReceivedEnvelope(mail_from, rcpt_tos, data, login, tls)], in order.
``connections`` -> number of client connections made since start.
``refuse_rcpt(address, code=550, text=...)``: RCPT TO for ``address`` answers ``code``
    (use 450 for a temporary refusal); ``allow_rcpt(address)`` undoes it.
``fail_data(times=1, code=451, text=...)``: the next ``times`` DATA transactions answer
    ``code`` after the content was received (554 for a permanent rejection).
``drop_after_data(times=1)``: close the connection after the content arrives, without a
    reply (the client cannot know whether the message was taken).
``drop_connections()``: close every open client connection now (an idle timeout).
``stop()`` / ``start()``: the server goes down and comes back on the same port.
``reset()``: forget messages and behaviours.
"""

from __future__ import annotations

import asyncio
import base64
import shutil
import ssl
import subprocess
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

from mail.devsmtp import free_port


@dataclass(frozen=True)
class ReceivedEnvelope:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    login: bytes | None
    tls: bool


@dataclass(frozen=True)
class TlsFiles:
    ca_file: Path
    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


class _Handler:
    """aiosmtpd hooks; runs in the server thread, so shared state is behind a lock."""

    def __init__(self, server: SmtpTestServer) -> None:
        self.server = server

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        refusal = self.server._refusal(address)
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Any, envelope: Any) -> str:
        action = self.server._next_data_action()
        if action == "drop":
            assert server.transport is not None
            server.transport.close()
            return "250 2.0.0 never seen by the client"
        if action:
            return action
        self.server._record(
            ReceivedEnvelope(
                mail_from=envelope.mail_from,
                rcpt_tos=tuple(envelope.rcpt_tos),
                data=bytes(envelope.original_content),
                login=getattr(session.auth_data, "login", None),
                tls=server.transport.get_extra_info("ssl_object") is not None,
            )
        )
        number = len(self.server.messages)
        return f"250 2.0.0 Ok: queued as TEST{number}"

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        if len(args) != 2:
            return AuthResult(success=False, handled=False)
        fields = dict(
            part.split("=", 1)
            for part in base64.b64decode(args[1]).decode().split("\x01")
            if "=" in part
        )
        user, bearer = fields.get("user", ""), fields.get("auth", "")
        expected = self.server.oauth_tokens.get(user)
        if expected is None or bearer != f"Bearer {expected}":
            return AuthResult(success=False, handled=False)
        return AuthResult(success=True, auth_data=LoginPassword(user.encode(), b""))


class _Controller(Controller):  # type: ignore[misc]
    def __init__(self, owner: SmtpTestServer, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.owner = owner

    def factory(self) -> SMTP:
        smtp = super().factory()
        self.owner._opened(smtp)
        return smtp


class SmtpTestServer:
    """See the module docstring."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        tls_context: ssl.SSLContext | None = None,
        ssl_context: ssl.SSLContext | None = None,
        require_starttls: bool = False,
        credentials: dict[str, str] | None = None,
        oauth_tokens: dict[str, str] | None = None,
        auth_require_tls: bool = False,
        smtputf8: bool = False,
    ) -> None:
        self.host = host
        self.port = free_port(host)
        self.credentials = credentials or {}
        self.oauth_tokens = oauth_tokens or {}
        self._options: dict[str, Any] = {
            "tls_context": tls_context,
            "ssl_context": ssl_context,
            "require_starttls": require_starttls,
            "auth_require_tls": auth_require_tls,
            "enable_SMTPUTF8": smtputf8,
        }
        self._lock = threading.Lock()
        self._messages: list[ReceivedEnvelope] = []
        self._refusals: dict[str, str] = {}
        self._data_actions: deque[str] = deque()
        self._sessions: list[SMTP] = []
        self.connections = 0
        self._controller: _Controller | None = None

    # --- lifecycle ---

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}?tls=none"

    def start(self) -> None:
        if self._controller is not None:
            return
        controller = _Controller(
            self,
            handler=_Handler(self),
            hostname=self.host,
            port=self.port,
            server_hostname="smtp.test",
            ready_timeout=5.0,
            **self._smtp_kwargs(),
        )
        controller.start()
        self._controller = controller
        with self._lock:
            self.connections = 0  # start() itself connected once to check the server is up

    def _smtp_kwargs(self) -> dict[str, Any]:
        kwargs = {k: v for k, v in self._options.items() if v is not None}
        if self.credentials or self.oauth_tokens:
            kwargs["authenticator"] = self._authenticate
        return kwargs

    def stop(self) -> None:
        controller, self._controller = self._controller, None
        if controller is None:
            return
        self._close_sessions(controller)
        controller.stop()

    # --- behaviours ---

    def refuse_rcpt(
        self, address: str, code: int = 550, text: str = "5.1.1 No such user here"
    ) -> None:
        with self._lock:
            self._refusals[address.lower()] = f"{code} {text}"

    def allow_rcpt(self, address: str) -> None:
        with self._lock:
            self._refusals.pop(address.lower(), None)

    def fail_data(
        self, times: int = 1, code: int = 451, text: str = "4.3.0 Try again later"
    ) -> None:
        with self._lock:
            self._data_actions.extend([f"{code} {text}"] * times)

    def drop_after_data(self, times: int = 1) -> None:
        with self._lock:
            self._data_actions.extend(["drop"] * times)

    def drop_connections(self) -> None:
        if self._controller is not None:
            self._close_sessions(self._controller)

    def reset(self) -> None:
        with self._lock:
            self._messages.clear()
            self._refusals.clear()
            self._data_actions.clear()

    @property
    def messages(self) -> list[ReceivedEnvelope]:
        with self._lock:
            return list(self._messages)

    # --- called from the server thread ---

    def _opened(self, smtp: SMTP) -> None:
        with self._lock:
            self._sessions.append(smtp)
            self.connections += 1

    def _refusal(self, address: str) -> str | None:
        with self._lock:
            return self._refusals.get(address.lower())

    def _next_data_action(self) -> str | None:
        with self._lock:
            return self._data_actions.popleft() if self._data_actions else None

    def _record(self, envelope: ReceivedEnvelope) -> None:
        with self._lock:
            self._messages.append(envelope)

    def _authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user, password = auth_data.login.decode(), auth_data.password.decode()
        ok = self.credentials.get(user) == password
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    def _close_sessions(self, controller: _Controller) -> None:
        with self._lock:
            sessions, self._sessions = self._sessions, []

        async def close_all() -> None:
            for smtp in sessions:
                if smtp.transport is not None:
                    smtp.transport.close()
            await asyncio.sleep(0)

        asyncio.run_coroutine_threadsafe(close_all(), controller.loop).result(timeout=5)


@pytest.fixture
def smtp_server_factory() -> Iterator[Callable[..., SmtpTestServer]]:
    servers: list[SmtpTestServer] = []

    def make(**options: Any) -> SmtpTestServer:
        server = SmtpTestServer(**options)
        server.start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def smtp_server(smtp_server_factory: Callable[..., SmtpTestServer]) -> SmtpTestServer:
    return smtp_server_factory()


@pytest.fixture
def smtp_url(smtp_server: SmtpTestServer) -> str:
    return smtp_server.url


@pytest.fixture(scope="session")
def smtp_tls_files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl CLI is not installed; cannot make a test certificate")
    return _make_certificates(openssl, tmp_path_factory.mktemp("smtp-tls"))


def _make_certificates(openssl: str, folder: Path) -> TlsFiles:
    ca_key, ca, key, csr, cert = (
        folder / n for n in ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem")
    )
    ext = folder / "server.ext"
    ext.write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
        "basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n"
    )
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    commands = [
        [
            openssl,
            "req",
            "-x509",
            *ec,
            "-keyout",
            ca_key,
            "-out",
            ca,
            "-days",
            "2",
            "-subj",
            "/CN=Accord Test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
        [openssl, "req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=localhost"],
        [
            openssl,
            "x509",
            "-req",
            "-in",
            csr,
            "-CA",
            ca,
            "-CAkey",
            ca_key,
            "-CAcreateserial",
            "-out",
            cert,
            "-days",
            "2",
            "-extfile",
            ext,
        ],
    ]
    for command in commands:
        subprocess.run([str(c) for c in command], check=True, capture_output=True, timeout=30)
    return TlsFiles(ca_file=ca, cert_file=cert, key_file=key)
