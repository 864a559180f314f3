"""A set-based run's writes on PostgreSQL as one statement.

``app.inbound.set_based`` writes a run with one statement per table. On PostgreSQL each is a
round trip with the server idle in between, and the executemany UPDATEs run a statement per
row; here every table's rows travel as one JSON parameter, read with ``json_to_recordset``,
and each table is one data-modifying CTE of a single statement: one round trip and one
execution for the counterparties, agreements, events, processed messages and owner alerts
together. Foreign keys are checked at the end of the statement, so an alert's outbox row
can name the message row inserted beside it (joined on its unique Message-ID).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import Column, Connection, Table, TextClause, text
from sqlalchemy.dialects import postgresql

from app.inbound.rules import RESULT_COLUMNS
from app.models import Agreement, Counterparty, Event, OutboxEntry, StoredMessage

_DIALECT = postgresql.dialect()  # type: ignore[no-untyped-call]

# (table, key or None for an INSERT, the columns written; for the outbox, the message row
# it belongs to is found by the Message-ID beside it)
_PARTS: tuple[tuple[str, Table, str | None, tuple[str, ...]], ...] = (
    (
        "counterparties",
        cast(Table, Counterparty.__table__),
        "id",
        ("status", "status_at", "replied_at"),
    ),
    (
        "agreements",
        cast(Table, Agreement.__table__),
        "id",
        ("event_count", "event_head", "updated_at", "status"),
    ),
    (
        "events",
        cast(Table, Event.__table__),
        None,
        tuple(c.name for c in Event.__table__.columns if c.name != "id"),
    ),
    ("processed", cast(Table, StoredMessage.__table__), "id", RESULT_COLUMNS),
    (
        "alert_messages",
        cast(Table, StoredMessage.__table__),
        None,
        tuple(c.name for c in StoredMessage.__table__.columns if c.name != "id"),
    ),
    (
        "alert_outbox",
        cast(Table, OutboxEntry.__table__),
        None,
        tuple(c.name for c in OutboxEntry.__table__.columns if c.name != "id"),
    ),
)


def _sql_type(column: Column[Any]) -> str:
    return str(column.type.compile(dialect=_DIALECT))


def _q(name: str) -> str:
    return f'"{name}"'


def _names(columns: Sequence[str], prefix: str = "") -> str:
    return ", ".join(f"{prefix}{_q(c)}" for c in columns)


def _recordset(name: str, table: Table, columns: Sequence[str]) -> str:
    types = ", ".join(f"{_q(c)} {_sql_type(table.c[c])}" for c in columns)
    return f"json_to_recordset(CAST(:{name} AS json)) AS r({types})"


@cache
def _statement() -> TextClause:
    ctes = []
    for name, table, key, columns in _PARTS:
        if name == "alert_outbox":
            own = [c for c in columns if c != "message_row_id"]
            # The outbox row carries its message's Message-ID, to find that row's id.
            source = _recordset(name, table, own)[:-1] + ', "message_id_" VARCHAR)'
            ctes.append(
                f'{name} AS (INSERT INTO {table.name} ("message_row_id", {_names(own)}) '
                f"SELECT m.id, {_names(own, 'r.')} FROM {source} "
                f'JOIN alert_messages AS m ON m.message_id = r."message_id_")'
            )
        elif key is None:
            returning = " RETURNING id, message_id" if name == "alert_messages" else ""
            ctes.append(
                f"{name} AS (INSERT INTO {table.name} ({_names(columns)}) "
                f"SELECT {_names(columns, 'r.')} "
                f"FROM {_recordset(name, table, columns)}{returning})"
            )
        else:
            ctes.append(
                f"{name} AS (UPDATE {table.name} AS t SET "
                f"{', '.join(f'{_q(c)} = r.{_q(c)}' for c in columns)} "
                f"FROM {_recordset(name, table, (key, *columns))} "
                f"WHERE t.{_q(key)} = r.{_q(key)})"
            )
    return text(f"WITH {', '.join(ctes)} SELECT 1")


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime")  # as app.db.UTCDateTime
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return "\\x" + bytes(value).hex()  # bytea's hex input format
    raise TypeError(f"cannot encode {type(value).__name__}")


def _with_defaults(table: Table, columns: Sequence[str], row: Mapping[str, Any]) -> dict[str, Any]:
    """``row`` with the Python-side default of every column it leaves out, as an INSERT
    through SQLAlchemy would fill in."""
    full = dict(row)
    for name in columns:
        if name in full:
            continue
        default = table.c[name].default
        if default is None:
            full[name] = None
        elif getattr(default, "is_callable", False):
            full[name] = default.arg(None)  # type: ignore[attr-defined]
        else:
            full[name] = default.arg  # type: ignore[attr-defined]
    return full


def write(
    conn: Connection,
    *,
    counterparties: list[dict[str, Any]],
    agreements: list[dict[str, Any]],
    events: list[dict[str, Any]],
    processed: list[dict[str, Any]],
    alerts: list[tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    """Write a run: rows keyed by column name (``id`` for the updated ones); each alert as
    its stored message's and outbox row's columns (``app.outbound.drafts.owner_alert_draft``)."""
    given = {
        "counterparties": counterparties,
        "agreements": agreements,
        "events": events,
        "processed": processed,
        "alert_messages": [message for message, _ in alerts],
        "alert_outbox": [
            {**queued, "message_id_": message["message_id"]} for message, queued in alerts
        ],
    }
    params = {}
    for name, table, key, columns in _PARTS:
        rows = given[name]
        if key is None:
            wanted = [c for c in columns if c != "message_row_id"]
            extra = ["message_id_"] if name == "alert_outbox" else []
            rows = [
                {**_with_defaults(table, wanted, row), **{e: row[e] for e in extra}} for row in rows
            ]
        params[name] = json.dumps(rows, default=_encode, ensure_ascii=False)
    conn.execute(_statement(), params)


_RECEIVED_COLUMNS = tuple(c.name for c in StoredMessage.__table__.columns if c.name != "id")


@cache
def _received_statement() -> TextClause:
    table = cast(Table, StoredMessage.__table__)
    return text(
        f"INSERT INTO {table.name} ({_names(_RECEIVED_COLUMNS)}) "
        f"SELECT {_names(_RECEIVED_COLUMNS, 'r.')} "
        f"FROM {_recordset('rows', table, _RECEIVED_COLUMNS)} RETURNING id, uid"
    )


def insert_received(conn: Connection, rows: list[dict[str, Any]]) -> dict[int, int]:
    """Insert a fetched batch's new rows (``app.inbound.store.received_row``, each with its
    IMAP UID, unique in the batch); returns row id by UID. One statement text for every
    batch size, so the server prepares it once."""
    table = cast(Table, StoredMessage.__table__)
    full = [_with_defaults(table, _RECEIVED_COLUMNS, row) for row in rows]
    found = conn.execute(
        _received_statement(), {"rows": json.dumps(full, default=_encode, ensure_ascii=False)}
    )
    return {uid: row_id for row_id, uid in found.tuples()}
