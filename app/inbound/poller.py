"""Polling a mailbox: fetch by UID after the stored watermark, store raw, then process.

Only the holder of the mailbox's lease polls it. A fetched batch is stored together with
the new watermark in one transaction; processing happens afterwards from the stored rows,
so a crash between the two loses nothing (the rows wait as ``received``) and applies
nothing twice (the UID and content-hash checks skip what is already stored).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from app.bulk import insert_missing
from app.config import Settings
from app.core.mailboxes import TRACKING
from app.db import Database, utcnow
from app.inbound.lease import Lease
from app.inbound.pipeline import ProcessReport, process_pending
from app.inbound.prepare import HELPER_MIN_BACKLOG, Prepared, Preparer
from app.inbound.store import known_contents, known_uids, received_row, store_many
from app.models import MailboxState
from app.models.tables import mailbox_state_table
from mail.imap import ImapMailbox
from mail.mailbox import FetchedMessage, Mailbox, MailboxStatus

log = logging.getLogger("accord.poller")

# Batches fetched or prepared ahead of the one being stored and applied. Two, so that a
# batch the helper is slow with (a GC pause, a slow read) does not stall the poller.
LOOKAHEAD = 2


@dataclass
class PollReport:
    polled: bool = False
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    rescanned: bool = False
    helper_batches: int = 0  # fetched batches hashed and parsed by the helper process
    processed: ProcessReport = field(default_factory=ProcessReport)


def mailbox_state(session: Session, key: str) -> MailboxState:
    """The sync state of one mailbox, locked for this transaction (created on first use)."""
    state = session.get(MailboxState, key, with_for_update=True)
    if state is None:
        # Idempotent: workers starting together on an empty database all get here, and the
        # ones that lose the race wait on the winner's row instead of a unique violation.
        insert_missing(session.connection(), mailbox_state_table, {"key": key, "last_uid": 0})
        state = session.get(MailboxState, key, with_for_update=True, populate_existing=True)
        assert state is not None
    return state


@dataclass
class _Poll:
    """One poll's fixed facts, and what it does with each fetched batch."""

    settings: Settings
    database: Database
    key: str
    uidvalidity: int
    owner: str
    source: str
    now: Callable[[], datetime]
    preparer: Preparer
    report: PollReport
    lease: timedelta

    def handle(self, ready: Callable[[], tuple[list[FetchedMessage], list[Prepared]]]) -> None:
        batch, prepared = ready()
        self.process(self.store(batch, prepared))

    def process(self, prepared: dict[int, Prepared]) -> None:
        part = process_pending(
            self.settings,
            self.database,
            batch_size=self.settings.ingest_batch_size,
            now=self.now,
            parsed={row_id: p.parsed for row_id, p in prepared.items()},
            verdicts={row_id: p.verdict for row_id, p in prepared.items() if p.verdict},
        )
        for status, count in part.by_status.items():
            total = self.report.processed.by_status
            total[status] = total.get(status, 0) + count

    def store(self, batch: list[FetchedMessage], prepared: list[Prepared]) -> dict[int, Prepared]:
        """Store the batch's new messages; returns what was prepared for them, by row id."""
        report = self.report
        new: list[tuple[dict[str, Any], Prepared]] = []
        with self.database.transaction() as session:
            state = mailbox_state(session, self.key)
            if state.lease_owner != self.owner or state.uidvalidity != self.uidvalidity:
                raise RuntimeError("lost the mailbox lease; another worker polls it now")
            seen_uids = known_uids(
                session,
                mailbox=self.key,
                uidvalidity=self.uidvalidity,
                uids=[m.uid for m in batch],
            )
            seen = known_contents(session, [p.sha256 for p in prepared])
            for message, ready in zip(batch, prepared, strict=True):
                report.fetched += 1
                message_id = ready.facts[0]
                key_of = (message_id, ready.sha256)
                if (
                    message.uid in seen_uids
                    or key_of in seen
                    or (message_id is None and any(d == key_of[1] for _, d in seen))
                ):
                    report.duplicates += 1
                else:
                    values = received_row(
                        raw=message.raw,
                        source=self.source,
                        mailbox=self.key,
                        uidvalidity=self.uidvalidity,
                        uid=message.uid,
                        internaldate=message.internaldate,
                        sha256=key_of[1],
                        copy_sha256=ready.copy_sha256,
                        facts=ready.facts,
                    )
                    new.append((values, ready))
                    seen.add(key_of)
                    report.stored += 1
                state.last_uid = max(state.last_uid, message.uid)
            state.lease_until = utcnow() + self.lease
            ids = store_many(session, [values for values, _ in new])
            return {row_id: ready for row_id, (_, ready) in zip(ids, new, strict=True)}


