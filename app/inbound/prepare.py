"""The mail-only work on fetched messages, done ahead in a helper process.

Hashing, reading the header facts and parsing a message need no database, and they are
about a quarter of the ingest's CPU time. With a large backlog the poller hands each fetched
batch to a helper process and stores and applies the previous batch while the helper works,
so that work runs on the machine's other core. Nothing here writes anything: a result that
never arrives (the helper died, a bug) costs only the time to compute it again in the
poller, and the stored raw bytes stay the record (a crash re-parses them).

The helper lives as long as the worker process: it is started on the first large backlog
and reused by later polls, because starting one costs about as much as parsing 500 messages.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import multiprocessing
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from app.inbound.store import header_facts
from mail.mailbox import FetchedMessage
from mail.message import ParsedMessage, parse_message

log = logging.getLogger("accord.inbound")

# A backlog smaller than this is prepared in the poller: the hand-off would cost more than
# it saves, and a poll of a few new messages should not wait for a helper to start.
HELPER_MIN_BACKLOG = 400


@dataclass(frozen=True)
class Prepared:
    """What the poller needs from one raw message before it stores and applies it."""

    sha256: str
    facts: tuple[str | None, str | None, str | None]  # header_facts(raw)
    parsed: ParsedMessage


def prepare(raw: bytes, *, tracking_address: str | None, max_bytes: int) -> Prepared:
    return Prepared(
        sha256=hashlib.sha256(raw).hexdigest(),
        facts=header_facts(raw),
        parsed=parse_message(raw, tracking_address=tracking_address, max_bytes=max_bytes),
    )


def prepare_all(
    raws: Sequence[bytes], tracking_address: str | None, max_bytes: int
) -> list[Prepared]:
    return [prepare(r, tracking_address=tracking_address, max_bytes=max_bytes) for r in raws]


class Preparer:
    """Prepares fetched batches, in the helper process when it is on, else in this one."""

    def __init__(self, *, tracking_address: str | None, max_bytes: int, helper: bool) -> None:
        self.tracking_address = tracking_address
        self.max_bytes = max_bytes
        self.pool: ProcessPoolExecutor | None = None
        self.started: Future[bool] | None = None
        self.helped = 0  # batches the helper prepared
        if helper:
            try:
                self.pool, self.started = helper_pool()
            except Exception:
                log.warning("could not start the ingest helper process", exc_info=True)

    def submit(self, batch: Sequence[FetchedMessage]) -> Future[list[Prepared]]:
        raws = [m.raw for m in batch]
        # Until the helper answers (a new one takes about a third of a second to start),
        # batches are prepared here rather than waited for.
        if self.pool is not None and self.started is not None and self.started.done():
            try:
                future = self.pool.submit(prepare_all, raws, self.tracking_address, self.max_bytes)
                self.helped += 1
                return future
            except Exception:  # a broken pool: prepare here, and start a new one next time
                log.warning(
                    "ingest helper process unavailable; preparing in the poller", exc_info=True
                )
                _discard_pool(self.pool)
                self.pool = None
        done: Future[list[Prepared]] = Future()
        done.set_result(prepare_all(raws, self.tracking_address, self.max_bytes))
        return done

    def result(
        self, batch: Sequence[FetchedMessage], future: Future[list[Prepared]]
    ) -> list[Prepared]:
        """The batch's results; computed here if the helper failed to deliver them."""
        try:
            prepared = future.result(timeout=600)
            if len(prepared) == len(batch):
                return prepared
        except Exception:
            log.warning(
                "ingest helper process failed a batch; preparing it in the poller", exc_info=True
            )
            if self.pool is not None:
                _discard_pool(self.pool)
                self.pool = None
        return prepare_all([m.raw for m in batch], self.tracking_address, self.max_bytes)


def _alive() -> bool:
    return True


_pool: tuple[ProcessPoolExecutor, Future[bool]] | None = None
_pool_lock = threading.Lock()


def helper_pool() -> tuple[ProcessPoolExecutor, Future[bool]]:
    """This process's helper pool (started on first use), and a future that completes when
    its process first answered. Starting it blocks for about a third of a second (the fork
    server imports the parser), so that happens on a thread of its own while polling goes on."""
    global _pool
    with _pool_lock:
        if _pool is None:
            # forkserver: the helper is not a fork of this (threaded) worker, and it starts
            # with the parser imported once.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["app.inbound.prepare"])
            pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            atexit.register(pool.shutdown, wait=False, cancel_futures=True)
            started: Future[bool] = Future()
            threading.Thread(
                target=_start, args=(pool, started), name="accord-ingest-helper", daemon=True
            ).start()
            _pool = (pool, started)
        return _pool


def _start(pool: ProcessPoolExecutor, started: Future[bool]) -> None:
    try:
        started.set_result(pool.submit(_alive).result(timeout=120))
    except BaseException as exc:  # reported to the poller through the future
        started.set_exception(exc)


def _discard_pool(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _pool_lock:
        if _pool is not None and _pool[0] is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)
