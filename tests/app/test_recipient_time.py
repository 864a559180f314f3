"""The deadline in the recipient's words (SPEC §4): in their own time zone when the owner
gave it (an IANA name, validated), else in the owner's with its UTC offset, so nobody can
misread it."""

from __future__ import annotations

import email
from datetime import UTC, datetime, timedelta
from email import policy
from email.utils import parseaddr
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.db import Database
from app.outbound.delivery import deliver_all
from app.outbound.senders import sent_box
from mail.compose import deadline_in_words, deadline_with_offset
from tests.app.conftest import Account
from tests.app.test_api_agreements import body


@pytest.fixture
def db(settings: Settings) -> Any:
    database = Database(settings.resolved_database_url)
    yield database
    database.dispose()


def _texts(settings: Settings) -> dict[str, str]:
    box = sent_box(settings)
    found = {}
    for uid in box.uids():
        message = email.message_from_bytes(box.read(uid).raw, policy=policy.default)
        part = message.get_body(("plain",))
        assert part is not None
        found[parseaddr(str(message["To"]))[1]] = str(part.get_content())
    return found


def test_the_deadline_is_written_in_the_recipients_zone_or_with_its_offset(
    client: TestClient, account: Account, settings: Settings, db: Database
) -> None:
    deadline = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    created = client.post(
        "/v1/agreements",
        json=body(
            respond_within=None,
            deadline=deadline.isoformat(),
            counterparties=[
                {"email": "ny@example.com", "tz": "America/New_York", "language": "en-US"},
                {"email": "john@example.com"},
            ],
        ),
        headers=account.auth,
    )
    assert created.status_code == 201, created.text
    shown = {c["email"]: (c["tz"], c["language"]) for c in created.json()["counterparties"]}
    assert shown == {
        "ny@example.com": ("America/New_York", "en-US"),
        "john@example.com": (None, None),
    }
    listed = client.get("/v1/agreements", headers=account.auth).json()["items"][0]
    assert {c["email"]: c["tz"] for c in listed["counterparties"]}["ny@example.com"] == (
        "America/New_York"
    )
    deliver_all(settings, db)
    texts = _texts(settings)
    theirs = deadline_in_words(deadline, ZoneInfo("America/New_York"))
    assert f"If I hear nothing by {theirs}," in " ".join(texts["ny@example.com"].split())
    owners = deadline_with_offset(deadline, ZoneInfo("Europe/Berlin"))  # the account's zone
    assert "(UTC+0" in owners and "Europe/Berlin)" in owners
    assert f"If I hear nothing by {owners}," in " ".join(texts["john@example.com"].split())


@pytest.mark.parametrize("zone", ["Mars/Base", "../../etc/passwd", "", "Europe/Berlin\n"])
def test_an_unknown_time_zone_is_a_422(client: TestClient, account: Account, zone: str) -> None:
    refused = client.post(
        "/v1/agreements",
        json=body(counterparties=[{"email": "john@example.com", "tz": zone}]),
        headers=account.auth,
    )
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")


def test_offsets_are_spelled_out() -> None:
    at = datetime(2026, 6, 5, 15, tzinfo=UTC)
    assert deadline_with_offset(at, ZoneInfo("Asia/Kolkata")) == (
        "Friday, 5 June 2026 at 20:30 IST (UTC+05:30, Asia/Kolkata)"
    )
    assert deadline_with_offset(at, ZoneInfo("America/Sao_Paulo")) == (
        "Friday, 5 June 2026 at 12:00 (UTC-03:00, America/Sao_Paulo)"
    )


def test_superseded_is_no_agreement_status_and_the_filter_refuses_it(
    client: TestClient, account: Account
) -> None:
    # A revision supersedes a version of the same agreement, never the agreement (README).
    refused = client.get("/v1/agreements", params={"status": "superseded"}, headers=account.auth)
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    for status in ("queued", "awaiting_reply", "accepted", "needs_attention", "withdrawn"):
        listed = client.get("/v1/agreements", params={"status": status}, headers=account.auth)
        assert listed.status_code == 200, status
