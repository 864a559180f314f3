"""The write and auth paths behind POST/GET /v1/agreements: the rows creation writes, the
chain, the keys it reserves, and the refusals of revoked keys and disabled users."""

from __future__ import annotations

import email
import email.utils
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from app.agreements import service
from app.agreements.schemas import AgreementCreate
from app.api import auth
from app.api.keycache import RecentKeys
from app.core.chain import first_break
from app.core.events import append_event, event_record
from app.db import Database, utcnow
from app.models import Agreement, ApiKey, Event, OutboxEntry, StoredMessage, User
from app.outbound.drafts import compose_drafts
from tests.app.conftest import Account

BODY: dict[str, Any] = {
    "title": "Lead flow",
    "summary": "Dear Mike,\n\nWe agreed on 10 leads a week.\n\nLet me know if I missed anything.",
    "counterparties": [{"email": "mike@example.com", "name": "Mike"}],
    "cc": [{"email": "hr@example.com", "informational": True}],
    "respond_within": "2d",
}


def test_a_revoked_key_is_refused_at_once_though_it_was_just_seen_valid(
    client: TestClient, account: Account
) -> None:
    assert client.post("/v1/agreements", json=BODY, headers=account.auth).status_code == 201
    assert client.get("/v1/agreements", headers=account.auth).status_code == 200
    keys = client.get("/v1/api-keys", headers=account.auth).json()
    assert client.delete(f"/v1/api-keys/{keys[0]['id']}", headers=account.auth).status_code == 200
    # The key is still in the recent-keys cache; the work's own transaction refuses it.
    refused = client.post("/v1/agreements", json=BODY, headers=account.auth)
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"
    assert client.get("/v1/agreements", headers=account.auth).status_code == 401


def test_a_disabled_user_is_refused_at_once(
    client: TestClient, account: Account, database: Database
) -> None:
    assert client.get("/v1/agreements", headers=account.auth).status_code == 200
    with database.transaction() as session:
        user = session.get(User, account.id)
        assert user is not None
        user.disabled_at = utcnow()
    assert client.post("/v1/agreements", json=BODY, headers=account.auth).status_code == 401
    with database.transaction() as session:
        assert session.scalars(select(Agreement)).all() == []


def test_an_unknown_key_is_refused_before_the_body_is_looked_at(client: TestClient) -> None:
    bad = {"Authorization": "Bearer acc_nope"}
    assert client.post("/v1/agreements", json={"title": ""}, headers=bad).status_code == 401
    assert client.post("/v1/agreements", json=BODY).status_code == 401


def test_authenticate_gives_the_user_as_a_query_loads_it(
    account: Account, database: Database
) -> None:
    with database.transaction() as session:
        user = auth.authenticate(session, secret=account.key)
        assert user in session and not session.new and not session.dirty
        assert sa_inspect(user).persistent and not sa_inspect(user).expired_attributes - {
            "addresses"
        }
        loaded = session.get(User, account.id)
        assert loaded is user  # the session's one object for that row
        # A second lookup in the transaction gives the same object, as a query would.
        assert auth.authenticate(session, secret=account.key) is user
        assert [a.email for a in user.addresses] == [account.email]  # loads on first use
        columns = {c.key: getattr(user, c.key) for c in sa_inspect(User).column_attrs}
    with database.transaction() as session:
        queried = session.scalars(select(User).where(User.id == account.id)).one()
        assert columns == {c.key: getattr(queried, c.key) for c in sa_inspect(User).column_attrs}
        key = session.scalars(select(ApiKey).where(ApiKey.user_id == account.id)).one()
        assert key.last_used_at is not None  # recorded by the first lookup


