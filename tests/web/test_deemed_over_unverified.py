"""Silence is not certain while a message that may be the counterparty's answer awaits the
owner's review: at the deadline deemed acceptance is held and the owner asked, and once the
owner has reviewed it the normal rules apply again (red team of the record, finding 4). On
SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database, utcnow
from app.models import StoredMessage
from app.timekeeping import deemed
from app.timekeeping.sweep import SweepReport, sweep
from tests.app import mailfactory
from tests.app.conftest import Account
from tests.app.test_timekeeping import at, poll_at
from tests.web.test_adversaries import (
    MIKE,
    TRACKING,
    header_of,
    last_event,
    outbound,
    plain_reply,
    receive,
    record_of,
    sent_to_mike,
    summary_of,
)

PHONE = "Mike <mike.lee@gmail.example>"
OBJECTION = "No, that is not what we agreed: 5 leads, not 10."


@dataclass(frozen=True)
class Held:
    agreement: dict[str, Any]
    message: StoredMessage
    after: datetime  # past the deadline


def _sweep_after(settings: Settings, database: Database, moment: datetime) -> SweepReport:
    poll_at(settings, database, moment)
    return sweep(settings, database, now=at(moment))


def _sent(web: TestClient, account: Account, settings: Settings, database: Database) -> Any:
    deadline = utcnow() + timedelta(hours=2)
    agreement = sent_to_mike(
        web, account, settings, database, respond_within=None, deadline=deadline.isoformat()
    )
    return agreement, deadline


def _objection_from_his_phone(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> Held:
    """Mike answers his own Reply-To token from another address, an hour early: held as
    unverified, and Mike stays ``sent``."""
    agreement, deadline = _sent(web, account, settings, database)
    summary = summary_of(database, agreement["id"], MIKE)
    raw = mailfactory.reply(summary, OBJECTION, sender=PHONE)
    stored = receive(settings, database, raw, arrived=deadline - timedelta(hours=1))
    assert stored.status == "unverified", stored.reason
    assert stored.counterparty_id is not None
    assert record_of(database, agreement["id"]).statuses == {MIKE: "sent"}
    return Held(agreement, stored, deadline + timedelta(minutes=5))


@pytest.fixture
def held(web: TestClient, account: Account, settings: Settings, database: Database) -> Held:
    """The objection is left unreviewed past the deadline, and the sweep has run."""
    case = _objection_from_his_phone(web, account, settings, database)
    report = _sweep_after(settings, database, case.after)
    assert (report.deemed, report.owner_asked) == (0, 1)
    return case


def test_an_objection_awaiting_review_holds_deemed_acceptance_and_asks_the_owner(
    held: Held, account: Account, settings: Settings, database: Database
) -> None:
    agreement_id = held.agreement["id"]
    assert record_of(database, agreement_id).statuses == {MIKE: "sent"}
    asked = last_event(database, agreement_id)
    assert asked.type == "owner_asked"
    assert asked.data["awaiting_review"] == [held.message.id]
    assert "awaits the owner's review" in asked.data["why"]
    [alert] = [
        raw
        for _, to, raw in outbound(database, settings, kind="owner_alert")
        if "deadline" in header_of(raw, "Subject") and to == [account.email]
    ]
    assert "review" in header_of(alert, "Subject")
    # Asked once: later sweeps neither deem nor ask again.
    later = _sweep_after(settings, database, held.after + timedelta(hours=1))
    assert (later.deemed, later.owner_asked) == (0, 0)
    assert last_event(database, agreement_id).seq == asked.seq


def test_accepting_the_held_objection_records_it_as_his_answer(
    held: Held, web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement_id = held.agreement["id"]
    accepted = web.post(
        f"/v1/agreements/{agreement_id}/messages/{held.message.id}/accept",
        json={"counterparty": MIKE},
        headers=account.auth,
    )
    assert accepted.status_code == 200, accepted.text
    assert record_of(database, agreement_id).statuses == {MIKE: "clarification_requested"}
    later = _sweep_after(settings, database, held.after + timedelta(hours=1))
    assert later.deemed == 0
    assert record_of(database, agreement_id).statuses == {MIKE: "clarification_requested"}


def test_once_the_owner_dismisses_it_silence_counts_and_the_record_says_it_was_held(
    held: Held, web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement_id = held.agreement["id"]
    dismissed = web.post(
        f"/v1/agreements/{agreement_id}/messages/{held.message.id}/dismiss",
        json={"note": "not Mike's"},
        headers=account.auth,
    )
    assert dismissed.status_code == 200, dismissed.text
    later = _sweep_after(settings, database, held.after + timedelta(hours=1))
    assert later.deemed == 1
    assert record_of(database, agreement_id).statuses == {MIKE: "deemed_accepted"}
    event = last_event(database, agreement_id)
    assert event.type == "deemed_accepted"
    assert any("awaited the owner's review" in c for c in event.data["conditions"])


def test_a_message_naming_nobody_holds_the_agreements_counterparties_too(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    """By the ref alone, without an authentication pass: it is tied to nobody (the ref is
    printed in every subject), yet it may be any counterparty's answer."""
    agreement, deadline = _sent(web, account, settings, database)
    raw = plain_reply(
        sender=f"Mike <{MIKE}>",
        to=TRACKING,
        subject=f"Re: Lead flow [{agreement['ref']}]",
        text=OBJECTION,
    )
    stored = receive(settings, database, raw, arrived=deadline - timedelta(hours=1))
    assert (stored.status, stored.agreement_id) == ("unverified", agreement["id"])
    assert stored.counterparty_id is None
    report = _sweep_after(settings, database, deadline + timedelta(minutes=5))
    assert (report.deemed, report.owner_asked) == (0, 1)
    assert record_of(database, agreement["id"]).statuses == {MIKE: "sent"}


def test_deem_itself_refuses_while_a_review_is_pending(
    web: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    """The due list may be read before the message is stored: the move checks again, in its
    one conditional UPDATE."""
    agreement, deadline = _sent(web, account, settings, database)
    after = deadline + timedelta(minutes=5)
    poll_at(settings, database, after)
    with database.transaction() as session:
        due = deemed.due_for_deemed(session, cutoff=after, limit=10)
    assert [a for _, a in due] == [agreement["id"]]
    summary = summary_of(database, agreement["id"], MIKE)
    receive(settings, database, mailfactory.reply(summary, OBJECTION, sender=PHONE), arrived=after)
    with database.transaction() as session:
        [(cp_id, agreement_id)] = due
        done = deemed.deem(
            session, settings, cp_id=cp_id, agreement_id=agreement_id, now=after, synced=after
        )
    assert done is False
    assert record_of(database, agreement["id"]).statuses == {MIKE: "sent"}


def test_the_sweep_lag_metric_counts_no_held_counterparty(held: Held, database: Database) -> None:
    # The metric asks the sweep's own question (``deemed.oldest_due``): a counterparty held
    # and already asked about is no work the sweep is late with.
    from app.metrics import sweep_lag

    with database.transaction() as session:
        assert deemed.oldest_due(session, cutoff=held.after) is None
        assert sweep_lag(session, held.after + timedelta(hours=1)) == 0
