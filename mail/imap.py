"""IMAP mailboxes over imapclient: UIDVALIDITY, UID ranges, BODY.PEEK, IDLE, XOAUTH2.

``parse_imap_url`` reads the configuration::

    imap[s]://[user[:password]@]host[:port][/FOLDER][?tls=tls|starttls|none&auth=login|xoauth2
                                                     &timeout=SECONDS&ca_file=PATH]

``ImapMailbox`` never loops on failures by itself: it raises
:class:`~mail.mailbox.TransientMailboxError` and the caller sleeps through ``backoff_delays``
before ``reconnect()``.
"""

from __future__ import annotations

import contextlib
import logging
import random
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, cast
from urllib.parse import parse_qsl, unquote, urlsplit

from imapclient import IMAPClient, imap4, tls
from imapclient.exceptions import (
    CapabilityError,
    IMAPClientAbortError,
    IMAPClientError,
    LoginError,
)

from mail.mailbox import (
    FetchedHeader,
    FetchedMessage,
    LoginRefused,
    Mailbox,
    MailboxError,
    MailboxStatus,
    PermanentMailboxError,
    TransientMailboxError,
    UidValidityChanged,
)

log = logging.getLogger(__name__)

TlsMode = Literal["tls", "starttls", "none"]
AuthMode = Literal["login", "xoauth2"]

# RFC 2177: servers may drop an IDLE after 30 minutes; re-issuing it every 5 also notices a dead
# connection sooner than the 29-minute limit would.
IDLE_MAX_SECONDS = 300.0
# Dovecot (and imaplib's 1 MB line limit) cope with a UID SEARCH answer of this many UIDs.
SEARCH_WINDOW = 20_000

_BODY = b"BODY[]"
_HEADER = b"BODY[HEADER]"
_DATE = b"INTERNALDATE"
_SIZE = b"RFC822.SIZE"
_TRANSIENT_CODES = ("[UNAVAILABLE]", "[INUSE]", "[LIMIT]", "[SERVERBUG]", "[EXPUNGEISSUED]")
_QUERY_KEYS = {"tls", "auth", "timeout", "ca_file"}


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    user: str = ""
    password: str = field(default="", repr=False)  # an OAuth2 access token when auth=xoauth2
    folder: str = "INBOX"
    tls: TlsMode = "tls"
    auth: AuthMode = "login"
    timeout: float = 30.0
    ca_file: str | None = None
    # Connect to this address instead of resolving ``host`` (resolved and checked by the
    # caller); TLS still sends and verifies ``host``.
    address: str | None = None


def parse_imap_url(url: str) -> ImapConfig:
    """Read an ``imap://`` or ``imaps://`` URL; raise ValueError when it is not valid."""
    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps"):
        raise ValueError(f"not an IMAP URL (imap:// or imaps://): scheme {parts.scheme!r}")
    if not parts.hostname:
        raise ValueError("IMAP URL without a host")
    options = _query_options(parts.query)
    tls = _tls_mode(parts.scheme, options.get("tls"))
    return ImapConfig(
        host=parts.hostname,
        port=parts.port or (993 if tls == "tls" else 143),
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        folder=unquote(parts.path.lstrip("/")) or "INBOX",
        tls=tls,
        auth=_auth_mode(options.get("auth", "login")),
        timeout=_timeout(options.get("timeout", "30")),
        ca_file=options.get("ca_file") or None,
    )


def _query_options(query: str) -> dict[str, str]:
    pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query))
    unknown = {key for key, _ in pairs} - _QUERY_KEYS
    if unknown:
        raise ValueError(f"unknown IMAP URL option(s): {', '.join(sorted(unknown))}")
    if len({key for key, _ in pairs}) != len(pairs):
        raise ValueError("an IMAP URL option is repeated")
    return dict(pairs)


def _tls_mode(scheme: str, value: str | None) -> TlsMode:
    if value is None:
        return "tls"
    if value not in ("tls", "starttls", "none"):
        raise ValueError(f"tls must be tls, starttls or none, not {value!r}")
    if scheme == "imaps" and value != "tls":
        raise ValueError("imaps:// means implicit TLS: drop tls= or use imap://")
    return cast(TlsMode, value)


def _auth_mode(value: str) -> AuthMode:
    if value not in ("login", "xoauth2"):
        raise ValueError(f"auth must be login or xoauth2, not {value!r}")
    return cast(AuthMode, value)


def _timeout(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"timeout must be a number of seconds, not {value!r}") from None
    if not 0 < seconds < 3600:
        raise ValueError("timeout must be between 0 and 3600 seconds")
    return seconds


