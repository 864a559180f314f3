"""Several `accord worker` processes on one PostgreSQL (issue 5 point 5, SPEC §6 and §8).

1,000 agreements whose reminders, digests and deadlines fall due while two real worker
processes run; one is SIGKILLed in the middle of delivery, later every worker is down while
the remaining deadlines pass, and two fresh workers catch up. Each counterparty must be
deemed exactly once, and each reminder, final notice and digest reach the SMTP server once.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.db import Database, utcnow
from app.models import Agreement, Counterparty, Event, OutboxEntry, User
from tests.reliability.conftest import (
    Proc,
    broken_chains,
    bulk_agreements,
    deliveries,
    event_counts,
    expire_leases_of,
    make_settings,
    process_env,
    scalar,
    wait_for,
)
from tests.servers.smtp import SmtpTestServer

AGREEMENTS = 1000
USERS = 50
REMINDED = AGREEMENTS // 2
FIRST = 500  # agreements whose deadline passes while the workers run; the rest pass in downtime

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.timeout(900)]


def _pending(database: Database) -> int:
    return int(
        scalar(database, "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')") or 0
    )


def _sent(database: Database) -> int:
    return int(scalar(database, "SELECT count(*) FROM counterparties WHERE status = 'sent'") or 0)


def _reschedule(
    database: Database, ids: list[str], *, deadline: datetime, reminder_s: float | None
) -> None:
    """Set deadlines and reminder offsets as if the agreements had been made with them: the
    same values the handoff's ``schedule_next`` would have written."""
    offsets = [reminder_s / 60] if reminder_s else []
    remind_at = deadline - timedelta(seconds=reminder_s) if reminder_s else None
    with database.transaction() as session:
        session.execute(
            update(Agreement)
            .where(Agreement.id.in_(ids))
            .values(deadline=deadline, reminder_offsets=offsets)
        )
        session.execute(
            update(Counterparty)
            .where(Counterparty.agreement_id.in_(ids))
            .values(deadline=deadline, next_reminder_at=remind_at)
        )


def _explain(database: Database, cp_ids: list[int]) -> str:
    lines = [f"{len(cp_ids)} counterparties deemed more than once"]
    with database.transaction() as session:
        for cp_id in cp_ids[:3]:
            cp = session.get(Counterparty, cp_id)
            assert cp is not None
            for ev in session.scalars(
                select(Event).where(Event.agreement_id == cp.agreement_id).order_by(Event.seq)
            ):
                lines.append(
                    f"  cp {cp_id} #{ev.seq} {ev.type} {ev.at} {ev.counterparty_id} "
                    f"{ev.data.get('synced_through')}"
                )
            for entry in session.scalars(
                select(OutboxEntry).where(OutboxEntry.agreement_id == cp.agreement_id)
            ):
                lines.append(
                    f"  outbox {entry.id} {entry.kind} {entry.dedupe_key} "
                    f"{entry.status} {entry.created_at}"
                )
    return "\n".join(lines)


def _deemed(database: Database) -> int:
    return int(
        scalar(database, "SELECT count(*) FROM counterparties WHERE status = 'deemed_accepted'")
        or 0
    )


