"""Deadlines in the owner's zone, across DST changes and non-existent local times."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from app.core.deadlines import add_business_days, at_local, parse_offset, resolve, zone
from app.errors import InvalidDeadline, InvalidTimeZone

BERLIN = zone("Europe/Berlin")


def test_days_end_at_the_end_of_the_business_day_in_the_owners_zone() -> None:
    now = datetime(2026, 3, 27, 10, tzinfo=UTC)  # Friday; DST starts in Berlin on Sunday 29th
    deadline = resolve("3d", now=now, tz=BERLIN)
    assert deadline == datetime(2026, 3, 30, 15, tzinfo=UTC)  # 17:00 CEST = 15:00 UTC


def test_business_days_skip_weekends_and_holidays() -> None:
    friday = datetime(2026, 6, 5, 9, tzinfo=UTC)
    assert resolve("2bd", now=friday, tz=BERLIN) == datetime(2026, 6, 9, 15, tzinfo=UTC)
    holidays = {date(2026, 6, 8)}
    assert add_business_days(date(2026, 6, 5), 2, holidays) == date(2026, 6, 10)


def test_weekday_and_date_specs() -> None:
    friday = datetime(2026, 6, 5, 9, tzinfo=UTC)
    assert resolve("fri", now=friday, tz=BERLIN) == datetime(2026, 6, 12, 15, tzinfo=UTC)
    assert resolve("monday", now=friday, tz=BERLIN) == datetime(2026, 6, 8, 15, tzinfo=UTC)
    assert resolve("2026-06-30", now=friday, tz=BERLIN) == datetime(2026, 6, 30, 15, tzinfo=UTC)
    assert resolve("90m", now=friday, tz=BERLIN) == datetime(2026, 6, 5, 10, 30, tzinfo=UTC)


def test_a_local_time_skipped_by_dst_moves_forward() -> None:
    # Santiago skipped 2024-09-08 00:00-01:00 local.
    santiago = zone("America/Santiago")
    result = at_local(date(2024, 9, 8), time(0, 30), santiago)
    assert result == datetime(2024, 9, 8, 4, 30, tzinfo=UTC)  # shown as 01:30 -03
    assert result.astimezone(santiago).hour == 1


def test_an_ambiguous_local_time_takes_the_later_instant() -> None:
    # Lord Howe falls back 30 minutes at 02:00 on 2024-04-07: 01:45 happens twice.
    lord_howe = zone("Australia/Lord_Howe")
    result = at_local(date(2024, 4, 7), time(1, 45), lord_howe)
    assert result == datetime(2024, 4, 6, 15, 15, tzinfo=UTC)  # 01:45 +10:30


def test_end_of_day_across_berlin_autumn_change() -> None:
    now = datetime(2026, 10, 23, 8, tzinfo=UTC)  # Friday; back to CET on Sunday 25th
    assert resolve("1bd", now=now, tz=BERLIN) == datetime(2026, 10, 26, 16, tzinfo=UTC)


@pytest.mark.parametrize("spec", ["", "soon", "0d", "-1d", "3x", "9999d", "2026-02-30"])
def test_bad_specs_are_refused(spec: str) -> None:
    with pytest.raises(InvalidDeadline):
        resolve(spec, now=datetime(2026, 1, 1, tzinfo=UTC), tz=BERLIN)


def test_offsets_and_zones() -> None:
    assert parse_offset("24h") == 1440 and parse_offset("90m") == 90
    with pytest.raises(InvalidDeadline):
        parse_offset("0h")
    with pytest.raises(InvalidTimeZone):
        zone("Europe/Atlantis")
