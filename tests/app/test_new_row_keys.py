"""New rows get their integer keys before the flush, so a flush writes one short INSERT per
table: on SQLite the keys SQLite would give (never colliding), on PostgreSQL keys taken from
the table's sequence."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import event, insert, select, text

from app.db import Database, _reserve_new_ids, utcnow
from app.models import StoredMessage


@pytest.fixture
def db(sqlite_url: str) -> Iterator[Database]:
    database = Database(sqlite_url)
    yield database
    database.dispose()


def _message(n: int) -> StoredMessage:
    return StoredMessage(
        direction="in",
        source="test",
        received_at=utcnow(),
        sha256=f"{n:064x}",
        size=1,
        raw=b"x",
        status="received",
        details={},
    )


def test_new_rows_are_numbered_as_sqlite_would_and_written_in_one_statement(
    db: Database,
) -> None:
    statements: list[tuple[str, bool]] = []

    def record(_c: object, _cur: object, sql: str, _p: object, _ctx: object, many: bool) -> None:
        statements.append((sql.split()[0], many))

    event.listen(db.engine, "before_cursor_execute", record)
    with db.transaction() as session:
        session.add_all([_message(n) for n in range(5)])
        session.flush()
    event.remove(db.engine, "before_cursor_execute", record)
    assert statements.count(("INSERT", True)) == 1
    assert not [s for s in statements if s == ("INSERT", False)]
    with db.transaction() as session:
        assert list(session.scalars(select(StoredMessage.id).order_by(StoredMessage.id))) == [
            1,
            2,
            3,
            4,
            5,
        ]


def test_rows_written_by_plain_sql_in_between_are_not_collided_with(db: Database) -> None:
    with db.transaction() as session:
        session.add(_message(1))
        session.flush()
        session.execute(
            insert(StoredMessage).values(
                direction="in",
                source="sql",
                received_at=utcnow(),
                sha256="f" * 64,
                size=1,
                raw=b"y",
                status="received",
                details={},
            )
        )
        later = _message(3)
        session.add(later)
        session.flush()
        assert later.id == 3
    with db.transaction() as session:
        assert session.execute(text("SELECT count(*) FROM messages")).scalar() == 3


def test_numbers_taken_by_a_rolled_back_savepoint_are_given_again(db: Database) -> None:
    with db.transaction() as session:
        savepoint = session.begin_nested()
        session.add(_message(1))
        session.flush()
        savepoint.rollback()
        again = _message(2)
        session.add(again)
        session.flush()
        assert again.id == 1


def test_an_explicit_key_is_kept_and_not_given_twice(db: Database) -> None:
    with db.transaction() as session:
        chosen = _message(1)
        chosen.id = 1
        session.add_all([chosen, _message(2)])
        session.flush()
        assert chosen.id == 1
    with db.transaction() as session:
        assert sorted(session.scalars(select(StoredMessage.id))) == [1, 2]


def test_postgresql_takes_several_keys_from_the_sequence(pg_url: str) -> None:
    postgres = Database(pg_url)
    statements: list[str] = []

    def record(_c: object, _cur: object, sql: str, _p: object, _ctx: object, _m: bool) -> None:
        statements.append(sql)

    try:
        # Not "does not contain _number_new_rows": SQLAlchemy's event registry is keyed by
        # id(), and a collected SQLite sessionmaker's address may be reused by this one.
        assert event.contains(postgres.sessions, "before_flush", _reserve_new_ids)
        with postgres.transaction() as session:
            first = _message(0)
            session.add(first)
            session.flush()  # one row: the sequence is left to the INSERT
            event.listen(postgres.engine, "before_cursor_execute", record)
            batch = [_message(n) for n in range(1, 6)]
            session.add_all(batch)
            session.flush()
            event.remove(postgres.engine, "before_cursor_execute", record)
            assert [m.id for m in batch] == list(range(first.id + 1, first.id + 6))
        inserts = [s for s in statements if s.startswith("INSERT")]
        assert len(inserts) == 1 and "RETURNING" not in inserts[0]
        assert any("nextval" in s for s in statements)
        with postgres.transaction() as session:
            assert session.execute(text("SELECT count(*) FROM messages")).scalar() == 6
    finally:
        postgres.dispose()
