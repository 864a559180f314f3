"""The mailbox protocol the poller reads replies through, whatever the mail is stored in.

A mailbox is a folder of messages numbered by UIDs that only grow while its UIDVALIDITY stays
the same. The poller keeps ``(uidvalidity, last_uid)`` per mailbox and asks for what came after.

Errors::

    MailboxError
    ├── TransientMailboxError   connection refused/dropped, timeout, BYE, NO [UNAVAILABLE]: retry
    │                           later (with backoff) after ``reconnect()``
    ├── PermanentMailboxError   bad credentials, missing folder, bad certificate: a human must act
    │   └── LoginRefused        the server refused the credentials
    └── UidValidityChanged      the UIDs the caller holds no longer mean the same messages: rescan
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import NamedTuple, Protocol, Self

from mail.devbox import DevBox, DevMessage


@dataclass(frozen=True)
class MailboxStatus:
    uidvalidity: int
    uidnext: int | None
    exists: int
    can_idle: bool


@dataclass(frozen=True)
class FetchedMessage:
    uid: int
    internaldate: datetime  # aware, UTC
    raw: bytes
    size: int


class FetchedHeader(NamedTuple):
    uid: int
    internaldate: datetime  # aware, UTC
    header: bytes


class MailboxError(Exception):
    """Base class of everything a mailbox raises."""


class TransientMailboxError(MailboxError):
    """Worth retrying later: the server or the network failed, not the configuration."""


class PermanentMailboxError(MailboxError):
    """Retrying will not help until the configuration or the account is fixed."""


class LoginRefused(PermanentMailboxError):
    """The server spoke IMAP and refused the user name, password or token."""


class UidValidityChanged(MailboxError):
    """The folder's UIDVALIDITY is not the one the caller's ``last_uid`` belongs to."""

    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"UIDVALIDITY changed from {expected} to {actual}")
        self.expected = expected
        self.actual = actual


class Mailbox(Protocol):
    """What the poller needs from a mailbox.

    ``open()`` before anything else (``with mailbox:`` does it); it is idempotent and returns a
    fresh status, whose ``uidvalidity`` the caller compares with the one it stored. Passing
    ``uidvalidity=`` to the fetch methods makes a silent change impossible to miss: they raise
    :class:`UidValidityChanged` instead of returning messages under a different numbering.
    """

    def open(self) -> MailboxStatus: ...

    def fetch_after(
        self, last_uid: int, *, batch_size: int = 200, uidvalidity: int | None = None
    ) -> Iterator[list[FetchedMessage]]:
        """Messages with UID > ``last_uid``, oldest first, ``batch_size`` at a time.

        Nothing is marked \\Seen. A message expunged while we read is skipped.
        """
        ...

    def wait_for_change(self, timeout: float) -> bool:
        """Block up to ``timeout`` s; True when mail arrived after the last ``fetch_after``.

        False only means that no signal was seen: callers still poll on a schedule.
        """
        ...

    def close(self) -> None: ...

    def interrupt(self) -> None:
        """From another thread: make a wait or a read that blocks this mailbox (IDLE, a server
        that stopped answering) end now, returning or raising. The mailbox is done with:
        later waits return at once and a closed IMAP mailbox does not connect again."""
        ...

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def batched(items: list[int], size: int) -> Iterator[list[int]]:
    if size < 1:
        raise ValueError("batch_size must be at least 1")
    for start in range(0, len(items), size):
        yield items[start : start + size]


class DevMailbox(Mailbox):
    """A :class:`~mail.devbox.DevBox` folder seen as a mailbox (development, tests)."""

    poll_interval = 0.1

    def __init__(self, box: DevBox) -> None:
        self.box = box
        self._seen_uid = 0
        self._interrupted = threading.Event()

    def open(self) -> MailboxStatus:
        uids = self._uids()
        self._seen_uid = max(self._seen_uid, uids[-1] if uids else 0)
        return MailboxStatus(
            uidvalidity=self._uidvalidity(),
            uidnext=(uids[-1] if uids else 0) + 1,
            exists=len(uids),
            can_idle=False,
        )

    def fetch_after(
        self, last_uid: int, *, batch_size: int = 200, uidvalidity: int | None = None
    ) -> Iterator[list[FetchedMessage]]:
        if uidvalidity is not None and uidvalidity != self._uidvalidity():
            raise UidValidityChanged(uidvalidity, self._uidvalidity())
        uids = [uid for uid in self._uids() if uid > last_uid]
        self._seen_uid = max([self._seen_uid, *uids])
        for chunk in batched(uids, batch_size):
            yield [_from_dev(self._read(uid)) for uid in chunk]

    def wait_for_change(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            uids = self._uids()
            if uids and uids[-1] > self._seen_uid:
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._interrupted.wait(min(self.poll_interval, remaining)):
                return False

    def close(self) -> None:
        """Nothing to release: every call reads the folder afresh."""

    def interrupt(self) -> None:
        self._interrupted.set()

    def _uidvalidity(self) -> int:
        try:
            return self.box.uidvalidity
        except OSError as exc:
            raise PermanentMailboxError(f"cannot use {self.box.path}: {exc}") from exc

    def _uids(self) -> list[int]:
        try:
            return self.box.uids()
        except OSError as exc:
            raise TransientMailboxError(f"cannot list {self.box.path}: {exc}") from exc

    def _read(self, uid: int) -> DevMessage:
        try:
            return self.box.read(uid)
        except OSError as exc:
            raise TransientMailboxError(f"cannot read {uid} in {self.box.path}: {exc}") from exc


def _from_dev(message: DevMessage) -> FetchedMessage:
    return FetchedMessage(message.uid, message.received_at, message.raw, len(message.raw))
