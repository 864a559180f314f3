"""Counterparty transitions: each allowed one writes an event, each forbidden one raises."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from app.agreements import service
from app.agreements.schemas import AgreementCreate
from app.config import Settings
from app.core.chain import first_break
from app.core.events import event_record
from app.core.lifecycle import (
    TRANSITIONS,
    AgreementStatus,
    CpStatus,
    can_move,
    derive_status,
)
from app.core.record import lock_agreement, transition
from app.db import Database, utcnow
from app.errors import InvalidTransition
from app.models import Agreement, Counterparty, Event
from app.users import service as users

S = CpStatus
ALL_MOVES = [(a, b) for a in S for b in S]


@pytest.fixture
def owned(database: Database) -> Iterator[tuple[Database, str]]:
    with database.transaction() as session:
        owner = users.create_user(session, email="anna@example.org", name="Anna")
        data = AgreementCreate(
            title="Review",
            summary="X by June for Y.",
            counterparties=[{"email": "john@example.com"}, {"email": "mary@example.com"}],
            cc=[{"email": "hr@example.com", "informational": True}],
            respond_within="3d",
        )
        plan = service.plan_from_request(owner, data, now=utcnow())
        created = service.create_agreement(
            session,
            settings=Settings(_env_file=None),
            owner=owner,
            plan=plan,
            now=utcnow(),
            send_summaries=False,
        )
        agreement_id = created.agreement["id"]
    return database, agreement_id


def _set_status(database: Database, agreement_id: str, email: str, status: CpStatus) -> None:
    with database.transaction() as session:
        cp = session.scalar(select(Counterparty).where(Counterparty.email == email))
        assert cp is not None
        cp.status = status


def _move(database: Database, agreement_id: str, email: str, to: CpStatus) -> None:
    with database.transaction() as session:
        lock_agreement(session, agreement_id)
        cp = session.scalar(select(Counterparty).where(Counterparty.email == email))
        assert cp is not None
        transition(session, counterparty=cp, to=to, actor="test")


@pytest.mark.parametrize(("current", "new"), ALL_MOVES, ids=[f"{a}->{b}" for a, b in ALL_MOVES])
def test_each_move_is_allowed_with_an_event_or_refused(
    owned: tuple[Database, str], current: CpStatus, new: CpStatus
) -> None:
    database, agreement_id = owned
    _set_status(database, agreement_id, "john@example.com", current)
    with database.transaction() as session:
        before = len(list(session.scalars(select(Event).where(Event.agreement_id == agreement_id))))
    if can_move(current, new):
        _move(database, agreement_id, "john@example.com", new)
        with database.transaction() as session:
            events = list(
                session.scalars(
                    select(Event).where(Event.agreement_id == agreement_id).order_by(Event.seq)
                )
            )
            assert len(events) == before + 1
            assert events[-1].type == str(new)
            assert events[-1].data["from"] == str(current)
            assert first_break(event_record(e) for e in events) is None
    else:
        with pytest.raises(InvalidTransition):
            _move(database, agreement_id, "john@example.com", new)
        with database.transaction() as session:
            after = session.scalars(select(Event).where(Event.agreement_id == agreement_id)).all()
            assert len(after) == before


def test_derived_status_follows_the_counterparties(owned: tuple[Database, str]) -> None:
    database, agreement_id = owned

    def status() -> str:
        with database.transaction() as session:
            agreement = session.get(Agreement, agreement_id)
            assert agreement is not None
            return agreement.status

    assert status() == "queued"
    _move(database, agreement_id, "john@example.com", S.SENT)
    assert status() == "awaiting_reply"
    _move(database, agreement_id, "mary@example.com", S.SENT)
    _move(database, agreement_id, "john@example.com", S.CONFIRMED)
    assert status() == "awaiting_reply"
    _move(database, agreement_id, "mary@example.com", S.DEEMED_ACCEPTED)
    assert status() == "accepted"  # the informational cc does not count
    _move(database, agreement_id, "mary@example.com", S.BOUNCED)
    assert status() == "needs_attention"


def test_no_transition_after_withdrawal(owned: tuple[Database, str]) -> None:
    database, agreement_id = owned
    with database.transaction() as session:
        agreement = lock_agreement(session, agreement_id)
        service.withdraw(session, agreement=agreement, actor="anna@example.org")
        assert agreement.status == "withdrawn"
    with pytest.raises(InvalidTransition):
        _move(database, agreement_id, "john@example.com", S.SENT)


def test_events_are_append_only(owned: tuple[Database, str]) -> None:
    database, agreement_id = owned
    with pytest.raises(RuntimeError, match="append-only"), database.transaction() as session:
        event = session.scalar(select(Event).where(Event.agreement_id == agreement_id))
        assert event is not None
        event.actor = "someone else"
        session.flush()


def test_the_table_of_moves() -> None:
    assert TRANSITIONS[S.BOUNCED] == frozenset()
    assert not can_move(S.PENDING, S.DEEMED_ACCEPTED)  # no hand-off, no deemed acceptance
    assert not can_move(S.BOUNCED, S.DEEMED_ACCEPTED)
    assert can_move(S.DEEMED_ACCEPTED, S.BOUNCED)
    assert derive_status([]) == AgreementStatus.QUEUED
    assert derive_status([S.SENT], open_unverified=True) == AgreementStatus.NEEDS_ATTENTION
    assert derive_status([S.AWAY, S.CONFIRMED]) == AgreementStatus.NEEDS_ATTENTION
    assert derive_status([S.CONFIRMED], withdrawn=True) == AgreementStatus.WITHDRAWN
