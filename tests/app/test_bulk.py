"""app.bulk writes what an ORM flush of the same objects writes, on both databases
(PostgreSQL takes each table's rows as JSON, SQLite an executemany)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError

from app import bulk
from app.db import Database
from app.models import OutboxEntry, StoredMessage
from app.models.tables import table_of
from tests.app.conftest import Account

RAW = bytes(range(256)) + "Grüße ✓".encode()
AT = datetime(2026, 3, 1, 12, 30, 15, 123456, tzinfo=timezone(timedelta(hours=-5)))


def _message(**values: Any) -> dict[str, Any]:
    return {
        "direction": "out",
        "source": "outbox",
        "message_id": "<m@x>",
        "sha256": "0" * 64,
        "size": len(RAW),
        "raw": RAW,
        "subject": 'Sübject "quoted" \\ back',
        "received_at": AT,
        "status": "queued",
        **values,
    }


def _outbox(message_row_id: int, **values: Any) -> dict[str, Any]:
    return {
        "message_row_id": message_row_id,
        "kind": "summary",
        "envelope_from": "track@x",
        "recipients": ["a@x", "b@x"],
        "next_attempt_at": AT,
        **values,
    }


def _read(database: Database, message_ids: list[int]) -> list[tuple[Any, ...]]:
    with database.transaction() as session:
        found = session.scalars(
            select(StoredMessage)
            .where(StoredMessage.id.in_(message_ids))
            .order_by(StoredMessage.id)
        ).all()
        rows = []
        for m in found:
            entry = session.scalars(
                select(OutboxEntry).where(OutboxEntry.message_row_id == m.id)
            ).one()
            details = session.execute(
                text("SELECT CAST(details AS TEXT) FROM messages WHERE id = :id"), {"id": m.id}
            ).scalar()
            rows.append(
                (
                    m.raw,
                    m.subject,
                    m.received_at,
                    m.details,
                    str(details),
                    m.mailbox,
                    m.status,
                    entry.recipients,
                    entry.result,
                    entry.attempts,
                    entry.next_attempt_at,
                    entry.dedupe_key,
                )
            )
        return rows


def _reserve(session: Any, wanted: list[tuple[Any, int]], mid: str = "<none>") -> Any:
    return bulk.reserve_keys(
        session.connection(),
        [(table_of(model), count) for model, count in wanted],
        probe="EXISTS (SELECT 1 FROM messages WHERE message_id = :mid)",
        params={"mid": mid},
    )


def test_rows_read_back_as_the_orm_writes_them(
    make_account: Callable[..., Account], database: Database
) -> None:
    make_account()
    details = {"ü": [1, 2.5, None, True], "nested": {"a": "\\"}}
    with database.transaction() as session:
        connection = session.connection()
        _, (message_ids, outbox_ids) = _reserve(session, [(StoredMessage, 2), (OutboxEntry, 2)])
        bulk.insert(
            connection,
            table_of(StoredMessage),
            [
                _message(id=message_ids[0], details=details, kind=None),
                _message(id=message_ids[1], details={}, kind="owner_copy"),
            ],
        )
        bulk.insert(
            connection,
            table_of(OutboxEntry),
            [
                _outbox(message_ids[0], id=outbox_ids[0], dedupe_key=None),
                _outbox(message_ids[1], id=outbox_ids[1], dedupe_key="k"),
            ],
        )
    with database.transaction() as session:
        orm_message = StoredMessage(**_message(details=details))
        other = StoredMessage(**_message(kind="owner_copy"))
        session.add_all(
            [
                orm_message,
                other,
                OutboxEntry(message=orm_message, **_outbox(0)),
                OutboxEntry(message=other, **_outbox(0, dedupe_key="k2")),
            ]
        )
        session.flush()
        orm_ids = [orm_message.id, other.id]
    written, flushed = _read(database, message_ids), _read(database, orm_ids)
    assert written[0] == flushed[0]
    assert written[1][:-1] == flushed[1][:-1]  # all but the dedupe key
    assert written[0][0] == RAW and written[0][2] == AT.astimezone(UTC)


def test_keyless_rows_get_their_key_from_the_database_and_come_back(
    make_account: Callable[..., Account], database: Database
) -> None:
    make_account()
    with database.transaction() as session:
        connection = session.connection()
        rows = [_message(message_id=f"<{n}@x>") for n in range(3)]
        found = dict(
            bulk.insert(connection, table_of(StoredMessage), rows, returning=("message_id", "id"))
        )
        assert sorted(found) == ["<0@x>", "<1@x>", "<2@x>"]
        ids = session.scalars(select(StoredMessage.id).order_by(StoredMessage.id)).all()
        assert sorted(found.values()) == ids and len(set(ids)) == 3


def test_rows_are_updated_by_key(make_account: Callable[..., Account], database: Database) -> None:
    make_account()
    with database.transaction() as session:
        connection = session.connection()
        found = bulk.insert(
            connection,
            table_of(StoredMessage),
            [_message(message_id=f"<{n}@x>") for n in range(3)],
            returning=("id",),
        )
        ids = sorted(row_id for (row_id,) in found)
        bulk.update(
            connection,
            table_of(StoredMessage),
            [
                {"id": ids[0], "status": "sent", "details": {"ü": 1}, "raw": b"\x00\xff"},
                {"id": ids[2], "status": "failed", "details": {}, "raw": None},
            ],
        )
    with database.transaction() as session:
        rows = {m.id: m for m in session.scalars(select(StoredMessage))}
        assert (rows[ids[0]].status, rows[ids[0]].details, rows[ids[0]].raw) == (
            "sent",
            {"ü": 1},
            b"\x00\xff",
        )
        assert (rows[ids[1]].status, rows[ids[1]].raw) == ("queued", RAW)
        assert (rows[ids[2]].status, rows[ids[2]].raw) == ("failed", None)


def test_rows_must_give_the_same_columns(database: Database) -> None:
    with pytest.raises(ValueError, match="same columns"), database.transaction() as session:
        bulk.insert(session.connection(), table_of(StoredMessage), [_message(), {"size": 1}])


def test_a_naive_datetime_is_refused(
    make_account: Callable[..., Account], database: Database
) -> None:
    make_account()
    with (
        pytest.raises((ValueError, StatementError), match="naive"),
        database.transaction() as session,
    ):
        naive = _message(received_at=datetime(2026, 1, 1))
        bulk.insert(session.connection(), table_of(StoredMessage), [naive])


def test_reserved_keys_are_new_ascending_and_unique(
    make_account: Callable[..., Account], database: Database
) -> None:
    make_account()
    with database.transaction() as session:
        taken, (first, messages, outbox) = _reserve(
            session, [(OutboxEntry, 1), (StoredMessage, 3), (OutboxEntry, 2)], "<m@x>"
        )
        assert taken is False or taken == 0
        assert len(messages) == 3 and messages == sorted(set(messages))
        if database.dialect == "postgresql":  # one sequence, drawn from in order
            assert len({*first, *outbox}) == 3 and first[0] < outbox[0] < outbox[1]
        bulk.insert(
            session.connection(), table_of(StoredMessage), [_message(id=k) for k in messages]
        )
        taken, (again,) = _reserve(session, [(StoredMessage, 2)], "<m@x>")
        assert taken in (True, 1)
        assert again == sorted(again) and again[0] > messages[-1] and len(set(again)) == 2
