"""The work on fetched messages that needs no lock, done ahead in a helper process.

Hashing, reading the header facts, parsing a message and classifying a reply are about
half of the ingest's CPU time. With a large backlog the poller hands each fetched batch to a
helper process and stores and applies the previous batch while the helper works, so that
work runs on the machine's other core. Classifying needs the summary the reply answers and
two names, which the helper reads from the database (read only, committed rows, with the
same loader and classifier inputs as deciding: ``app.inbound.load``, ``decide.classify``);
each verdict carries those inputs, and the pipeline uses it only if they are still what it
finds under the agreement's lock (``app.inbound.pipeline``).

Nothing here writes anything: a result that never arrives (the helper died, a bug) costs
only the time to compute it again in the poller, and the stored raw bytes stay the record
(a crash re-parses them).

The helper lives as long as the worker process: it is started on the first large backlog
and reused by later polls, because starting one costs about as much as parsing 500 messages.
It never outlives it: a clean stop ends it (``stop_helper_pool``), and the helper watches
the process that started it and exits the moment that one is gone, however it died (a
SIGKILL runs no cleanup). The fork server and multiprocessing's resource tracker then end
by themselves: each waits for end of file on a pipe that only the worker and the helper
hold open.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import logging
import multiprocessing
import os
import select
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace

from sqlalchemy import Engine, create_engine

from app.db import normalize_url, utcnow
from app.inbound.decide import Inbound, Verdict, classifier_inputs, classify
from app.inbound.load import load, sent_texts
from app.inbound.store import header_facts
from mail.classify import classify_reply
from mail.imap import ImapConfig, ImapMailbox
from mail.mailbox import FetchedMessage, MailboxError
from mail.message import ParsedMessage, parse_message
from mail.redact import copy_digest

log = logging.getLogger("accord.inbound")

# A backlog smaller than this is prepared in the poller: the hand-off would cost more than
# it saves, and a poll of a few new messages should not wait for a helper to start.
HELPER_MIN_BACKLOG = 400


@dataclass(frozen=True)
class Prepared:
    """What the poller needs from one raw message before it stores and applies it."""

    sha256: str
    copy_sha256: str
    facts: tuple[str | None, str | None, str | None]  # header_facts(raw)
    parsed: ParsedMessage
    verdict: Verdict | None = None  # a reply's classification, if it was made ahead


def prepare(raw: bytes, *, tracking_address: str | None, max_bytes: int) -> Prepared:
    return Prepared(
        sha256=hashlib.sha256(raw).hexdigest(),
        copy_sha256=copy_digest(raw),
        facts=header_facts(raw),
        parsed=parse_message(raw, tracking_address=tracking_address, max_bytes=max_bytes),
    )


def prepare_all(
    raws: Sequence[bytes],
    tracking_address: str | None,
    max_bytes: int,
    database_url: str | None = None,
) -> list[Prepared]:
    """Prepare a batch; with ``database_url`` (in the helper), classify its replies too."""
    prepared = [prepare(r, tracking_address=tracking_address, max_bytes=max_bytes) for r in raws]
    if database_url is None:
        return prepared
    try:
        verdicts = classify_ahead(_reader(database_url), [p.parsed for p in prepared])
    except Exception:  # the database is away, say: the poller classifies these itself
        log.warning("could not classify a batch ahead", exc_info=True)
        return prepared
    return [replace(p, verdict=v) if v else p for p, v in zip(prepared, verdicts, strict=True)]


def classify_ahead(engine: Engine, parsed: Sequence[ParsedMessage]) -> list[Verdict | None]:
    """Classify the replies that name their sender's counterparty by token, as deciding
    them would (``app.inbound.decide.classify``), from committed rows."""
    now = utcnow()
    messages = [Inbound(-n, p.message_id, p, now) for n, p in enumerate(parsed, start=1)]
    named = [m for m in messages if m.parsed.kind == "reply" and m.parsed.token]
    if not named:
        return [None] * len(parsed)
    with engine.connect() as connection:
        snapshot = load(connection, named, lock=False, tokens_only=True)
        parties = [snapshot.by_token.get(m.parsed.token or "") for m in named]
        texts = sent_texts(
            connection,
            {(p.agreement_id, p.summary_message_id) for p in parties if p and p.summary_message_id},
        )
    verdicts: list[Verdict | None] = []
    for message in messages:
        party = snapshot.by_token.get(message.parsed.token or "")
        if party is None or message.parsed.kind != "reply":
            verdicts.append(None)
            continue
        agreement = snapshot.agreements[party.agreement_id]
        text = texts.get((agreement.id, party.summary_message_id or ""))
        verdict = classify(message, party, agreement, text)
        verdicts.append(Verdict(classifier_inputs(party, agreement), verdict))
    return verdicts


_readers: dict[str, Engine] = {}


def _reader(url: str) -> Engine:
    """A plain engine for reading committed rows: on SQLite it takes no write lock
    (``app.db`` begins every transaction IMMEDIATE)."""
    engine = _readers.get(url)
    if engine is None:
        engine = create_engine(normalize_url(url), pool_size=1, pool_pre_ping=True)
        _readers[url] = engine
    return engine


class Preparer:
    """Prepares fetched batches, in the helper process when it is on, else in this one."""

    def __init__(
        self,
        *,
        tracking_address: str | None,
        max_bytes: int,
        helper: bool,
        database_url: str | None = None,
    ) -> None:
        self.tracking_address = tracking_address
        self.max_bytes = max_bytes
        self.database_url = database_url
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
                future = self.pool.submit(
                    prepare_all, raws, self.tracking_address, self.max_bytes, self.database_url
                )
                self.helped += 1
                return future
            except Exception:  # a broken pool: prepare here, and start a new one next time
                log.warning(
                    "ingest helper process unavailable; preparing in the poller", exc_info=True
                )
                _discard_pool(self.pool)
                self.pool = None
        done: Future[list[Prepared]] = Future()
        done.set_result(self._here(raws))
        return done

    def result(
        self, batch: Sequence[FetchedMessage], future: Future[list[Prepared]]
    ) -> tuple[list[FetchedMessage], list[Prepared]]:
        """The batch and its results; computed here if the helper failed to deliver them."""
        try:
            prepared = future.result(timeout=600)
            if len(prepared) == len(batch):
                return list(batch), prepared
        except Exception:
            log.warning(
                "ingest helper process failed a batch; preparing it in the poller", exc_info=True
            )
            if self.pool is not None:
                _discard_pool(self.pool)
                self.pool = None
        return list(batch), self._here([m.raw for m in batch])

    def submit_fetch(
        self, mailbox: ImapMailbox, uids: list[int], uidvalidity: int
    ) -> Future[Fetched] | None:
        """Have the helper fetch these messages over its own connection and prepare them;
        None when it is not ready (the caller fetches them, see ``fetched``)."""
        if self.pool is None or self.started is None or not self.started.done():
            return None
        try:
            future = self.pool.submit(
                fetch_and_prepare,
                mailbox.config,
                uidvalidity,
                uids,
                self.tracking_address,
                self.max_bytes,
                self.database_url,
            )
        except Exception:  # a broken pool: fetch here, and start a new one next time
            log.warning("ingest helper process unavailable; fetching in the poller", exc_info=True)
            _discard_pool(self.pool)
            self.pool = None
            return None
        self.helped += 1
        return future

    def fetched(
        self,
        mailbox: ImapMailbox,
        uids: list[int],
        uidvalidity: int,
        future: Future[Fetched] | None,
    ) -> tuple[list[FetchedMessage], list[Prepared]]:
        """The batch the helper fetched, if it holds every message asked for; otherwise
        fetched again here, over the poller's own connection, so that a message the
        helper did not get (a view not yet synced, a dropped connection) is never skipped."""
        if future is not None:
            try:
                batch, prepared = future.result(timeout=600)
                if [m.uid for m in batch] == uids and len(prepared) == len(batch):
                    return batch, prepared
                log.warning(
                    "the ingest helper fetched %d of %d messages; fetching them here",
                    len(batch),
                    len(uids),
                )
            except Exception as exc:
                log.warning("the ingest helper could not fetch a batch; fetching here: %s", exc)
                if isinstance(exc, BrokenProcessPool) and self.pool is not None:
                    _discard_pool(self.pool)
                    self.pool = None
        batch = mailbox.fetch_uids(uids, uidvalidity=uidvalidity)
        return batch, self._here([m.raw for m in batch])

    def _here(self, raws: list[bytes]) -> list[Prepared]:
        return prepare_all(raws, self.tracking_address, self.max_bytes)


# A batch as the helper fetched and prepared it.
Fetched = tuple[list[FetchedMessage], list[Prepared]]

# The helper's own connection to each mailbox it fetches from, kept between batches and polls.
_mailboxes: dict[ImapConfig, ImapMailbox] = {}


def fetch_and_prepare(
    config: ImapConfig,
    uidvalidity: int,
    uids: list[int],
    tracking_address: str | None,
    max_bytes: int,
    database_url: str | None,
) -> Fetched:
    """In the helper: fetch these messages (UIDs the poller found under ``uidvalidity``)
    and prepare them."""
    mailbox = _mailboxes.get(config)
    try:
        if mailbox is None:
            mailbox = _mailboxes[config] = ImapMailbox(config)
            mailbox.open()
        batch = mailbox.fetch_uids(uids, uidvalidity=uidvalidity)
    except MailboxError:
        # A connection kept since the last poll may have been closed by the server, or
        # selected before the folder was renumbered: one new connection, then give up.
        assert mailbox is not None
        mailbox.reconnect()
        batch = mailbox.fetch_uids(uids, uidvalidity=uidvalidity)
    return batch, prepare_all([m.raw for m in batch], tracking_address, max_bytes, database_url)


def _alive() -> bool:
    # The helper starts with its worker: it reads the classifier's vocabulary now (about a
    # third of a second), not in the middle of the first poll it helps.
    classify_reply("Confirmed.", sent_text="We agreed.")
    # What it holds now (modules, the vocabulary: ~165,000 objects) lives as long as it does:
    # left out of the cyclic garbage collector's scans, which otherwise walk all of it each
    # full collection (~90 ms, about once per 2,000 messages prepared).
    gc.collect()
    gc.freeze()
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
            pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=context,
                initializer=_end_with,
                initargs=(os.getpid(),),
            )
            atexit.register(_end_pool, pool)
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
    _end_pool(pool)


def stop_helper_pool() -> None:
    """End this process's helper now (the worker stops): what it was preparing is dropped,
    as it would be if it died; nothing it does is a write."""
    global _pool
    with _pool_lock:
        pool, _pool = (_pool[0] if _pool else None), None
    if pool is not None:
        _end_pool(pool)


def _end_pool(pool: ProcessPoolExecutor) -> None:
    """Stop the pool without waiting for a batch in flight (a fetch from a server that hung
    would hold the stop): its processes are terminated."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


def _end_with(parent: int) -> None:
    """Pool initializer (in the helper): exit as soon as ``parent`` (the worker) is gone.

    The helper is a child of the fork server, not of the worker, so neither its parent pipe
    nor PR_SET_PDEATHSIG tells it the worker died; a pidfd of the worker does, whatever
    killed it."""
    threading.Thread(target=_exit_after, args=(parent,), name="accord-parent", daemon=True).start()


def _exit_after(parent: int) -> None:
    try:
        pidfd = os.pidfd_open(parent)
    except ProcessLookupError:
        os._exit(0)
    except OSError:  # no pidfd (Linux before 5.3): look once a second
        while _running(parent):
            time.sleep(1.0)
        os._exit(0)
    select.select([pidfd], [], [])  # readable once the process has exited
    os._exit(0)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
