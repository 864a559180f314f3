"""Calendars (SPEC §10): a private, revocable per-user feed of due and review dates, and the
reply deadline attached to the owner's copy of each summary."""

from __future__ import annotations

import email
from datetime import UTC, datetime, timedelta
from email import policy
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Alarm, Calendar, Event

from app.config import Settings
from app.db import Database
from app.outbound.calendar import PRODID, Entry, calendar_bytes
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


# --- the serializer, against icalendar ------------------------------------------------------


def icalendar_bytes(entries: list[Entry], *, stamp: datetime, name: str | None = None) -> bytes:
    """What calendar_bytes wrote when it built the calendar with icalendar."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.start + timedelta(minutes=30))
        event.add("summary", entry.summary)
        if entry.description:
            event.add("description", entry.description)
        if entry.url:
            event.add("url", entry.url)
        if entry.alarm_minutes is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", entry.summary)
            alarm.add("trigger", timedelta(minutes=-entry.alarm_minutes))
            event.add_component(alarm)
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


AWKWARD = [
    "Replies due: Q3 lead flow #12 [ACC-2026-0012]",
    "Überprüfung der Lieferantenverträge für Zürich, Genève; und Malmö — "
    "Rahmenvereinbarung 2027 mit Anhängen ✓ 日本語のタイトル",
    "a,b;c\\d\\\\e f\rg \\; \\, \\n end",
    "a line\nbreak,\r\nand; another",
    "x" * 73 + "\\" + "y" * 80 + "^" + "z" * 200,
    "é" * 36 + "\\;" + "😀" * 40,
    "",
]


def _components(data: bytes) -> list[tuple[str | None, dict[str, object]]]:
    return [(c.name, {k: c.decoded(k) for k in c}) for c in Calendar.from_ical(data).walk()]


@pytest.mark.parametrize("text", AWKWARD)
def test_the_calendar_is_what_icalendar_wrote_and_reads_back(text: str) -> None:
    stamp = datetime(2026, 12, 7, 1, 2, 3, 456789, tzinfo=UTC)
    entries = [
        Entry(
            uid=f"deadline-{text[:40]}-v1@accord.example.com",
            summary=f"Replies due: {text} [ACC-1]",
            start=datetime(2026, 12, 12, 17, 0, tzinfo=UTC),
            description=f"Silence by this time counts as agreement; {text}",
            url="https://accord.example.com/app/agreements/0f6c3f3e-6f5c-4a1e-9d7e-2f0c1a2b3c4d",
            alarm_minutes=0,
        ),
        Entry(uid="commitment-7@accord.example.com", summary=text, start=stamp),
        Entry(
            uid="review-1@x",
            summary="Review",
            start=datetime(999, 1, 2, 3, 4, tzinfo=ZoneInfo("UTC")),
            alarm_minutes=1505,
        ),
    ]
    name = f"Accord — {text}".replace("\n", " ")  # a name is written as it is
    ours = calendar_bytes(entries, stamp=stamp, name=name)
    theirs = icalendar_bytes(entries, stamp=stamp, name=name)
    assert ours == theirs
    assert _components(ours) == _components(theirs)
    assert all(len(line) <= 75 for line in ours.split(b"\r\n"))


_TEXT = st.text(st.characters(codec="utf-8"), max_size=300) | st.text(
    "ab \\^,;\r\nNé😀", max_size=400
)


@settings(max_examples=300, deadline=None)
@given(
    summary=_TEXT,
    description=_TEXT,
    name=_TEXT.filter(lambda name: "\n" not in name),  # icalendar refused a line break
    uid=_TEXT,
    alarm=st.none() | st.integers(min_value=-10_000, max_value=100_000),
    start=st.datetimes(
        min_value=datetime(1000, 1, 1), max_value=datetime(9000, 1, 1), timezones=st.just(UTC)
    ),
)
def test_any_entry_is_written_as_icalendar_wrote_it(
    summary: str, description: str, name: str, uid: str, alarm: int | None, start: datetime
) -> None:
    entry = Entry(
        uid=uid,
        summary=summary,
        start=start,
        description=description,
        url=None,
        alarm_minutes=alarm,
    )
    stamp = datetime(2026, 12, 7, 1, 2, 3, tzinfo=UTC)
    assert calendar_bytes([entry], stamp=stamp, name=name) == icalendar_bytes(
        [entry], stamp=stamp, name=name
    )


def test_times_are_written_in_utc() -> None:
    berlin = datetime(2026, 6, 5, 17, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    data = calendar_bytes([Entry(uid="u", summary="s", start=berlin)], stamp=berlin)
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert event.decoded("DTSTART") == berlin and event.decoded("DTSTART").tzinfo is not None
    assert b"DTSTART:20260605T150000Z\r\n" in data
    with pytest.raises(ValueError, match="timezone-aware"):
        calendar_bytes([Entry(uid="u", summary="s", start=datetime(2026, 1, 1))], stamp=berlin)
