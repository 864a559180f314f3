"""Calendar data (RFC 5545): the reply deadline attached to the owner's copy of a summary,
and the entries of a user's private feed (``app.commitments.calendar``). Deterministic for
the same input, so a re-composed draft is byte-identical.

Written directly, not through ``icalendar``: building its component tree cost about 0.7 ms
per owner copy, as much as composing the rest of the message (``bench/outbound.py``). The
output is byte for byte what ``icalendar`` 7 wrote for these entries (its property order,
TEXT escaping and line folding); tests/app/test_calendar.py compares the two on awkward
input and parses the result with ``icalendar``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

PRODID = "-//Accord//Follow-through//EN"
CRLF = "\r\n"
# RFC 5545 §3.1: lines SHOULD NOT exceed 75 octets; icalendar folds before the 75th.
_FOLD_AT = 74


@dataclass(frozen=True)
class Entry:
    uid: str
    summary: str
    start: datetime
    description: str = ""
    url: str | None = None
    # Minutes before ``start`` at which a calendar client should remind (none: no alarm).
    alarm_minutes: int | None = None


def calendar_bytes(entries: Iterable[Entry], *, stamp: datetime, name: str | None = None) -> bytes:
    """A VCALENDAR of ``entries`` (``stamp``: when it was generated, as DTSTAMP).
    Times must be timezone-aware; they are written in UTC."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_text(PRODID)}", "CALSCALE:GREGORIAN"]
    if name:
        lines.append(f"X-WR-CALNAME:{_verbatim(name)}")
    stamp_value = _utc(stamp)
    for entry in entries:
        lines += _event(entry, stamp_value)
    lines.append("END:VCALENDAR")
    return (CRLF.join([_fold(line) for line in lines]) + CRLF).encode("utf-8")


def _event(entry: Entry, stamp: str) -> list[str]:
    # Properties in icalendar's order: its canonical ones first, the rest alphabetically.
    summary = _text(entry.summary)
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{summary}",
        f"DTSTART:{_utc(entry.start)}",
        f"DTEND:{_utc(entry.start + timedelta(minutes=30))}",
        f"DTSTAMP:{stamp}",
        f"UID:{_text(entry.uid)}",
    ]
    if entry.description:
        lines.append(f"DESCRIPTION:{_text(entry.description)}")
    if entry.url:
        lines.append(f"URL:{_verbatim(entry.url)}")
    if entry.alarm_minutes is not None:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{summary}",
            f"TRIGGER:{_duration(timedelta(minutes=-entry.alarm_minutes))}",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("calendar times must be timezone-aware")
    t = moment.astimezone(UTC)
    return f"{t.year:04}{t.month:02}{t.day:02}T{t.hour:02}{t.minute:02}{t.second:02}Z"


def _text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 §3.3.11) as icalendar escapes it: a ``\\N`` already
    in the text is read as an escaped line break, and any line break becomes ``\\n``."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _verbatim(value: str) -> str:
    """A value icalendar writes as it is, unescaped: a URI, and X-WR-CALNAME (an unknown
    property to it). A line break there would start a line of its own: refused."""
    if "\n" in value:
        raise ValueError("a calendar value cannot contain a line break")
    return value


def _duration(delta: timedelta) -> str:
    """A DURATION value (RFC 5545 §3.3.6), written as icalendar writes a timedelta."""
    sign = ""
    if delta.days < 0:
        sign, delta = "-", -delta
    time = ""
    if delta.seconds:
        hours, rest = divmod(delta.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        time = "T" + (f"{hours}H" if hours else "")
        time += f"{minutes}M" if minutes or (hours and seconds) else ""
        time += f"{seconds}S" if seconds else ""
    if delta.days == 0 and time:
        return f"{sign}P{time}"
    return f"{sign}P{delta.days}D{time}"


def _fold(line: str) -> str:
    """A content line folded (RFC 5545 §3.1) into pieces of at most 74 octets, never
    splitting a UTF-8 character, nor a ``\\`` or ``^`` from what it escapes."""
    if line.isascii():
        if len(line) <= _FOLD_AT:
            return line
        sizes = None
    else:
        sizes = [len(char.encode("utf-8")) for char in line]
    pieces = []
    start = 0
    while True:
        if sizes is None:
            stop = min(start + _FOLD_AT, len(line))
        else:
            stop, used = start, 0
            while stop < len(line) and (stop == start or used + sizes[stop] <= _FOLD_AT):
                used += sizes[stop]
                stop += 1
        if stop == len(line):
            pieces.append(line[start:])
            return "\r\n ".join(pieces)
        if stop - start > 1 and line[stop - 1] in "\\^":
            stop -= 1
        pieces.append(line[start:stop])
        start = stop
