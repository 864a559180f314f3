"""Writing many rows at once: one statement per table, whatever the number of rows.

Every path that writes a group of rows (a batch of inbound messages, a group of delivery
results, a new agreement's rows, the event chain) writes them here; the only difference
between the databases is inside this module:

- SQLite runs in this process: each table is one ``executemany`` of a statement compiled
  once, written to the driver's cursor with the columns' bind processors applied here (the
  same values ``Connection.execute`` would send, without its per-call bookkeeping, which on
  SQLite cost more than the writes themselves).
- PostgreSQL gets each table's rows as one JSON parameter, read back with
  ``json_to_recordset`` into the columns' own types, so the statement text is the same for
  any number of rows: psycopg converts it once and the server plans it once. (A multi-row
  ``VALUES`` list is a new statement for every row count, which psycopg re-parses each
  time; an ``executemany`` of UPDATEs is a statement per row on the server.) Rows of several
  tables that refer to each other go in one statement, a data-modifying CTE per table
  (``insert_all``): one round trip for a new agreement's rows.

Rows are dicts by column name; a column a row leaves out gets its Python-side default, as an
ORM flush would give it. ``bench/README.md`` has the measurements behind each choice.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    LargeBinary,
    Table,
    TextClause,
    bindparam,
    text,
)
from sqlalchemy import insert as sa_insert
from sqlalchemy import update as sa_update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from app.db import UTCDateTime

Rows = Sequence[Mapping[str, Any]]


def insert(
    connection: Connection, table: Table, rows: Rows, *, returning: Sequence[str] = ()
) -> list[tuple[Any, ...]]:
    """INSERT ``rows`` with one statement; the ``returning`` columns of the new rows (in no
    particular order: map them back by a unique column)."""
    if not rows:
        return []
    if returning:
        columns = _columns(table, rows, defaults=True)
        full = [_with_defaults(table, columns, row) for row in rows]
        if connection.dialect.name == "postgresql":
            statement = _pg_insert(table, columns, tuple(returning))
            found = connection.execute(statement, {"rows_0": _encode(table, columns, full)})
        else:
            stmt = sa_insert(table).returning(*[table.c[c] for c in returning])
            found = connection.execute(stmt, full)
        return [tuple(r) for r in found]
    insert_all(connection, [(table, rows)])
    return []


def insert_all(connection: Connection, groups: Sequence[tuple[Table, Rows]]) -> None:
    """INSERT rows of several tables, in order (a row may refer to rows of an earlier
    table): one statement on PostgreSQL (foreign keys are checked at its end), one
    ``executemany`` per table on SQLite."""
    parts = []
    for table, rows in groups:
        if rows:
            columns = _columns(table, rows, defaults=True)
            parts.append((table, columns, [_with_defaults(table, columns, r) for r in rows]))
    if not parts:
        return
    if connection.dialect.name == "postgresql":
        shape = tuple((table, columns) for table, columns, _ in parts)
        params = {
            f"rows_{n}": _encode(table, columns, full)
            for n, (table, columns, full) in enumerate(parts)
        }
        connection.execute(_pg_insert_all(shape), params)
        return
    instants: dict[Any, Any] = {}  # shared: a new agreement's rows share a few instants
    for table, columns, full in parts:
        _sqlite_many(connection, _sqlite_insert(table, columns), full, instants)


def update(connection: Connection, table: Table, rows: Rows, *, key: str = "id") -> None:
    """UPDATE the rows named by ``key`` with the other columns of ``rows`` (the same columns
    for every row), with one statement."""
    if not rows:
        return
    columns = _columns(table, rows, defaults=False)
    if connection.dialect.name == "postgresql":
        statement = _pg_update(table, columns, key)
        connection.execute(statement, {"rows_0": _encode(table, columns, rows)})
        return
    _sqlite_many(connection, _sqlite_update(table, columns, key), rows)


def reserve_keys(
    connection: Connection, wanted: Sequence[tuple[Table, int]], *, probe: str, params: Any
) -> tuple[Any, list[list[int]]]:
    """The integer keys the next rows of several tables will take, and ``probe`` (an SQL
    expression over ``params``, e.g. an EXISTS) evaluated alongside, in one statement, so
    rows that reference each other can be written complete, with no RETURNING round trips.

    PostgreSQL takes them from each table's sequence. SQLite gives a new row the largest
    rowid + 1 (no table here uses AUTOINCREMENT) and no other writer can insert meanwhile:
    every SQLite transaction holds the write lock from BEGIN IMMEDIATE (``app.db``), so the
    rows must be written in this transaction before any other row of those tables.
    """
    dialect = connection.dialect.name
    counts = tuple(count for _, count in wanted)
    names = tuple(table.name for table, _ in wanted)
    statement = _reservation(dialect, names, counts if dialect == "postgresql" else (), probe)
    row = connection.execute(statement, params).one()
    if dialect == "postgresql":
        keys, start = [], 1
        for count in counts:
            keys.append(sorted(row[start : start + count]))
            start += count
    else:
        keys = [
            list(range((last or 0) + 1, (last or 0) + 1 + count))
            for last, count in zip(row[1:], counts, strict=True)
        ]
    return row[0], keys


@cache
def _reservation(
    dialect: str, tables: tuple[str, ...], counts: tuple[int, ...], probe: str
) -> TextClause:
    if dialect == "postgresql":
        # One nextval per key: the statement has only the probe's parameters, so the server
        # plans it once per shape.
        columns = [
            f"nextval(pg_get_serial_sequence('{name}', 'id'))"
            for name, count in zip(tables, counts, strict=True)
            for _ in range(count)
        ]
    else:
        columns = [f"(SELECT max(id) FROM {name})" for name in tables]
    return text(f"SELECT {', '.join([probe, *columns])}")


# --- columns --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    names: frozenset[str]
    order: tuple[str, ...]
    defaults: dict[str, Callable[[], Any]]


@cache
def _plan(table: Table) -> _Plan:
    defaults = {c.name: _default_of(c) for c in table.columns if c.default is not None}
    return _Plan(frozenset(table.c.keys()), tuple(table.c.keys()), defaults)


def _default_of(column: Column[Any]) -> Callable[[], Any]:
    default: Any = column.default
    if default.is_callable:
        function = default.arg
        return lambda: function(None)  # SQLAlchemy wraps zero-argument defaults
    value = default.arg
    return lambda: value


def _columns(table: Table, rows: Rows, *, defaults: bool) -> tuple[str, ...]:
    """The columns ``rows`` give (the same for each), and with ``defaults`` those that get
    a Python-side default, in table order."""
    plan = _plan(table)
    given = rows[0].keys()
    if any(row.keys() != given for row in rows):
        raise ValueError(f"rows for {table.name} must all give the same columns")
    if not given <= plan.names:
        raise ValueError(f"{table.name} has no column {sorted(set(given) - plan.names)}")
    return tuple(
        name for name in plan.order if name in given or (defaults and name in plan.defaults)
    )


def _with_defaults(table: Table, columns: Sequence[str], row: Mapping[str, Any]) -> dict[str, Any]:
    full = dict(row)
    if len(full) < len(columns):
        defaults = _plan(table).defaults
        for name in columns:
            if name not in full:
                full[name] = defaults[name]()
    return full


# --- SQLite ---------------------------------------------------------------------------------

_SQLITE = sqlite.dialect()  # type: ignore[no-untyped-call]
# A compiled statement's SQL and, per positional parameter, its row key, the column type's
# bind processor (what ``Connection.execute`` would apply to the value) and whether the value
# is an instant (``app.db.UTCDateTime``).
_Compiled = tuple[str, list[tuple[str, Callable[[Any], Any] | None, bool]]]


@cache
def _sqlite_insert(table: Table, columns: tuple[str, ...]) -> _Compiled:
    return _compiled(sa_insert(table).values({c: bindparam(c) for c in columns}))


@cache
def _sqlite_update(table: Table, columns: tuple[str, ...], key: str) -> _Compiled:
    statement = (
        sa_update(table)
        .where(table.c[key] == bindparam(f"{key}_"))
        .values({c: bindparam(c) for c in columns if c != key})
    )
    return _compiled(statement)


def _compiled(statement: Any) -> _Compiled:
    compiled = statement.compile(dialect=_SQLITE)
    assert compiled.positiontup is not None
    processors = []
    for name in compiled.positiontup:
        kind = compiled.binds[name].type
        processor = kind._cached_bind_processor(_SQLITE)
        processors.append((name.removesuffix("_"), processor, isinstance(kind, UTCDateTime)))
    return str(compiled), processors


def _sqlite_many(
    connection: Connection,
    compiled: _Compiled,
    rows: Rows,
    instants: dict[Any, Any] | None = None,
) -> None:
    sql, processors = compiled
    # Rows written together share a few instants (a new agreement's creation time and
    # deadline stand in a dozen columns): each is converted once.
    instants = {} if instants is None else instants

    def bound(value: Any, process: Callable[[Any], Any] | None, instant: bool) -> Any:
        if process is None:
            return value
        if not instant:
            return process(value)
        done = instants.get(value, instants)
        if done is instants:
            done = instants[value] = process(value)
        return done

    params = [tuple([bound(row[n], p, i) for n, p, i in processors]) for row in rows]
    cursor = connection.connection.cursor()
    try:
        if len(params) == 1:
            cursor.execute(sql, params[0])
        else:
            cursor.executemany(sql, params)
    except sqlite3.Error as exc:
        # As execute() would raise it (IntegrityError for a broken constraint, ...).
        raise DBAPIError.instance(sql, params, exc, sqlite3.Error) from exc
    finally:
        cursor.close()


# --- PostgreSQL -----------------------------------------------------------------------------

_PG = postgresql.dialect()  # type: ignore[no-untyped-call]


def _sql_type(column: Column[Any]) -> str:
    # JSON travels as the text SQLAlchemy's JSON type would write, and is cast where used.
    return "text" if isinstance(column.type, JSON) else str(column.type.compile(dialect=_PG))


def _value(table: Table, name: str) -> str:
    cast_to = "::json" if isinstance(table.c[name].type, JSON) else ""
    return f'r."{name}"{cast_to}'


def _record(table: Table, columns: Sequence[str], n: int = 0) -> str:
    fields = ", ".join(f'"{c}" {_sql_type(table.c[c])}' for c in columns)
    return f"json_to_recordset(CAST(:rows_{n} AS json)) AS r({fields})"


def _insert_sql(table: Table, columns: Sequence[str], n: int) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(_value(table, c) for c in columns)
    return f"INSERT INTO {table.name} ({names}) SELECT {values} FROM {_record(table, columns, n)}"


@cache
def _pg_insert(table: Table, columns: tuple[str, ...], returning: tuple[str, ...]) -> TextClause:
    tail = f" RETURNING {', '.join(returning)}" if returning else ""
    return text(_insert_sql(table, columns, 0) + tail)


@cache
def _pg_insert_all(shape: tuple[tuple[Table, tuple[str, ...]], ...]) -> TextClause:
    inserts = [_insert_sql(table, columns, n) for n, (table, columns) in enumerate(shape)]
    *first, last = inserts
    if not first:
        return text(last)
    # The last table's INSERT is the statement itself; the others are CTEs before it.
    ctes = ", ".join(f"insert_{n} AS ({sql})" for n, sql in enumerate(first))
    return text(f"WITH {ctes} {last}")


@cache
def _pg_update(table: Table, columns: tuple[str, ...], key: str) -> TextClause:
    sets = ", ".join(f'"{c}" = {_value(table, c)}' for c in columns if c != key)
    return text(
        f"UPDATE {table.name} AS t SET {sets} FROM {_record(table, columns)} "
        f'WHERE t."{key}" = r."{key}"'
    )


def _encode(table: Table, columns: Sequence[str], rows: Rows) -> str:
    """The rows as the JSON array ``json_to_recordset`` reads."""
    binary = {c for c in columns if isinstance(table.c[c].type, LargeBinary)}
    documents = {c for c in columns if isinstance(table.c[c].type, JSON)}
    out = []
    for row in rows:
        values = {}
        for name in columns:
            value = row[name]
            if name in binary and value is not None:
                value = "\\x" + bytes(value).hex()  # bytea's hex input format
            elif name in documents:
                value = json.dumps(value)  # as SQLAlchemy's JSON type writes it
            values[name] = value
        out.append(values)
    return json.dumps(out, default=_json_default, ensure_ascii=False)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime given to a UTC column")  # as app.db.UTCDateTime
        return value.astimezone(UTC).isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def insert_missing(connection: Connection, table: Table, row: Mapping[str, Any]) -> None:
    """INSERT ``row`` unless a row with the same primary key exists (ON CONFLICT DO NOTHING on
    both databases): two processes creating the same row at once both succeed, neither
    raises a unique violation."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    keys = [c.name for c in table.primary_key.columns]
    connection.execute(
        dialect.insert(table).values(**row).on_conflict_do_nothing(index_elements=keys)
    )
