"""Failed API-key attempts, limited per client address and per key prefix, in the database.

Keys carry 160 random bits, so guessing is hopeless anyway; the limit tells a scanner to stop
and keeps it from filling the logs. Only failures count, and only against failures: a valid
key is looked up and served whatever others did from its address (behind a proxy every
client may share one) or against its prefix. A failed attempt takes a token from the bucket
of its address and from the bucket of the key's shown prefix (``acc_`` + 8 characters, the
part a key list shows, so guesses aimed at one known key are limited even from many
addresses); when either is empty the answer is 429 instead of 401.

The buckets live in the database (table ``auth_failures``), so every API process and
replica counts the same failures. The work happens in the 401's exception handler, after the
request's own transaction has ended (SQLite has one connection).
"""

from __future__ import annotations

import time

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.api.problems import problem
from app.config import Settings
from app.core.apikeys import shown_prefix
from app.db import Database
from app.errors import Unauthorized
from app.models import AuthFailures

FAILED_ATTEMPTS = 20  # per client address, and per key prefix (ACCORD_AUTH_FAILURES_PER_MINUTE)
PER_SECONDS = 60.0  # ... per minute, refilled continuously


class FailedKey(Unauthorized):
    """A presented key that is unknown or revoked: counted against its address and prefix."""

    def __init__(self, detail: str, *, client: str, secret: str) -> None:
        super().__init__(detail)
        self.buckets = sorted({f"ip:{client}"[:80], f"key:{shown_prefix(secret)}"[:80]})


def _insert(session: Session):  # type: ignore[no-untyped-def]
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def record_failure(
    session: Session,
    buckets: list[str],
    *,
    now: float,
    capacity: int = FAILED_ATTEMPTS,
    per_seconds: float = PER_SECONDS,
) -> float | None:
    """Take a token from each bucket; the seconds until the emptiest one has a token again,
    or None if every bucket still had one."""
    rate = capacity / per_seconds
    # Full buckets are as good as none. SKIP LOCKED: never wait on a bucket another
    # request holds (that could deadlock with it); it is pruned next time.
    stale = (
        select(AuthFailures.bucket)
        .where(AuthFailures.updated < now - per_seconds)
        .with_for_update(skip_locked=True)
    )
    session.execute(
        delete(AuthFailures)
        .where(AuthFailures.bucket.in_(stale.scalar_subquery()))
        .execution_options(synchronize_session=False)
    )
    insert = _insert(session)
    retry: float | None = None
    for bucket in sorted(buckets):  # one order for every process: no lock cycles
        session.execute(
            insert(AuthFailures)
            .values(bucket=bucket, tokens=float(capacity), updated=now)
            .on_conflict_do_nothing(index_elements=["bucket"])
        )
        row = session.scalars(
            select(AuthFailures)
            .where(AuthFailures.bucket == bucket)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one()
        tokens = min(float(capacity), row.tokens + max(0.0, now - row.updated) * rate)
        if tokens >= 1:
            tokens -= 1
        else:
            retry = max(retry or 0.0, (1 - tokens) / rate)
        row.tokens, row.updated = tokens, now
    return retry


def _failed_key(request: Request, exc: Exception) -> JSONResponse:
    """401 for a bad key, or 429 once its address or prefix has used up its failures."""
    assert isinstance(exc, FailedKey)
    database: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    with database.transaction() as session:
        retry = record_failure(
            session, exc.buckets, now=time.time(), capacity=settings.auth_failures_per_minute
        )
    if retry is None:
        return problem(401, exc.type, exc.title, exc.detail)
    return problem(
        429,
        "too-many-requests",
        "Too many requests",
        f"too many failed API-key attempts; retry in {retry:.0f} s",
        headers={"Retry-After": str(max(1, round(retry)))},
    )


def install(app: FastAPI) -> None:
    # A sync handler: Starlette runs it in the thread pool, where the database work belongs.
    app.add_exception_handler(FailedKey, _failed_key)
