"""Calendars (SPEC §10): a private, revocable per-user feed of due and review dates, and the
reply deadline attached to the owner's copy of each summary."""

from __future__ import annotations

import email
from datetime import datetime
from email import policy

from fastapi.testclient import TestClient
from icalendar import Calendar

from app.config import Settings
from app.db import Database
from tests.app.conftest import Account
from tests.app.test_api_agreements import create
from tests.app.test_commitments import TERMS, outbox_of, sent_agreement


def events_of(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_private_feed_lists_due_and_review_dates_and_can_be_revoked(
    client: TestClient, account: Account, make_account: object
) -> None:
    agreement = create(client, account, **TERMS)
    create(client, account)  # no commitments: nothing in the feed
    made = client.post("/v1/me/follow-through/calendar", headers=account.auth)
    assert made.status_code == 200, made.text
    url = made.json()["calendar_url"]
    assert url.startswith("https://accord.example.com/calendar/") and url.endswith(".ics")
    path = url.removeprefix("https://accord.example.com")

    feed = client.get(path)  # no API key: the link is the key
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    found = events_of(feed.content)
    ref = agreement["ref"]
    assert set(found) == {
        f"Due (You): Deliver X [{ref}]",
        f"Due (John Smith): Give Y at the semi-annual review [{ref}]",
        f"Review: {agreement['title']} [{ref}]",
    }
    mine = found[f"Due (You): Deliver X [{ref}]"]
    assert mine.decoded("DTSTART").isoformat() == "2027-06-30T15:00:00+00:00"  # type: ignore[attr-defined]
    assert "Status: open" in str(mine["DESCRIPTION"])  # type: ignore[index]

    other = make_account(email="eve@example.org", name="Eve")  # type: ignore[operator]
    assert client.post("/v1/me/follow-through/calendar", headers=other.auth).status_code == 200
    assert f"[{ref}]" in client.get(path).text  # each user's own link, still the same

    replaced = client.post("/v1/me/follow-through/calendar", headers=account.auth).json()
    assert client.get(path).status_code == 404  # the old link stops working
    new_path = replaced["calendar_url"].removeprefix("https://accord.example.com")
    assert client.get(new_path).status_code == 200
    revoked = client.delete("/v1/me/follow-through/calendar", headers=account.auth)
    assert revoked.json()["calendar_url"] is None
    assert client.get(new_path).status_code == 404
    assert client.get("/calendar/.ics").status_code == 404


def test_the_owner_copy_carries_the_reply_deadline_as_ics(
    client: TestClient, account: Account, settings: Settings, database: Database
) -> None:
    agreement, _ = sent_agreement(client, account, settings, database)
    [(to, raw)] = outbox_of(database, agreement["id"], "owner_copy")
    assert to == account.email
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message.get_content_type() == "multipart/mixed"
    body = message.get_body(("plain",))  # type: ignore[attr-defined]
    assert body is not None and "was sent to" in body.get_content()
    [attachment] = list(message.iter_attachments())  # type: ignore[attr-defined]
    assert attachment.get_filename() == "reply-deadline.ics"
    assert attachment.get_content_type() == "text/calendar"
    [event] = Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Replies due: {agreement['title']} [{agreement['ref']}]"
    assert event.decoded("DTSTART") == datetime.fromisoformat(agreement["deadline"])
