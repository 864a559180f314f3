"""Processes and leases (issues 20 and 21): workers starting together, stopping, dying.

Real `accord` processes, a real Dovecot and PostgreSQL. What each test proves is in
docs/reliability.md under "Processes and leases".
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from app.config import Settings
from app.core.mailboxes import TRACKING
from app.db import Database, utcnow
from app.inbound import lease as lease_module
from app.inbound.connected import connect_mailbox
from app.inbound.lease import Lease, acquire_lease
from app.inbound.poller import mailbox_state
from app.models import (
    ConnectedMailbox,
    Counterparty,
    Event,
    MailboxState,
    OutboxEntry,
    StoredMessage,
)
from app.outbound.drafts import compose_drafts
from app.users import service as users
from tests.app import mailfactory
from tests.reliability.conftest import (
    Proc,
    bulk_agreements,
    event_counts,
    make_settings,
    process_env,
    scalar,
    set_deadlines,
    wait_for,
)
from tests.servers.dovecot import ImapAccount

pytestmark = [pytest.mark.postgres]


def test_workers_starting_together_create_the_mailbox_state_row_once(pg_url: str) -> None:
    """The race of two workers on an empty database, made certain: the second inserts the
    row while the first has inserted it and not committed yet (so the second's INSERT waits
    on the first's, then meets its row)."""
    database = Database(pg_url)
    inserted, commit = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        with database.transaction() as session:
            mailbox_state(session, TRACKING)
            inserted.set()
            commit.wait(30)

    def second() -> None:
        inserted.wait(30)
        try:
            with database.transaction() as session:
                state = mailbox_state(session, TRACKING)
                assert state.key == TRACKING and state.last_uid == 0
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    try:
        for thread in threads:
            thread.start()
        wait_for(
            lambda: (
                scalar(
                    database,
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'",
                )
                == 1
            ),
            timeout=30,
            what="the second worker's insert to wait on the first's",
            every=0.05,
        )
        commit.set()
        for thread in threads:
            thread.join(30)
        assert errors == []
        with database.transaction() as session:
            assert session.scalar(select(func.count()).select_from(MailboxState)) == 1
    finally:
        commit.set()
        database.dispose()


def test_the_mailbox_state_row_is_created_on_sqlite_too(sqlite_url: str) -> None:
    database = Database(sqlite_url)
    try:
        for _ in range(2):
            with database.transaction() as session:
                assert mailbox_state(session, TRACKING).last_uid == 0
    finally:
        database.dispose()


def test_the_heartbeat_keeps_a_short_lease_and_release_frees_it(pg_url: str) -> None:
    database = Database(pg_url)
    try:
        lease = Lease(database, TRACKING, "worker-a", seconds=1)
        assert lease.acquire()
        time.sleep(2.5)  # more than twice the lease: only the heartbeat keeps it
        assert lease.held
        assert not acquire_lease(database, TRACKING, "worker-b", utcnow(), timedelta(seconds=1))
        lease.release()
        assert not lease.held
        assert acquire_lease(database, TRACKING, "worker-b", utcnow(), timedelta(seconds=1))
        time.sleep(1.2)  # worker-b has no heartbeat: its lease runs out
        assert lease.acquire() and lease.held
        lease.release()
    finally:
        database.dispose()


def _renewal_racing(monkeypatch: pytest.MonkeyPatch, before: Callable[[], None]) -> threading.Event:
    """Run ``before`` inside the next renewal, just ahead of its UPDATE; the event is set
    once that renewal has returned."""
    real, done = lease_module.renew_lease, threading.Event()

    def renew(*args: object, **kwargs: object) -> bool:
        before()
        try:
            return real(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            done.set()

    monkeypatch.setattr(lease_module, "renew_lease", renew)
    return done


def test_a_release_during_a_renewal_is_not_a_lost_lease(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The end of every poll raced the heartbeat: a renewal already on its way found the row
    released and warned that another worker had taken the mailbox."""
    database = Database(pg_url)
    try:
        lease = Lease(database, TRACKING, "worker-a", seconds=0.4)
        done = _renewal_racing(monkeypatch, lease.release)
        assert lease.acquire()
        assert done.wait(5)
        time.sleep(0.05)
        assert not lease.held
        assert "lost the lease" not in caplog.text
        assert acquire_lease(database, TRACKING, "worker-b", utcnow(), timedelta(seconds=1))
    finally:
        database.dispose()


def test_a_lease_another_worker_took_is_reported_lost(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    database = Database(pg_url)
    try:
        lease = Lease(database, TRACKING, "worker-a", seconds=0.4)

        def taken() -> None:
            with database.transaction() as session:
                session.execute(
                    update(MailboxState)
                    .where(MailboxState.key == TRACKING)
                    .values(lease_owner="worker-b", lease_until=utcnow() + timedelta(seconds=9))
                )

        done = _renewal_racing(monkeypatch, taken)
        assert lease.acquire()
        assert done.wait(5)
        time.sleep(0.05)
        assert not lease.held
        assert "lost the lease on tracking to another worker" in caplog.text
    finally:
        database.dispose()


# --- the processes an `accord` process starts -------------------------------------------------

Tree = dict[int, str]  # pid -> "start time (clock ticks since boot) command line"


def _stat(pid: int) -> tuple[int, str, str] | None:
    """(parent pid, state, start time) of a process, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), fields[0], fields[19]


def descendants(root: int) -> Tree:
    """Every process below ``root`` now, each named by its start time and command line (so
    that a recycled pid is not mistaken for it later)."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and (stat := _stat(int(name))) is not None:
            children.setdefault(stat[0], []).append(int(name))
    found: Tree = {}
    todo = [root]
    while todo:
        for pid in children.get(todo.pop(), []):
            stat = _stat(pid)
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    command = f.read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if stat is not None:
                found[pid] = f"{stat[2]} {command}"
                todo.append(pid)
    return found


def still_running(tree: Tree) -> Tree:
    """The processes of ``tree`` that still run (zombies have ended: only their exit status
    waits for a parent to collect it)."""
    left: Tree = {}
    for pid, name in tree.items():
        stat = _stat(pid)
        if stat is not None and stat[1] != "Z" and name.startswith(stat[2] + " "):
            left[pid] = name
    return left


def helpers_started(proc: Proc) -> Tree:
    """Wait until the ingest helper runs (the fork server, its pool process and the resource
    tracker) and return the process's whole tree."""
    tree: Tree = {}

    def ready() -> bool:
        nonlocal tree
        assert proc.popen.poll() is None, proc.log.read_text()[-3000:]
        tree = descendants(proc.pid)
        servers = [n for n in tree.values() if "forkserver" in n]
        return len(servers) >= 2 and any("resource_tracker" in n for n in tree.values())

    wait_for(ready, timeout=60, what="the ingest helper processes", every=0.1)
    return tree


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Callable[..., Proc]]:
    """``accord`` processes, killed at the end with every process they started."""
    procs: list[Proc] = []

    def start(*args: str, env: dict[str, str], name: str = "accord") -> Proc:
        proc = Proc(args, env, tmp_path / f"{name}-{len(procs)}.log")
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        tree = descendants(proc.pid)
        proc.kill()
        for pid in still_running(tree):
            os.kill(pid, signal.SIGKILL)


def imap_env(
    pg_url: str, tmp_path: Path, imap_account: ImapAccount, **extra: str
) -> dict[str, str]:
    # By default the worker sits in IDLE between polls: nothing else wakes it.
    extra = {"ACCORD_POLL_INTERVAL_SECONDS": "60", **extra}
    return process_env(pg_url, tmp_path / "data", ACCORD_IMAP_URL=imap_account.url, **extra)


def stop_and_time(proc: Proc, sig: signal.Signals = signal.SIGTERM) -> float:
    started = time.monotonic()
    proc.popen.send_signal(sig)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=60)
    return time.monotonic() - started


