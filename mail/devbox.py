"""A development mailbox: numbered ``.eml`` files in a folder, with IMAP-like UIDs.

Used when no SMTP or IMAP server is configured, so a new user can run everything on one
machine: outbound mail is written to one DevBox ("sent"), the embedded SMTP listener writes
replies to another ("inbox"), and the poller reads that one as it would an IMAP folder.
Appends are atomic (write to a temp file, then rename), and UIDs only grow.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class DevMessage:
    uid: int
    received_at: datetime
    raw: bytes


class DevBox:
    """A folder of ``<uid>.eml`` files plus a ``UIDVALIDITY`` file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def _ensure(self) -> None:
        # Mail carries reply tokens and sign-in links: for the owner only.
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.path.mkdir(mode=0o700, exist_ok=True)
        validity = self.path / "UIDVALIDITY"
        if not validity.exists():
            tmp = self.path / f".uidvalidity.{secrets.token_hex(4)}"
            tmp.write_text(str(int(datetime.now(UTC).timestamp())))
            os.replace(tmp, validity)

    @property
    def uidvalidity(self) -> int:
        self._ensure()
        return int((self.path / "UIDVALIDITY").read_text().strip())

    def uids(self) -> list[int]:
        if not self.path.exists():
            return []
        return sorted(int(p.stem) for p in self.path.glob("*.eml") if p.stem.isdigit())

    def append(self, raw: bytes) -> int:
        """Store ``raw`` and return its UID."""
        self._ensure()
        with self._lock:
            uid = (self.uids() or [0])[-1] + 1
            while True:
                tmp = self.path / f".tmp.{secrets.token_hex(6)}"
                tmp.write_bytes(raw)
                target = self.path / f"{uid}.eml"
                try:
                    # link() fails if another process took this UID meanwhile: try the next one.
                    os.link(tmp, target)
                except FileExistsError:
                    uid += 1
                    continue
                finally:
                    tmp.unlink(missing_ok=True)
                return uid

    def read(self, uid: int) -> DevMessage:
        path = self.path / f"{uid}.eml"
        stat = path.stat()
        return DevMessage(uid, datetime.fromtimestamp(stat.st_mtime, UTC), path.read_bytes())

    def since(self, last_uid: int) -> Iterator[DevMessage]:
        for uid in self.uids():
            if uid > last_uid:
                yield self.read(uid)
