"""The console says what happened to agreements, one readable line per state change, and
only once the change is committed."""

from __future__ import annotations

import email
import logging
from datetime import timedelta
from email import policy

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from app.logs import configure
from app.outbound.senders import inbox_box, sent_box
from app.timekeeping.sweep import sweep
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_timekeeping import at, db, poll_at, sent_agreement

__all__ = ["db"]


def _summaries(settings: Settings) -> dict[str, bytes]:
    box = sent_box(settings)
    out = {}
    for uid in box.uids():
        raw = box.read(uid).raw
        out[str(email.message_from_bytes(raw, policy=policy.default)["To"])] = raw
    return out


def test_state_changes_are_logged_one_readable_line_each(
    client: TestClient,
    account: Account,
    settings: Settings,
    db: Database,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="accord.state")
    agreement, deadline = sent_agreement(
        client,
        account,
        settings,
        db,
        counterparties=[{"email": "mike@example.com"}, {"email": "jane@example.com"}],
    )
    ref = f'{agreement["ref"]} "{agreement["title"]}"'
    inbox_box(settings).append(
        mailfactory.reply(_summaries(settings)["mike@example.com"], "Sounds good!")
    )
    after = deadline + timedelta(minutes=1)
    poll_at(settings, db, after)
    assert sweep(settings, db, now=at(after)).deemed == 1
    lines = [r.getMessage() for r in caplog.records if r.name == "accord.state"]
    assert f"{ref}: summary sent (mike@example.com)" in lines
    assert f"{ref}: summary sent (jane@example.com)" in lines
    assert f"{ref}: reply applied: confirmed (mike@example.com)" in lines
    assert f"{ref}: deemed accepted (no reply by the deadline) (jane@example.com)" in lines
    assert all("\n" not in line for line in lines)
    assert len(lines) == len(set(lines))  # each change once


def test_a_change_rolled_back_is_not_logged(
    client: TestClient,
    account: Account,
    settings: Settings,
    db: Database,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from app.core.events import append_event
    from app.core.record import lock_agreement

    agreement, _ = sent_agreement(client, account, settings, db)
    caplog.set_level(logging.INFO, logger="accord.state")
    caplog.clear()
    with db.transaction() as session:
        locked = lock_agreement(session, agreement["id"])
        with pytest.raises(RuntimeError), session.begin_nested():
            append_event(session, agreement=locked, type="extended", actor="system")
            raise RuntimeError("undone")
        append_event(session, agreement=locked, type="withdrawn", actor="system")
    lines = [r.getMessage() for r in caplog.records if r.name == "accord.state"]
    assert lines == [f'{agreement["ref"]} "{agreement["title"]}": withdrawn']


def test_library_connection_noise_stays_below_warning() -> None:
    configure("INFO", json_lines=False)
    for name in ("mail.log", "aiosmtplib", "httpx", "httpcore", "imapclient", "apscheduler"):
        assert not logging.getLogger(name).isEnabledFor(logging.INFO), name
    assert logging.getLogger("accord.state").isEnabledFor(logging.INFO)
