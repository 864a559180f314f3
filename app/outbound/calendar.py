"""Calendar data (RFC 5545, with ``icalendar``): the reply deadline attached to the owner's
copy of a summary, and the entries of a user's private feed (``app.commitments.calendar``).
Deterministic for the same input, so a re-composed draft is byte-identical."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event

PRODID = "-//Accord//Follow-through//EN"


@dataclass(frozen=True)
class Entry:
    uid: str
    summary: str
    start: datetime
    description: str = ""
    url: str | None = None
    # Minutes before ``start`` at which a calendar client should remind (none: no alarm).
    alarm_minutes: int | None = None


def _event(entry: Entry, stamp: datetime) -> Event:
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
    return event


def calendar_bytes(entries: Iterable[Entry], *, stamp: datetime, name: str | None = None) -> bytes:
    """A VCALENDAR of ``entries`` (``stamp``: when it was generated, as DTSTAMP)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    for entry in entries:
        cal.add_component(_event(entry, stamp))
    data: bytes = cal.to_ical()
    return data
