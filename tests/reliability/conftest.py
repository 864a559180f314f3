"""Helpers for the fault tests: real worker processes, bulk agreements, and the checks that
say "nothing lost, nothing twice" (outbox vs SMTP envelopes, events, the hash chain)."""

from __future__ import annotations

import email
import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email import policy
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text, update

from app.agreements import service as agreements
from app.agreements.schemas import CounterpartyIn
from app.config import Settings
from app.core.chain import first_break
from app.core.events import event_record
from app.db import Database, utcnow
from app.models import Agreement, Event, MailboxState, OutboxEntry, StoredMessage, User
from app.users import service as users
from tests.app.conftest import account, client, make_account, settings
from tests.servers.smtp import ReceivedEnvelope

__all__ = ["account", "client", "make_account", "settings"]

ROOT = Path(__file__).resolve().parents[2]
ACCORD = ROOT / ".venv" / "bin" / "accord"
TRACKING = "track@accord.example.com"


def make_settings(db_url: str, data_dir: Path, **extra: Any) -> Settings:
    return Settings(
        database_url=db_url,
        data_dir=data_dir,
        tracking_address=TRACKING,
        public_url="https://accord.example.com",
        inbound_secret="s3cret-for-tests",
        dev_smtp_port=0,
        _env_file=None,  # type: ignore[call-arg]
        **extra,
    )


def process_env(db_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of an ``accord`` subprocess: only what the test sets, fast cadence."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    env.update(
        ACCORD_DATABASE_URL=db_url,
        ACCORD_DATA_DIR=str(data_dir),
        ACCORD_TRACKING_ADDRESS=TRACKING,
        ACCORD_PUBLIC_URL="https://accord.example.com",
        ACCORD_DEV_SMTP_PORT="0",
        ACCORD_POLL_INTERVAL_SECONDS="0.3",
        ACCORD_SWEEP_INTERVAL_SECONDS="0.3",
        ACCORD_DELIVER_INTERVAL_SECONDS="0.2",
        ACCORD_LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


@dataclass
class Proc:
    """An ``accord`` subprocess whose output goes to a log file (read it when a test fails)."""

    args: tuple[str, ...]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen[bytes] = field(init=False)

    def __post_init__(self) -> None:
        with open(self.log, "ab") as out:
            self.popen = subprocess.Popen(
                [str(ACCORD), *self.args],
                env=self.env,
                cwd=self.log.parent,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=out,
            )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def kill(self) -> None:
        """SIGKILL: no cleanup, no lease released, no transaction finished."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(timeout=10)

    def wait(self, timeout: float) -> int:
        return self.popen.wait(timeout=timeout)


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Callable[..., Proc]]:
    procs: list[Proc] = []

    def start(*args: str, env: dict[str, str], name: str = "accord") -> Proc:
        proc = Proc(args, env, tmp_path / f"{name}-{len(procs)}.log")
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        proc.kill()


def expire_leases_of(database: Database, pid: int) -> None:
    """Make a dead process's leases run out now instead of in 10 s to 5 minutes (time travel only:
    the same rows would be taken over once the lease expired on its own)."""
    mark = f"%:{pid}:%"
    past = utcnow() - timedelta(seconds=1)
    with database.transaction() as session:
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.lease_owner.like(mark))
            .where(OutboxEntry.status == "sending")
            .values(lease_until=past)
        )
        session.execute(
            update(MailboxState).where(MailboxState.lease_owner.like(mark)).values(lease_until=past)
        )


def wait_for(
    check: Callable[[], bool],
    *,
    timeout: float,
    what: str,
    every: float = 0.2,
    on_timeout: Callable[[], str] | None = None,
) -> float:
    """Poll ``check`` until true; returns the seconds it took."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > timeout:
            extra = on_timeout() if on_timeout else ""
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}. {extra}")
        time.sleep(every)
    return time.monotonic() - started


def scalar(database: Database, sql: str, **params: Any) -> Any:
    with database.transaction() as session:
        return session.execute(text(sql), params).scalar()