def test_two_workers_one_killed_then_downtime_every_deadline_once(
    pg_url: str, smtp_server: SmtpTestServer, tmp_path: Path, spawn: Callable[..., Proc]
) -> None:
    settings = make_settings(pg_url, tmp_path / "data", smtp_url=smtp_server.url)
    database = Database(pg_url)
    t0 = time.monotonic()
    ids = bulk_agreements(
        database,
        settings,
        count=AGREEMENTS,
        users_count=USERS,
        deadline=utcnow() + timedelta(hours=2),
        notify_counterparty=lambda i: i % 2 == 0,
    )
    created = time.monotonic() - t0
    print(
        f"[{time.monotonic() - t0:.1f}s] envelopes={len(smtp_server.messages)} deemed={_deemed(database)}",
        flush=True,
    )
    env = process_env(pg_url, settings.data_dir, ACCORD_SMTP_URL=smtp_server.url)
    in_flight: set[int] = set()

    def kill(proc: Proc) -> None:
        proc.kill()
        with database.transaction() as session:
            in_flight.update(
                session.scalars(
                    select(OutboxEntry.id).where(
                        OutboxEntry.status == "sending",
                        OutboxEntry.lease_owner.like(f"%:{proc.pid}:%"),
                    )
                )
            )
        expire_leases_of(database, proc.pid)

    # Phase 1: two workers hand off the summaries; A is SIGKILLed midway and restarted.
    t1 = time.monotonic()
    a = spawn("worker", env=env, name="worker-a")
    b = spawn("worker", env=env, name="worker-b")
    wait_for(lambda: len(smtp_server.messages) >= 600, timeout=240, what="600 envelopes")
    kill(a)
    a = spawn("worker", env=env, name="worker-a2")
    wait_for(
        lambda: _sent(database) == AGREEMENTS and _pending(database) == 0,
        timeout=240,
        what="every summary handed off",
    )
    handoff = time.monotonic() - t1

    print(
        f"[{time.monotonic() - t0:.1f}s] envelopes={len(smtp_server.messages)} deemed={_deemed(database)}",
        flush=True,
    )
    # Phase 2: reminders and digests fall due at once, the first half's deadlines 10 s later
    # (the reminder offset is 9 s, written as the fraction of a minute the sweep reads). A is
    # SIGKILLed again in the middle of deeming; B goes on alone.
    now = utcnow()
    first, rest = ids[:FIRST], ids[FIRST:]
    # Every other agreement has a reminder (REMINDED of them), due 3 s from now.
    for part, deadline in ((first, now + timedelta(seconds=12)), (rest, now + timedelta(hours=1))):
        seconds = (deadline - now).total_seconds() - 3
        _reschedule(database, part[::2], deadline=deadline, reminder_s=seconds)
        _reschedule(database, part[1::2], deadline=deadline, reminder_s=None)
    with database.transaction() as session:
        session.execute(update(User).values(next_digest_at=now + timedelta(seconds=3)))
    wait_for(lambda: _deemed(database) >= 100, timeout=240, what="100 deemed")
    kill(a)
    wait_for(
        lambda: _deemed(database) >= FIRST and _pending(database) == 0,
        timeout=240,
        what="B to deem the first half and drain the outbox",
    )

    print(
        f"[{time.monotonic() - t0:.1f}s] envelopes={len(smtp_server.messages)} deemed={_deemed(database)}",
        flush=True,
    )
    # Phase 3: every worker down while the other half's deadlines pass; two fresh workers.
    kill(b)
    assert _deemed(database) == FIRST
    with database.transaction() as session:
        session.execute(
            update(Counterparty)
            .where(Counterparty.agreement_id.in_(rest))
            .values(deadline=utcnow() + timedelta(seconds=1), next_reminder_at=None)
        )
    time.sleep(2)
    assert _deemed(database) == FIRST
    restarted = time.monotonic()
    spawn("worker", env=env, name="worker-c")
    spawn("worker", env=env, name="worker-d")
    wait_for(
        lambda: _deemed(database) == AGREEMENTS and _pending(database) == 0,
        timeout=240,
        what="the restarted workers to catch up",
    )
    catch_up = time.monotonic() - restarted
    time.sleep(1.5)  # a few more ticks: anything done twice would show now

    print(
        f"[{time.monotonic() - t0:.1f}s] envelopes={len(smtp_server.messages)} deemed={_deemed(database)}",
        flush=True,
    )
    twice = [cp for cp, n in event_counts(database, "deemed_accepted").items() if n > 1]
    assert twice == [], _explain(database, twice)
    assert len(event_counts(database, "deemed_accepted")) == AGREEMENTS
    with database.transaction() as session:
        statuses = Counter(session.scalars(select(Counterparty.status)))
    assert statuses == {"deemed_accepted": AGREEMENTS}

    sent = deliveries(database, smtp_server.messages)
    assert sent.unknown() == [] and sent.unsent() == []
    assert sent.kinds() == {
        "summary": AGREEMENTS,
        "owner_copy": AGREEMENTS,
        "reminder": REMINDED,
        "digest": USERS,
        "deemed_notice": AGREEMENTS + AGREEMENTS // 2,
    }
    # One Message-ID per dedupe key (reminder, final notice): "once" under any retry.
    keys = Counter(key for _kind, key in sent.outbox.values() if key)
    assert set(keys.values()) == {1}
    # A second envelope is allowed only where the retry could not know: rows a killed worker
    # had in flight, and then under the same Message-ID (SPEC §4).
    with database.transaction() as session:
        in_flight_ids = {
            row.message.message_id
            for row in session.scalars(select(OutboxEntry).where(OutboxEntry.id.in_(in_flight)))
        }
    assert set(sent.duplicates()) <= in_flight_ids
    resent = Counter(sent.outbox[m][0] for m in sent.duplicates())
    assert broken_chains(database) == {}
    database.dispose()
    print(
        f"\nworkers: created {AGREEMENTS} in {created:.1f} s; handoff {handoff:.1f} s; "
        f"{len(in_flight)} rows in flight at the kills; resent under the same Message-ID "
        f"{dict(resent)}; catch-up after downtime "
        f"{catch_up:.1f} s; {len(smtp_server.messages)} envelopes"
    )