def begin_poll(database: Database, key: str, uidvalidity: int, now: datetime) -> tuple[int, bool]:
    """Where this poll of ``key`` starts: the last UID stored, and whether UIDVALIDITY
    changed (a new numbering: a rescan from the start, deduplicated by Message-ID and
    content hash)."""
    with database.transaction() as session:
        state = mailbox_state(session, key)
        state.last_poll_started_at = now
        if state.uidvalidity != uidvalidity:
            if state.uidvalidity is not None:
                log.warning(
                    "UIDVALIDITY of %s changed (%s -> %s): rescanning",
                    key,
                    state.uidvalidity,
                    uidvalidity,
                )
            rescan = state.uidvalidity is not None
            state.uidvalidity = uidvalidity
            state.last_uid = 0
            return 0, rescan
        return state.last_uid, False


def poll_mailbox(
    settings: Settings,
    database: Database,
    mailbox: Mailbox,
    *,
    key: str = TRACKING,
    owner: str,
    source: str = "imap",
    batch_size: int = 200,
    now: Callable[[], datetime] = utcnow,
    helper_min: int = HELPER_MIN_BACKLOG,
    lease: Lease | None = None,
) -> PollReport:
    """One complete poll: fetch everything new, store it, process it, mark the mailbox synced.

    Under ``lease`` when the caller holds one (the worker's mailbox loop keeps its lease
    between polls); otherwise the poll takes the mailbox's lease and gives it up at the end."""
    report = PollReport()
    started = now()
    own = lease is None
    if lease is None:
        lease = Lease(database, key, owner, seconds=settings.mailbox_lease_seconds)
        if not lease.acquire():
            return report
    elif not lease.held:
        return report
    owner = lease.owner
    try:
        status = mailbox.open()
        last_uid, report.rescanned = begin_poll(database, key, status.uidvalidity, started)
        preparer = Preparer(
            tracking_address=settings.tracking_address,
            max_bytes=settings.max_message_bytes,
            helper=settings.ingest_helper_process and _backlog(status, last_uid) >= helper_min,
            database_url=settings.resolved_database_url,
        )
        poll = _Poll(
            settings,
            database,
            key,
            status.uidvalidity,
            owner,
            source,
            now,
            preparer,
            report,
            lease.duration,
        )
        # Batches are kept ahead: while the helper fetches (IMAP) and prepares batches n + 1
        # and n + 2, this process stores and applies batch n.
        ahead: deque[Callable[[], tuple[list[FetchedMessage], list[Prepared]]]] = deque()
        for ready in _batches(mailbox, preparer, last_uid, batch_size, status.uidvalidity):
            ahead.append(ready)
            if len(ahead) > LOOKAHEAD:
                poll.handle(ahead.popleft())
        while ahead:
            poll.handle(ahead.popleft())
        report.helper_batches = preparer.helped
        poll.process({})  # whatever an earlier, interrupted poll stored but did not process
        with database.transaction() as session:
            state = mailbox_state(session, key)
            # Mail that arrived before this poll started has now been stored and processed.
            state.synced_through = max(filter(None, [state.synced_through, started]))
            state.last_error = None
        report.polled = True
    except Exception as exc:
        with database.transaction() as session:
            mailbox_state(session, key).last_error = f"{type(exc).__name__}: {exc}"[:2000]
        raise
    finally:
        if own:
            lease.release()
    return report


def _batches(
    mailbox: Mailbox, preparer: Preparer, last_uid: int, batch_size: int, uidvalidity: int
) -> Iterator[Callable[[], tuple[list[FetchedMessage], list[Prepared]]]]:
    """The new messages batch by batch, each as a call that returns it fetched and prepared.

    With the helper on and an IMAP mailbox, this connection only finds the UIDs and the
    helper fetches and prepares them over its own; otherwise this connection fetches and
    the helper (or this process) prepares."""
    if preparer.pool is not None and isinstance(mailbox, ImapMailbox):
        for uids in mailbox.uid_batches_after(
            last_uid, batch_size=batch_size, uidvalidity=uidvalidity
        ):
            future = preparer.submit_fetch(mailbox, uids, uidvalidity)
            yield partial(preparer.fetched, mailbox, uids, uidvalidity, future)
        return
    for batch in mailbox.fetch_after(last_uid, batch_size=batch_size, uidvalidity=uidvalidity):
        yield partial(preparer.result, batch, preparer.submit(batch))


def _backlog(status: MailboxStatus, last_uid: int) -> int:
    """About how many messages this poll will fetch (UIDs may have gaps: an upper bound)."""
    if status.uidnext is None:
        return status.exists
    return min(status.exists, max(0, status.uidnext - 1 - last_uid))
