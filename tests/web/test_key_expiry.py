"""API keys may expire (SPEC §9: an expired key gets a clear error), and their last use is
shown: API, CLI and the dashboard's settings page."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import update

from app.config import Settings
from app.db import Database, utcnow
from app.models import ApiKey
from tests.app.conftest import Account
from tests.app.test_cli import accord
from tests.web.conftest import csrf_of, sign_in


def _expire(database: Database, key_id: str) -> None:
    with database.transaction() as session:
        session.execute(
            update(ApiKey)
            .where(ApiKey.id == key_id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )


def test_a_key_with_an_expiry_works_until_then_and_shows_its_last_use(
    web: TestClient, account: Account, database: Database
) -> None:
    response = web.post(
        "/v1/api-keys", json={"name": "ci", "expires_in_days": 30}, headers=account.auth
    )
    assert response.status_code == 201, response.text
    created = response.json()
    expires = datetime.fromisoformat(created["expires_at"])
    assert abs((expires - utcnow()) - timedelta(days=30)) < timedelta(minutes=1)
    assert created["status"] == "active" and created["last_used_at"] is None
    auth = {"Authorization": f"Bearer {created['key']}"}
    assert web.get("/v1/me", headers=auth).status_code == 200
    listed = {k["id"]: k for k in web.get("/v1/api-keys", headers=account.auth).json()}
    used = listed[created["id"]]
    assert used["last_used_at"] is not None and used["expires_at"] is not None
    assert listed[next(k for k in listed if k != created["id"])]["expires_at"] is None

    _expire(database, created["id"])
    refused = web.get("/v1/me", headers=auth)
    assert refused.status_code == 401
    problem = refused.json()
    assert problem["type"].endswith("/api-key-expired") and "expired on" in problem["detail"]
    listed = {k["id"]: k for k in web.get("/v1/api-keys", headers=account.auth).json()}
    assert listed[created["id"]]["status"] == "expired"


def test_an_expiry_in_the_past_or_without_offset_or_twice_is_refused(
    web: TestClient, account: Account
) -> None:
    past = (utcnow() - timedelta(days=1)).isoformat()
    for body in (
        {"expires_at": past},
        {"expires_at": "2030-01-01T00:00:00"},
        {"expires_at": "2030-01-01T00:00:00Z", "expires_in_days": 3},
        {"expires_in_days": 0},
    ):
        response = web.post("/v1/api-keys", json=body, headers=account.auth)
        assert response.status_code == 422, body
        assert response.headers["content-type"].startswith("application/problem+json")
    at = web.post(
        "/v1/api-keys", json={"expires_at": "2030-01-01T00:00:00+01:00"}, headers=account.auth
    )
    assert at.status_code == 201
    assert datetime.fromisoformat(at.json()["expires_at"]) == datetime(
        2029, 12, 31, 23, 0, tzinfo=UTC
    )


def test_the_settings_page_shows_expiry_and_last_use_and_creates_expiring_keys(
    web: TestClient, account: Account, database: Database
) -> None:
    sign_in(web, database, account.email)
    page = web.get("/app/settings")
    assert '<th scope="col">Expires</th>' in page.text and "never" in page.text
    created = web.post(
        "/app/settings/keys",
        data={"name": "deploy", "expires_in_days": "90", "csrf": csrf_of(page.text)},
    )
    assert created.status_code == 200
    with database.transaction() as session:
        key = session.query(ApiKey).filter(ApiKey.name == "deploy").one()
        assert key.expires_at is not None
        assert abs((key.expires_at - utcnow()) - timedelta(days=90)) < timedelta(minutes=1)
        key_id = key.id
    _expire(database, key_id)
    assert "expired" in web.get("/app/settings").text
    bad = web.post(
        "/app/settings/keys",
        data={"name": "x", "expires_in_days": "soon", "csrf": csrf_of(page.text)},
    )
    assert bad.status_code == 422


def test_the_cli_creates_expiring_keys_and_lists_last_use(
    make_database_url: Any, tmp_path: Any, settings: Settings
) -> None:
    env = {
        "ACCORD_DATABASE_URL": make_database_url("sqlite"),
        "ACCORD_DATA_DIR": str(tmp_path),
    }
    accord("migrate", env=env)
    accord("user", "create", "anna@example.org", "--name", "Anna", env=env)
    created = json.loads(
        accord(
            "api-key", "create", "anna@example.org", "--expires-in", "7", "--json", env=env
        ).stdout
    )
    expires = datetime.fromisoformat(created["expires_at"])
    assert abs((expires - utcnow()) - timedelta(days=7)) < timedelta(minutes=1)
    listed = [
        json.loads(line)
        for line in accord(
            "api-key", "list", "anna@example.org", "--json", env=env
        ).stdout.splitlines()
    ]
    assert [k["status"] for k in listed] == ["active", "active"]
    assert listed[1]["expires_at"] is not None and listed[1]["last_used_at"] is None
    text = accord("api-key", "list", "anna@example.org", env=env).stdout
    assert "last used never" in text and "expires never" in text
    bad = accord("api-key", "create", "anna@example.org", "--expires-in", "0", env=env, check=False)
    assert bad.returncode == 2 and "1 to 3650 days" in bad.stderr
    nobody = accord("api-key", "list", "nobody@example.org", env=env, check=False)
    assert nobody.returncode == 2 and "no user" in nobody.stderr
