"""Database plumbing: the declarative Base, the UTC column type, engine and session factories.

Engines are built by ``Database(url)`` at startup (CLI command or app lifespan), never at
import. ``Database.transaction()`` is the one way to open a session and a transaction: it
commits when the block ends and rolls back if it raises. Domain code never commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    Table,
    create_engine,
    event,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import URL, Dialect, Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapper, Session, sessionmaker
from sqlalchemy.pool import QueuePool
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def new_id() -> str:
    return uuid.uuid4().hex


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always returns aware UTC datetimes.

    SQLite has no time zones and PostgreSQL returns the session's zone: both are normalised
    here so domain code only ever sees UTC. Naive datetimes are refused, not guessed.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def normalize_url(url: str) -> URL:
    """Use psycopg 3 for PostgreSQL whatever driver the URL names (or omits)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.drivername != "postgresql+psycopg":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_engine(url: URL, echo: bool) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    # One connection: SQLite serialises writers anyway, and queueing in the pool is far
    # cheaper than "database is locked" retries (FACTS: p99 600 ms -> 110 ms).
    engine = create_engine(
        url,
        echo=echo,
        poolclass=QueuePool,
        pool_size=1,
        max_overflow=0,
        pool_timeout=60,
        connect_args={"check_same_thread": False, "timeout": 30},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see "begin").
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front, so two processes (server and a CLI
        # one-shot) never deadlock upgrading a read transaction to a write.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def build_engine(url: str, *, echo: bool = False) -> Engine:
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, echo)
    return create_engine(parsed, echo=echo, pool_size=10, max_overflow=10, pool_pre_ping=True)


def _integer_key(mapper: Mapper[Any]) -> Column[Any] | None:
    """The mapped table's key when it is one database-numbered integer column."""
    if len(mapper.primary_key) != 1:
        return None
    key = mapper.primary_key[0]
    numbered = (
        isinstance(key, Column)
        and isinstance(key.type, Integer)
        and key.autoincrement in (True, "auto")
        and key.default is None
        and key.server_default is None
    )
    return key if isinstance(key, Column) and numbered else None


def _new_rows_by_table(session: Session) -> tuple[dict[Mapper[Any], list[Any]], dict[Any, int]]:
    """New objects of integer-keyed tables still without a key, in the order they were
    added (the order the flush would insert them), and the largest key given explicitly."""
    pending: dict[Mapper[Any], list[Any]] = {}
    chosen: dict[Mapper[Any], int] = {}
    for obj in sorted(session.new, key=lambda o: inspect(o).insert_order or 0):
        mapper = inspect(obj).mapper
        key = _integer_key(mapper)
        if key is None:
            continue
        given = vars(obj).get(mapper.get_property_by_column(key).key)
        if given is None:
            pending.setdefault(mapper, []).append(obj)
        else:
            chosen[mapper] = max(chosen.get(mapper, 0), int(given))
    return pending, chosen


def _number_new_rows(session: Session, _context: Any, _instances: Any) -> None:
    """Give new rows of integer-keyed tables their ids before the flush (SQLite).

    SQLite cannot return generated keys of a multi-row INSERT in parameter order, so the
    ORM would write such rows one INSERT each; with the keys known it writes one executemany
    per table. The ids are exactly the ones SQLite would pick (largest rowid + 1; no table
    uses AUTOINCREMENT), and no other writer can take one meanwhile: every SQLite
    transaction here holds the write lock from BEGIN IMMEDIATE. The largest id is read
    again at every flush, so rows inserted in between by plain SQL are never collided with.
    """
    pending, chosen = _new_rows_by_table(session)
    for mapper, objects in pending.items():
        key = _integer_key(mapper)
        assert key is not None
        attr = mapper.get_property_by_column(key).key
        last = max(session.execute(select(func.max(key))).scalar() or 0, chosen.get(mapper, 0))
        for number, obj in enumerate(objects, start=last + 1):
            setattr(obj, attr, number)


def _reserve_new_ids(session: Session, _context: Any, _instances: Any) -> None:
    """Take the keys of several new rows of a table from its sequence first (PostgreSQL).

    Otherwise the ORM writes them as one multi-row INSERT ... RETURNING whose text is
    different for every row count, and the driver re-parses each such statement; with the
    keys known it sends one short INSERT as an executemany. One round trip per table per
    flush, and only for two rows or more.
    """
    pending, _ = _new_rows_by_table(session)
    for mapper, objects in pending.items():
        if len(objects) < 2:
            continue
        key = _integer_key(mapper)
        assert key is not None
        table = cast(Table, mapper.local_table)
        numbers = session.execute(
            text(
                "SELECT nextval(pg_get_serial_sequence(:table, :column)) "
                "FROM generate_series(1, :count)"
            ),
            {"table": table.fullname, "column": key.name, "count": len(objects)},
        ).scalars()
        attr = mapper.get_property_by_column(key).key
        for number, obj in zip(sorted(numbers), objects, strict=True):
            setattr(obj, attr, number)


class Database:
    """An engine plus its session factory; built once per process at startup."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = build_engine(url, echo=echo)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.sessions, "before_flush", _number_new_rows)
        elif self.engine.dialect.name == "postgresql":
            event.listen(self.sessions, "before_flush", _reserve_new_ids)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed at the end, rolled back on error."""
        with self.sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
