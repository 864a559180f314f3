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


def accord(
    *args: str, env: dict[str, str] | None = None, check: bool = True, cwd: Path | None = None
) -> Any:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("ACCORD_")}
    # From another directory, `python -m app.cli` must still import this checkout's app.
    full_env["PYTHONPATH"] = str(Path(__file__).parents[2])
    full_env.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=60,
        cwd=cwd or Path(__file__).parents[2],
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
    reports = {}
    for job in ("poll", "deliver", "sweep"):
        line = accord(job, "--once", env=env).stdout.strip().splitlines()[-1]
        reports[job] = json.loads(line)
        assert reports[job]["job"] == job
    # Nested reports are JSON objects too, not Python reprs inside strings.
    poll = reports["poll"]
    assert poll["tracking"]["polled"] is True and poll["tracking"]["fetched"] == 0
    assert poll["connected"]["mailboxes"] == 0
    assert poll["tracking"]["processed"] == {"by_status": {}}
    assert "Report(" not in json.dumps(reports)


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


def _qp_message() -> bytes:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Accord <track@accord.localhost>"
    message["To"] = "Mike <mike@example.com>"
    message["Subject"] = "Lead flow [ABCD-EFGH]"
    long_url = "http://127.0.0.1:8000/a/" + "k" * 40 + "?answer=confirm"
    message.set_content(
        f"We agreed on 10 leads a week, and that is a long enough line to be folded.\n\n"
        f"Confirm: {long_url}\n",
        cte="quoted-printable",
    )
    message.add_alternative(f'<p><a href="{long_url}">Confirm</a></p>', subtype="html")
    return message.as_bytes()


def test_mail_shows_decoded_text_and_raw_bytes_on_request(tmp_path: Path) -> None:
    from mail.devbox import DevBox

    raw = _qp_message()
    assert b"=3D" in raw  # the stored bytes are quoted-printable
    DevBox(tmp_path / "mail" / "sent").append(raw)
    env = {"ACCORD_DATA_DIR": str(tmp_path)}
    listing = accord("mail", "sent", env=env).stdout
    assert "Mike <mike@example.com>" in listing and "Lead flow [ABCD-EFGH]" in listing
    shown = accord("mail", "sent", "1", env=env).stdout
    assert "Subject: Lead flow [ABCD-EFGH]" in shown
    assert "Confirm: http://127.0.0.1:8000/a/" + "k" * 40 + "?answer=confirm" in shown
    assert "=3D" not in shown and "=\n" not in shown
    assert "<a href" not in shown  # the text part, not the HTML
    assert accord("mail", "sent", "1", "--raw", env=env).stdout.encode() == raw.decode().encode()
    missing = accord("mail", "sent", "7", env=env, check=False)
    assert missing.returncode == 2 and "no message 7" in missing.stderr
    assert "Traceback" not in missing.stderr
    empty = accord("mail", "inbox", env=env, check=False)
    assert empty.returncode == 2 and "no development mailbox" in empty.stderr


@pytest.mark.parametrize(
    ("args", "missing"),
    [
        (("mail", "sent"), "no development mailbox at"),
        (("mail", "sent", "1"), "no development mailbox at"),
        (("digest", "--preview", "--user", "you@example.com"), "no database at"),
        (("poll", "--once"), "no database at"),
        (("sweep", "--once"), "no database at"),
        (("deliver", "--once"), "no database at"),
        (("user", "list"), "no database at"),
        (("user", "create", "a@example.org", "--name", "A"), "no database at"),
        (("health",), "no database at"),
        (("keys", "show"), "no signing key at"),
    ],
    ids=lambda value: "-".join(value) if isinstance(value, tuple) else None,
)
def test_commands_run_from_the_wrong_directory_say_what_is_missing(
    tmp_path: Path, args: tuple[str, ...], missing: str
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = accord(*args, cwd=elsewhere, check=False)
    assert result.returncode in (1, 2)
    assert missing in result.stderr and str(elsewhere / "data") in result.stderr
    assert "ACCORD_DATA_DIR" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert list(elsewhere.iterdir()) == []  # nothing was created


def test_commands_on_an_empty_database_file_say_it_is_not_migrated(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "accord.db").touch()
    result = accord("digest", "--preview", "--user", "you@example.com", cwd=tmp_path, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "has no Accord tables" in result.stderr and "accord migrate" in result.stderr


def test_digest_preview_prints_the_users_digest(
    env: dict[str, str], make_database_url: Any, tmp_path: Path
) -> None:
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import create_app

    accord("migrate", env=env)
    created = json.loads(
        accord("user", "create", "anna@example.org", "--name", "Anna", "--json", env=env).stdout
    )
    settings = Settings(
        database_url=env["ACCORD_DATABASE_URL"],
        data_dir=tmp_path,
        _env_file=None,  # type: ignore[call-arg]
    )
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/v1/agreements",
            headers={"Authorization": f"Bearer {created['api_key']}"},
            json={
                "title": "Lead flow",
                "summary": "We agreed on 10 leads a week.\n\nLet me know if I missed anything.",
                "counterparties": [{"email": "mike@example.com", "name": "Mike"}],
                "respond_within": "3d",
            },
        )
    assert response.status_code == 201, response.text
    agreement_id = response.json()["id"]
    preview = accord("digest", "--preview", "--user", "anna@example.org", env=env).stdout
    assert preview.startswith("Hello Anna,")
    assert "Awaiting a reply (1):" in preview and "Lead flow" in preview
    assert f"http://127.0.0.1:8000/app/agreements/{agreement_id}" in preview
    assert "waiting for" in preview
    nobody = accord("digest", "--preview", "--user", "nobody@example.org", env=env, check=False)
    assert nobody.returncode == 2 and "no user with address nobody@example.org" in nobody.stderr
    bare = accord("digest", "--user", "anna@example.org", env=env, check=False)
    assert bare.returncode == 2 and "--preview" in bare.stdout