def bulk_agreements(
    database: Database,
    settings: Settings,
    *,
    count: int,
    users_count: int,
    deadline: datetime,
    reminder_minutes: Sequence[float] = (),
    notify_counterparty: Callable[[int], bool] = lambda _i: False,
) -> list[str]:
    """``count`` agreements with one counterparty each, summaries queued (not sent)."""
    owners: list[User] = []
    with database.transaction() as session:
        for n in range(users_count):
            owners.append(
                users.create_user(
                    session,
                    email=f"owner{n}@example.com",
                    name=f"Owner {n}",
                    timezone="Europe/Berlin",
                )
            )
    owner_ids = [o.id for o in owners]

    def chunk(start: int) -> list[str]:
        made: list[str] = []
        with database.transaction() as session:
            for i in range(start, min(count, start + 50)):
                owner = session.get(User, owner_ids[i % users_count])
                assert owner is not None
                plan = agreements.NewAgreement(
                    title=f"Agreement {i}",
                    summary=f"We agreed on item {i}. Tell me if not.",
                    counterparties=[CounterpartyIn(email=f"cp{i}@example.net", name=f"Cp {i}")],
                    cc=[],
                    deadline=deadline,
                    respond_within=None,
                    reminder_offsets=list(reminder_minutes),  # type: ignore[arg-type]
                    notify_counterparty_on_deemed=notify_counterparty(i),
                )
                created = agreements.create_agreement(
                    session, settings=settings, owner=owner, plan=plan, now=utcnow()
                )
                made.append(created.agreement["id"])
        return made

    # Threads overlap the database round trips (the ORM inserts row by row).
    with ThreadPoolExecutor(4) as pool:
        ids = [i for part in pool.map(chunk, range(0, count, 50)) for i in part]
    return ids


def set_deadlines(database: Database, deadlines: dict[str, datetime]) -> None:
    """Move deadlines (agreement, version, counterparty rows) to instants the test chooses."""
    with database.transaction() as session:
        for agreement_id, moment in deadlines.items():
            for table in ("agreements", "agreement_versions", "counterparties"):
                key = "id" if table == "agreements" else "agreement_id"
                session.execute(
                    text(f"UPDATE {table} SET deadline = :d WHERE {key} = :a"),
                    {"d": moment, "a": agreement_id},
                )


# --- the checks ---


def message_id_of(envelope: ReceivedEnvelope) -> str:
    head = envelope.data.split(b"\r\n\r\n", 1)[0]
    parsed = email.message_from_bytes(head, policy=policy.compat32)
    return str(parsed["Message-ID"]).strip()


@dataclass
class Deliveries:
    """What SMTP received, set against what the outbox holds."""

    by_message_id: Counter[str]
    outbox: dict[str, tuple[str, str | None]]  # Message-ID -> (kind, dedupe_key)

    def kinds(self) -> Counter[str]:
        return Counter(kind for mid, (kind, _) in self.outbox.items() if self.by_message_id[mid])

    def duplicates(self) -> dict[str, int]:
        return {m: n for m, n in self.by_message_id.items() if n > 1}

    def unknown(self) -> list[str]:
        return [m for m in self.by_message_id if m not in self.outbox]

    def unsent(self) -> list[str]:
        return [m for m in self.outbox if not self.by_message_id[m]]


def deliveries(database: Database, envelopes: Sequence[ReceivedEnvelope]) -> Deliveries:
    with database.transaction() as session:
        rows = session.execute(
            select(StoredMessage.message_id, OutboxEntry.kind, OutboxEntry.dedupe_key).join(
                OutboxEntry, OutboxEntry.message_row_id == StoredMessage.id
            )
        ).all()
    outbox = {str(r[0]): (str(r[1]), r[2]) for r in rows}
    return Deliveries(Counter(message_id_of(e) for e in envelopes), outbox)


def broken_chains(database: Database) -> dict[str, str]:
    """Every agreement whose event chain does not verify, with the first break."""
    broken: dict[str, str] = {}
    with database.transaction() as session:
        events: dict[str, list[Event]] = {}
        for ev in session.scalars(select(Event).order_by(Event.agreement_id, Event.seq)):
            events.setdefault(ev.agreement_id, []).append(ev)
        for agreement in session.scalars(select(Agreement)):
            records = [event_record(e) for e in events.get(agreement.id, [])]
            problem = first_break(records)
            if problem is None and records and records[-1]["hash"] != agreement.event_head:
                problem = "the agreement's head is not the last event"
            if problem:
                broken[agreement.id] = problem
    return broken


def event_counts(database: Database, type_: str) -> Counter[int]:
    """How many events of ``type_`` each counterparty has."""
    with database.transaction() as session:
        ids = session.scalars(select(Event.counterparty_id).where(Event.type == type_))
        return Counter(i for i in ids if i is not None)
