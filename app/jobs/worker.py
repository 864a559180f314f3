"""The worker: delivery and the sweep on APScheduler ticks, the mailbox in its own loop.

The mailbox loop holds the tracking mailbox's lease (``app.inbound.lease``: short, renewed by
a heartbeat) for as long as it lives: it polls, then waits with IDLE (or sleeps) until mail
arrives or the poll interval passes; a dropped connection backs off with jitter and
reconnects. A worker that does not hold the lease waits for it quietly, trying again every
second, and takes over within seconds of the holder's death. The sweep runs on every
worker, whoever holds the lease: it deems silence only once the mailbox was read past the
deadline (``synced_through``), which the holder of the day moves on.

Stopping (SIGTERM, or the API's shutdown) takes at most ``STOP_SECONDS``: the jobs stop
taking new work, a wait or read blocked on a mailbox is interrupted, what still runs after
that is abandoned as a crash would abandon it (its transaction rolls back, nothing is half
written), and the leases are given back so another worker carries on at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import UTC, datetime
from typing import Any

from apscheduler.executors.pool import BasePoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler

from app.config import Settings
from app.core.mailboxes import TRACKING
from app.db import Database
from app.errors import DevSmtpPortTaken
from app.inbound.connected import poll_connected
from app.inbound.lease import Lease, release_leases_of
from app.inbound.poller import poll_mailbox
from app.inbound.prepare import helper_pool, stop_helper_pool
from app.outbound.delivery import worker_name
from app.outbound.senders import inbox_box
from mail.devsmtp import DevSmtpServer
from mail.imap import ImapConfig, ImapMailbox, backoff_delays
from mail.mailbox import Mailbox, MailboxError, PermanentMailboxError

log = logging.getLogger("accord.worker")

Job = Callable[[Settings, Database], object]

# From the stop request to the end of ``Worker.stop`` (the bound is 2 s).
STOP_SECONDS = 1.2
# How often a worker without the mailbox lease tries to take it.
STANDBY_SECONDS = 1.0


def dev_smtp_taken_message(port: int, exc: OSError) -> str:
    return (
        f"the development SMTP port 127.0.0.1:{port} is not free ({exc.strerror or exc}); "
        "another Accord may be running there and would receive the replies meant for this "
        "one: stop it, or set ACCORD_DEV_SMTP_PORT to a free port (0 turns the listener off)"
    )


def start_dev_smtp(settings: Settings) -> DevSmtpServer:
    """Listen for development replies on ``settings.dev_smtp_port``, or raise
    ``DevSmtpPortTaken``: a warning would leave this instance deaf while another one reads
    its replies."""
    server = DevSmtpServer(port=settings.dev_smtp_port, inbox=inbox_box(settings))
    try:
        server.start()
    except OSError as exc:
        raise DevSmtpPortTaken(dev_smtp_taken_message(settings.dev_smtp_port, exc)) from exc
    return server


def check_dev_smtp_port(settings: Settings) -> None:
    """Raise ``DevSmtpPortTaken`` now if the worker could not listen for development replies,
    before anything else starts (``accord serve``)."""
    import socket

    if settings.imap_url or not settings.dev_smtp_port:
        return
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as asyncio's server does
        try:
            sock.bind(("127.0.0.1", settings.dev_smtp_port))
        except OSError as exc:
            raise DevSmtpPortTaken(dev_smtp_taken_message(settings.dev_smtp_port, exc)) from exc


class MailboxLoop(threading.Thread):
    """Polls the tracking mailbox until stopped, with IDLE between polls where offered."""

    def __init__(self, settings: Settings, database: Database, stop: threading.Event) -> None:
        super().__init__(name="accord-mailbox", daemon=True)
        self.settings = settings
        self.database = database
        self.stopping = stop
        self.lease = Lease(
            database, TRACKING, worker_name(), seconds=settings.mailbox_lease_seconds
        )
        self.mailbox: Mailbox | None = None

    def _mailbox(self) -> tuple[Mailbox, str]:
        from app.jobs.tasks import tracking_mailbox

        return tracking_mailbox(self.settings)

    def interrupt(self) -> None:
        """Wake the loop from IDLE or a read that hangs (the worker stops)."""
        mailbox = self.mailbox
        if mailbox is not None:
            mailbox.interrupt()

    def run(self) -> None:
        if self.settings.imap_url and self.settings.ingest_helper_process:
            # Started now (in the background), so that the first large backlog need not
            # wait for it: see app.inbound.prepare.
            helper_pool()
        delays = backoff_delays(base=1.0, cap=300.0)
        source = "imap"
        try:
            while not self.stopping.is_set():
                if not self.lease.held and not self._take_lease():
                    continue
                try:
                    if self.mailbox is None:
                        self.mailbox, source = self._mailbox()
                    poll_mailbox(
                        self.settings,
                        self.database,
                        self.mailbox,
                        owner=self.lease.owner,
                        source=source,
                        lease=self.lease,
                    )
                    delays = backoff_delays(base=1.0, cap=300.0)
                    if not self.lease.held:
                        continue  # lost meanwhile (the heartbeat could not renew it)
                    if not self.stopping.is_set():
                        self.mailbox.wait_for_change(self.settings.poll_interval_seconds)
                except Exception as exc:  # one bad poll never stops the loop
                    if self.stopping.is_set():
                        break
                    self._close()
                    # Another worker may reach the mailbox when this one cannot.
                    self.lease.release()
                    wait = next(delays) * (10 if isinstance(exc, PermanentMailboxError) else 1)
                    level = logging.WARNING if isinstance(exc, MailboxError) else logging.ERROR
                    log.log(
                        level,
                        "mailbox poll failed (%s); retrying in %.0f s",
                        exc,
                        wait,
                        exc_info=not isinstance(exc, MailboxError),
                    )
                    self.stopping.wait(wait)
        finally:
            self._close()
            self.lease.release()

    def _take_lease(self) -> bool:
        """Try to become the mailbox's poller; False (after a quiet wait) if another worker is."""
        try:
            if self.lease.acquire():
                log.info("polling the tracking mailbox (took its lease)")
                return True
        except Exception as exc:  # the database is away: try again shortly
            log.warning("could not take the mailbox lease: %s", exc)
        self._close()
        self.stopping.wait(STANDBY_SECONDS)
        return False

    def _close(self) -> None:
        mailbox, self.mailbox = self.mailbox, None
        if mailbox is not None:
            try:
                mailbox.close()
            except Exception:  # closing must not fail the loop
                log.debug("closing the mailbox failed", exc_info=True)


