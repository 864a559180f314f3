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
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from app.db import Database, utcnow
from app.models import Counterparty, OutboxEntry, User
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
    set_deadlines,
    wait_for,
)
from tests.servers.smtp import SmtpTestServer

AGREEMENTS = 1000
USERS = 50
FIRST = 500  # agreements whose deadline passes while the workers run; the rest pass in downtime

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def _pending(database: Database) -> int:
    return int(scalar(database, "SELECT count(*) FROM outbox WHERE status IN "
                                "('pending', 'sending')") or 0)


def _deemed(database: Database) -> int:
    return int(scalar(database, "SELECT count(*) FROM counterparties "
                                "WHERE status = 'deemed_accepted'") or 0)


def test_two_workers_one_killed_then_downtime_every_deadline_once(
    pg_url: str, smtp_server: SmtpTestServer, tmp_path: Path, spawn: Callable[..., Proc]
) -> None:
    settings = make_settings(pg_url, tmp_path / "data", smtp_url=smtp_server.url)
    database = Database(pg_url)
    t0 = time.monotonic()
    ids = bulk_agreements(database, settings, count=AGREEMENTS, users_count=USERS,
                          deadline=utcnow() + timedelta(hours=2),
                          notify_counterparty=lambda i: i % 2 == 0)
    created = time.monotonic() - t0

    # Timed from now: digests at +6 s, every reminder at +10 s, the first half's deadlines
    # at +20 s; the second half's deadline is far off until every worker is down.
    start = utcnow()
    first, rest = ids[:FIRST], ids[FIRST:]
    set_deadlines(database, {a: start + timedelta(seconds=20) for a in first})
    set_deadlines(database, {a: start + timedelta(hours=1) for a in rest})
    with database.transaction() as session:
        # Offsets are minutes; fractions keep the test short (reminder at start + 10 s).
        session.execute(text("UPDATE agreements SET reminder_offsets = :o WHERE id = ANY(:ids)"),
                        {"o": "[0.1666667]", "ids": first})
        session.execute(text("UPDATE agreements SET reminder_offsets = :o WHERE id = ANY(:ids)"),
                        {"o": f"[{(3600 - 10) / 60}]", "ids": rest})
        session.execute(update(User).values(next_digest_at=start + timedelta(seconds=6)))

    env = process_env(pg_url, settings.data_dir, ACCORD_SMTP_URL=smtp_server.url)
    a = spawn("worker", env=env, name="worker-a")
    b = spawn("worker", env=env, name="worker-b")

    # SIGKILL worker A in the middle of delivering the summaries.
    wait_for(lambda: len(smtp_server.messages) >= 600, timeout=60, what="600 envelopes")
    a.kill()
    with database.transaction() as session:
        in_flight = set(session.scalars(
            select(OutboxEntry.id).where(OutboxEntry.status == "sending",
                                         OutboxEntry.lease_owner.like(f"%:{a.pid}:%"))))
    expire_leases_of(database, a.pid)
    killed_at = len(smtp_server.messages)

    # B alone finishes the rest: summaries, digests, reminders, the first half's deadlines.
    wait_for(lambda: _deemed(database) >= FIRST and _pending(database) == 0, timeout=90,
             what="B to deem the first half and drain the outbox")
    b.kill()
    expire_leases_of(database, b.pid)
    assert _deemed(database) == FIRST

    # Downtime: the other deadlines pass while no worker runs.
    gone = utcnow() + timedelta(seconds=1)
    set_deadlines(database, dict.fromkeys(rest, gone))
    time.sleep(2)
    assert _deemed(database) == FIRST
    restarted = time.monotonic()
    spawn("worker", env=env, name="worker-c")
    spawn("worker", env=env, name="worker-d")
    wait_for(lambda: _deemed(database) == AGREEMENTS and _pending(database) == 0, timeout=90,
             what="the restarted workers to catch up")
    catch_up = time.monotonic() - restarted
    time.sleep(1.5)  # a few more ticks: anything done twice would show now

    assert set(event_counts(database, "deemed_accepted").values()) == {1}
    assert len(event_counts(database, "deemed_accepted")) == AGREEMENTS
    with database.transaction() as session:
        statuses = Counter(session.scalars(select(Counterparty.status)))
    assert statuses == {"deemed_accepted": AGREEMENTS}

    sent = deliveries(database, smtp_server.messages)
    assert sent.unknown() == [] and sent.unsent() == []
    assert sent.kinds() == {"summary": AGREEMENTS, "owner_copy": AGREEMENTS,
                            "reminder": AGREEMENTS, "digest": USERS,
                            "deemed_notice": AGREEMENTS + AGREEMENTS // 2}
    by_key = Counter(sent.outbox[m][1] for m in sent.by_message_id for _ in
                     range(sent.by_message_id[m]) if sent.outbox[m][1])
    assert set(by_key.values()) == {1}  # every reminder and final notice once
    # A duplicate is allowed only where the retry could not know: rows A had in flight, and
    # then only under the same Message-ID.
    with database.transaction() as session:
        ids_by_mid = {row.message.message_id: row.id for row in session.scalars(
            select(OutboxEntry).where(OutboxEntry.id.in_(in_flight)))}
    assert set(sent.duplicates()) <= set(ids_by_mid)
    assert {sent.outbox[m][0] for m in sent.duplicates()} <= {"summary", "owner_copy"}
    assert broken_chains(database) == {}
    database.dispose()
    print(f"\nworkers: created {AGREEMENTS} in {created:.1f} s; A killed after {killed_at} "
          f"envelopes with {len(in_flight)} rows in flight; duplicates (same Message-ID) "
          f"{sum(sent.duplicates().values()) - len(sent.duplicates())}; catch-up after downtime "
          f"{catch_up:.1f} s; {len(smtp_server.messages)} envelopes")
