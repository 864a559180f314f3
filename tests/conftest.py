"""Shared fixtures. Real servers live in tests/servers/ and are registered here."""

pytest_plugins = [
    "tests.servers.smtp",
    "tests.servers.dovecot",
    "tests.servers.database",
    "tests.servers.tsa",
]