def test_the_idempotency_key_header_is_documented(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/v1/agreements"]["post"]
    assert [(p["in"], p["name"], p["required"]) for p in operation["parameters"]] == [
        ("header", "Idempotency-Key", False)
    ]
    assert operation["security"] == [{"HTTPBearer": []}]


def test_recent_keys_expire_and_are_keyed_by_digest() -> None:
    now = [100.0]
    recent = RecentKeys(ttl=30, clock=lambda: now[0])
    recent.add("acc_one")
    assert "acc_one" in recent and "acc_two" not in recent
    assert "acc_one" not in recent._until  # only the SHA-256 is kept
    now[0] += 31
    assert "acc_one" not in recent


def test_recent_keys_stay_bounded() -> None:
    recent = RecentKeys(max_keys=3)
    for n in range(10):
        recent.add(f"acc_{n}")
    assert len(recent._until) <= 3
    assert "acc_9" in recent


def _create(database: Database, user_id: str, settings: Any) -> tuple[str, list[int]]:
    with database.transaction() as session:
        owner = session.get(User, user_id)
        assert owner is not None
        now = utcnow()
        plan = service.plan_from_request(owner, AgreementCreate(**BODY), now=now)
        rows = service.create_agreement(session, settings=settings, owner=owner, plan=plan, now=now)
        assert not session.new and not session.dirty  # Core statements only
        agreement_id = rows.agreement["id"]
        ids = sorted(
            session.scalars(select(OutboxEntry.id).where(OutboxEntry.agreement_id == agreement_id))
        )
        return agreement_id, ids


def test_created_rows_are_complete_and_chained(
    make_account: Callable[..., Account], database: Database, settings: Any
) -> None:
    account = make_account()
    _create(database, account.id, settings)  # rows before: keys go on from them
    agreement_id, outbox_ids = _create(database, account.id, settings)
    with database.transaction() as session:
        agreement = session.get(Agreement, agreement_id)
        assert agreement is not None
        assert (agreement.status, agreement.version, agreement.event_count) == ("queued", 1, 3)
        assert agreement.meta == {} and agreement.reminder_offsets == [24 * 60]
        assert agreement.withdrawn_at is None and agreement.source == "api"
        entries = session.scalars(
            select(OutboxEntry)
            .where(OutboxEntry.agreement_id == agreement_id)
            .order_by(OutboxEntry.id)
        ).all()
        assert [e.id for e in entries] == outbox_ids
        assert [(e.kind, e.status, e.attempts, e.result) for e in entries] == [
            ("summary", "pending", 0, {}),
            ("summary", "pending", 0, {}),
            ("owner_copy", "pending", 0, {}),
        ]
        messages = session.scalars(
            select(StoredMessage)
            .where(StoredMessage.agreement_id == agreement_id)
            .order_by(StoredMessage.id)
        ).all()
        assert [m.id for m in messages] == [e.message_row_id for e in entries]
        # Queued as drafts: composed by whoever needs the bytes first (normally delivery).
        assert [m.status for m in messages] == ["draft"] * 3
        assert [m.raw for m in messages] == [None] * 3
        assert [m.details["draft"]["to"][0] for m in messages] == [
            "mike@example.com",
            "hr@example.com",
            "anna@example.org",
        ]
        assert compose_drafts(session, settings, agreement_id=agreement_id) == 3
        session.expire_all()
        assert [m.status for m in messages] == ["queued"] * 3
        for entry, message in zip(entries, messages, strict=True):
            assert message.raw is not None and message.size == len(message.raw)
            parsed = email.message_from_bytes(message.raw)
            assert parsed["Message-ID"] == message.message_id
            assert parsed["Subject"] == message.subject
            assert email.utils.parseaddr(parsed["To"])[1] == entry.recipients[0]
        by_id = {c.id: c for c in agreement.counterparties}
        assert [c.email for c in agreement.counterparties] == ["mike@example.com", "hr@example.com"]
        assert {c.version_id for c in agreement.counterparties} == {agreement.versions[0].id}
        for entry, message in zip(entries[:2], messages[:2], strict=True):
            assert entry.counterparty_id is not None
            assert message.counterparty_id == entry.counterparty_id
            assert by_id[entry.counterparty_id].summary_message_id == message.message_id
        events = session.scalars(
            select(Event).where(Event.agreement_id == agreement_id).order_by(Event.seq)
        ).all()
        assert [e.type for e in events] == ["created", "queued", "queued"]
        assert [e.data["outbox_id"] for e in events[1:]] == outbox_ids[:2]
        assert [e.message_row_id for e in events[1:]] == [m.id for m in messages[:2]]
        assert [e.counterparty_id for e in events[1:]] == [e.counterparty_id for e in entries[:2]]
        records = [event_record(e) for e in events]
        assert first_break(records) is None
        assert agreement.event_head == events[-1].hash


def test_creation_draws_another_ref_when_one_is_taken(
    make_account: Callable[..., Account],
    database: Database,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    account = make_account()
    taken, _ = _create(database, account.id, settings)
    with database.transaction() as session:
        taken_ref = session.scalars(select(Agreement.ref).where(Agreement.id == taken)).one()
    refs = iter([taken_ref, "ZZZZ-ZZZZ"])
    monkeypatch.setattr(service, "new_ref", lambda: next(refs))
    agreement_id, outbox_ids = _create(database, account.id, settings)
    with database.transaction() as session:
        agreement = session.get(Agreement, agreement_id)
        assert agreement is not None and agreement.ref == "ZZZZ-ZZZZ"
        assert len(outbox_ids) == 3


def test_an_event_appended_to_a_loaded_agreement_keeps_it_in_step(
    make_account: Callable[..., Account], database: Database, settings: Any
) -> None:
    """The one chain writer updates the session's object of the agreement as if it had been
    read after the write, so ORM changes made before and after go out consistently."""
    account = make_account()
    agreement_id, _ = _create(database, account.id, settings)
    at = datetime(2026, 3, 1, 12, 0, tzinfo=UTC) + timedelta(microseconds=7)
    with database.transaction() as session:
        agreement = session.get(Agreement, agreement_id)
        assert agreement is not None
        cp = agreement.counterparties[0]
        agreement.title = "Renamed"  # a pending change the write must not lose
        first = append_event(
            session,
            agreement=agreement,
            type="note",
            actor="anna@example.org",
            counterparty=cp,
            data={"a": [1, "ü"]},
            at=at,
        )
        second = append_event(
            session,
            agreement=agreement,
            type="note",
            actor="anna@example.org",
            counterparty=cp,
            data={"a": [1, "ü"]},
            at=at,
        )
        assert (agreement.event_count, agreement.event_head, agreement.updated_at) == (
            5,
            second["hash"],
            at,
        )
        assert second["prev_hash"] == first["hash"] and second["seq"] == first["seq"] + 1
        assert not {"event_count", "event_head"} & set(sa_inspect(agreement).committed_state)
    with database.transaction() as session:
        stored = session.get(Agreement, agreement_id)
        assert stored is not None
        assert (stored.title, stored.event_count, stored.event_head) == (
            "Renamed",
            5,
            second["hash"],
        )
        events = session.scalars(
            select(Event).where(Event.agreement_id == agreement_id).order_by(Event.seq)
        ).all()
        assert first_break([event_record(e) for e in events]) is None


def _pages(client: TestClient, account: Account, **params: Any) -> list[list[str]]:
    pages, cursor = [], None
    while True:
        query = {**params, "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/agreements", params=query, headers=account.auth).json()
        pages.append([item["id"] for item in page["items"]])
        cursor = page["next_cursor"]
        if cursor is None:
            return pages


def test_pages_walk_every_agreement_once_newest_first_even_on_equal_times(
    client: TestClient, account: Account, database: Database, settings: Any
) -> None:
    now = utcnow()
    with database.transaction() as session:
        owner = session.get(User, account.id)
        assert owner is not None
        for n in range(5):  # five agreements created at the same instant: ties go by id
            plan = service.plan_from_request(
                owner, AgreementCreate(**{**BODY, "title": f"Same time {n}"}), now=now
            )
            service.create_agreement(session, settings=settings, owner=owner, plan=plan, now=now)
    with database.transaction() as session:
        expected = list(
            session.scalars(
                select(Agreement.id).order_by(Agreement.created_at.desc(), Agreement.id.desc())
            )
        )
    plain = _pages(client, account)
    assert [len(p) for p in plain] == [2, 2, 1]
    assert [i for page in plain for i in page] == expected
    filtered = _pages(client, account, q="same time", status="queued")
    assert [i for page in filtered for i in page] == expected


def test_list_items_are_what_the_detail_shows(client: TestClient, account: Account) -> None:
    created = client.post("/v1/agreements", json=BODY, headers=account.auth).json()
    listed = client.get("/v1/agreements", headers=account.auth).json()["items"]
    detail = client.get(f"/v1/agreements/{created['id']}", headers=account.auth).json()
    assert listed == [created]
    assert listed[0] == {k: v for k, v in detail.items() if k in created}


def test_two_agreements_created_in_one_transaction(
    make_account: Callable[..., Account], database: Database, settings: Any
) -> None:
    """Keys reserved for the second agreement follow the first one's rows (SQLite numbers
    them from the largest key), and a different number of counterparties writes a
    different shape of statement (PostgreSQL writes every table in one)."""
    account = make_account()
    bodies = [BODY, {**BODY, "cc": [], "counterparties": [{"email": "x@example.com"}]}]
    with database.transaction() as session:
        owner = session.get(User, account.id)
        assert owner is not None
        now = utcnow()
        made = [
            service.create_agreement(
                session,
                settings=settings,
                owner=owner,
                plan=service.plan_from_request(owner, AgreementCreate(**body), now=now),
                now=now,
            )
            for body in bodies
        ]
    with database.transaction() as session:
        for rows in made:
            agreement = session.get(Agreement, rows.agreement["id"])
            assert agreement is not None
            assert [c.id for c in agreement.counterparties] == [
                c["id"] for c in rows.counterparties
            ]
            events = session.scalars(
                select(Event).where(Event.agreement_id == agreement.id).order_by(Event.seq)
            ).all()
            assert len(events) == agreement.event_count == len(rows.counterparties) + 1
            assert first_break([event_record(e) for e in events]) is None