def backoff_delays(
    base: float = 1.0, cap: float = 300.0, *, rng: random.Random | None = None
) -> Iterator[float]:
    """Endless reconnect delays: doubling from ``base`` up to ``cap``, each jittered.

    Each delay is between half and all of its step, so many pollers restarted together spread
    out but none retries in a tight loop.
    """
    if base <= 0 or cap < base:
        raise ValueError("need 0 < base <= cap")
    rng = rng or random.Random()
    step = base
    while True:
        yield step / 2 + rng.uniform(0, step / 2)
        step = min(cap, step * 2)


def translate_error(exc: BaseException, action: str) -> MailboxError:
    """Map an imapclient, ssl or socket error to a transient or permanent mailbox error."""
    message = f"IMAP {action} failed: {exc}"
    if isinstance(exc, MailboxError):
        return exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        return PermanentMailboxError(message)
    if isinstance(exc, LoginError):
        return _by_code(str(exc), message, default=LoginRefused)
    if isinstance(exc, CapabilityError):
        return _by_code(str(exc), message, default=PermanentMailboxError)
    if isinstance(exc, IMAPClientAbortError | OSError | EOFError):
        return TransientMailboxError(message)
    if isinstance(exc, IMAPClientError):
        default = PermanentMailboxError if action in ("login", "select") else TransientMailboxError
        return _by_code(str(exc), message, default=default)
    return TransientMailboxError(message)


def _by_code(text: str, message: str, *, default: type[MailboxError]) -> MailboxError:
    if any(code in text.upper() for code in _TRANSIENT_CODES):
        return TransientMailboxError(message)
    return default(message)


@contextlib.contextmanager
def _translated(action: str) -> Iterator[None]:
    try:
        yield
    except (IMAPClientError, OSError, EOFError) as exc:
        raise translate_error(exc, action) from exc


def _pinned_client(address: str) -> type[IMAPClient]:
    """An IMAPClient whose socket goes to ``address`` while it still names (Host, SNI and the
    certificate check) the configured host: no second DNS lookup between check and connect.
    imapclient has no option for it; ``_create_IMAP4`` is where it builds its connection."""

    class Plain(imap4.IMAP4WithTimeout):  # type: ignore[misc]
        def _create_socket(self, timeout: float | None = None) -> socket.socket:
            wait = timeout if timeout is not None else self._timeout
            return socket.create_connection((address, self.port), wait)

    class Tls(tls.IMAP4_TLS):  # type: ignore[misc]
        def _create_socket(self, timeout: float | None = None) -> socket.socket:
            wait = timeout if timeout is not None else self._timeout
            sock = socket.create_connection((address, self.port), wait)
            return cast(socket.socket, tls.wrap_socket(sock, self.ssl_context, self.host))

    class Pinned(IMAPClient):  # type: ignore[misc]
        def _create_IMAP4(self) -> Any:
            connect_timeout = getattr(self._timeout, "connect", None)
            if self.ssl:
                return Tls(self.host, self.port, self.ssl_context, connect_timeout)
            return Plain(self.host, self.port, connect_timeout)

    return Pinned


def as_utc(moment: datetime) -> datetime:
    """INTERNALDATE as an aware UTC datetime (a naive one is taken as local time, as imapclient
    would produce with ``normalise_times``)."""
    return moment.astimezone(UTC)


