"""`accord poll --once` SIGKILLed at random points of an ingest from a real Dovecot, then
restarted until done; and two pollers at once (issue 4 point 5, SPEC §5: "a crash at any
point neither loses a message nor applies it twice")."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from app.config import Settings
from app.db import Database, utcnow
from app.models import Counterparty, Event, OutboxEntry, StoredMessage
from app.outbound.drafts import compose_drafts
from tests.app import mailfactory
from tests.reliability.conftest import (
    Proc,
    broken_chains,
    bulk_agreements,
    expire_leases_of,
    make_settings,
    process_env,
)
from tests.servers.dovecot import ImapAccount

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.imap, pytest.mark.timeout(600)]
KILLS = 8
APPLIED = ("confirmed", "clarification_requested")


def sent_with_replies(database: Database, settings: Settings, count: int) -> list[bytes]:
    """``count`` counterparties whose summaries were handed off, and one reply from each
    (every third asks for a clarification)."""
    bulk_agreements(
        database,
        settings,
        count=count,
        users_count=5,
        deadline=utcnow().replace(year=utcnow().year + 1),
    )
    with database.transaction() as session:
        # As the delivery's claim and hand-off would (the SMTP leg is not under test here).
        compose_drafts(session, settings)
        session.execute(
            update(Counterparty).values(status="sent", handoff_at=utcnow(), handoff_reply="250 ok")
        )
        session.execute(update(OutboxEntry).values(status="sent"))
        rows = (
            session.execute(
                select(StoredMessage.raw)
                .join(OutboxEntry, OutboxEntry.message_row_id == StoredMessage.id)
                .where(OutboxEntry.kind == "summary")
                .order_by(OutboxEntry.id)
            )
            .scalars()
            .all()
        )
    return [
        mailfactory.reply(raw, "Yes, but only from March." if n % 3 == 0 else "Confirmed!")
        for n, raw in enumerate(rows)
    ]


def assert_each_applied_once(database: Database, count: int) -> Counter[str]:
    with database.transaction() as session:
        inbound = session.execute(
            select(StoredMessage.message_id, StoredMessage.status).where(
                StoredMessage.direction == "in"
            )
        ).all()
        applied = Counter(
            session.scalars(select(Event.counterparty_id).where(Event.type.in_(APPLIED)))
        )
        statuses = Counter(session.scalars(select(Counterparty.status)))
        alerts = session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.kind == "owner_alert")
        )
    ids = Counter(m for m, _ in inbound)
    assert len(inbound) == count, f"{len(inbound)} stored rows for {count} messages"
    assert max(ids.values()) == 1, "a message was stored twice"
    by_status = Counter(s for _, s in inbound)
    assert by_status == {"processed": count}, by_status
    assert len(applied) == count and set(applied.values()) == {1}
    clarifications = (count + 2) // 3
    assert statuses == {
        "confirmed": count - clarifications,
        "clarification_requested": clarifications,
    }
    assert alerts == clarifications  # one owner alert per clarification, none twice
    assert broken_chains(database) == {}
    return by_status


def test_poll_sigkilled_at_random_points_applies_every_message_once(
    pg_url: str, imap_account: ImapAccount, tmp_path: Path, spawn: Callable[..., Proc]
) -> None:
    count = 300
    settings = make_settings(pg_url, tmp_path / "data")
    database = Database(pg_url)
    try:
        imap_account.append_many(sent_with_replies(database, settings, count))
        # Small batches: each commit is a point where progress shows, so kills land both
        # between batches and inside them (where the whole batch rolls back).
        env = process_env(
            pg_url,
            settings.data_dir,
            ACCORD_IMAP_URL=imap_account.url,
            ACCORD_INGEST_BATCH_SIZE="10",
        )
        rng = random.Random(4)  # a fixed seed: the same kill points on every run
        kills: list[tuple[int, int]] = []
        started = time.monotonic()
        for attempt in range(40):
            proc = spawn("poll", "--once", env=env, name=f"poll-{attempt}")
            if len(kills) < KILLS:
                # Kill points by progress, not by time (start-up time varies with load):
                # right after a batch was stored, or after some messages were processed.
                stored, done = _progress(database)
                target = done + rng.randint(1, 60)

                def reached(s: int, d: int, stored: int = stored, target: int = target) -> bool:
                    return s > stored or d >= target

                if _wait_progress(database, proc, reached):
                    proc.kill()
                    expire_leases_of(database, proc.pid)
                    kills.append(_progress(database))
                    continue
            code = proc.wait(timeout=300)
            assert code == 0, proc.log.read_text()[-2000:]
            if _progress(database) == (count, count):
                break
        elapsed = time.monotonic() - started
        assert_each_applied_once(database, count)
        assert len(kills) >= KILLS - 2, kills
        print(
            f"\ningest: {count} replies, {len(kills)} SIGKILLs at (stored, processed) "
            f"{kills}; done in {elapsed:.1f} s"
        )
    finally:
        database.dispose()


def _wait_progress(database: Database, proc: Proc, reached: Callable[[int, int], bool]) -> bool:
    """Wait until ``reached(stored, processed)``; False if the process ended first."""
    while proc.popen.poll() is None:
        if reached(*_progress(database)):
            return True
        time.sleep(0.02)
    return False


def _progress(database: Database) -> tuple[int, int]:
    with database.transaction() as session:
        stored = (
            session.scalar(
                select(func.count())
                .select_from(StoredMessage)
                .where(StoredMessage.direction == "in")
            )
            or 0
        )
        done = (
            session.scalar(
                select(func.count())
                .select_from(StoredMessage)
                .where(StoredMessage.direction == "in", StoredMessage.status != "received")
            )
            or 0
        )
    return int(stored), int(done)


def test_two_pollers_at_once_never_process_a_message_twice(
    pg_url: str, imap_account: ImapAccount, tmp_path: Path, spawn: Callable[..., Proc]
) -> None:
    count = 120
    settings = make_settings(pg_url, tmp_path / "data")
    database = Database(pg_url)
    try:
        imap_account.append_many(sent_with_replies(database, settings, count))
        env = process_env(pg_url, settings.data_dir, ACCORD_IMAP_URL=imap_account.url)
        for round_ in range(20):
            pair = [spawn("poll", "--once", env=env, name=f"pair{round_}-{n}") for n in (1, 2)]
            assert [p.wait(timeout=300) for p in pair] == [0, 0]
            if _progress(database) == (count, count):
                break
        assert_each_applied_once(database, count)
    finally:
        database.dispose()
