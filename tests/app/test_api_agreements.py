"""The agreements API on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.app.conftest import Account

SUMMARY = (
    "Dear John,\n\nPer our conversation, if I deliver X by June, the company will give me Y at "
    "my semi-annual review.\n\nIf there is anything that I missed, let me know."
)


def body(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Semi-annual review: X for Y",
        "summary": SUMMARY,
        "counterparties": [{"email": "john@example.com", "name": "John Smith"}],
        "respond_within": "3d",
    }
    data.update(overrides)
    return data


def create(client: TestClient, account: Account, **overrides: Any) -> dict[str, Any]:
    response = client.post("/v1/agreements", json=body(**overrides), headers=account.auth)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def test_create_returns_the_agreement_with_its_shape(client: TestClient, account: Account) -> None:
    created = create(client, account, cc=[{"email": "hr@example.com", "informational": True}])
    assert created["status"] == "queued"
    assert created["version"] == 1
    assert created["summary"] == SUMMARY
    assert len(created["ref"]) == 9 and created["ref"][4] == "-"
    assert [(c["email"], c["status"], c["informational"]) for c in created["counterparties"]] == [
        ("john@example.com", "pending", False),
        ("hr@example.com", "pending", True),
    ]
    deadline = datetime.fromisoformat(created["deadline"])
    assert deadline > datetime.now(UTC) + timedelta(days=2)
    assert created["reminders"] == ["1d"]


def test_get_shows_events_with_a_hash_chain_and_the_queued_messages(
    client: TestClient, account: Account
) -> None:
    created = create(client, account)
    detail = client.get(f"/v1/agreements/{created['id']}", headers=account.auth).json()
    types = [e["type"] for e in detail["events"]]
    assert types == ["created", "queued"]
    assert detail["events"][0]["prev_hash"] == "0" * 64
    assert detail["events"][1]["prev_hash"] == detail["events"][0]["hash"]
    kinds = sorted(m["kind"] for m in detail["messages"])
    assert kinds == ["owner_copy", "summary"]
    assert all(m["direction"] == "out" for m in detail["messages"])


def test_explicit_deadline_with_offset_is_stored_in_utc(
    client: TestClient, account: Account
) -> None:
    created = create(client, account, respond_within=None, deadline="2099-06-30T17:00:00+02:00")
    assert datetime.fromisoformat(created["deadline"]) == datetime(2099, 6, 30, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"respond_within": None, "deadline": "2001-01-01T00:00:00Z"}, "in the past"),
        ({"respond_within": None, "deadline": "2099-01-01T00:00:00"}, "timezone"),
        ({"counterparties": []}, "at least 1"),
        ({"title": "Hello\r\nBcc: evil@example.com"}, "line break"),
        ({"title": "=?UTF-8?Q?=0A?=Bcc: attacker@example.com"}, "encoded word"),
        ({"counterparties": [{"email": "a@example.com", "name": "A\nBcc: x@y.z"}]}, "line break"),
        ({"counterparties": [{"email": "not-an-address"}]}, "email"),
        ({"respond_within": "soon"}, "respond_within"),
        ({"deadline": "2099-01-01T00:00:00Z"}, "not both"),
        ({"unexpected": 1}, "extra"),
    ],
)
def test_bad_input_is_a_problem_json_422(
    client: TestClient, account: Account, overrides: dict[str, Any], fragment: str
) -> None:
    response = client.post("/v1/agreements", json=body(**overrides), headers=account.auth)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert problem["type"].startswith("https://accord.dev/problems/")
    assert fragment.lower() in problem["detail"].lower()


def test_unknown_time_zone_of_owner_is_a_clear_error(
    client: TestClient, make_account: Callable[..., Account]
) -> None:
    from app.errors import InvalidTimeZone

    with pytest.raises(InvalidTimeZone):
        make_account(email="x@example.org", tz="Mars/Olympus")


def test_invalid_json_is_a_problem(client: TestClient, account: Account) -> None:
    response = client.post(
        "/v1/agreements",
        content=b"{not json",
        headers={**account.auth, "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


def test_idempotency_key_returns_the_first_result(client: TestClient, account: Account) -> None:
    headers = {**account.auth, "Idempotency-Key": "abc-123"}
    first = client.post("/v1/agreements", json=body(), headers=headers)
    second = client.post("/v1/agreements", json=body(), headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert second.headers.get("Idempotent-Replay") == "true"
    listed = client.get("/v1/agreements", headers=account.auth).json()
    assert len(listed["items"]) == 1
    reused = client.post("/v1/agreements", json=body(title="Other"), headers=headers)
    assert reused.status_code == 409


def test_list_filters_and_paginates(client: TestClient, account: Account) -> None:
    ids = [create(client, account, title=f"Agreement {i}")["id"] for i in range(5)]
    create(client, account, title="Lead flow", counterparties=[{"email": "mike@example.com"}])
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/v1/agreements", params=params, headers=account.auth).json()
        seen += [a["id"] for a in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 6 and len(set(seen)) == 6
    assert set(ids) <= set(seen)
    by_cp = client.get(
        "/v1/agreements", params={"counterparty": "MIKE@example.com"}, headers=account.auth
    ).json()
    assert [a["title"] for a in by_cp["items"]] == ["Lead flow"]
    by_text = client.get("/v1/agreements", params={"q": "semi-annual"}, headers=account.auth)
    assert len(by_text.json()["items"]) == 6  # the summary text matches
    by_status = client.get("/v1/agreements", params={"status": "accepted"}, headers=account.auth)
    assert by_status.json()["items"] == []
    bad = client.get("/v1/agreements", params={"status": "nope"}, headers=account.auth)
    assert bad.status_code == 422
    bad_cursor = client.get("/v1/agreements", params={"cursor": "!!"}, headers=account.auth)
    assert bad_cursor.status_code == 422


def test_withdraw_then_withdraw_again_is_a_conflict(client: TestClient, account: Account) -> None:
    created = create(client, account)
    first = client.post(f"/v1/agreements/{created['id']}/withdraw", headers=account.auth)
    assert first.status_code == 200 and first.json()["status"] == "withdrawn"
    again = client.post(f"/v1/agreements/{created['id']}/withdraw", headers=account.auth)
    assert again.status_code == 409
    assert again.json()["type"].endswith("/invalid-transition")


def test_another_users_agreement_is_a_404(
    client: TestClient, account: Account, make_account: Callable[..., Account]
) -> None:
    created = create(client, account)
    other = make_account(email="eve@example.org", name="Eve")
    for method, path in [
        ("GET", f"/v1/agreements/{created['id']}"),
        ("POST", f"/v1/agreements/{created['id']}/withdraw"),
    ]:
        response = client.request(method, path, headers=other.auth)
        assert response.status_code == 404, (method, path)
    assert client.get("/v1/agreements", headers=other.auth).json()["items"] == []


def test_missing_wrong_and_revoked_keys_get_401(client: TestClient, account: Account) -> None:
    assert client.get("/v1/me").status_code == 401
    wrong = client.get("/v1/me", headers={"Authorization": "Bearer acc_nope"})
    assert wrong.status_code == 401
    assert wrong.headers["content-type"] == "application/problem+json"
    assert client.get("/v1/me", headers=account.auth).json()["email"] == account.email
    keys = client.get("/v1/api-keys", headers=account.auth).json()
    assert client.delete(f"/v1/api-keys/{keys[0]['id']}", headers=account.auth).status_code == 200
    assert client.get("/v1/me", headers=account.auth).status_code == 401


def test_keys_are_shown_once_and_stored_hashed(
    client: TestClient, account: Account, settings: Any
) -> None:
    created = client.post("/v1/api-keys", json={"name": "ci"}, headers=account.auth).json()
    assert created["key"].startswith("acc_") and created["prefix"] == created["key"][:12]
    listed = client.get("/v1/api-keys", headers=account.auth).json()
    assert all("key" not in k for k in listed)
    from sqlalchemy import select

    from app.db import Database
    from app.models import ApiKey

    database = Database(settings.resolved_database_url)
    with database.transaction() as session:
        stored = list(session.scalars(select(ApiKey.key_hash)))
    database.dispose()
    assert created["key"] not in stored and all(len(h) == 64 for h in stored)


def test_admin_creates_users_and_others_cannot(
    client: TestClient, make_account: Callable[..., Account]
) -> None:
    admin = make_account(email="admin@example.org", name="Admin", admin=True)
    plain = make_account(email="plain@example.org", name="Plain")
    new = {"email": "new@example.org", "name": "New", "timezone": "America/Santiago"}
    assert client.post("/v1/users", json=new, headers=plain.auth).status_code == 403
    created = client.post("/v1/users", json=new, headers=admin.auth)
    assert created.status_code == 201
    key = created.json()["api_key"]
    me = client.get("/v1/me", headers={"Authorization": f"Bearer {key}"}).json()
    assert me["timezone"] == "America/Santiago"
    dup = client.post("/v1/users", json=new, headers=admin.auth)
    assert dup.status_code == 409
    bad_tz = client.post(
        "/v1/users",
        json={**new, "email": "n2@example.org", "timezone": "Nope/X"},
        headers=admin.auth,
    )
    assert bad_tz.status_code == 422


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ok"
    assert client.get("/openapi.json").json()["info"]["title"] == "Accord"


def nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


@pytest.mark.parametrize("depth", [17, 900])
def test_deep_metadata_is_a_422_and_nothing_is_stored(
    client: TestClient, account: Account, depth: int
) -> None:
    response = client.post(
        "/v1/agreements", json=body(metadata=nested(depth)), headers=account.auth
    )
    assert response.status_code == 422, response.text[:300]
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "16 levels" in response.text
    assert client.get("/v1/agreements", headers=account.auth).json()["items"] == []


def test_metadata_is_bounded_in_size_and_kept_within_bounds(
    client: TestClient, account: Account
) -> None:
    big = client.post(
        "/v1/agreements", json=body(metadata={"x": "y" * 40_000}), headers=account.auth
    )
    assert big.status_code == 422 and "32000 characters" in big.text
    hostile = "[" * 200_000 + "]" * 200_000
    raw = client.post(
        "/v1/agreements",
        content=f'{{"title": "t", "metadata": {hostile}}}',
        headers={**account.auth, "Content-Type": "application/json"},
    )
    # Too deep for the JSON parser itself: refused before validation, still problem+json.
    assert raw.status_code == 400
    assert raw.headers["content-type"].startswith("application/problem+json")
    deepest = create(client, account, metadata=nested(16))
    assert deepest["metadata"] == nested(16)
