"""Faults survived, nothing lost (issue 9 point 1): a real `accord worker` process is SIGKILLed
at >= 20 random points while it delivers, ingests from Dovecot and sweeps deadlines; meanwhile
the SMTP server refuses connections for a while, Dovecot is stopped during a poll and
restarted, and the worker's PostgreSQL connections are terminated under it. After recovery:
every inbound message applied once, every outbox message sent at least once and never twice
under different Message-IDs, every due deadline handled once, every event chain intact."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update

from app.db import Database, utcnow
from app.models import Agreement, Counterparty, OutboxEntry, StoredMessage
from tests.app import mailfactory
from tests.reliability.conftest import (
    Proc,
    broken_chains,
    bulk_agreements,
    deliveries,
    event_counts,
    expire_leases_of,
    make_settings,
    process_env,
    wait_for,
)
from tests.servers.dovecot import DovecotServer, ImapAccount
from tests.servers.smtp import SmtpTestServer

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.imap, pytest.mark.timeout(900)]
AGREEMENTS = 90
REPLIED = 30  # the first ones get a reply; the others are deemed
KILLS = 22
LATE_KILLS = 8  # of them while replies are ingested and deadlines swept


def _counts(database: Database) -> dict[str, int]:
    with database.transaction() as session:
        cps = Counter(session.scalars(select(Counterparty.status)))
        outbox = Counter(session.scalars(select(OutboxEntry.status)))
        inbound = Counter(
            session.scalars(select(StoredMessage.status).where(StoredMessage.direction == "in"))
        )
    return {
        "sent_cp": cps["sent"],
        "pending_cp": cps["pending"],
        "confirmed": cps["confirmed"],
        "deemed": cps["deemed_accepted"],
        "outbox_open": outbox["pending"] + outbox["sending"],
        "inbound": sum(inbound.values()),
        "inbound_open": inbound["received"],
    }


def _terminate_connections(database: Database) -> int:
    """Kill every other session on this database (the worker's), as a PostgreSQL restart
    would, without touching the other tests' databases on this shared server."""
    with database.engine.connect() as conn:
        killed = conn.execute(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        ).scalar()
        conn.commit()
    return int(killed or 0)


def _retry_now(database: Database) -> None:
    """Skip the delivery backoff (30 s and up) after the SMTP outage: time travel only."""
    with database.transaction() as session:
        session.execute(
            update(OutboxEntry)
            .where(OutboxEntry.status == "pending")
            .values(next_attempt_at=utcnow())
        )


def test_worker_killed_at_random_points_under_server_faults_loses_nothing(
    pg_url: str,
    smtp_server: SmtpTestServer,
    imap_account: ImapAccount,
    dovecot: DovecotServer,
    tmp_path: Path,
    spawn: Callable[..., Proc],
) -> None:
    settings = make_settings(pg_url, tmp_path / "data", smtp_url=smtp_server.url)
    database = Database(pg_url)
    rng = random.Random(9)
    try:
        ids = bulk_agreements(
            database,
            settings,
            count=AGREEMENTS,
            users_count=3,
            deadline=utcnow() + timedelta(hours=2),
        )
        replied, silent = ids[:REPLIED], ids[REPLIED:]
        env = process_env(
            pg_url,
            settings.data_dir,
            ACCORD_SMTP_URL=smtp_server.url,
            ACCORD_IMAP_URL=imap_account.url,
        )
        kills: list[tuple[str, dict[str, int]]] = []
        faults: list[str] = []
        stage = "delivery"
        started = time.monotonic()
        for n in range(KILLS + 60):
            proc = spawn("worker", env=env, name=f"worker-{n}")
            time.sleep(rng.uniform(0.8, 3.0))
            if n == 3:  # the SMTP server goes away for a while
                smtp_server.stop()
                time.sleep(2.0)
                smtp_server.start()
                _retry_now(database)
                faults.append("smtp refused connections for 2 s")
            if n == 6:
                faults.append(f"terminated {_terminate_connections(database)} DB sessions")
                time.sleep(1.0)
            counts = _counts(database)
            if stage == "delivery" and counts["pending_cp"] == 0 and counts["outbox_open"] == 0:
                # Summaries are out: the replies arrive and the silent ones' deadlines near.
                stage = "ingest+sweep"
                summaries = _summaries(database, replied)
                imap_account.append_many(mailfactory.reply(raw, "Confirmed!") for raw in summaries)
                soon = utcnow() + timedelta(seconds=4)
                with database.transaction() as session:
                    session.execute(
                        update(Agreement)
                        .where(Agreement.id.in_(silent))
                        .values(deadline=soon, reminder_offsets=[2 / 60])
                    )
                    session.execute(
                        update(Counterparty)
                        .where(Counterparty.agreement_id.in_(silent))
                        .values(deadline=soon, next_reminder_at=soon - timedelta(seconds=2))
                    )
            if stage == "ingest+sweep" and "dovecot" not in " ".join(faults):
                dovecot.stop()  # during the worker's poll (it polls every 0.3 s)
                time.sleep(1.5)
                dovecot.start()
                faults.append("dovecot stopped for 1.5 s during polling")
            if n == 14:
                faults.append(f"terminated {_terminate_connections(database)} DB sessions")
            proc.kill()
            expire_leases_of(database, proc.pid)
            kills.append((stage, _counts(database)))
            late = sum(1 for s, _ in kills if s == "ingest+sweep")
            if len(kills) >= KILLS and late >= LATE_KILLS:
                break
        assert len(kills) >= KILLS and late >= LATE_KILLS, kills[-1]

        spawn("worker", env=env, name="worker-final")
        wait_for(
            lambda: _done(database),
            timeout=300,
            what="recovery",
            on_timeout=lambda: str(_counts(database)),
        )
        time.sleep(1.5)
        elapsed = time.monotonic() - started

        counts = _counts(database)
        assert counts["confirmed"] == REPLIED and counts["deemed"] == AGREEMENTS - REPLIED
        assert counts["inbound"] == REPLIED and counts["inbound_open"] == 0
        confirmed = event_counts(database, "confirmed")
        assert len(confirmed) == REPLIED and set(confirmed.values()) == {1}
        deemed = event_counts(database, "deemed_accepted")
        assert len(deemed) == AGREEMENTS - REPLIED and set(deemed.values()) == {1}
        sent = deliveries(database, smtp_server.messages)
        assert sent.unknown() == [] and sent.unsent() == []
        with database.transaction() as session:
            per_cp = Counter(
                session.execute(
                    select(OutboxEntry.kind, OutboxEntry.counterparty_id).where(
                        OutboxEntry.kind.in_(["summary", "reminder", "deemed_notice"])
                    )
                ).all()
            )
            statuses = Counter(session.scalars(select(OutboxEntry.status)))
            stored_in = session.scalar(
                select(func.count(func.distinct(StoredMessage.message_id))).where(
                    StoredMessage.direction == "in"
                )
            )
        assert set(per_cp.values()) == {1}  # one Message-ID per message, whatever the retries
        assert statuses == {"sent": sum(statuses.values())}
        assert stored_in == REPLIED
        assert broken_chains(database) == {}
        dupes = sum(sent.duplicates().values()) - len(sent.duplicates())
        by_stage = Counter(stage for stage, _ in kills)
        print(
            f"\nfaults: {len(kills)} SIGKILLs {dict(by_stage)}; {faults}; "
            f"{len(smtp_server.messages)} envelopes, {dupes} resent under the same "
            f"Message-ID; recovered in {elapsed:.1f} s"
        )
    finally:
        if not _port_open(dovecot):
            dovecot.start()
        database.dispose()


def _done(database: Database) -> bool:
    counts = _counts(database)
    return (
        counts["confirmed"] == REPLIED
        and counts["deemed"] == AGREEMENTS - REPLIED
        and counts["outbox_open"] == 0
        and counts["inbound_open"] == 0
    )


def _summaries(database: Database, agreement_ids: list[str]) -> list[bytes]:
    with database.transaction() as session:
        return list(
            session.scalars(
                select(StoredMessage.raw)
                .join(OutboxEntry, OutboxEntry.message_row_id == StoredMessage.id)
                .where(OutboxEntry.kind == "summary", OutboxEntry.agreement_id.in_(agreement_ids))
            )
        )


def _port_open(dovecot: DovecotServer) -> bool:
    import socket

    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((dovecot.host, dovecot.port)) == 0
