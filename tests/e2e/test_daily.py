"""/daily and /timezone through a real ``tutorbot run`` process, and the push job catching up
after the bot was down.

The process has no test clock (it reads the real time), so a push "at 18:30" cannot be waited
for here: pushes at the local time, across zones and daylight-saving changes, are tested
in-process with a fake clock (tests/bot/test_push.py). Here the bot's downtime is simulated
instead: with the bot stopped, a student's stored next push time is moved into the past, as
if the bot had been down when it came.

One bot process serves this module (some tests restart it); each test is a different student.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.conftest import Served, Student, far_from_now, query, visible
from tests.fake_bot_api import Call, FakeBotApi

DAILY = "⏰ Daily quiz: question"


pytestmark = pytest.mark.shared_bot(TUTORBOT_PUSH_INTERVAL="0.5")


def usual_time() -> str:
    """18:30, unless that is less than two hours away here (then a real push could come
    during the test): 06:30."""
    now = datetime.now(UTC)
    for zone in ("Europe/London", "Europe/Berlin"):
        local = now.astimezone(ZoneInfo(zone))
        at = local.replace(hour=18, minute=30, second=0, microsecond=0)
        if abs(local - at) < timedelta(hours=2):
            return "06:30"
    return "18:30"


def next_push(at: str, zone: str) -> datetime:
    """When a push at local time ``at`` (not in a DST gap) comes next, in ``zone``."""
    now = datetime.now(ZoneInfo(zone))
    hour, minute = (int(part) for part in at.split(":"))
    today = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return today if today > now else today + timedelta(days=1)


def setting(served: Served, student: int) -> tuple[object, ...] | None:
    rows = query(
        served.env,
        "SELECT zone, local_time, next_fire FROM daily_settings WHERE student_id = ?",
        student,
    )
    return rows[0] if rows else None


def stored_next(served: Served, student: int) -> datetime | None:
    row = setting(served, student)
    return datetime.fromisoformat(str(row[2])) if row and row[2] else None


def quizzes(api: FakeBotApi, student: int) -> list[Call]:
    return [c for c in api.sent_to(student) if DAILY in c.text]


def test_daily_sets_shows_and_stops_the_push_time_in_the_students_zone(
    api: FakeBotApi, served: Served
) -> None:
    student = Student(api, 51)
    at = usual_time()
    assert "No daily quiz. Send /daily 18:30" in visible(student.say("/daily"))
    assert "/daily HH:MM" in student.say("/daily 25:00").text
    london = next_push(at, "Europe/London")
    assert visible(student.say(f"/daily {at}")) == (
        f"Your daily quiz comes every day at {at} (Europe/London time). "
        f"Next: {london:%a %d %b %H:%M}. Stop it with /daily off."
    )
    assert "Your time zone is Europe/London." in visible(student.say("/timezone"))
    assert "not a time zone I know" in student.say("/timezone Mars/Olympus").text

    berlin = next_push(at, "Europe/Berlin")
    moved = visible(student.say("/timezone europe/berlin"))
    assert moved.startswith("Time zone set to Europe/Berlin.\n")
    assert f"every day at {at} (Europe/Berlin time). Next: {berlin:%a %d %b %H:%M}." in moved
    assert f"every day at {at} (Europe/Berlin time)" in visible(student.say("/daily"))
    assert (setting(served, 51) or ())[:2] == ("Europe/Berlin", at)
    assert stored_next(served, 51) == berlin

    assert visible(student.say("/daily off")).startswith("No daily quiz.")
    assert setting(served, 51) == ("Europe/Berlin", None, None)
    assert "(Europe/Berlin time" in visible(student.say("/daily"))


def test_the_daily_setting_survives_a_restart(api: FakeBotApi, served: Served) -> None:
    student = Student(api, 52)
    at = far_from_now("America/New_York")
    student.say("/timezone America/New_York")
    student.say(f"/daily {at}")
    before = setting(served, 52)
    assert served.bot.stop() == 0
    served.bot.start(api)

    shown = visible(student.say("/daily"))
    assert f"every day at {at} (America/New_York time)" in shown
    assert f"Next: {next_push(at, 'America/New_York'):%a %d %b %H:%M}." in shown
    assert setting(served, 52) == before


def test_a_push_missed_while_the_bot_was_down_is_sent_within_the_hour_and_never_twice(
    api: FakeBotApi, served: Served
) -> None:
    late, too_late, witness = Student(api, 53), Student(api, 54), Student(api, 55)
    at = far_from_now()
    for student in (late, too_late, witness):
        student.start_revising()
        student.say(f"/daily {at}")
    assert served.bot.stop() == 0
    now = datetime.now(UTC)
    move_next_push(served, late.id, now - timedelta(minutes=10))
    move_next_push(served, too_late.id, now - timedelta(minutes=70))

    seen = len(api.sent_to(late.id))
    served.bot.start(api)
    first = late.next_message(seen, timeout=15)  # the push job's first run, a second in
    assert f"{DAILY} 1 of 2" in visible(first)
    assert "When was the Treaty of <Rapallo> signed?" in visible(first)
    tomorrow = next_push(at, "Europe/London")
    api.wait_for(lambda: stored_next(served, too_late.id) == tomorrow)  # skipped, rescheduled
    assert stored_next(served, late.id) == tomorrow
    assert quizzes(api, too_late.id) == []

    seen = len(api.sent_to(late.id))
    late.say("no idea")
    assert f"{DAILY} 2 of 2" in visible(late.next_message(seen + 1))
    seen = len(api.sent_to(late.id))
    late.say("no idea")
    assert "today's quiz done" in visible(late.next_message(seen + 1))

    assert served.bot.stop() == 0  # and after another restart, nothing is pushed again:
    move_next_push(served, witness.id, datetime.now(UTC) - timedelta(minutes=5))
    served.bot.start(api)
    api.wait_for(lambda: quizzes(api, witness.id), timeout=15)  # the job has run since
    assert "No question is waiting" in late.say("no idea").text
    assert [len(quizzes(api, s.id)) for s in (late, too_late)] == [2, 0]
    assert query(
        served.env, "SELECT student_id, status FROM outbox WHERE kind = 'quiz' ORDER BY id"
    ) == [(late.id, "sent"), (witness.id, "sent")]


def move_next_push(served: Served, student: int, when: datetime) -> None:
    """With the bot stopped: the student's next push was due at ``when``."""
    assert not served.bot.running()
    db = sqlite3.connect(served.env["TUTORBOT_DB"])
    try:
        with db:
            db.execute(
                "UPDATE daily_settings SET next_fire = ? WHERE student_id = ?",
                (when.astimezone(UTC).isoformat(timespec="microseconds"), student),
            )
    finally:
        db.close()
