"""Hardening (issue 21) item 7: what Accord writes holds secrets, so only its owner reads it,
and a guessable ``ACCORD_SECRET_KEY`` stops the service from starting."""

from __future__ import annotations

import secrets
import stat
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.config import Settings
from app.main import create_app
from tests.app.test_cli import accord


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_dir_is_0700_and_the_database_and_keys_0600(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"ACCORD_DATA_DIR": str(data), "ACCORD_LOG_JSON": "false"}
    accord("migrate", env=env)
    accord("user", "create", "anna@example.org", "--name", "Anna", env=env)
    database = data / "accord.db"
    assert mode(data) == 0o700
    assert mode(database) == 0o600
    settings = Settings(data_dir=data, public_url="https://a.example", _env_file=None)  # type: ignore[call-arg]
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        assert client.get("/app/login").status_code == 200  # makes the installation key
    written = [p for p in data.rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {"accord.db", "web-secret.key"}
    assert {p.name: mode(p) for p in written} == {p.name: 0o600 for p in written}


def test_an_older_installs_readable_files_are_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"ACCORD_DATA_DIR": str(data), "ACCORD_LOG_JSON": "false"}
    accord("migrate", env=env)
    data.chmod(0o755)
    (data / "accord.db").chmod(0o644)
    accord("migrate", env=env)
    settings = Settings(data_dir=data, _env_file=None)  # type: ignore[call-arg]
    with TestClient(create_app(settings)):
        pass
    assert mode(data) == 0o700
    assert mode(data / "accord.db") == 0o600


@pytest.mark.parametrize(
    "weak", ["a", "changeme", "x" * 64, "ab" * 40, "test-secret-key-xxxxxxxxxxxxxxxx", "0" * 63]
)
def test_a_weak_secret_key_refuses_to_start_with_a_clear_message(tmp_path: Path, weak: str) -> None:
    env = {"ACCORD_DATA_DIR": str(tmp_path / "data"), "ACCORD_SECRET_KEY": weak}
    result = accord("migrate", env=env, check=False)
    assert result.returncode == 2
    assert "ACCORD_SECRET_KEY is too weak" in result.stderr
    assert "openssl rand -hex 32" in result.stderr
    assert not (tmp_path / "data").exists()  # refused before anything was made
    with pytest.raises(ValidationError, match="at least 256"):
        Settings(secret_key=weak, _env_file=None)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "make", [lambda: secrets.token_hex(32), lambda: secrets.token_urlsafe(32)], ids=["hex", "b64"]
)
def test_generated_keys_start(tmp_path: Path, make: object) -> None:
    assert callable(make)
    env = {"ACCORD_DATA_DIR": str(tmp_path / "data"), "ACCORD_SECRET_KEY": make()}
    accord("migrate", env=env)
    for _ in range(5000):
        Settings(secret_key=make(), _env_file=None)  # type: ignore[call-arg]
