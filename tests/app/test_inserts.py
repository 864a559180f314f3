"""app.inserts.insert_together writes what an ORM flush of the same objects writes, on both
databases (PostgreSQL takes each table's rows as JSON, SQLite the processed values)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select, text

from app.db import Database
from app.inserts import insert_together, reserve_keys
from app.models import OutboxEntry, StoredMessage
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


def test_rows_read_back_as_the_orm_writes_them(
    make_account: Callable[..., Account], database: Database
) -> None:
    make_account()
    details = {"ü": [1, 2.5, None, True], "nested": {"a": "\\"}}
    with database.transaction() as session:
        _, (message_ids, outbox_ids) = reserve_keys(session, [(StoredMessage, 2), (OutboxEntry, 2)])
        insert_together(
            session,
            [
                (
                    StoredMessage,
                    [
                        _message(id=message_ids[0], details=details),
                        _message(id=message_ids[1], kind="owner_copy"),
                    ],
                ),
                (
                    OutboxEntry,
                    [
                        _outbox(message_ids[0], id=outbox_ids[0]),
                        _outbox(message_ids[1], id=outbox_ids[1], dedupe_key="k"),
                    ],
                ),
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


def test_keyless_rows_get_their_key_from_the_database(
    make_account: Callable[..., Account], database: Database
) -> None:
    make_account()
    with database.transaction() as session:
        _, (message_ids,) = reserve_keys(session, [(StoredMessage, 1)])
        insert_together(session, [(StoredMessage, [_message(id=message_ids[0])])])
        insert_together(
            session,
            [
                (StoredMessage, [_message(id=message_ids[0] + 1)]),
                (OutboxEntry, [_outbox(message_ids[0]), _outbox(message_ids[0] + 1)]),
            ],
        )
        keys = session.scalars(select(OutboxEntry.id).order_by(OutboxEntry.id)).all()
        assert len(keys) == 2 and keys[0] < keys[1]


def test_a_naive_datetime_is_refused(
    make_account: Callable[..., Account], database: Database
) -> None:
    make_account()
    with pytest.raises(ValueError, match="naive"), database.transaction() as session:
        _, (message_ids,) = reserve_keys(session, [(StoredMessage, 1)])
        naive = _message(id=message_ids[0], received_at=datetime(2026, 1, 1))
        outbox = _outbox(message_ids[0])
        insert_together(session, [(StoredMessage, [naive]), (OutboxEntry, [outbox])])


def test_reserved_keys_are_new_ascending_and_unique(
    make_account: Callable[..., Account], database: Database
) -> None:
    make_account()
    with database.transaction() as session:
        taken, (first, messages, outbox) = reserve_keys(
            session,
            [(OutboxEntry, 1), (StoredMessage, 3), (OutboxEntry, 2)],
            probe="EXISTS (SELECT 1 FROM messages WHERE message_id = :mid)",
            params={"mid": "<m@x>"},
        )
        assert taken is False or taken == 0
        assert len(messages) == 3 and messages == sorted(set(messages))
        if database.dialect == "postgresql":  # one sequence, drawn from in order
            assert len({*first, *outbox}) == 3 and first[0] < outbox[0] < outbox[1]
        insert_together(session, [(StoredMessage, [_message(id=k) for k in messages])])
        taken, (again,) = reserve_keys(
            session,
            [(StoredMessage, 2)],
            probe="EXISTS (SELECT 1 FROM messages WHERE message_id = :mid)",
            params={"mid": "<m@x>"},
        )
        assert taken in (True, 1)
        assert again == sorted(again) and again[0] > messages[-1] and len(set(again)) == 2
