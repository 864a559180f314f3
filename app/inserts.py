"""New rows without the unit of work: one INSERT per table, objects attached as if loaded.

A flush works out, for every object in the session, what changed, in which order to write it
and which keys to copy between rows; for the dozen rows of a new agreement that bookkeeping
costs several times the SQL (TestClient: ~2.5 ms of ~5 ms per created agreement). Paths that
create a known set of rows build the ORM objects as usual, write each table with one
``INSERT ... RETURNING id`` (one statement for many rows), and attach the objects to the
session as persistent and clean: reading them later needs no query, and changing them later
is flushed as an ordinary UPDATE.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Column,
    Insert,
    Table,
    TextClause,
    Update,
    bindparam,
    insert,
    inspect,
    text,
    update,
)
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Mapper, Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from app.db import Base, UTCDateTime


@dataclass(frozen=True)
class _Plan:
    columns: list[tuple[str, str, Callable[[], Any] | None]]  # attribute, column, default
    key_attr: str
    key_column: Column[Any]


_plans: dict[Mapper[Any], _Plan] = {}
_inserts: dict[tuple[Mapper[Any], bool], Insert] = {}
_updates: dict[tuple[Mapper[Any], tuple[str, ...]], Update] = {}
# The INSERT's SQL and, per parameter in order: its column, bind processor, and whether it
# is a UTCDateTime (whose values are processed once per call: see _insert_sqlite).
_Compiled = tuple[str, list[tuple[str, Callable[[Any], Any] | None, bool]]]
_sqlite_inserts: dict[tuple[Mapper[Any], bool], _Compiled] = {}
_together: dict[
    tuple[tuple[Mapper[Any], bool], ...],
    tuple[TextClause, list[list[tuple[str, Callable[[Any], Any] | None]]]],
] = {}
_reservations: dict[tuple[str, tuple[str, ...], tuple[int, ...], str], TextClause] = {}
_sequences: dict[str, str] = {}


def _default_of(column: Column[Any]) -> Callable[[], Any] | None:
    default = column.default
    if default is None:
        return None
    if default.is_scalar:
        value = default.arg  # type: ignore[attr-defined]
        return lambda: value
    if default.is_callable:
        function = default.arg  # type: ignore[attr-defined]
        return lambda: function(None)  # SQLAlchemy wraps zero-argument defaults
    raise TypeError(f"{column}: only Python-side defaults can be applied here")


def _plan(mapper: Mapper[Any]) -> _Plan:
    plan = _plans.get(mapper)
    if plan is None:
        (key,) = mapper.primary_key
        key_column = cast(Column[Any], key)
        columns = []
        for prop in mapper.column_attrs:
            column = prop.columns[0]
            if not isinstance(column, Column) or column.table is not mapper.local_table:
                raise TypeError(f"{mapper}: only plain single-table mappings")
            columns.append((prop.key, column.key, _default_of(column)))
        plan = _Plan(columns, mapper.get_property_by_column(key_column).key, key_column)
        _plans[mapper] = plan
    return plan


def _insert_statement(mapper: Mapper[Any], generated_key: bool) -> Insert:
    statement = _inserts.get((mapper, generated_key))
    if statement is None:
        plan = _plan(mapper)
        statement = insert(cast(Table, mapper.local_table))
        if generated_key:
            statement = statement.returning(plan.key_column, sort_by_parameter_order=True)
        _inserts[(mapper, generated_key)] = statement
    return statement


def insert_rows(session: Session, objects: Sequence[Base]) -> None:
    """INSERT transient ``objects`` of one mapped class with one statement.

    Columns left unset get their Python-side default, as a flush would give them; an unset
    integer primary key comes back from RETURNING. Foreign keys are not copied from
    relationships: set the ``*_id`` columns. Call ``attach`` once every row is written.
    """
    if not objects:
        return
    session.flush()  # rows these may reference must exist first (nothing to do if clean)
    mapper = inspect(objects[0]).mapper
    plan = _plan(mapper)
    generated_key = getattr(objects[0], plan.key_attr) is None
    params = []
    for obj in objects:
        if inspect(obj).mapper is not mapper or (getattr(obj, plan.key_attr) is None) != (
            generated_key
        ):
            raise TypeError("insert_rows takes objects of one class, all with or without keys")
        values = obj.__dict__
        row = {}
        for attr, column, default in plan.columns:
            if attr == plan.key_attr and generated_key:
                continue
            if attr not in values:
                setattr(obj, attr, default() if default is not None else None)
            row[column] = values[attr]
        params.append(row)
    # One row goes as a plain execute: the many-rows path has setup of its own.
    result = session.connection().execute(
        _insert_statement(mapper, generated_key), params[0] if len(params) == 1 else params
    )
    if generated_key:
        for obj, key in zip(objects, result.scalars().all(), strict=True):
            setattr(obj, plan.key_attr, key)


def insert_together(
    session: Session, batches: Sequence[tuple[type[Base], Sequence[dict[str, Any]]]]
) -> None:
    """INSERT rows of several tables, in order (a row may reference rows of an earlier
    batch), for rows nothing in the transaction needs as objects. Rows are given as
    ``{attribute: value}``; columns left out get their Python-side default, as
    ``insert_rows`` gives them, and rows without their integer key get it from the database.

    PostgreSQL gets all of them as one statement, each table's rows a data-modifying CTE:
    one round trip and one execution instead of one per table (foreign keys are checked at
    the end of the statement). Other databases get one INSERT per table.
    """
    prepared = []
    for cls, rows in batches:
        if rows:
            mapper = inspect(cls)
            plan = _plan(mapper)
            # Rows without their integer key get it from the database.
            keyless = rows[0].get(plan.key_attr) is None
            params = [_column_values(plan, values, keyless) for values in rows]
            prepared.append((mapper, keyless, params))
    if not prepared:
        return
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name == "sqlite":
        _insert_sqlite(connection, prepared)
        return
    if len(prepared) == 1:
        for mapper, _, params in prepared:
            statement = _insert_statement(mapper, False)
            connection.execute(statement, params[0] if len(params) == 1 else params)
        return
    shape = tuple((mapper, keyless) for mapper, keyless, _ in prepared)
    together = _together.get(shape)
    if together is None:
        together = _together_statement(shape, connection.dialect)
        _together[shape] = together
    joined, encoders = together
    instants: dict[datetime, str] = {}  # a new agreement's rows share a few instants
    payload = {}
    for n, (_, _, params) in enumerate(prepared):
        rows = []
        for row in params:
            values = {}
            for column, encode in encoders[n]:
                value = row[column]
                if encode is None:
                    values[column] = value
                elif encode is _json_value and type(value) is datetime:
                    text_ = instants.get(value)
                    if text_ is None:
                        text_ = instants[value] = _json_value(value)
                    values[column] = text_
                else:
                    values[column] = encode(value)
            rows.append(values)
        payload[f"rows_{n}"] = json.dumps(rows)
    connection.execute(joined, payload)


def _insert_sqlite(
    connection: Connection, prepared: list[tuple[Mapper[Any], bool, list[dict[str, Any]]]]
) -> None:
    """One INSERT per table, written to the driver's cursor with the columns' bind
    processors applied here: the same values reach SQLite as through ``execute()``, without
    its per-call setup (nor its events: ``echo`` does not log these). A new agreement's
    rows share a few instants (its creation time, its deadline) across many ``UTCDateTime``
    columns, so each is processed once.
    """
    processed: dict[datetime | None, Any] = {}  # UTCDateTime values, as bound
    cursor = connection.connection.cursor()
    try:
        for mapper, keyless, params in prepared:
            sql, processors = _sqlite_insert(mapper, keyless, connection.dialect)
            rows = []
            for values in params:
                row = []
                for name, process, instant in processors:
                    value = values[name]
                    if instant:
                        done = processed.get(value)
                        if done is None:
                            done = processed[value] = process(value)  # type: ignore[misc]
                        value = done
                    elif process is not None:
                        value = process(value)
                    row.append(value)
                rows.append(tuple(row))
            try:
                if len(rows) == 1:
                    cursor.execute(sql, rows[0])
                else:
                    cursor.executemany(sql, rows)
            except sqlite3.Error as exc:
                # As execute() would raise it (IntegrityError for a broken constraint, ...).
                raise DBAPIError.instance(sql, rows, exc, sqlite3.Error) from exc
    finally:
        cursor.close()


def _sqlite_insert(mapper: Mapper[Any], keyless: bool, dialect: Dialect) -> _Compiled:
    known = _sqlite_inserts.get((mapper, keyless))
    if known is None:
        table = cast(Table, mapper.local_table)
        plan = _plan(mapper)
        keys = [
            column for attr, column, _ in plan.columns if not (keyless and attr == plan.key_attr)
        ]
        compiled = insert(table).compile(dialect=dialect, column_keys=keys)
        assert compiled.positiontup is not None
        processors: list[tuple[str, Callable[[Any], Any] | None, bool]] = []
        for name in compiled.positiontup:
            column_type = table.c[name].type
            process = column_type.dialect_impl(dialect).bind_processor(dialect)
            instant = process is not None and isinstance(column_type, UTCDateTime)
            processors.append((name, process, instant))
        known = (str(compiled), processors)
        _sqlite_inserts[(mapper, keyless)] = known
    return known


def _column_values(plan: _Plan, values: dict[str, Any], keyless: bool) -> dict[str, Any]:
    row = {}
    for attr, column, default in plan.columns:
        if keyless and attr == plan.key_attr:
            continue
        if attr in values:
            row[column] = values[attr]
        else:
            row[column] = default() if default is not None else None
    return row


def _together_statement(
    shape: tuple[tuple[Mapper[Any], bool], ...], dialect: Dialect
) -> tuple[TextClause, list[list[tuple[str, Callable[[Any], Any] | None]]]]:
    """The statement, and how each table's values are written into its JSON parameter.

    Each table's rows travel as one JSON array, read back with ``json_to_recordset`` into
    the columns' own types: one short statement whatever the number of rows, which the
    driver caches and the server prepares (a VALUES list of every value as its own
    parameter is neither). JSON columns travel as the text SQLAlchemy would have written.
    """
    quote = dialect.identifier_preparer.quote
    ctes: list[str] = []
    encoders: list[list[tuple[str, Callable[[Any], Any] | None]]] = []
    for n, (mapper, keyless) in enumerate(shape):
        table = cast(Table, mapper.local_table)
        plan = _plan(mapper)
        columns = [
            table.c[column]
            for attr, column, _ in plan.columns
            if not (keyless and attr == plan.key_attr)
        ]
        is_json = [isinstance(c.type, JSON) for c in columns]
        names = [quote(c.name) for c in columns]
        record = ", ".join(
            f"{name} {'text' if json_ else c.type.compile(dialect=dialect)}"
            for name, c, json_ in zip(names, columns, is_json, strict=True)
        )
        values = ", ".join(
            f"r.{name}::json" if json_ else f"r.{name}"
            for name, json_ in zip(names, is_json, strict=True)
        )
        ctes.append(
            f"INSERT INTO {quote(table.name)} ({', '.join(names)}) "
            f"SELECT {values} FROM json_to_recordset(CAST(:rows_{n} AS json)) AS r({record})"
        )
        encoders.append(
            [
                (c.key, _json_text if json_ else _encoder_of(c))
                for c, json_ in zip(columns, is_json, strict=True)
            ]
        )
    # The last table's INSERT is the statement itself: no rows come back to set up.
    *first, last = ctes
    with_ = ", ".join(f"insert_{n} AS ({cte})" for n, cte in enumerate(first))
    return text(f"WITH {with_} {last}"), encoders


def _encoder_of(column: Column[Any]) -> Callable[[Any], Any] | None:
    """None for a column whose values JSON carries as they are (text, numbers, booleans)."""
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return _json_value
    return None if python_type in (str, int, float, bool) else _json_value


def _json_text(value: Any) -> str:
    return json.dumps(value)  # what SQLAlchemy's JSON type writes


def _json_value(value: Any) -> Any:
    """A column value as JSON that PostgreSQL reads back into the column's type."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).isoformat()
    if isinstance(value, bytes):
        return "\\x" + value.hex()
    return value


