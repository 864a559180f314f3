"""The worker: delivery and the sweep on APScheduler ticks, the mailbox in its own loop.

The mailbox loop polls, then waits with IDLE (or sleeps) until mail arrives or the poll
interval passes; a dropped connection backs off with jitter and reconnects. The database
decides who does what: a mailbox lease, SKIP LOCKED claims and conditional updates.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler

from app.config import Settings
from app.db import Database
from app.errors import DevSmtpPortTaken
from app.inbound.connected import poll_connected
from app.inbound.poller import poll_mailbox
from app.inbound.prepare import helper_pool
from app.outbound.delivery import worker_name
from app.outbound.senders import inbox_box
from mail.devsmtp import DevSmtpServer
from mail.imap import backoff_delays
from mail.mailbox import Mailbox, MailboxError, PermanentMailboxError

log = logging.getLogger("accord.worker")

Job = Callable[[Settings, Database], object]


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
        self.owner = worker_name()

    def _mailbox(self) -> tuple[Mailbox, str]:
        from app.jobs.tasks import tracking_mailbox

        return tracking_mailbox(self.settings)

    def run(self) -> None:
        if self.settings.imap_url and self.settings.ingest_helper_process:
            # Started now (in the background), so that the first large backlog need not
            # wait for it: see app.inbound.prepare.
            helper_pool()
        delays = backoff_delays(base=1.0, cap=300.0)
        mailbox: Mailbox | None = None
        source = "imap"
        while not self.stopping.is_set():
            try:
                if mailbox is None:
                    mailbox, source = self._mailbox()
                poll_mailbox(self.settings, self.database, mailbox, owner=self.owner, source=source)
                delays = backoff_delays(base=1.0, cap=300.0)
                mailbox.wait_for_change(self.settings.poll_interval_seconds)
            except Exception as exc:  # one bad poll never stops the loop
                wait = next(delays) * (10 if isinstance(exc, PermanentMailboxError) else 1)
                level = logging.WARNING if isinstance(exc, MailboxError) else logging.ERROR
                log.log(
                    level,
                    "mailbox poll failed (%s); retrying in %.0f s",
                    exc,
                    wait,
                    exc_info=not isinstance(exc, MailboxError),
                )
                if mailbox is not None:
                    mailbox.close()
                    mailbox = None
                self.stopping.wait(wait)
        if mailbox is not None:
            mailbox.close()


class Worker:
    def __init__(self, settings: Settings, database: Database) -> None:
        self.settings = settings
        self.database = database
        self.scheduler = BackgroundScheduler(timezone="UTC")
        self._stopped = threading.Event()
        self._mailbox_loop = MailboxLoop(settings, database, self._stopped)
        self._dev_smtp: DevSmtpServer | None = None

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

        jobs: list[tuple[str, Job, float]] = [
            ("deliver", tasks.deliver_once, self.settings.deliver_interval_seconds),
            ("sweep", tasks.sweep_once, self.settings.sweep_interval_seconds),
            ("connected", poll_connected, self.settings.poll_interval_seconds),
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

    def request_stop(self) -> None:
        self._stopped.set()

    def stop(self) -> None:
        self._stopped.set()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        if self._mailbox_loop.is_alive():
            self._mailbox_loop.join(timeout=10)
        if self._dev_smtp is not None:
            self._dev_smtp.stop()

    def run_forever(self) -> None:
        self.start()
        try:
            while not self._stopped.wait(1.0):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()
