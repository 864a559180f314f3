"""Shared fixtures. Real servers live in tests/servers/ and are registered here."""

from collections.abc import Iterator

import pytest

pytest_plugins = [
    "tests.servers.smtp",
    "tests.servers.dovecot",
    "tests.servers.database",
    "tests.servers.tsa",
]


@pytest.fixture(scope="session", autouse=True)
def _no_helper_left() -> Iterator[None]:
    """Tests that poll in this process may start the ingest helper (a fork server, a pool
    process, a resource tracker): end it with the session, not whenever the interpreter
    gets to it."""
    yield
    from app.inbound.prepare import stop_helper_pool

    stop_helper_pool()