def attach(session: Session, objects: Sequence[Base]) -> None:
    """Make objects written by ``insert_rows`` persistent and clean, as if just loaded.

    Attach together every written object that the others reach through relationships: one
    left transient would be cascaded into the session as new and inserted again.
    """
    for obj in objects:
        make_transient_to_detached(obj)
    session.add_all(objects)


def update_committed(session: Session, obj: Base, **values: Any) -> None:
    """UPDATE columns of ``obj``'s row by primary key and record them as its loaded state.

    The object's other pending changes, if any, are left to the next flush.
    """
    mapper = inspect(obj).mapper
    plan = _plan(mapper)
    names = tuple(sorted(values))
    statement = _updates.get((mapper, names))
    if statement is None:
        columns = {attr: column for attr, column, _ in plan.columns}
        statement = (
            update(cast(Table, mapper.local_table))
            .where(plan.key_column == bindparam("key_"))
            .values({columns[name]: bindparam(f"{name}_") for name in names})
        )
        _updates[(mapper, names)] = statement
    params = {f"{name}_": value for name, value in values.items()}
    params["key_"] = getattr(obj, plan.key_attr)
    session.connection().execute(statement, params)
    for name, value in values.items():
        set_committed_value(obj, name, value)


def reserve_keys(
    session: Session,
    wanted: Sequence[tuple[type[Base], int]],
    *,
    probe: str = "NULL",
    params: dict[str, Any] | None = None,
) -> tuple[Any, list[list[int]]]:
    """The integer keys the next rows of several tables will take, in one statement, so a
    path can write rows that reference each other without waiting for RETURNING, and
    ``probe`` (an SQL expression over ``params``, e.g. an EXISTS) evaluated alongside.

    PostgreSQL takes the keys from each table's sequence: one ``nextval`` per key, so the
    statement has only the probe's parameters and the server plans it once (with the counts
    as parameters it was planned again at every execution: ~0.1 ms of server CPU per call).
    SQLite gives a new row the largest rowid + 1 (no table here uses AUTOINCREMENT), and no
    other writer can insert meanwhile: every SQLite transaction here holds the write lock
    from BEGIN IMMEDIATE (``app.db``). So on SQLite the rows must be written in this
    transaction before any other row of those tables. Returns the probe's value and, per
    table, its keys in ascending order.
    """
    connection = session.connection()
    dialect = connection.dialect.name
    tables = tuple(cast(Table, cls.__table__).name for cls, _ in wanted)
    counts = tuple(count for _, count in wanted) if dialect == "postgresql" else ()
    statement = _reservations.get((dialect, tables, counts, probe))
    if statement is None:
        if dialect == "postgresql":
            columns = [
                f"nextval({_sequence_of(connection, name)})"
                for name, count in zip(tables, counts, strict=True)
                for _ in range(count)
            ]
        else:
            columns = [f"(SELECT max(id) FROM {name})" for name in tables]
        statement = text(f"SELECT {', '.join([probe, *columns])}")
        _reservations[(dialect, tables, counts, probe)] = statement
    row = connection.execute(statement, params or {}).one()
    if dialect == "postgresql":
        keys, start = [], 1
        for count in counts:
            keys.append(sorted(row[start : start + count]))
            start += count
    else:
        keys = [
            list(range((last or 0) + 1, (last or 0) + 1 + count))
            for last, (_, count) in zip(row[1:], wanted, strict=True)
        ]
    return row[0], keys


def _sequence_of(connection: Connection, table: str) -> str:
    """The ``id`` sequence of ``table`` as an SQL literal (PostgreSQL), looked up once."""
    literal = _sequences.get(table)
    if literal is None:
        name = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table}
        ).scalar_one()
        if name is None:
            raise TypeError(f"{table}.id takes no keys from a sequence")
        literal = "'" + str(name).replace("'", "''") + "'"
        _sequences[table] = literal
    return literal
