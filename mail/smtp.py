"""Sending over SMTP: the ``Sender`` protocol and its aiosmtplib adapter.

Every aiosmtplib or socket error is translated here, so callers only see this tree::

    SmtpError                   code and text of the server's reply when there was one
    ├── TransientSmtpError      4xx, refused/reset connections, timeouts: retry later
    └── PermanentSmtpError      5xx: retrying the same message will not help
        ├── SmtpAuthError       credentials refused or AUTH not offered: fix the config
        └── SmtpTlsError        certificate or STARTTLS failure: fix the config

A ``TransientSmtpError`` with ``uncertain=True`` means the connection died after the message
content may have reached the server: it might have been delivered.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from types import TracebackType
from typing import Literal, Protocol, Self
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from mail.compose import OutboundMessage

TlsMode = Literal["starttls", "tls", "none"]
AuthMode = Literal["auto", "plain", "login", "xoauth2"]
Reply = tuple[int, str]

_DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "tls": 465, "none": 25}
_TLS_MODES = ("starttls", "tls", "none")
_AUTH_MODES = ("auto", "plain", "login", "xoauth2")
_QUERY_KEYS = frozenset({"tls", "auth", "ca_file", "verify", "timeout", "data_timeout", "helo"})
_SERVICE_CLOSING = 421


class SmtpError(Exception):
    """Sending failed. ``code``/``text`` hold the server's reply when there was one."""

    def __init__(
        self,
        message: str,
        *,
        code: int | None = None,
        text: str | None = None,
        refused: dict[str, Reply] | None = None,
        uncertain: bool = False,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.text = text
        self.refused = refused or {}
        self.uncertain = uncertain


class TransientSmtpError(SmtpError):
    """Try again later."""


class PermanentSmtpError(SmtpError):
    """Do not retry this message as it is."""


class SmtpAuthError(PermanentSmtpError):
    """The server refused our credentials: a configuration problem, not a message problem."""


class SmtpTlsError(PermanentSmtpError):
    """TLS could not be set up as configured (bad certificate, no STARTTLS)."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    tls: TlsMode = "starttls"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    auth: AuthMode = "auto"
    ca_file: str | None = None
    verify: bool = True
    timeout: float = 30.0
    # RFC 5321 lets a server take up to 10 minutes after the final dot; be patient there.
    data_timeout: float = 120.0
    helo: str | None = None


@dataclass(frozen=True)
class DeliveryResult:
    accepted: dict[str, Reply]
    refused: dict[str, Reply]
    reply: Reply

    @property
    def ok(self) -> bool:
        """True only if every recipient was accepted (a partial refusal is not success)."""
        return not self.refused


class Sender(Protocol):
    """Something that hands an OutboundMessage over, byte for byte, and reports the result."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def send(self, message: OutboundMessage) -> DeliveryResult: ...


# --- configuration -----------------------------------------------------------------------


def parse_smtp_url(url: str) -> SmtpConfig:
    """``smtp[s]://[user:password@]host[:port][?tls=starttls|tls|none&auth=...]``."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError("SMTP URL must start with smtp:// or smtps://")
    if not parts.hostname:
        raise ValueError("SMTP URL has no host")
    query = _query(parts.query)
    tls = _tls_mode(parts.scheme, query.get("tls"))
    auth = query.get("auth", "auto")
    if auth not in _AUTH_MODES:
        raise ValueError(f"unknown auth={auth!r}; expected one of {', '.join(_AUTH_MODES)}")
    username = unquote(parts.username) if parts.username is not None else None
    password = unquote(parts.password) if parts.password is not None else None
    if auth != "auto" and not (username and password):
        raise ValueError(f"auth={auth} needs a user and a password (or access token)")
    return SmtpConfig(
        host=parts.hostname,
        port=parts.port or _DEFAULT_PORTS[tls],
        tls=tls,
        username=username,
        password=password,
        auth=auth,  # type: ignore[arg-type]  # checked against _AUTH_MODES above
        ca_file=query.get("ca_file"),
        verify=_boolean(query.get("verify", "true"), "verify"),
        timeout=_seconds(query.get("timeout", "30"), "timeout"),
        data_timeout=_seconds(query.get("data_timeout", "120"), "data_timeout"),
        helo=query.get("helo"),
    )


def _query(raw: str) -> dict[str, str]:
    values = parse_qs(raw, keep_blank_values=True, strict_parsing=False)
    unknown = set(values) - _QUERY_KEYS
    if unknown:
        # A typo such as ?tsl=none must not silently fall back to the default.
        raise ValueError(f"unknown SMTP URL parameter(s): {', '.join(sorted(unknown))}")
    return {key: vals[-1] for key, vals in values.items()}


def _tls_mode(scheme: str, value: str | None) -> TlsMode:
    if value is None:
        return "tls" if scheme == "smtps" else "starttls"
    if value not in _TLS_MODES:
        raise ValueError(f"unknown tls={value!r}; expected starttls, tls or none")
    if scheme == "smtps" and value != "tls":
        raise ValueError("smtps:// means implicit TLS; it cannot be combined with tls=" + value)
    return value  # type: ignore[return-value]  # checked against _TLS_MODES above


def _boolean(value: str, name: str) -> bool:
    lowered = value.lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name} must be true or false, not {value!r}")


def _seconds(value: str, name: str) -> float:
    seconds = float(value)
    if not 0 < seconds <= 3600:
        raise ValueError(f"{name} must be between 0 and 3600 seconds")
    return seconds


# --- error translation -------------------------------------------------------------------


def translate_error(exc: BaseException, *, uncertain: bool = False) -> SmtpError:
    """Map an aiosmtplib, ssl or socket error to our tree (``raise translate_error(e) from e``)."""
    if isinstance(exc, SmtpError):
        return exc
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
        return SmtpAuthError(
            f"authentication failed: {exc.code} {exc.message}", code=exc.code, text=exc.message
        )
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        return _by_code(exc.code, exc.message, uncertain=uncertain)
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return SmtpTlsError(f"TLS failed: {exc}")
    if isinstance(exc, aiosmtplib.SMTPNotSupported) or _is_starttls_missing(exc):
        return SmtpTlsError(str(exc)) if "TLS" in str(exc).upper() else PermanentSmtpError(str(exc))
    if isinstance(exc, TimeoutError | ConnectionError | OSError | aiosmtplib.SMTPException):
        # Includes aiosmtplib's own timeout/disconnect errors: the message may be retried.
        return TransientSmtpError(f"SMTP connection failed: {exc}", uncertain=uncertain)
    return TransientSmtpError(f"unexpected SMTP failure: {exc!r}", uncertain=uncertain)


def _is_starttls_missing(exc: BaseException) -> bool:
    # aiosmtplib reports "STARTTLS extension not supported" as a bare SMTPException.
    return type(exc) is aiosmtplib.SMTPException and "STARTTLS" in str(exc).upper()


def _by_code(
    code: int, text: str, *, uncertain: bool = False, refused: dict[str, Reply] | None = None
) -> SmtpError:
    kind = PermanentSmtpError if 500 <= code < 600 else TransientSmtpError
    # A 5xx answer is definite: the server did not take the message.
    return kind(
        f"SMTP server replied {code} {text}",
        code=code,
        text=text,
        refused=refused,
        uncertain=uncertain and kind is TransientSmtpError,
    )


# --- the adapter -------------------------------------------------------------------------


class _Stale(Exception):
    """A reused connection turned out to be dead before any DATA was sent."""


class SmtpSender:
    """One SMTP connection, opened on first send and reused for a batch.

    ``async with SmtpSender(config) as sender: result = await sender.send(message)``
    """

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._client: aiosmtplib.SMTP | None = None
        self.connections = 0  # how many times we connected; useful to prove reuse

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is None or not client.is_connected:
            return
        try:
            await client.quit(timeout=self.config.timeout)
        except (aiosmtplib.SMTPException, OSError, TimeoutError):
            client.close()  # QUIT is a courtesy; the message results are already known

    async def send(self, message: OutboundMessage) -> DeliveryResult:
        """Send ``message.data`` as is to ``message.recipients``.

        A connection the server dropped while idle is reopened once, only if nothing of this
        message reached DATA; after that, errors are raised (see the module docstring).
        """
        reused = await self._ensure_connected()
        try:
            return await self._transaction(message, stale_ok=reused)
        except _Stale:
            await self._reconnect()
            return await self._transaction(message, stale_ok=False)

    async def _ensure_connected(self) -> bool:
        """Connect if needed; True if an existing connection is being reused."""
        if self._client is not None and self._client.is_connected:
            return True
        await self._reconnect()
        return False

    async def _reconnect(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None
        client = self._new_client()
        try:
            await client.connect()
            await self._authenticate(client)
        except BaseException as exc:
            client.close()
            if isinstance(exc, Exception):
                raise translate_error(exc) from exc
            raise
        self._client = client
        self.connections += 1

    def _new_client(self) -> aiosmtplib.SMTP:
        cfg = self.config
        return aiosmtplib.SMTP(
            hostname=cfg.host,
            port=cfg.port,
            use_tls=cfg.tls == "tls",
            start_tls=cfg.tls == "starttls",
            validate_certs=cfg.verify,
            cert_bundle=cfg.ca_file,
            timeout=cfg.timeout,
            local_hostname=cfg.helo,
        )

    async def _authenticate(self, client: aiosmtplib.SMTP) -> None:
        cfg = self.config
        if not cfg.username or cfg.password is None:
            return
        if client.is_ehlo_or_helo_needed:
            await client.ehlo()
        if cfg.auth != "xoauth2" and not client.supports_extension("auth"):
            raise SmtpAuthError("the server does not offer AUTH on this connection")
        try:
            if cfg.auth == "xoauth2":
                await client.auth_xoauth2(cfg.username, cfg.password)
            elif cfg.auth == "plain":
                await client.auth_plain(cfg.username, cfg.password)
            elif cfg.auth == "login":
                await client.auth_login(cfg.username, cfg.password)
            else:
                await client.login(cfg.username, cfg.password)
        except aiosmtplib.SMTPResponseException as exc:
            raise SmtpAuthError(
                f"authentication failed: {exc.code} {exc.message}", code=exc.code, text=exc.message
            ) from exc

    async def _transaction(self, message: OutboundMessage, *, stale_ok: bool) -> DeliveryResult:
        client = self._client
        assert client is not None
        utf8 = message.needs_smtputf8
        try:
            if utf8:
                await self._require_smtputf8(client, message)
            await client.mail(
                message.envelope_from,
                options=["SMTPUTF8"] if utf8 else None,
                encoding="utf-8" if utf8 else "ascii",
            )
            accepted, refused = await self._recipients(client, message.recipients, utf8=utf8)
        except (aiosmtplib.SMTPServerDisconnected, ConnectionError) as exc:
            if stale_ok:
                raise _Stale from exc
            raise translate_error(exc) from exc
        except aiosmtplib.SMTPResponseException as exc:
            if stale_ok and exc.code == _SERVICE_CLOSING:
                raise _Stale from exc
            await self._reset(client)
            raise translate_error(exc) from exc
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise translate_error(exc) from exc
        if not accepted:
            await self._reset(client)
            raise _all_refused(refused)
        reply = await self._data(client, message.data)
        return DeliveryResult(accepted=accepted, refused=refused, reply=reply)

    async def _require_smtputf8(self, client: aiosmtplib.SMTP, message: OutboundMessage) -> None:
        """A message with a UTF-8 address goes only to a server that said SMTPUTF8 in its
        EHLO; to any other it would be mangled or refused, so it is not sent, for good."""
        if client.is_ehlo_or_helo_needed:
            await client.ehlo()
        if not client.supports_extension("smtputf8"):
            who = ", ".join(
                a for a in (message.envelope_from, *message.recipients) if not a.isascii()
            )
            raise PermanentSmtpError(
                "not sent: the mail server does not offer SMTPUTF8, which an address with "
                f"non-ASCII characters before the @ needs ({who or 'in a header'}); "
                "ACCORD_SMTPUTF8 says the relay offers it, so check the relay"
            )

    async def _recipients(
        self, client: aiosmtplib.SMTP, recipients: tuple[str, ...], *, utf8: bool = False
    ) -> tuple[dict[str, Reply], dict[str, Reply]]:
        accepted: dict[str, Reply] = {}
        refused: dict[str, Reply] = {}
        for rcpt in recipients:
            try:
                response = await client.rcpt(rcpt, encoding="utf-8" if utf8 else "ascii")
            except aiosmtplib.SMTPRecipientRefused as exc:
                if exc.code == _SERVICE_CLOSING:
                    raise
                refused[rcpt] = (exc.code, exc.message)
            else:
                accepted[rcpt] = (response.code, response.message)
        return accepted, refused

    async def _data(self, client: aiosmtplib.SMTP, data: bytes) -> Reply:
        try:
            response = await client.data(data, timeout=self.config.data_timeout)
        except aiosmtplib.SMTPDataError as exc:
            # The server answered: whatever it said is definite, the message was not taken.
            raise translate_error(exc) from exc
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            client.close()
            raise translate_error(exc, uncertain=True) from exc
        return (response.code, response.message)

    async def _reset(self, client: aiosmtplib.SMTP) -> None:
        if not client.is_connected:
            return
        try:
            await client.rset()
        except (aiosmtplib.SMTPException, OSError, TimeoutError):
            client.close()  # the next send reconnects


def _all_refused(refused: dict[str, Reply]) -> SmtpError:
    # Retrying helps if any refusal was temporary; only all-5xx is final.
    transient = any(code < 500 for code, _ in refused.values())
    code, text = next(iter(refused.values()))
    if transient:
        code, text = next((c, t) for c, t in refused.values() if c < 500)
    kind = TransientSmtpError if transient else PermanentSmtpError
    return kind(
        f"every recipient was refused ({code} {text})", code=code, text=text, refused=dict(refused)
    )


async def send_all(
    sender: Sender, messages: list[OutboundMessage]
) -> list[DeliveryResult | SmtpError]:
    """Send a batch on one connection; one message's failure does not stop the others."""
    results: list[DeliveryResult | SmtpError] = []
    for message in messages:
        try:
            results.append(await sender.send(message))
        except SmtpError as exc:
            results.append(exc)
    return results


__all__ = [
    "DeliveryResult",
    "PermanentSmtpError",
    "Sender",
    "SmtpAuthError",
    "SmtpConfig",
    "SmtpError",
    "SmtpSender",
    "SmtpTlsError",
    "TransientSmtpError",
    "parse_smtp_url",
    "send_all",
    "translate_error",
]
