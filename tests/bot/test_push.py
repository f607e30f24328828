"""Daily pushes on the bot: /daily, /timezone, /join, the quiz one question after another, and
the push job, with time moved by the test (the job's callback is run directly)."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.bot.conftest import TOKEN, Chat, FakeRequest, sent, services_for
from tests.fake_bot_api import Call, FakeBotApi
from tests.fakes import FakeClock, phrase_marker
from tutorbot.adapters.store import Store
from tutorbot.adapters.store.outbox import Outbox
from tutorbot.bot import build_application
from tutorbot.bot.handling import AnyApplication
from tutorbot.bot.sender import DeliveryTask
from tutorbot.config import Settings
from tutorbot.core.deck import Deck
from tutorbot.services.tutor import Tutor

LONDON_STUDENT, NEW_YORK_STUDENT = 3001, 3002
DAILY = "Daily quiz: question"


def deliveries(chat: Chat) -> DeliveryTask:
    found = chat.application.bot_data.delivery_task
    return found


def quizzes_to(api: FakeBotApi, user: int) -> list[Call]:
    return [c for c in api.sent_to(user) if DAILY in c.text]


async def test_daily_shows_sets_and_stops_the_push_time(chat: Chat, clock: FakeClock) -> None:
    clock.set(datetime(2026, 1, 15, 12, 0, tzinfo=UTC))
    [reply] = sent(await chat.say("/daily"))
    assert "No daily quiz" in reply.text
    [reply] = sent(await chat.say("/daily 18:30"))
    assert "every day at <b>18:30</b> (Europe/London time)" in reply.text
    assert "Next: Thu 15 Jan 18:30" in reply.text
    [reply] = sent(await chat.say("/daily"))
    assert "<b>18:30</b>" in reply.text
    [reply] = sent(await chat.say("/daily off"))
    assert "No daily quiz" in reply.text


@pytest.mark.parametrize("text", ["/daily 25:00", "/daily soon", "/daily 6pm"])
async def test_a_bad_daily_time_gets_the_format(chat: Chat, text: str) -> None:
    [reply] = sent(await chat.say(text))
    assert "/daily HH:MM" in reply.text
    [reply] = sent(await chat.say("/daily"))
    assert "No daily quiz" in reply.text


async def test_timezone_changes_when_the_push_comes(chat: Chat, clock: FakeClock) -> None:
    clock.set(datetime(2026, 1, 15, 12, 0, tzinfo=UTC))
    [reply] = sent(await chat.say("/timezone"))
    assert "Europe/London" in reply.text
    [reply] = sent(await chat.say("/timezone Mars/Olympus"))
    assert "not a time zone I know" in reply.text
    await chat.say("/daily 18:30")
    [reply] = sent(await chat.say("/timezone america/new_york"))
    assert "Time zone set to <b>America/New_York</b>" in reply.text
    assert "Next: Thu 15 Jan 18:30" in reply.text


async def test_join_without_or_with_a_wrong_code_says_what_to_do(chat: Chat) -> None:
    [reply] = sent(await chat.say("/join"))
    assert "code your teacher gave you" in reply.text
    [reply] = sent(await chat.say("/join NOTACODE1"))
    assert "not a join code I know" in reply.text


async def fired_at(
    chat: Chat, clock: FakeClock, user: int, start: datetime, hours: int
) -> list[datetime]:
    """The fake times at which ``user`` got a daily quiz during a sweep."""
    times = []
    for step in range(hours * 6 + 1):
        clock.set(start + timedelta(minutes=10 * step))
        before = len(quizzes_to(chat.api, user))
        await deliveries(chat).run_due()
        if len(quizzes_to(chat.api, user)) > before:
            times.append(clock.now)
    return times


async def set_up_student(chat: Chat, user: int, zone: str, at: str) -> None:
    await chat.say("/start", user)
    await chat.press("deck:treaties", user)
    await chat.say(f"/timezone {zone}", user)
    await chat.say(f"/daily {at}", user)


def utc(month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


async def test_push_comes_at_each_students_local_time_in_two_zones(
    chat: Chat, clock: FakeClock
) -> None:
    clock.set(utc(1, 15, 12, 0))
    await set_up_student(chat, LONDON_STUDENT, "Europe/London", "18:30")
    await set_up_student(chat, NEW_YORK_STUDENT, "America/New_York", "18:30")
    pushed: dict[int, list[datetime]] = {LONDON_STUDENT: [], NEW_YORK_STUDENT: []}
    for step in range(24 * 6 * 2):
        clock.set(utc(1, 15, 12, 0) + timedelta(minutes=10 * step))
        before = {user: len(quizzes_to(chat.api, user)) for user in pushed}
        await deliveries(chat).run_due()
        for user, count in before.items():
            if len(quizzes_to(chat.api, user)) > count:
                pushed[user].append(clock.now)
    assert pushed[LONDON_STUDENT] == [utc(1, 15, 18, 30), utc(1, 16, 18, 30)]
    assert pushed[NEW_YORK_STUDENT] == [utc(1, 15, 23, 30), utc(1, 16, 23, 30)]


async def test_push_keeps_local_time_over_both_dst_changes(chat: Chat, clock: FakeClock) -> None:
    clock.set(utc(3, 6, 12, 0))
    await set_up_student(chat, NEW_YORK_STUDENT, "America/New_York", "18:30")
    new_york = await fired_at(chat, clock, NEW_YORK_STUDENT, utc(3, 6, 12, 0), 24 * 3)
    # 18:30 EST is 23:30 UTC; from 8 March 18:30 EDT is 22:30 UTC
    assert new_york == [utc(3, 6, 23, 30), utc(3, 7, 23, 30), utc(3, 8, 22, 30)]
    clock.set(utc(3, 27, 12, 0))
    await set_up_student(chat, LONDON_STUDENT, "Europe/London", "18:30")
    london = await fired_at(chat, clock, LONDON_STUDENT, utc(3, 27, 12, 0), 24 * 3)
    assert london == [utc(3, 27, 18, 30), utc(3, 28, 18, 30), utc(3, 29, 17, 30)]


async def test_a_repeated_autumn_time_pushes_once_and_a_skipped_spring_time_still_pushes(
    chat: Chat, clock: FakeClock
) -> None:
    clock.set(utc(10, 24, 12, 0))
    await set_up_student(chat, LONDON_STUDENT, "Europe/London", "01:30")
    autumn = await fired_at(chat, clock, LONDON_STUDENT, utc(10, 24, 12, 0), 24 * 2)
    assert autumn == [utc(10, 25, 0, 30), utc(10, 26, 1, 30)]  # not again at 01:30 GMT
    clock.set(utc(3, 28, 12, 0))
    await chat.say("/daily 01:30", LONDON_STUDENT)
    spring = await fired_at(chat, clock, LONDON_STUDENT, utc(3, 28, 12, 0), 24)
    assert spring == [utc(3, 29, 1, 0)]  # 01:30 does not exist that night: at 02:00 BST


@pytest.mark.parametrize(("down_for", "pushed"), [(50, True), (70, False)])
async def test_a_push_missed_while_down_is_sent_within_the_hour(
    chat: Chat, clock: FakeClock, api: FakeBotApi, down_for: int, pushed: bool
) -> None:
    clock.set(utc(1, 15, 12, 0))
    await set_up_student(chat, LONDON_STUDENT, "Europe/London", "18:30")
    clock.set(utc(1, 15, 18, 30) + timedelta(minutes=down_for))  # the bot comes back
    await deliveries(chat).run_due()
    assert len(quizzes_to(api, LONDON_STUDENT)) == int(pushed)
    clock.set(utc(1, 16, 18, 30))
    await deliveries(chat).run_due()
    assert len(quizzes_to(api, LONDON_STUDENT)) == int(pushed) + 1


async def test_the_daily_quiz_asks_three_questions_one_after_another(
    chat: Chat, clock: FakeClock, api: FakeBotApi
) -> None:
    clock.set(utc(1, 15, 12, 0))
    await set_up_student(chat, LONDON_STUDENT, "Europe/London", "18:30")
    clock.set(utc(1, 15, 18, 31))
    await deliveries(chat).run_due()
    assert "question 1 of 3" in chat.last(LONDON_STUDENT).text
    for number in (2, 3):
        calls = sent(await chat.say("no idea", LONDON_STUDENT))
        assert "Not quite" in calls[0].text or "missed" in calls[0].text.lower()
        assert f"question {number} of 3" in calls[-1].text
    calls = sent(await chat.say("no idea", LONDON_STUDENT))
    assert "today's quiz done" in calls[-1].text
    calls = sent(await chat.say("no idea", LONDON_STUDENT))
    assert all(DAILY not in c.text and "quiz done" not in c.text for c in calls)
    questions = [c.text.split("\n\n")[1] for c in quizzes_to(api, LONDON_STUDENT)]
    assert len(set(questions)) == 3


async def test_skip_moves_the_daily_quiz_on(chat: Chat, clock: FakeClock) -> None:
    clock.set(utc(1, 15, 12, 0))
    await set_up_student(chat, LONDON_STUDENT, "Europe/London", "18:30")
    clock.set(utc(1, 15, 18, 31))
    await deliveries(chat).run_due()
    calls = sent(await chat.say("/skip", LONDON_STUDENT))
    assert "question 2 of 3" in calls[-1].text


async def test_a_blocked_student_is_not_pushed_until_they_start_again(
    chat: Chat, clock: FakeClock, api: FakeBotApi, tutor: Tutor
) -> None:
    clock.set(utc(1, 15, 12, 0))
    await set_up_student(chat, LONDON_STUDENT, "Europe/London", "18:30")
    api.block(LONDON_STUDENT)
    clock.set(utc(1, 15, 18, 31))
    await deliveries(chat).run_due()
    student = tutor.student(LONDON_STUDENT)
    assert student is not None
    assert not student.active
    clock.set(utc(1, 16, 18, 31))
    await deliveries(chat).run_due()
    refused = [c for c in api.calls_of("sendMessage", chat_id=LONDON_STUDENT, ok=False)]
    assert [c.status for c in refused if not c.ok] == [403]  # tried once, then never again
    api.unblock(LONDON_STUDENT)
    await chat.say("/start", LONDON_STUDENT)
    clock.set(utc(1, 17, 18, 31))
    await deliveries(chat).run_due()
    assert len(quizzes_to(api, LONDON_STUDENT)) == 1


# --- a restart during a push -------------------------------------------------------------------


@pytest.fixture
def fast_settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "bot.sqlite3", token=TOKEN)


async def test_a_restart_during_a_push_loses_none_and_sends_none_twice(
    api: FakeBotApi, db_path: Path, deck: Deck, clock: FakeClock, fast_settings: Settings
) -> None:
    students = list(range(5000, 5060))
    clock.set(utc(1, 15, 12, 0))

    def app_on(store: Store) -> AnyApplication:
        tutor = Tutor(store, [deck], clock, marker=phrase_marker)
        return build_application(
            fast_settings, services_for(tutor, fast_settings), request=FakeRequest(api), send_rate=0
        )

    first_store = Store.open(db_path)
    first = app_on(first_store)
    async with first:
        chat = Chat(first, api)
        for student in students:
            await set_up_student(chat, student, "Europe/London", "18:30")
        clock.set(utc(1, 15, 18, 30) + timedelta(seconds=20))
        thirty_sent = asyncio.Event()

        def on_call(call: Call) -> None:
            if len([c for c in api.calls_of("sendMessage") if DAILY in c.text]) >= 30:
                thirty_sent.set()

        api.on_call = on_call
        await first.start()
        deliveries(chat).quiz.enqueue_due()
        deliveries(chat).kick()
        await thirty_sent.wait()
        await first.stop()  # the restart: the bot is stopped mid-push
        api.on_call = None
    first_store.close()
    done_before = Counter(c.chat_id for c in api.calls_of("sendMessage") if DAILY in c.text)
    assert 30 <= sum(done_before.values()) < len(students)

    with Store.open(db_path) as second_store:
        second = app_on(second_store)
        async with second:
            await deliveries(Chat(second, api)).run_due()
        counts = Outbox(second_store.db).counts()
    received = Counter(c.chat_id for c in api.calls_of("sendMessage") if DAILY in c.text)
    assert received == Counter(students)  # every student once: none lost, none twice
    assert (counts.sent, counts.unconfirmed) == (len(students), 0)
