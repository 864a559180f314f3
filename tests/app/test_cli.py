"""The `accord` command as an operator runs it (a real process, a real database)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parents[1] / "fixtures" / "emails"


def accord(*args: str, env: dict[str, str] | None = None, check: bool = True) -> Any:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    full_env.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
        cwd=Path(__file__).parents[2],
        check=False,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def env(make_database_url: Any, tmp_path: Path) -> dict[str, str]:
    return {
        "ACCORD_DATABASE_URL": make_database_url("sqlite"),
        "ACCORD_DATA_DIR": str(tmp_path),
        "ACCORD_LOG_JSON": "false",
    }


def test_migrate_user_create_and_health(env: dict[str, str]) -> None:
    assert accord("health", env=env, check=False).returncode == 1  # not migrated yet
    accord("migrate", env=env)
    assert "ok" in accord("health", env=env).stdout
    out = accord(
        "user",
        "create",
        "anna@example.org",
        "--name",
        "Anna",
        "--tz",
        "Europe/Berlin",
        "--json",
        env=env,
    ).stdout
    created = json.loads(out)
    assert set(created) >= {"id", "email", "api_key"} and created["api_key"].startswith("acc_")
    again = accord("user", "create", "anna@example.org", "--name", "Anna", env=env, check=False)
    assert again.returncode == 2 and "already exists" in again.stderr
    bad_tz = accord(
        "user", "create", "b@example.org", "--name", "B", "--tz", "Mars/Base", env=env, check=False
    )
    assert bad_tz.returncode == 2 and "time zone" in bad_tz.stderr
    assert "anna@example.org" in accord("user", "list", env=env).stdout


def test_one_shot_jobs_print_json(env: dict[str, str]) -> None:
    accord("migrate", env=env)
    for job in ("poll", "deliver", "sweep"):
        line = accord(job, "--once", env=env).stdout.strip().splitlines()[-1]
        assert json.loads(line)["job"] == job


def test_parse_prints_one_json_object_per_file_without_a_database(tmp_path: Path) -> None:
    files = sorted(str(p) for p in FIXTURES.glob("*.eml"))
    # No database and no server: only the tracking address, so captures can be recognised.
    env = {
        "ACCORD_TRACKING_ADDRESS": "track@accord.example.com",
        "ACCORD_DATABASE_URL": f"sqlite:///{tmp_path}/never-created.db",
    }
    result = accord("parse", *files, "--json", env=env)
    assert not (tmp_path / "never-created.db").exists()
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["file"] for o in objects] == files
    keys = {
        "file",
        "kind",
        "message_id",
        "from",
        "token",
        "ref",
        "in_reply_to",
        "references",
        "reply_text",
        "classification",
        "bounce",
        "auto_reply_reason",
        "out_of_office",
        "null_sender",
        "daemon_sender",
        "original_message_ids",
        "original_envelope_id",
    }
    assert all(set(o) == keys for o in objects)
    expected = json.loads((FIXTURES / "expected.json").read_text())
    by_name = {Path(o["file"]).name: o for o in objects}
    for name, want in expected.items():
        assert by_name[name]["kind"] == want["kind"], name


def test_parse_uses_the_workers_default_tracking_address(tmp_path: Path) -> None:
    token = "k7q2m4zx5n3r6t2w7y4a5b6c2d3e4f5g"
    ours, other = tmp_path / "ours.eml", tmp_path / "other.eml"
    ours.write_bytes(f"From: j@x.example\nTo: track+{token}@accord.localhost\n\nYes".encode())
    other.write_bytes(f"From: j@x.example\nTo: other+{token}@x.example\n\nYes".encode())
    result = accord("parse", str(ours), str(other), "--json")
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["kind"], first["token"], first["reply_text"]) == ("reply", token, "Yes")
    assert (second["kind"], second["token"], second["reply_text"]) == ("unrelated", None, "Yes")


def test_parse_reports_an_unreadable_file(tmp_path: Path) -> None:
    result = accord("parse", str(tmp_path / "missing.eml"), "--json", check=False)
    assert result.returncode == 1
    assert "error" in json.loads(result.stdout)
