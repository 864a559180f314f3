"""Deadlines: explicit instants or ``respond_within`` specs, resolved in the owner's zone.

A spec is one of: ``"3d"`` (calendar days), ``"2bd"`` (business days, Mon-Fri, minus
holidays), a weekday ``"fri"`` (the next one after today), an ISO date ``"2026-06-30"`` — each
ending at the end of the owner's business day — or an exact duration ``"90m"``/``"12h"``
(short deadlines serve demos and tests). The result is a UTC instant.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.errors import InvalidDeadline, InvalidTimeZone

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPEC = re.compile(r"^(\d{1,3})(d|bd|h|m)$")
_MAX_DAYS = 3650


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidTimeZone(f"unknown time zone {name!r} (use an IANA name)") from exc


def parse_clock(value: str) -> time:
    try:
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))
    except ValueError as exc:
        raise InvalidDeadline(f"invalid time of day {value!r} (use HH:MM)") from exc


def at_local(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """``day`` at ``clock`` in ``tz`` as UTC.

    A local time that does not exist (skipped by a DST change) moves forward by the gap; one
    that exists twice takes the later instant, the more generous reading of a deadline.
    """
    # PEP 495: in a gap fold=0 gives the later instant, in an overlap fold=1 does.
    local = datetime.combine(day, clock, tzinfo=tz)
    return max(local.replace(fold=0).astimezone(UTC), local.replace(fold=1).astimezone(UTC))


def add_business_days(start: date, count: int, holidays: Collection[date] = ()) -> date:
    day = start
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            count -= 1
    return day


def resolve(
    spec: str,
    *,
    now: datetime,
    tz: ZoneInfo,
    end_of_day: time = time(17, 0),
    holidays: Collection[date] = (),
) -> datetime:
    """Resolve a ``respond_within`` spec against ``now`` to a UTC deadline."""
    text = spec.strip().lower()
    today = now.astimezone(tz).date()
    if match := _SPEC.match(text):
        amount, unit = int(match.group(1)), match.group(2)
        if amount == 0:
            raise InvalidDeadline("respond_within must be more than zero")
        if unit == "m":
            return now.astimezone(UTC) + timedelta(minutes=amount)
        if unit == "h":
            return now.astimezone(UTC) + timedelta(hours=amount)
        if amount > _MAX_DAYS:
            raise InvalidDeadline("respond_within is too far in the future")
        if unit == "d":
            return at_local(today + timedelta(days=amount), end_of_day, tz)
        return at_local(add_business_days(today, amount, holidays), end_of_day, tz)
    if text[:3] in WEEKDAYS and text in (text[:3], _full_weekday(text[:3])):
        ahead = (WEEKDAYS.index(text[:3]) - today.weekday() - 1) % 7 + 1
        return at_local(today + timedelta(days=ahead), end_of_day, tz)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidDeadline(
            f"invalid respond_within {spec!r}: use e.g. '3d', '2bd', '12h', 'fri' or a date"
        ) from None
    return at_local(day, end_of_day, tz)


def _full_weekday(abbrev: str) -> str:
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    return names[WEEKDAYS.index(abbrev)]


# Silence counts as agreement only after the counterparty had the summary this long: a
# deadline closer than this to its hand-off is moved (``notice_after_handoff``).
MIN_NOTICE = timedelta(hours=1)


def check_future(deadline: datetime, *, now: datetime) -> datetime:
    if deadline.tzinfo is None or deadline.utcoffset() is None:
        raise InvalidDeadline("deadline needs a UTC offset, e.g. 2026-06-30T17:00:00+02:00")
    if deadline <= now:
        raise InvalidDeadline("deadline is in the past")
    if deadline < now + MIN_NOTICE:
        minutes = int(MIN_NOTICE.total_seconds() // 60)
        raise InvalidDeadline(
            f"deadline is less than {minutes} minutes away: silence cannot count as agreement "
            "before there was time to read the summary"
        )
    return deadline.astimezone(UTC)


def notice_after_handoff(deadline: datetime, *, queued: datetime, handoff: datetime) -> datetime:
    """The deadline a counterparty gets when the summary reached their mail server only at
    ``handoff``: unchanged if that leaves ``MIN_NOTICE``, else the whole time the summary
    meant to give (from ``queued`` to ``deadline``), counted from the hand-off."""
    if deadline - handoff >= MIN_NOTICE:
        return deadline
    return handoff + max(deadline - queued, MIN_NOTICE)


_OFFSET = re.compile(r"^(\d{1,4})(m|h|d)$")


def parse_offset(spec: str) -> int:
    """A reminder offset before the deadline (``"24h"``, ``"2d"``, ``"90m"``) in minutes."""
    match = _OFFSET.match(spec.strip().lower())
    if not match:
        raise InvalidDeadline(f"invalid reminder offset {spec!r}: use e.g. '24h', '2d', '90m'")
    amount, unit = int(match.group(1)), match.group(2)
    minutes = amount * {"m": 1, "h": 60, "d": 1440}[unit]
    if minutes == 0:
        raise InvalidDeadline("a reminder offset must be more than zero")
    return minutes


def format_offset(minutes: int) -> str:
    if minutes % 1440 == 0:
        return f"{minutes // 1440}d"
    if minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"


def next_reminder(
    offsets: Sequence[int], deadline: datetime, *, after: datetime
) -> datetime | None:
    """The first reminder (``offsets`` minutes before ``deadline``) later than ``after``."""
    upcoming = sorted(deadline - timedelta(minutes=m) for m in offsets)
    return next((when for when in upcoming if after < when < deadline), None)


def next_weekly(tz_name: str, weekday: int, hour: int, *, after: datetime) -> datetime:
    """The first instant strictly after ``after`` at ``weekday`` (0 = Monday) and ``hour``
    in the zone ``tz_name`` (the weekly digest's slot)."""
    tz = zone(tz_name)
    local = after.astimezone(tz)
    day = local.date() + timedelta(days=(weekday - local.weekday()) % 7)
    for week in range(3):
        slot = at_local(day + timedelta(weeks=week), time(hour), tz)
        if slot > after:
            return slot
    raise AssertionError("unreachable: a weekly slot exists within three weeks")
