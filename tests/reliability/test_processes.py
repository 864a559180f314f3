"""Processes and leases (issues 20 and 21): workers starting together, stopping, dying.

Real `accord` processes, a real Dovecot and PostgreSQL. What each test proves is in
docs/reliability.md under "Processes and leases".
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.mailboxes import TRACKING
from app.db import Database
from app.inbound.poller import mailbox_state
from app.models import MailboxState
from tests.reliability.conftest import scalar, wait_for

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


_ = (Path, time)