class _DaemonThreads:
    """The scheduler's job threads: each run on a daemon thread of its own, so that a job
    stuck on a dead host cannot hold the process at exit (a concurrent.futures pool joins
    its threads at interpreter exit), and the worker can wait for them with a deadline."""

    def __init__(self) -> None:
        self._running: set[threading.Thread] = set()
        self._lock = threading.Lock()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()

        def run() -> None:
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(fn(*args, **kwargs))
                    except BaseException as exc:
                        future.set_exception(exc)
            finally:
                with self._lock:
                    self._running.discard(thread)

        thread = threading.Thread(target=run, name="accord-job", daemon=True)
        with self._lock:
            self._running.add(thread)
        thread.start()
        return future

    def shutdown(self, wait: bool = True) -> None:
        if wait:
            self.join(float("inf"))

    def join(self, deadline: float) -> bool:
        """Wait until every job ended or ``time.monotonic()`` passes ``deadline``."""
        while True:
            with self._lock:
                running = list(self._running)
            if not running:
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            running[0].join(remaining)


class _JobExecutor(BasePoolExecutor):  # type: ignore[misc]  # APScheduler 3 is untyped
    def __init__(self, threads: _DaemonThreads) -> None:
        super().__init__(threads)


class Worker:
    def __init__(self, settings: Settings, database: Database) -> None:
        self.settings = settings
        self.database = database
        self._jobs = _DaemonThreads()
        self.scheduler = BackgroundScheduler(
            timezone="UTC", executors={"default": _JobExecutor(self._jobs)}
        )
        self._stopped = threading.Event()
        self._mailbox_loop = MailboxLoop(settings, database, self._stopped)
        self._dev_smtp: DevSmtpServer | None = None
        # Connected mailboxes being polled now, to interrupt when stopping, and the name
        # their leases are taken under.
        self._connected: set[ImapMailbox] = set()
        self._connected_lock = threading.Lock()
        self._connected_owner = worker_name()

    def _guarded(self, name: str, job: Job) -> Callable[[], None]:
        def run() -> None:
            try:
                job(self.settings, self.database)
            except Exception:
                log.exception("job %s failed; it runs again at its next tick", name)

        return run

    def _start_dev_smtp(self) -> None:
        """With no IMAP server, replies are accepted on a local SMTP port (development)."""
        if self.settings.imap_url or not self.settings.dev_smtp_port:
            return
        self._dev_smtp = start_dev_smtp(self.settings)
        log.info("development SMTP listener on 127.0.0.1:%s", self._dev_smtp.port)

    def start(self) -> None:
        from app.jobs import tasks

        def deliver(settings: Settings, database: Database) -> object:
            return tasks.deliver_once(settings, database, stopping=self._stopped)

        def connected(settings: Settings, database: Database) -> object:
            return poll_connected(
                settings,
                database,
                lease_owner=self._connected_owner,
                open_mailbox=self._open_connected,
                stopping=self._stopped,
            )

        jobs: list[tuple[str, Job, float]] = [
            ("deliver", deliver, self.settings.deliver_interval_seconds),
            ("sweep", tasks.sweep_once, self.settings.sweep_interval_seconds),
            ("connected", connected, self.settings.poll_interval_seconds),
        ]
        now = datetime.now(UTC)
        for name, job, interval in jobs:
            self.scheduler.add_job(
                self._guarded(name, job),
                "interval",
                seconds=interval,
                id=name,
                max_instances=1,
                coalesce=True,
                next_run_time=now,
            )
        self._start_dev_smtp()
        self.scheduler.start()
        self._mailbox_loop.start()
        log.info("worker started")

    def _open_connected(self, config: ImapConfig) -> ImapMailbox:
        mailbox = _ClosingTracked(config, self._connected, self._connected_lock)
        with self._connected_lock:
            self._connected.add(mailbox)
        if self._stopped.is_set():
            mailbox.interrupt()
        return mailbox

    def request_stop(self) -> None:
        self._stopped.set()

    def stop(self) -> None:
        """Stop within ``STOP_SECONDS``: see the module's docstring."""
        began = time.monotonic()
        deadline = began + STOP_SECONDS
        self._stopped.set()
        self._mailbox_loop.interrupt()
        with self._connected_lock:
            connected = list(self._connected)
        for mailbox in connected:
            mailbox.interrupt()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        finished = self._jobs.join(deadline)
        if self._mailbox_loop.is_alive():
            self._mailbox_loop.join(timeout=max(0.0, deadline - time.monotonic()))
        if not finished or self._mailbox_loop.is_alive():
            log.warning("stopping with work in flight; it is abandoned as after a crash")
        self._release_leases()
        stop_helper_pool()
        if self._dev_smtp is not None:
            self._dev_smtp.stop()
        log.info("worker stopped in %.2f s", time.monotonic() - began)

    def _release_leases(self) -> None:
        """Give back every mailbox lease this worker holds, so another takes over now."""
        owners = [self._mailbox_loop.lease.owner, self._connected_owner]
        try:
            release_leases_of(self.database, owners)
        except Exception:  # they run out by themselves
            log.warning("could not release the mailbox leases", exc_info=True)

    def run_forever(self) -> None:
        self.start()
        try:
            while not self._stopped.wait(1.0):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()


class _ClosingTracked(ImapMailbox):
    """A connected mailbox that leaves the worker's set of open mailboxes when closed."""

    def __init__(self, config: ImapConfig, tracked: set[ImapMailbox], lock: threading.Lock) -> None:
        super().__init__(config)
        self._tracked = tracked
        self._tracked_lock = lock

    def close(self) -> None:
        with self._tracked_lock:
            self._tracked.discard(self)
        super().close()
