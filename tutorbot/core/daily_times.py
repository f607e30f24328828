"""The daily quiz push time: parsing what a student types and when the push fires next.

Pure code: no clock, no I/O. Every instant is an aware datetime; the local push time is a
wall-clock time in the student's IANA zone, so a daylight-saving change keeps the local time.

- A local time that does not exist (skipped by a spring-forward change) fires at the first
  valid moment after it, i.e. the instant of the change.
- A local time that happens twice (repeated by a fall-back change) fires once, at its first
  occurrence.
- A push the bot missed (it was down) by less than ``CATCH_UP`` is still sent; an older one is
  skipped and the next one is scheduled.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from tutorbot.core.errors import InvalidDailyTime, UnknownTimeZone

CATCH_UP = timedelta(hours=1)
DEFAULT_QUIZ_LENGTH = 3

_TIME = re.compile(r"^(?P<h>\d{1,2})[:.h](?P<m>\d{2})$")


class DailyCommand(enum.Enum):
    SHOW = "show"
    OFF = "off"
    SET = "set"


@dataclass(frozen=True)
class DailyRequest:
    """What ``/daily ...`` asked for; ``at`` is set only for ``SET``."""

    command: DailyCommand
    at: time | None = None


def parse_daily(text: str) -> DailyRequest:
    """``""`` -> show, ``"off"`` -> off, ``"18:30"`` (or ``18.30``, ``18h30``, ``7:05``) -> set."""
    cleaned = text.strip().lower()
    if not cleaned:
        return DailyRequest(DailyCommand.SHOW)
    if cleaned in {"off", "stop", "none", "no"}:
        return DailyRequest(DailyCommand.OFF)
    match = _TIME.match(cleaned)
    if match is None:
        raise InvalidDailyTime(text.strip())
    hour, minute = int(match["h"]), int(match["m"])
    if hour > 23 or minute > 59:
        raise InvalidDailyTime(text.strip())
    return DailyRequest(DailyCommand.SET, time(hour, minute))


def format_time(at: time) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


NOT_PLACES = frozenset({"localtime", "posixrules", "factory"})
"""Files of the zone database that are not a place's time: the server's own zone, a
template, a zone that names no time at all."""


@cache
def _zones_by_folded_name() -> dict[str, str]:
    return {
        name.casefold(): name
        for name in available_timezones()
        if name.casefold() not in NOT_PLACES and not name.startswith(("posix/", "right/"))
    }


def parse_zone(text: str) -> ZoneInfo:
    """An IANA zone from what a student typed; case and spaces-for-underscores are forgiven.
    Only the zone database's place names are accepted (never a file path)."""
    canonical = _zones_by_folded_name().get(text.strip().replace(" ", "_").casefold())
    if canonical is None:
        raise UnknownTimeZone(text.strip())
    try:
        return ZoneInfo(canonical)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise UnknownTimeZone(text.strip()) from exc


def fire_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant the push for local ``day`` fires: ``at`` on ``day`` in ``zone``."""
    first = datetime.combine(day, at, tzinfo=zone).astimezone(UTC)  # fold=0: first occurrence
    if _wall(first, zone) == datetime.combine(day, at):
        return first
    return _gap_end(day, at, zone)


def _wall(instant: datetime, zone: ZoneInfo) -> datetime:
    return instant.astimezone(zone).replace(tzinfo=None)


def _gap_end(day: date, at: time, zone: ZoneInfo) -> datetime:
    """For a wall time skipped by a spring-forward change: the instant of that change."""
    # With fold=1 the skipped wall time maps through the later offset (an instant before the
    # change), with fold=0 through the earlier one (after it); the change lies in between.
    low = datetime.combine(day, at, tzinfo=zone).replace(fold=1).astimezone(UTC)
    high = datetime.combine(day, at, tzinfo=zone).replace(fold=0).astimezone(UTC)
    if low > high:
        low, high = high, low
    offset_before = low.astimezone(zone).utcoffset()
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == offset_before:
            low = middle
        else:
            high = middle
    return high.replace(microsecond=0)  # zone changes happen on whole seconds


def next_fire(at: time, zone: ZoneInfo, after: datetime) -> datetime:
    """The first push instant strictly after ``after`` (aware), in UTC."""
    local_day = after.astimezone(zone).date()
    for offset in range(-1, 3):
        candidate = fire_instant(local_day + timedelta(days=offset), at, zone)
        if candidate > after:
            return candidate
    raise AssertionError("a push time exists on every local day")  # pragma: no cover


@dataclass(frozen=True)
class DueDecision:
    send: bool
    """True: send the quiz now; False: it was missed by ``CATCH_UP`` or more, skip it."""
    next_fire: datetime
    """When the following push fires (UTC)."""


def decide_due(scheduled: datetime, at: time, zone: ZoneInfo, now: datetime) -> DueDecision | None:
    """What to do with a push scheduled for ``scheduled`` when the bot looks at ``now``.

    ``None`` while it is not due yet. The next push is computed from the local day of the one
    just handled (or of ``now`` when skipping), so an ambiguous local time fires only once.
    """
    if now < scheduled:
        return None
    send = now - scheduled < CATCH_UP
    return DueDecision(send=send, next_fire=next_fire(at, zone, max(now, scheduled)))