@pytest.mark.imap
@pytest.mark.timeout(180)
def test_sigterm_stops_an_idling_worker_within_2_s_and_leaves_nothing_running(
    pg_url: str, imap_account: ImapAccount, tmp_path: Path, run: Callable[..., Proc]
) -> None:
    database = Database(pg_url)
    try:
        worker = run("worker", env=imap_env(pg_url, tmp_path, imap_account), name="worker")
        tree = helpers_started(worker)
        wait_for(
            lambda: (
                scalar(
                    database,
                    "SELECT count(*) FROM mailbox_state "
                    "WHERE key = 'tracking' AND synced_through IS NOT NULL",
                )
                == 1
            ),
            timeout=60,
            what="the first poll",
        )
        time.sleep(1.0)  # in IDLE now
        took = stop_and_time(worker)
        print(f"stopped {took:.2f} s after SIGTERM; {len(tree)} processes below it")
        assert worker.popen.returncode == 0, worker.log.read_text()[-3000:]
        assert took < 2.0, f"stopped {took:.1f} s after SIGTERM"
        assert (
            scalar(database, "SELECT lease_owner FROM mailbox_state WHERE key = 'tracking'") is None
        )
        wait_for(
            lambda: not still_running(tree),
            timeout=5,
            what="the helpers to end",
            on_timeout=lambda: str(still_running(tree)),
        )
    finally:
        database.dispose()


