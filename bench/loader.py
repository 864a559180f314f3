"""Bulk loading of users, agreements, versions and counterparties for the large benchmarks.

Going through the service costs tens of milliseconds per agreement on a loaded 2-core machine,
which would make a million-row setup take hours. Rows are therefore written directly with
COPY (PostgreSQL) or an executemany of core inserts (SQLite), with every column the service
would fill. The event chain of a bulk-loaded agreement starts empty (event_count 0): the
benchmarks only append to it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, text

from bench.common import SUMMARY, log

ZERO_HASH = "0" * 64


def _ref(i: int) -> str:
    from mail.ids import REF_ALPHABET

    base = len(REF_ALPHABET)
    chars = []
    for _ in range(8):
        i, digit = divmod(i, base)
        chars.append(REF_ALPHABET[digit])
    s = "".join(reversed(chars))
    return f"{s[:4]}-{s[4:]}"


def _copy(db: Any, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """COPY rows into ``table`` on PostgreSQL, or executemany on SQLite; returns the count."""
    count = 0
    if db.dialect == "postgresql":
        raw = db.engine.raw_connection()
        try:
            cur = raw.cursor()
            cols = ", ".join(f'"{c}"' for c in columns)
            with cur.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            raw.commit()
        finally:
            raw.close()
        return count
    from app.db import Base

    tbl = Base.metadata.tables[table]
    batch: list[dict[str, Any]] = []
    with db.engine.begin() as conn:
        for row in rows:
            batch.append(dict(zip(columns, row, strict=True)))
            count += 1
            if len(batch) >= 5000:
                conn.execute(insert(tbl), batch)
                batch = []
        if batch:
            conn.execute(insert(tbl), batch)
    return count


def _json(value: Any, db: Any) -> Any:
    # COPY takes JSON as text; SQLAlchemy's JSON type wants the Python value.
    return json.dumps(value) if db.dialect == "postgresql" else value


def _ts(value: datetime | None, db: Any) -> Any:
    if value is None or db.dialect == "postgresql":
        return value
    return value.astimezone(UTC)


def load_users(
    db: Any, count: int, *, next_digest_at: datetime | None, prefix: str = "u"
) -> list[str]:
    now = datetime.now(UTC)
    ids = [f"{prefix}{i:031d}"[-32:] for i in range(count)]
    cols = [
        "id",
        "email",
        "name",
        "timezone",
        "digest_weekday",
        "digest_hour",
        "digest_enabled",
        "next_digest_at",
        "business_day_end",
        "default_respond_within",
        "is_admin",
        "created_at",
    ]
    rows = (
        (
            uid,
            f"owner{i}@{prefix}.example.org",
            f"Owner {i}",
            "Europe/Berlin",
            0,
            8,
            True,
            _ts(next_digest_at, db),
            "17:00",
            "3bd",
            False,
            _ts(now, db),
        )
        for i, uid in enumerate(ids)
    )
    _copy(db, "users", cols, rows)
    return ids


def load_agreements(
    db: Any,
    owners: Sequence[str],
    count: int,
    *,
    cp_status: str | Callable[[int], str] = "sent",
    agreement_status: str | Callable[[int], str] = "awaiting_reply",
    deadline: Callable[[int], datetime],
    tokens: Sequence[str] | None = None,
    message_ids: Sequence[str] | None = None,
    updated_at: Callable[[int], datetime] | None = None,
    handed_off: timedelta = timedelta(days=10),
) -> list[str]:
    """``count`` agreements spread round-robin over ``owners``, one counterparty each, whose
    summary was handed off ``handed_off`` ago.

    Agreement ``i`` has counterparty ``mike{i}@partner.example`` (id ``i + 1``) with
    ``tokens[i]`` and ``message_ids[i]`` when given (so real summaries and replies match).
    """
    now = datetime.now(UTC)
    handoff = now - handed_off
    ids = [f"a{i:031d}" for i in range(count)]

    def updated(i: int) -> datetime:
        return updated_at(i) if updated_at else handoff

    def cp_st(i: int) -> str:
        return cp_status(i) if callable(cp_status) else cp_status

    def ag_st(i: int) -> str:
        return agreement_status(i) if callable(agreement_status) else agreement_status

    meta, reminders = _json({}, db), _json([], db)
    a_cols = [
        "id",
        "ref",
        "owner_id",
        "title",
        "status",
        "version",
        "deadline",
        "source",
        "metadata",
        "reminder_offsets",
        "notify_counterparty_on_deemed",
        "created_at",
        "updated_at",
        "event_count",
        "event_head",
    ]
    _copy(
        db,
        "agreements",
        a_cols,
        (
            (
                ids[i],
                _ref(i),
                owners[i % len(owners)],
                f"Q3 lead flow #{i}",
                ag_st(i),
                1,
                _ts(deadline(i), db),
                "api",
                meta,
                reminders,
                False,
                _ts(handoff, db),
                _ts(updated(i), db),
                0,
                ZERO_HASH,
            )
            for i in range(count)
        ),
    )
    log(f"loaded {count} agreements")
    summary = SUMMARY.format(name="Mike", week="week 40")
    v_cols = [
        "id",
        "agreement_id",
        "number",
        "title",
        "summary",
        "respond_within",
        "deadline",
        "status",
        "created_at",
    ]
    _copy(
        db,
        "agreement_versions",
        v_cols,
        (
            (
                i + 1,
                ids[i],
                1,
                f"Q3 lead flow #{i}",
                summary,
                "5d",
                _ts(deadline(i), db),
                "active",
                _ts(handoff, db),
            )
            for i in range(count)
        ),
    )
    c_cols = [
        "id",
        "agreement_id",
        "version_id",
        "email",
        "name",
        "role",
        "informational",
        "token",
        "bounce_token",
        "answer_token",
        "status",
        "status_at",
        "deadline",
        "summary_message_id",
        "handoff_at",
        "handoff_reply",
    ]

    def token(i: int) -> str:
        # Unique 32-character tokens; real ones only where replies must match them.
        return tokens[i] if tokens else hashlib.md5(str(i).encode()).hexdigest()

    def message_id(i: int) -> str:
        return message_ids[i] if message_ids else f"<summary{i}@accord.example.com>"

    _copy(
        db,
        "counterparties",
        c_cols,
        (
            (
                i + 1,
                ids[i],
                i + 1,
                f"mike{i}@partner.example",
                f"Mike {i}",
                "to",
                False,
                token(i),
                # The summaries the ingest benchmark composes carry the reply token in their
                # envelope too (compose_summary's default), as summaries sent before 0008 did.
                token(i),
                hashlib.md5(f"answer {i}".encode()).hexdigest(),
                cp_st(i),
                _ts(handoff, db),
                _ts(deadline(i), db),
                message_id(i),
                _ts(handoff, db),
                "250 2.0.0 Ok: queued",
            )
            for i in range(count)
        ),
    )
    log(f"loaded {count} versions and counterparties")
    return ids


def load_summaries(db: Any, summaries: Sequence[tuple[str, bytes, str, str]]) -> None:
    """The outbound summary rows (agreement i, counterparty i + 1) the pipeline quotes against.

    Each item is (message_id, raw, envelope_from, subject).
    """
    now = datetime.now(UTC) - timedelta(days=10)
    cols = [
        "id",
        "direction",
        "source",
        "message_id",
        "sha256",
        "size",
        "raw",
        "from_addr",
        "subject",
        "kind",
        "status",
        "agreement_id",
        "counterparty_id",
        "received_at",
        "details",
    ]
    details = _json({}, db)
    _copy(
        db,
        "messages",
        cols,
        (
            (
                i + 1,
                "out",
                "outbox",
                mid,
                hashlib.sha256(raw).hexdigest(),
                len(raw),
                raw,
                env,
                subject,
                "summary",
                "sent",
                f"a{i:031d}",
                i + 1,
                _ts(now, db),
                details,
            )
            for i, (mid, raw, env, subject) in enumerate(summaries)
        ),
    )


def finish(db: Any) -> None:
    """Move PostgreSQL sequences past the loaded ids and refresh the planner's statistics."""
    if db.dialect != "postgresql":
        return
    with db.engine.begin() as conn:
        for table in ("agreement_versions", "counterparties", "messages"):
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table}))"
                )
            )
    import psycopg

    dsn = db.url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def chunks(seq: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]
