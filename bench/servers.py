"""Processes the benchmarks run against: an SMTP sink and the two uvicorn applications.

``python -m bench.servers smtp PORT`` runs an aiosmtpd sink (accepts and drops every message)
until killed. ``accord_app`` and ``bare_app`` are uvicorn factories configured from the
environment (``ACCORD_*``), so both run under exactly the same server settings.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from fastapi import FastAPI
from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def accord_app() -> FastAPI:
    from app.config import Settings
    from app.main import create_app

    return create_app(Settings())


class _BenchBase(DeclarativeBase):
    pass


class BenchRow(_BenchBase):
    """A row of the size of an agreement, in a table of its own."""

    __tablename__ = "bench_rows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def bare_app() -> FastAPI:
    """The ceiling: FastAPI, body validation into a dict, one ORM insert, one commit.

    It uses ``app.db.Database`` (same engine, pool and SQLite pragmas as Accord) and a sync
    route: one trip to the thread pool per request, which is also what Accord's create and
    list routes make (``app.api.deps.AsUser``), so the only difference is Accord's own work.
    """
    from app.db import Database, utcnow

    url = os.environ["ACCORD_DATABASE_URL"]

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = Database(url)
        _BenchBase.metadata.create_all(app.state.db.engine)
        yield
        app.state.db.dispose()

    app = FastAPI(lifespan=lifespan)

    @app.post("/insert", status_code=201)
    def insert(body: dict[str, Any]) -> dict[str, Any]:
        db: Database = app.state.db
        with db.transaction() as session:
            row = BenchRow(
                title=str(body.get("title", "")),
                summary=str(body.get("summary", "")),
                created_at=utcnow(),
            )
            session.add(row)
            session.flush()
            return {"id": row.id, "title": row.title}

    return app


def run_smtp_sink(port: int) -> None:
    from aiosmtpd.controller import Controller

    class Sink:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            return "250 2.0.0 Ok: queued"

    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    if sys.argv[1] == "smtp":
        run_smtp_sink(int(sys.argv[2]))