class BlackHole:
    """A host that accepts connections and never answers (a mail server that hung)."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def close(self) -> None:
        self.listener.close()
        for conn in self.accepted:
            conn.close()


@pytest.mark.timeout(180)
def test_sigterm_stops_a_worker_stuck_on_a_dead_connected_mailbox_within_2_s(
    pg_url: str, tmp_path: Path, run: Callable[..., Proc]
) -> None:
    secret = "test-secret-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"
    settings = make_settings(
        pg_url, tmp_path / "data", secret_key=secret, mailbox_allow_private=True
    )
    database = Database(pg_url)
    hole = BlackHole()
    try:
        with database.transaction() as session:
            user = users.create_user(session, email="anna@example.org", name="Anna")
            connect_mailbox(
                session,
                settings,
                user=user,
                url=f"imap://anna@127.0.0.1:{hole.port}/INBOX?tls=none",
                password="secret",
            )
        env = process_env(
            pg_url,
            settings.data_dir,
            ACCORD_SECRET_KEY=secret,
            ACCORD_MAILBOX_ALLOW_PRIVATE="true",  # the mailbox is on 127.0.0.1
        )
        worker = run("worker", env=env, name="worker")
        wait_for(lambda: bool(hole.accepted), timeout=60, what="the worker to connect")
        time.sleep(0.5)  # waiting for a greeting that never comes
        took = stop_and_time(worker)
        print(f"stuck on a dead host, stopped {took:.2f} s after SIGTERM")
        assert worker.popen.returncode == 0, worker.log.read_text()[-3000:]
        assert took < 2.0, f"stopped {took:.1f} s after SIGTERM"
        assert (
            scalar(database, "SELECT count(*) FROM mailbox_state WHERE lease_owner IS NOT NULL")
            == 0
        )
    finally:
        hole.close()
        database.dispose()


@pytest.mark.imap
@pytest.mark.timeout(180)
def test_serve_with_imap_leaves_no_process_behind(
    pg_url: str, imap_account: ImapAccount, tmp_path: Path, run: Callable[..., Proc]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = imap_env(pg_url, tmp_path, imap_account)
    server = run("serve", "--port", str(port), env=env, name="serve")
    tree = helpers_started(server)
    took = stop_and_time(server)
    print(f"serve stopped {took:.2f} s after SIGTERM; {len(tree)} processes below it")
    # uvicorn re-raises the signal it stopped on once it has shut down.
    assert server.popen.returncode in (0, -signal.SIGTERM), server.log.read_text()[-3000:]
    assert took < 3.0, f"stopped {took:.1f} s after SIGTERM"
    wait_for(
        lambda: not still_running(tree),
        timeout=5,
        what="the helpers to end",
        on_timeout=lambda: str(still_running(tree)),
    )


@pytest.mark.imap
@pytest.mark.timeout(180)
def test_a_sigkilled_workers_helper_processes_end_with_it(
    pg_url: str, imap_account: ImapAccount, tmp_path: Path, run: Callable[..., Proc]
) -> None:
    worker = run("worker", env=imap_env(pg_url, tmp_path, imap_account), name="worker")
    tree = helpers_started(worker)
    worker.kill()
    gone = wait_for(
        lambda: not still_running(tree),
        timeout=5,
        what="the helpers to end",
        on_timeout=lambda: str(still_running(tree)),
    )
    print(f"{len(tree)} processes below the worker, all gone {gone:.2f} s after SIGKILL")


def _summaries(database: Database, settings: Settings, count: int) -> list[tuple[str, bytes]]:
    """``count`` agreements whose summaries were handed off: (agreement id, summary raw)."""
    bulk_agreements(
        database, settings, count=count, users_count=3, deadline=utcnow() + timedelta(days=300)
    )
    with database.transaction() as session:
        # As the delivery's claim and hand-off would (the SMTP leg is not under test here).
        compose_drafts(session, settings)
        session.execute(
            update(Counterparty).values(status="sent", handoff_at=utcnow(), handoff_reply="250 ok")
        )
        session.execute(update(OutboxEntry).values(status="sent"))
        rows = session.execute(
            select(StoredMessage.agreement_id, StoredMessage.raw)
            .join(OutboxEntry, OutboxEntry.message_row_id == StoredMessage.id)
            .where(OutboxEntry.kind == "summary")
            .order_by(OutboxEntry.id)
        ).all()
    return [(str(a), bytes(r)) for a, r in rows]


def _lease_holder(database: Database) -> int | None:
    owner = scalar(
        database,
        "SELECT lease_owner FROM mailbox_state WHERE key = 'tracking' AND lease_until > now()",
    )
    return int(owner.split(":")[1]) if owner else None


@pytest.mark.slow
@pytest.mark.imap
@pytest.mark.timeout(400)
def test_another_worker_takes_over_the_mailbox_within_seconds_of_a_crash(
    pg_url: str, imap_account: ImapAccount, tmp_path: Path, run: Callable[..., Proc]
) -> None:
    """Three workers on one PostgreSQL and an empty mailbox state; the one holding the
    mailbox lease is SIGKILLed in the middle of a poll, with no time travel: replies that
    arrive then are applied, and deadlines that pass then are deemed, within seconds; the
    workers that wait for the lease say nothing while they wait."""
    settings = make_settings(pg_url, tmp_path / "data")
    database = Database(pg_url)
    try:
        summaries = _summaries(database, settings, 120)
        early, late, silent = summaries[:60], summaries[60:90], summaries[90:]
        env = imap_env(pg_url, tmp_path, imap_account, ACCORD_POLL_INTERVAL_SECONDS="0.3")
        workers = {}
        for n in range(3):
            proc = run("worker", env=env, name=f"worker{n}")
            workers[proc.pid] = proc
        wait_for(lambda: _lease_holder(database) in workers, timeout=60, what="a lease holder")
        holder = workers[_lease_holder(database) or 0]

        # Kill the holder as soon as it has stored part of a backlog (before it processed all).
        imap_account.append_many([mailfactory.reply(raw, "Confirmed!") for _, raw in early])
        wait_for(
            lambda: (
                (scalar(database, "SELECT count(*) FROM messages WHERE direction = 'in'") or 0) > 0
            ),
            timeout=60,
            what="the holder to store the first replies",
            every=0.02,
        )
        holder.kill()
        killed = time.monotonic()
        crash = utcnow()
        processed_at_kill = scalar(
            database,
            "SELECT count(*) FROM messages WHERE direction = 'in' AND status = 'processed'",
        )
        # Replies that arrive, and deadlines that pass, while the lease is the dead worker's.
        imap_account.append_many([mailfactory.reply(raw, "Confirmed!") for _, raw in late])
        deadline = crash + timedelta(seconds=2)
        set_deadlines(database, {agreement: deadline for agreement, _ in silent})

        def applied() -> int:
            return int(
                scalar(database, "SELECT count(*) FROM events WHERE type = 'confirmed'") or 0
            )

        def deemed() -> int:
            return int(
                scalar(database, "SELECT count(*) FROM events WHERE type = 'deemed_accepted'") or 0
            )

        took = wait_for(
            lambda: applied() == 90 and deemed() == 30,
            timeout=40,
            what="the replies and deadlines after the crash",
            on_timeout=lambda: f"{applied()} replies applied, {deemed()} deemed",
        )
        new_holder = _lease_holder(database)
        assert new_holder in workers and new_holder != holder.pid
        with database.transaction() as session:
            late_by = session.execute(
                select(func.max(Event.at)).where(Event.type == "deemed_accepted")
            ).scalar_one()
        # The lease runs out 10 s after the last heartbeat at the latest, a waiting worker
        # tries every second, and a poll then takes well under a second.
        assert took < 20, f"replies and deemed acceptances done {took:.1f} s after the crash"
        assert (late_by - deadline).total_seconds() < 20
        assert event_counts(database, "confirmed") == Counter(
            {cp: 1 for cp in event_counts(database, "confirmed")}
        )
        assert set(event_counts(database, "deemed_accepted").values()) == {1}
        for pid, proc in workers.items():
            if pid == holder.pid:
                continue
            log = proc.log.read_text()
            assert "not connected" not in log and "poll failed" not in log, log[-3000:]
            assert "Traceback" not in log and "UniqueViolation" not in log, log[-3000:]
        print(
            f"killed the holder with {processed_at_kill}/60 processed; "
            f"90 replies and 30 deemed {took:.1f} s after, the last deemed "
            f"{(late_by - deadline).total_seconds():.1f} s after its deadline; "
            f"{time.monotonic() - killed:.1f} s"
        )
    finally:
        database.dispose()


@pytest.mark.imap
@pytest.mark.timeout(240)
def test_a_connected_mailbox_is_polled_again_within_seconds_of_its_pollers_death(
    pg_url: str, imap_account: ImapAccount, tmp_path: Path, run: Callable[..., Proc]
) -> None:
    """A worker dies in the middle of polling a user's connected mailbox (stuck on a server
    that stopped answering, then SIGKILLed); once the server answers again, another worker
    polls that mailbox within seconds, not after a 2-minute lease."""
    secret = "test-secret-key-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"
    settings = make_settings(
        pg_url, tmp_path / "data", secret_key=secret, mailbox_allow_private=True
    )
    database = Database(pg_url)
    hole = BlackHole()
    try:
        with database.transaction() as session:
            user = users.create_user(session, email="anna@example.org", name="Anna")
            mailbox_id = connect_mailbox(
                session,
                settings,
                user=user,
                url=f"imap://{imap_account.user}@127.0.0.1:{hole.port}/INBOX?tls=none",
                password=imap_account.password,
            ).id
        env = process_env(
            pg_url,
            settings.data_dir,
            ACCORD_SECRET_KEY=secret,
            ACCORD_MAILBOX_ALLOW_PRIVATE="true",  # the mailbox is on 127.0.0.1
        )
        first = run("worker", env=env, name="worker-a")
        wait_for(lambda: bool(hole.accepted), timeout=60, what="worker A to connect")
        first.kill()
        # The server is back (the same account, now reachable): worker B takes over.
        with database.transaction() as session:
            session.execute(
                update(ConnectedMailbox)
                .where(ConnectedMailbox.id == mailbox_id)
                .values(
                    url=f"imap://{imap_account.user}@127.0.0.1:{imap_account.port}/INBOX?tls=none"
                )
            )
        run("worker", env=env, name="worker-b")
        killed = time.monotonic()
        took = wait_for(
            lambda: (
                scalar(
                    database,
                    "SELECT count(*) FROM connected_mailboxes "
                    "WHERE last_polled_at IS NOT NULL AND last_error IS NULL",
                )
                == 1
            ),
            timeout=40,
            what="worker B to poll the connected mailbox",
        )
        print(f"connected mailbox polled again {time.monotonic() - killed:.1f} s after the kill")
        assert took < 20
    finally:
        hole.close()
        database.dispose()
