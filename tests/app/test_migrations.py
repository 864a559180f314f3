"""Migrations build the schema on SQLite and PostgreSQL, walk down and up, and match the models."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

import app.models  # noqa: F401
from app.db import Base, build_engine
from app.migrate import alembic_config, downgrade, head_revision, upgrade


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request: pytest.FixtureRequest, make_database_url: Callable[[str], str]) -> str:
    return make_database_url(request.param)


def test_every_revision_walks_up_and_down(fresh_url: str) -> None:
    script = ScriptDirectory.from_config(alembic_config(fresh_url))
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    for rev in revisions:
        upgrade(fresh_url, rev)
    for rev in reversed(revisions[:-1]):
        downgrade(fresh_url, rev)
    downgrade(fresh_url, "base")
    engine = build_engine(fresh_url)
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    upgrade(fresh_url)


def test_models_and_migrations_do_not_drift(fresh_url: str) -> None:
    upgrade(fresh_url)
    engine = build_engine(fresh_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == [], f"models differ from migrations; add a revision: {diff}"


def test_head_is_single() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1
    assert head_revision() == script.get_current_head()


def test_going_below_drafts_refuses_while_a_summary_is_not_composed(fresh_url: str) -> None:
    upgrade(fresh_url)
    engine = build_engine(fresh_url)
    draft = (
        "INSERT INTO messages (direction, source, received_at, status, details) "
        "VALUES ('out', 'outbox', CURRENT_TIMESTAMP, 'draft', '{}')"
    )
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(draft)
        # Dropping it would drop a queued summary; keeping it breaks NOT NULL: neither.
        with pytest.raises(RuntimeError, match="not composed yet"):
            downgrade(fresh_url, "0006")
        with engine.begin() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM messages").scalar() == 1
            conn.exec_driver_sql("DELETE FROM messages")
        downgrade(fresh_url, "0006")
    finally:
        engine.dispose()
