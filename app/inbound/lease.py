"""A mailbox lease held with a heartbeat.

Only one worker polls a mailbox: the one whose name is in its ``mailbox_state`` row with a
``lease_until`` still ahead. The lease is short (``ACCORD_MAILBOX_LEASE_SECONDS``, 10 s) and a
thread of the holder renews it every quarter of that, so a holder that dies (SIGKILL, the
machine gone) stalls the mailbox for seconds, not minutes. Every write of a polled batch still
checks the owner under the row's lock (``app.inbound.poller``), so a holder that lost its
lease without noticing (a heartbeat that could not reach the database) stores nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import or_, update

from app.bulk import insert_missing
from app.db import Database, utcnow
from app.models import MailboxState
from app.models.tables import mailbox_state_table

log = logging.getLogger("accord.lease")


# Without a heartbeat (a connected mailbox's poll): long enough for any one poll.
UNRENEWED = timedelta(minutes=2)


def acquire_lease(
    database: Database, key: str, owner: str, now: datetime, duration: timedelta = UNRENEWED
) -> bool:
    """Take the mailbox's lease if it is free, expired or already ours (then it is renewed)."""
    with database.transaction() as session:
        insert_missing(session.connection(), mailbox_state_table, {"key": key, "last_uid": 0})
        result = session.execute(
            update(MailboxState)
            .where(
                MailboxState.key == key,
                or_(
                    MailboxState.lease_owner.is_(None),
                    MailboxState.lease_until < now,
                    MailboxState.lease_owner == owner,
                ),
            )
            .values(lease_owner=owner, lease_until=now + duration)
        )
        return bool(getattr(result, "rowcount", 0))


def renew_lease(database: Database, key: str, owner: str, until: datetime) -> bool:
    """Extend the lease if it is still ours; False when another worker holds it now."""
    with database.transaction() as session:
        result = session.execute(
            update(MailboxState)
            .where(MailboxState.key == key, MailboxState.lease_owner == owner)
            .values(lease_until=until)
        )
        return bool(getattr(result, "rowcount", 0))


def release_lease(database: Database, key: str, owner: str) -> None:
    with database.transaction() as session:
        session.execute(
            update(MailboxState)
            .where(MailboxState.key == key, MailboxState.lease_owner == owner)
            .values(lease_owner=None, lease_until=None)
        )


def release_leases_of(database: Database, owners: Sequence[str]) -> None:
    """Release every mailbox lease these owners hold (a worker that stops)."""
    with database.transaction() as session:
        session.execute(
            update(MailboxState)
            .where(MailboxState.lease_owner.in_(owners))
            .values(lease_owner=None, lease_until=None)
        )


class Lease:
    """One worker's hold on one mailbox, renewed by a heartbeat thread while held."""

    def __init__(self, database: Database, key: str, owner: str, *, seconds: float) -> None:
        self.database = database
        self.key = key
        self.owner = owner
        self.duration = timedelta(seconds=seconds)
        # One event per hold, set when that hold ends: a heartbeat of an earlier hold never
        # renews a later one.
        self._ended = threading.Event()
        self._ended.set()
        self._until = 0.0  # time.monotonic() at which the last renewal runs out

    @property
    def held(self) -> bool:
        return not self._ended.is_set() and time.monotonic() < self._until

    def wait_lost(self, timeout: float) -> bool:
        """Block up to ``timeout`` s; True once the lease is not held."""
        return self._ended.wait(timeout) or not self.held

    def acquire(self) -> bool:
        """Take the lease (or keep it); starts the heartbeat. False if another worker holds it."""
        started = time.monotonic()
        if not acquire_lease(self.database, self.key, self.owner, utcnow(), self.duration):
            return False
        self._until = started + self.duration.total_seconds()
        if self._ended.is_set():
            self._ended = ended = threading.Event()
            threading.Thread(
                target=self._beat, args=(ended,), name=f"accord-lease-{self.key}", daemon=True
            ).start()
        return True

    def release(self) -> None:
        """Give the lease up (a clean stop, a failed poll): another worker may take it now."""
        self._ended.set()
        try:
            release_lease(self.database, self.key, self.owner)
        except Exception:  # it runs out by itself in a few seconds
            log.warning("could not release the lease on %s", self.key, exc_info=True)

    def _beat(self, ended: threading.Event) -> None:
        every = self.duration.total_seconds() / 4
        while not ended.wait(every):
            started = time.monotonic()
            try:
                renewed = renew_lease(self.database, self.key, self.owner, utcnow() + self.duration)
            except Exception as exc:  # the database is away: retried until the lease runs out
                log.warning("could not renew the lease on %s: %s", self.key, exc)
                if time.monotonic() >= self._until:
                    ended.set()
                continue
            if not renewed:
                # A release that ran while this renewal was on its way is not a loss.
                if not ended.is_set():
                    log.warning("lost the lease on %s to another worker", self.key)
                    ended.set()
                return
            if not ended.is_set():
                self._until = started + self.duration.total_seconds()