class ImapMailbox(Mailbox):
    """One folder on an IMAP server, read over one connection."""

    def __init__(
        self,
        config: ImapConfig,
        *,
        idle_max: float = IDLE_MAX_SECONDS,
        search_window: int = SEARCH_WINDOW,
    ) -> None:
        self.config = config
        self.idle_max = idle_max
        self.search_window = search_window
        self._client: Any = None
        self._status: MailboxStatus | None = None
        self._seen_uid = 0
        self._interrupted = threading.Event()

    # -- connection -------------------------------------------------------------------------

    def open(self) -> MailboxStatus:
        """Connect and log in if needed, then (re)select the folder and return its status."""
        if self._client is None:
            self._client = self._connect()
        with self._dropping_on_error("select"):
            self._status = self._select()
        return self._status

    def reconnect(self) -> MailboxStatus:
        """Drop the connection (whatever its state) and open a new one."""
        self._drop()
        return self.open()

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # the connection may already be gone; closing must not fail
            _shutdown(client)

    def interrupt(self) -> None:
        """Shut the socket down under a thread blocked on it (IDLE, a read from a server that
        stopped answering): its call fails at once and the connection is dropped. Only the
        socket is touched: closing the client here would wait on the reader's buffer lock."""
        self._interrupted.set()
        client = self._client
        if client is None:
            return
        with contextlib.suppress(Exception):
            socket.socket.shutdown(client.socket(), socket.SHUT_RDWR)

    @property
    def connected(self) -> bool:
        return self._client is not None

    def _connect(self) -> Any:
        if self._interrupted.is_set():
            raise TransientMailboxError("the mailbox was interrupted: the worker is stopping")
        cfg = self.config
        context = ssl.create_default_context(cafile=cfg.ca_file)
        client_class = _pinned_client(cfg.address) if cfg.address else IMAPClient
        with _translated("connect"):
            client = client_class(
                cfg.host, cfg.port, ssl=cfg.tls == "tls", ssl_context=context, timeout=cfg.timeout
            )
        try:
            with _translated("login"):
                if cfg.tls == "starttls":
                    client.starttls(context)
                self._login(client)
        except BaseException:
            _shutdown(client)
            raise
        # Aware datetimes as the server sent them: imapclient's default turns them into naive
        # local time, which is ambiguous once a year and wrong if TZ differs between processes.
        client.normalise_times = False
        return client

    def _login(self, client: Any) -> None:
        cfg = self.config
        if cfg.auth == "xoauth2":
            client.oauth2_login(cfg.user, cfg.password)
        else:
            client.login(cfg.user, cfg.password)

    def _select(self) -> MailboxStatus:
        client = self._client
        info = client.select_folder(self.config.folder)
        status = MailboxStatus(
            uidvalidity=int(info[b"UIDVALIDITY"]),
            uidnext=int(info[b"UIDNEXT"]) if b"UIDNEXT" in info else None,
            exists=int(info.get(b"EXISTS", 0)),
            can_idle=bool(client.has_capability("IDLE")),
        )
        if self._status is None or self._status.uidvalidity != status.uidvalidity:
            self._seen_uid = 0  # UIDs from another numbering say nothing about this one
        if status.uidnext is not None:
            self._seen_uid = max(self._seen_uid, status.uidnext - 1)
        return status

    def _require(self, uidvalidity: int | None = None) -> Any:
        if self._client is None or self._status is None:
            raise TransientMailboxError("IMAP mailbox is not connected: call open()/reconnect()")
        if uidvalidity is not None and uidvalidity != self._status.uidvalidity:
            raise UidValidityChanged(uidvalidity, self._status.uidvalidity)
        return self._client

    def _drop(self) -> None:
        client, self._client = self._client, None
        self._status = None
        if client is not None:
            _shutdown(client)

    @contextlib.contextmanager
    def _dropping_on_error(self, action: str) -> Iterator[None]:
        # After a failure the protocol state is unknown (half-read responses, IDLE still on):
        # the only safe next step is a new connection.
        try:
            with _translated(action):
                yield
        except MailboxError:
            self._drop()
            raise

    # -- reading ----------------------------------------------------------------------------

    def fetch_after(
        self, last_uid: int, *, batch_size: int = 200, uidvalidity: int | None = None
    ) -> Iterator[list[FetchedMessage]]:
        for uids in self._batches_after(last_uid, batch_size, uidvalidity):
            yield self._fetch_messages(uids)

    def uid_batches_after(
        self, last_uid: int, *, batch_size: int = 200, uidvalidity: int | None = None
    ) -> Iterator[list[int]]:
        """The UIDs ``fetch_after`` would fetch, in the same batches, for a reader that
        fetches them over another connection (``fetch_uids``)."""
        return self._batches_after(last_uid, batch_size, uidvalidity)

    def fetch_uids(
        self, uids: list[int], *, uidvalidity: int | None = None
    ) -> list[FetchedMessage]:
        """These messages, in this order; one expunged meanwhile is left out. The folder's
        view is synced first (NOOP), so UIDs another connection just found are seen here."""
        client = self._require(uidvalidity)
        with self._dropping_on_error("noop"):
            client.noop()
        return self._fetch_messages(uids)

    def fetch_headers_after(
        self, last_uid: int, *, batch_size: int = 200, uidvalidity: int | None = None
    ) -> Iterator[list[FetchedHeader]]:
        """Header blocks of messages after ``last_uid`` (for mailboxes read selectively)."""
        for uids in self._batches_after(last_uid, batch_size, uidvalidity):
            yield self._fetch_headers(uids)

    def fetch_one(self, uid: int, *, uidvalidity: int | None = None) -> FetchedMessage | None:
        """The message with this UID, or None if it is not (or no longer) in the folder."""
        self._require(uidvalidity)
        found = self._fetch_messages([uid])
        return found[0] if found else None

    def _batches_after(
        self, last_uid: int, batch_size: int, uidvalidity: int | None
    ) -> Iterator[list[int]]:
        self._require(uidvalidity)
        pending: list[int] = []
        for window in self._uid_windows_after(last_uid):
            pending.extend(window)
            while len(pending) >= batch_size:
                yield pending[:batch_size]
                del pending[:batch_size]
        if pending:
            yield pending

    def _uid_windows_after(self, last_uid: int) -> Iterator[list[int]]:
        """UIDs above ``last_uid`` in ascending chunks, each from a bounded UID SEARCH.

        One ``UID SEARCH UID n:*`` on a large mailbox could exceed imaplib's 1 MB line limit.
        """
        top = self._max_uid()
        self._seen_uid = max(self._seen_uid, top)
        low = last_uid + 1
        while low <= top:
            high = min(top, low + self.search_window - 1)
            yield self._search_uids(low, high, above=last_uid)
            low = high + 1

    def _max_uid(self) -> int:
        client = self._require()
        with self._dropping_on_error("noop"):
            # The selected folder's view only takes in new mail when the server syncs it, which
            # Dovecot does on NOOP but not on SEARCH.
            client.noop()
        # "*" is the highest UID in the folder, even when it is below the range asked for:
        # that is the `n:*` quirk, harmless here because the result is only compared.
        uids = self._search(["UID", "*"])
        return max(uids, default=0)

    def _search_uids(self, low: int, high: int, *, above: int) -> list[int]:
        return sorted(uid for uid in self._search(["UID", f"{low}:{high}"]) if uid > above)

    def _search(self, criteria: list[str]) -> list[int]:
        client = self._require()
        with self._dropping_on_error("search"):
            return [int(uid) for uid in client.search(criteria)]

    def _fetch(self, uids: list[int], items: list[str]) -> dict[int, dict[bytes, Any]]:
        client = self._require()
        with self._dropping_on_error("fetch"):
            response: dict[int, dict[bytes, Any]] = client.fetch(uids, items)
        return response

    def _fetch_messages(self, uids: list[int]) -> list[FetchedMessage]:
        response = self._fetch(uids, ["BODY.PEEK[]", "INTERNALDATE", "RFC822.SIZE"])
        return [_message(uid, response[uid]) for uid in uids if uid in response]

    def _fetch_headers(self, uids: list[int]) -> list[FetchedHeader]:
        response = self._fetch(uids, ["BODY.PEEK[HEADER]", "INTERNALDATE"])
        return [_header(uid, response[uid]) for uid in uids if uid in response]

    # -- waiting ----------------------------------------------------------------------------

    def wait_for_change(self, timeout: float) -> bool:
        """IDLE (re-issued every ``idle_max`` s) or sleep, for up to ``timeout`` s."""
        self._require()
        if self._has_unseen_uids():
            return True
        if self._status is None or not self._status.can_idle:
            if self._interrupted.wait(timeout):
                return False
            return self._has_unseen_uids()
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0 and not self._interrupted.is_set():
            if self._idle_once(min(remaining, self.idle_max)):
                return True
        return False

    def _has_unseen_uids(self) -> bool:
        """Mail that arrived after the last fetch, before IDLE started, would not be signalled."""
        return self._max_uid() > self._seen_uid

    def _idle_once(self, seconds: float) -> bool:
        client = self._require()
        with self._dropping_on_error("idle"):
            client.idle()
            try:
                return self._idle_until_new_mail(client, seconds)
            finally:
                client.idle_done()

    def _idle_until_new_mail(self, client: Any, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            responses = client.idle_check(timeout=remaining)
            if _signals_new_mail(responses):
                return True
            if not responses and deadline - time.monotonic() > 0.05:
                # idle_check swallows EOF and returns early with nothing: leave IDLE so that
                # idle_done() meets the dead connection and raises.
                return False
        return False


def _signals_new_mail(responses: list[tuple[Any, ...]]) -> bool:
    for response in responses:
        if response and response[0] == b"BYE":
            raise TransientMailboxError(f"IMAP server closed the connection: {response!r}")
        if len(response) >= 2 and response[1] == b"EXISTS":
            return True
    return False


def _message(uid: int, data: dict[bytes, Any]) -> FetchedMessage:
    raw = data.get(_BODY)
    if raw is None or _DATE not in data:
        # Advancing past a message we could not read would lose it.
        raise TransientMailboxError(f"IMAP FETCH of UID {uid} returned no body")
    return FetchedMessage(uid, as_utc(data[_DATE]), bytes(raw), int(data.get(_SIZE, len(raw))))


def _header(uid: int, data: dict[bytes, Any]) -> FetchedHeader:
    header = data.get(_HEADER)
    if header is None or _DATE not in data:
        raise TransientMailboxError(f"IMAP FETCH of UID {uid} returned no header")
    return FetchedHeader(uid, as_utc(data[_DATE]), bytes(header))


def _shutdown(client: Any) -> None:
    with contextlib.suppress(Exception):
        client.shutdown()


__all__ = [
    "IDLE_MAX_SECONDS",
    "AuthMode",
    "ImapConfig",
    "ImapMailbox",
    "TlsMode",
    "as_utc",
    "backoff_delays",
    "parse_imap_url",
    "translate_error",
]
