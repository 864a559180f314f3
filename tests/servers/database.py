"""Real databases for the tests: SQLite files and a throwaway PostgreSQL database.

Fixtures:
- ``db_url``: parametrized over ``sqlite`` and ``postgresql``; a migrated, empty database.
  Tests that take it (or ``database``) run once on each.
- ``database``: an ``app.db.Database`` on ``db_url``.
- ``pg_url`` / ``pg_database``: PostgreSQL only (concurrency tests: SQLite ignores row locks).
- ``make_database_url(kind)``: a fresh, *unmigrated* database URL (migration tests).

PostgreSQL is the server at 127.0.0.1:5432 (override with ACCORD_TEST_PG_URL). Each run
(and each xdist worker) creates its own ``accord_test_*`` database and drops it at the end;
no other database is touched. Between tests every table is truncated.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

import app.models  # noqa: F401
from app.db import Base, Database
from app.migrate import upgrade

PG_ADMIN_URL = os.environ.get("ACCORD_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _pg_dsn(dbname: str) -> str:
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/{dbname}"


def _create_pg_database(prefix: str) -> str:
    name = f"accord_test_{prefix}_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        pytest.fail(
            f"PostgreSQL at {PG_ADMIN_URL} is not reachable ({exc}); the suite runs every "
            "database test on PostgreSQL too. Start it: pg_ctlcluster --skip-systemctl-redirect "
            "$(ls /etc/postgresql) main start"
        )
    return name


def _drop_pg_database(name: str) -> None:
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def _worker_id(request: pytest.FixtureRequest) -> str:
    return str(getattr(request.config, "workerinput", {}).get("workerid", "main"))


@pytest.fixture(scope="session")
def make_database_url(
    _worker_id: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], str]]:
    created: list[str] = []

    def make(kind: str) -> str:
        if kind == "sqlite":
            path = tmp_path_factory.mktemp("sqlite") / "accord.db"
            return f"sqlite:///{path}"
        name = _create_pg_database(_worker_id)
        created.append(name)
        return _pg_dsn(name).replace("postgresql://", "postgresql+psycopg://", 1)

    yield make
    for name in created:
        _drop_pg_database(name)


@pytest.fixture(scope="session")
def _sqlite_template(make_database_url: Callable[[str], str]) -> Path:
    url = make_database_url("sqlite")
    upgrade(url)
    return Path(url.removeprefix("sqlite:///"))


@pytest.fixture(scope="session")
def _pg_migrated(make_database_url: Callable[[str], str]) -> str:
    url = make_database_url("postgresql")
    upgrade(url)
    return url


def _truncate_all(database: Database) -> None:
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with database.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def pg_url(_pg_migrated: str) -> Iterator[str]:
    yield _pg_migrated
    database = Database(_pg_migrated)
    try:
        _truncate_all(database)
    finally:
        database.dispose()


@pytest.fixture
def sqlite_url(_sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "accord.db"
    shutil.copyfile(_sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def pg_database(pg_url: str) -> Iterator[Database]:
    database = Database(pg_url)
    yield database
    database.dispose()
