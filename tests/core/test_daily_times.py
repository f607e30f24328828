from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tutorbot.core.daily_times import (
    DailyCommand,
    decide_due,
    fire_instant,
    next_fire,
    parse_daily,
    parse_zone,
)
from tutorbot.core.errors import InvalidDailyTime, UnknownTimeZone

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "command", "at"),
    [
        ("", DailyCommand.SHOW, None),
        ("   ", DailyCommand.SHOW, None),
        ("off", DailyCommand.OFF, None),
        ("OFF", DailyCommand.OFF, None),
        ("18:30", DailyCommand.SET, time(18, 30)),
        ("7:05", DailyCommand.SET, time(7, 5)),
        ("07.05", DailyCommand.SET, time(7, 5)),
        ("18h30", DailyCommand.SET, time(18, 30)),
        ("00:00", DailyCommand.SET, time(0, 0)),
        (" 23:59 ", DailyCommand.SET, time(23, 59)),
    ],
)
def test_daily_command_is_understood(text: str, command: DailyCommand, at: time | None) -> None:
    request = parse_daily(text)
    assert request.command is command
    assert request.at == at


@pytest.mark.parametrize("text", ["24:00", "18:60", "1830", "6pm", "18:3", "-1:30", "half six"])
def test_bad_daily_time_explains_the_format(text: str) -> None:
    with pytest.raises(InvalidDailyTime, match=r"/daily HH:MM"):
        parse_daily(text)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("europe/berlin", "Europe/Berlin"),
        ("America/New York", "America/New_York"),
        ("  UTC ", "UTC"),
    ],
)
def test_zone_names_are_forgiving_about_case_and_spaces(text: str, zone: str) -> None:
    assert parse_zone(text) == ZoneInfo(zone)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Mars/Olympus",
        "../../etc/passwd",
        "/etc/localtime",
        "GMT+25",
        "localtime",
        "posixrules",
        "Factory",
        "right/UTC",
        "Europe/" + "x" * 1000,
    ],
)
def test_unknown_zone_gets_an_example(text: str) -> None:
    with pytest.raises(UnknownTimeZone, match=r"Europe/Berlin"):
        parse_zone(text)


@pytest.mark.parametrize(
    ("day", "at", "zone", "expected"),
    [
        # ordinary days in two zones
        (date(2026, 1, 15), time(18, 30), LONDON, utc(2026, 1, 15, 18, 30)),
        (date(2026, 7, 15), time(18, 30), LONDON, utc(2026, 7, 15, 17, 30)),
        (date(2026, 1, 15), time(18, 30), NEW_YORK, utc(2026, 1, 15, 23, 30)),
        (date(2026, 7, 15), time(18, 30), NEW_YORK, utc(2026, 7, 15, 22, 30)),
        # spring forward: local time keeps, UTC moves an hour
        (date(2026, 3, 28), time(18, 30), LONDON, utc(2026, 3, 28, 18, 30)),
        (date(2026, 3, 29), time(18, 30), LONDON, utc(2026, 3, 29, 17, 30)),
        (date(2026, 3, 7), time(18, 30), NEW_YORK, utc(2026, 3, 7, 23, 30)),
        (date(2026, 3, 8), time(18, 30), NEW_YORK, utc(2026, 3, 8, 22, 30)),
        # a skipped local time fires at the first valid moment after it (the change itself)
        (date(2026, 3, 29), time(1, 30), LONDON, utc(2026, 3, 29, 1, 0)),
        (date(2026, 3, 8), time(2, 30), NEW_YORK, utc(2026, 3, 8, 7, 0)),
        (date(2026, 3, 8), time(2, 0), NEW_YORK, utc(2026, 3, 8, 7, 0)),
        # fall back: a repeated local time fires at its first occurrence
        (date(2026, 10, 25), time(1, 30), LONDON, utc(2026, 10, 25, 0, 30)),
        (date(2026, 11, 1), time(1, 30), NEW_YORK, utc(2026, 11, 1, 5, 30)),
        (date(2026, 10, 25), time(18, 30), LONDON, utc(2026, 10, 25, 18, 30)),
    ],
)
def test_push_fires_at_the_local_time(
    day: date, at: time, zone: ZoneInfo, expected: datetime
) -> None:
    assert fire_instant(day, at, zone) == expected


@pytest.mark.parametrize(
    ("at", "zone", "after", "expected"),
    [
        (time(18, 30), LONDON, utc(2026, 1, 15, 12, 0), utc(2026, 1, 15, 18, 30)),
        (time(18, 30), LONDON, utc(2026, 1, 15, 18, 30), utc(2026, 1, 16, 18, 30)),
        (time(18, 30), NEW_YORK, utc(2026, 1, 15, 23, 0), utc(2026, 1, 15, 23, 30)),
        # New York's 18:30 of the 15th is already the 16th in UTC
        (time(18, 30), NEW_YORK, utc(2026, 1, 15, 23, 30), utc(2026, 1, 16, 23, 30)),
        (time(7, 0), BERLIN, utc(2026, 1, 15, 23, 30), utc(2026, 1, 16, 6, 0)),
        # across the spring change the UTC time moves, the local one does not
        (time(18, 30), LONDON, utc(2026, 3, 28, 18, 31), utc(2026, 3, 29, 17, 30)),
        (time(18, 30), NEW_YORK, utc(2026, 3, 7, 23, 31), utc(2026, 3, 8, 22, 30)),
        # across the autumn change
        (time(18, 30), LONDON, utc(2026, 10, 24, 17, 31), utc(2026, 10, 25, 18, 30)),
        (time(18, 30), NEW_YORK, utc(2026, 10, 31, 22, 31), utc(2026, 11, 1, 23, 30)),
        # the repeated 01:30 fires once: after its first occurrence the next is the next day
        (time(1, 30), LONDON, utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30)),
        (time(1, 30), NEW_YORK, utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)),
    ],
)
def test_next_push_keeps_local_time(
    at: time, zone: ZoneInfo, after: datetime, expected: datetime
) -> None:
    assert next_fire(at, zone, after) == expected


@pytest.mark.parametrize(
    ("late", "sent"),
    [
        (timedelta(0), True),
        (timedelta(seconds=25), True),
        (timedelta(minutes=59, seconds=59), True),
        (timedelta(hours=1), False),
        (timedelta(hours=5), False),
        (timedelta(days=3), False),
    ],
)
def test_missed_push_is_sent_within_an_hour_and_skipped_after(late: timedelta, sent: bool) -> None:
    scheduled = utc(2026, 1, 15, 18, 30)
    decision = decide_due(scheduled, time(18, 30), LONDON, scheduled + late)
    assert decision is not None
    assert decision.send is sent
    assert decision.next_fire > scheduled + late
    assert decision.next_fire - (scheduled + late) <= timedelta(days=1)
    assert decision.next_fire.astimezone(LONDON).time() == time(18, 30)


def test_push_not_yet_due_does_nothing() -> None:
    scheduled = utc(2026, 1, 15, 18, 30)
    assert decide_due(scheduled, time(18, 30), LONDON, scheduled - timedelta(seconds=1)) is None


def test_repeated_local_time_is_not_pushed_twice_in_one_night() -> None:
    first = fire_instant(date(2026, 10, 25), time(1, 30), LONDON)
    decision = decide_due(first, time(1, 30), LONDON, first + timedelta(seconds=20))
    assert decision is not None
    assert decision.send
    second_occurrence = utc(2026, 10, 25, 1, 30)
    assert decision.next_fire > second_occurrence
