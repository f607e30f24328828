from __future__ import annotations

import asyncio
from collections import Counter
from datetime import time as clock_time
from zoneinfo import ZoneInfo

import pytest

from tests.core.test_pacing import max_in_any_window
from tests.fakes import FakeClock
from tutorbot.adapters.chart import missed_points_chart
from tutorbot.adapters.store import Store
from tutorbot.adapters.store.outbox import Outbox
from tutorbot.core.deliveries import BroadcastProgress
from tutorbot.core.pacing import RateLimits
from tutorbot.core.tutoring import Asked
from tutorbot.services.classroom import Classroom
from tutorbot.services.daily_quiz import DailyQuiz
from tutorbot.services.delivery import (
    DAILY_NO_DECK,
    Blocked,
    DeliveryWorker,
    RetryLater,
    SendFailed,
)
from tutorbot.services.tutor import Tutor

TEACHER = 500
FAST = RateLimits(overall=1000, per_chat_interval=0.0)


class VirtualTime:
    """The worker's monotonic clock and sleep: sleeping moves the time on at once (after
    letting the tasks that are ready run at the time it is), so nothing really waits."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(0)
        self.now += max(seconds, 0.0)
        self.slept += max(seconds, 0.0)


class FakeSender:
    """Records what was delivered; ``failures[chat]`` are raised, in order, before success."""

    def __init__(self, time: VirtualTime) -> None:
        self.time = time
        self.delivered: list[tuple[int, str]] = []
        self.at: list[float] = []
        self.progress: list[tuple[int, BroadcastProgress, int | None]] = []
        self.progress_at: list[float] = []
        self.failures: dict[int, list[Exception]] = {}
        self.blocked: set[int] = set()
        self.delay = 0.0
        """Seconds a send waits (yielding to the other sends) before it is delivered."""
        self.latency = 0.005
        self.tenth_started = asyncio.Event()
        """Set when a send begins after ten were delivered: one is in flight right now."""

    async def _go(self, chat_id: int, text: str) -> None:
        if len(self.delivered) >= 10:
            self.tenth_started.set()
        self.time.now += self.latency  # the request's round trip, on the worker's clock
        if self.delay:
            await self.time.sleep(self.delay)
        if chat_id in self.blocked:
            raise Blocked()
        pending = self.failures.get(chat_id)
        if pending:
            raise pending.pop(0)
        self.delivered.append((chat_id, text))
        self.at.append(self.time.now)

    async def send_text(self, chat_id: int, text: str) -> None:
        await self._go(chat_id, text)

    async def send_question(self, chat_id: int, asked: Asked, intro: str) -> None:
        await self._go(chat_id, f"{intro}|{asked.question.id}")

    async def show_progress(
        self, chat_id: int, progress: BroadcastProgress, message_id: int | None
    ) -> None:
        self.progress.append((chat_id, progress, message_id))
        self.progress_at.append(self.time.now)


@pytest.fixture
def virtual() -> VirtualTime:
    return VirtualTime()


@pytest.fixture
def sender(virtual: VirtualTime) -> FakeSender:
    return FakeSender(virtual)


@pytest.fixture
def classroom(store: Store, tutor: Tutor, clock: FakeClock) -> Classroom:
    return Classroom(store, tutor, frozenset({TEACHER}), clock, missed_points_chart)


@pytest.fixture
def quiz(store: Store, tutor: Tutor, clock: FakeClock) -> DailyQuiz:
    return DailyQuiz(store, tutor, ZoneInfo("UTC"), clock)


def worker(
    store: Store,
    tutor: Tutor,
    quiz: DailyQuiz,
    sender: FakeSender,
    clock: FakeClock,
    *,
    limits: RateLimits = FAST,
    max_in_flight: int = 16,
    max_tries: int = 5,
) -> DeliveryWorker:
    return DeliveryWorker(
        store, tutor, quiz, sender, clock,
        limits=limits, max_in_flight=max_in_flight, max_tries=max_tries, progress_every=0.0,
        monotonic=sender.time.monotonic, sleep=sender.time.sleep,
    )  # fmt: skip


def class_of(classroom: Classroom, size: int, first: int = 2000) -> list[int]:
    klass = classroom.new_class(TEACHER, "9B")
    students = list(range(first, first + size))
    for student in students:
        classroom.join(student, f"s{student}", klass.join_code)
    return students


async def test_broadcast_reaches_every_member_once_with_a_final_count(
    store: Store, tutor: Tutor, quiz: DailyQuiz, sender: FakeSender, clock: FakeClock,
    classroom: Classroom,
) -> None:  # fmt: skip
    students = class_of(classroom, 20)
    sender.blocked = {students[0]}
    sender.failures = {students[1]: [SendFailed("chat not found")]}
    classroom.broadcast(TEACHER, "9B", "Revise Locarno")
    result = await worker(store, tutor, quiz, sender, clock).drain()
    assert (result.sent, result.blocked, result.failed) == (18, 1, 1)
    assert sorted(c for c, _ in sender.delivered) == students[2:]
    assert all("Revise Locarno" in text for _, text in sender.delivered)
    final = [p for _, p, _ in sender.progress if p.done]
    assert len(final) == 1
    running = [p.counts for _, p, _ in sender.progress if not p.done]
    assert running
    assert all(c.total == 20 and c.done < 20 for c in running)
    assert [c.done for c in running] == sorted(c.done for c in running)
    assert (final[0].counts.sent, final[0].counts.blocked, final[0].counts.failed) == (18, 1, 1)
    assert store.students.all(active_only=True) == tuple(
        s for s in store.students.all() if s.id != students[0]
    )
    assert await worker(store, tutor, quiz, sender, clock).drain() == type(result)()


async def test_429_waits_retry_after_and_retries(
    store: Store, tutor: Tutor, quiz: DailyQuiz, sender: FakeSender, clock: FakeClock,
    classroom: Classroom,
) -> None:  # fmt: skip
    students = class_of(classroom, 3)
    sender.failures = {students[0]: [RetryLater(0.3), RetryLater(0.3)]}
    classroom.broadcast(TEACHER, "9B", "hello")
    result = await worker(store, tutor, quiz, sender, clock).drain()
    assert (result.sent, result.retried) == (3, 2)
    delivered_at = {chat: at for (chat, _), at in zip(sender.delivered, sender.at, strict=True)}
    assert delivered_at[students[0]] >= 0.6  # two pauses of retry_after, on the worker's clock
    assert Counter(c for c, _ in sender.delivered) == Counter(students)


async def test_endless_429s_give_up_after_max_tries(
    store: Store, tutor: Tutor, quiz: DailyQuiz, sender: FakeSender, clock: FakeClock,
    classroom: Classroom,
) -> None:  # fmt: skip
    (student,) = class_of(classroom, 1)
    sender.failures = {student: [RetryLater(0.0) for _ in range(10)]}
    classroom.broadcast(TEACHER, "9B", "hello")
    result = await worker(store, tutor, quiz, sender, clock, max_tries=3).drain()
    assert (result.sent, result.failed, result.retried) == (0, 1, 2)


async def test_blocked_student_gets_nothing_more_until_they_start_again(
    store: Store, tutor: Tutor, quiz: DailyQuiz, sender: FakeSender, clock: FakeClock,
    classroom: Classroom,
) -> None:  # fmt: skip
    (student,) = class_of(classroom, 1)
    classroom.broadcast(TEACHER, "9B", "one")
    classroom.broadcast(TEACHER, "9B", "two")  # queued behind the first, never tried
    sender.blocked = {student}
    result = await worker(store, tutor, quiz, sender, clock).drain()
    assert (result.blocked, result.sent) == (1, 0)
    assert Outbox(store.db).counts().blocked == 2
    started = classroom.broadcast(TEACHER, "9B", "three")
    assert started.inactive == 1
    tutor.enrol(student, "back")  # /start
    sender.blocked = set()
    classroom.broadcast(TEACHER, "9B", "four")
    await worker(store, tutor, quiz, sender, clock).drain()
    assert [t.split("\n")[-1] for _, t in sender.delivered] == ["four"]


async def test_push_makes_the_question_pending_when_sent(
    store: Store, tutor: Tutor, quiz: DailyQuiz, sender: FakeSender, clock: FakeClock,
    classroom: Classroom,
) -> None:  # fmt: skip
    students = class_of(classroom, 2)
    classroom.push(TEACHER, "9B", "treaties", "locarno")
    await worker(store, tutor, quiz, sender, clock).drain()
    for student in students:
        assert tutor.next_question(student).question.id == "locarno"
    assert all(text.endswith("|locarno") for _, text in sender.delivered)


async def test_daily_quiz_without_a_deck_asks_to_choose_one(
    store: Store, tutor: Tutor, quiz: DailyQuiz, sender: FakeSender, clock: FakeClock
) -> None:
    quiz.set_time(7, clock_time(9, 1))  # the clock starts at 09:00 UTC
    tutor.choose_deck(8, "treaties")
    quiz.set_time(8, clock_time(9, 1))
    clock.advance(minutes=2)
    assert quiz.enqueue_due() == 2
    await worker(store, tutor, quiz, sender, clock).drain()
    assert dict(sender.delivered)[7] == DAILY_NO_DECK
    assert dict(sender.delivered)[8].startswith("⏰ Daily quiz: question 1 of 3|")


async def test_a_restart_never_resends_what_might_have_gone_out(
    store: Store, tutor: Tutor, quiz: DailyQuiz, sender: FakeSender, clock: FakeClock,
    classroom: Classroom,
) -> None:  # fmt: skip
    students = class_of(classroom, 30)
    classroom.broadcast(TEACHER, "9B", "hello")
    sender.delay = 0.01
    first = worker(store, tutor, quiz, sender, clock, max_in_flight=4)
    task = asyncio.create_task(first.drain())
    await sender.tenth_started.wait()
    task.cancel()  # killed mid-send
    with pytest.raises(asyncio.CancelledError):
        await task
    interrupted = Outbox(store.db).counts().sending
    assert interrupted >= 1
    sender.delay = 0.0
    second = worker(store, tutor, quiz, sender, clock)
    assert second.recover() == interrupted
    await second.drain()
    received = Counter(c for c, _ in sender.delivered)
    assert max(received.values()) == 1
    assert len(received) >= len(students) - interrupted
    counts = Outbox(store.db).counts()
    assert (counts.sent + counts.unconfirmed, counts.queued, counts.sending) == (30, 0, 0)


async def test_a_graceful_stop_finishes_what_is_in_flight(
    store: Store, tutor: Tutor, quiz: DailyQuiz, sender: FakeSender, clock: FakeClock,
    classroom: Classroom,
) -> None:  # fmt: skip
    class_of(classroom, 30)
    classroom.broadcast(TEACHER, "9B", "hello")
    sender.delay = 0.01
    stopping = False
    task = asyncio.create_task(
        worker(store, tutor, quiz, sender, clock, max_in_flight=4).drain(lambda: stopping)
    )
    await sender.tenth_started.wait()
    stopping = True
    await task
    counts = Outbox(store.db).counts()
    assert counts.sending == 0
    assert counts.sent == len(sender.delivered)
    await worker(store, tutor, quiz, sender, clock).drain()
    assert sorted(Counter(c for c, _ in sender.delivered).values()) == [1] * 30


async def test_sends_stay_within_the_overall_rate(
    store: Store, tutor: Tutor, quiz: DailyQuiz, sender: FakeSender, clock: FakeClock,
    classroom: Classroom,
) -> None:  # fmt: skip
    class_of(classroom, 45)
    classroom.broadcast(TEACHER, "9B", "hello")
    limits = RateLimits(overall=20, window=0.5, per_chat_interval=1.0)
    await worker(store, tutor, quiz, sender, clock, limits=limits).drain()
    assert len(sender.at) == 45
    assert max_in_any_window(sender.at, 0.5) <= 20


async def test_a_daily_quiz_is_not_held_up_behind_a_broadcast(
    store: Store, tutor: Tutor, quiz: DailyQuiz, sender: FakeSender, clock: FakeClock,
    classroom: Classroom,
) -> None:  # fmt: skip
    class_of(classroom, 50)
    classroom.broadcast(TEACHER, "9B", "long broadcast")
    tutor.choose_deck(7, "treaties")
    quiz.set_time(7, clock_time(9, 1))
    clock.advance(minutes=2)
    assert quiz.enqueue_due() == 1
    await worker(store, tutor, quiz, sender, clock).drain()
    assert sender.delivered[0][0] == 7
    assert len(sender.delivered) == 51


async def test_the_teachers_progress_and_final_count_keep_one_message_a_second(
    store: Store, tutor: Tutor, quiz: DailyQuiz, sender: FakeSender, clock: FakeClock,
    classroom: Classroom,
) -> None:  # fmt: skip
    class_of(classroom, 40)
    classroom.broadcast(TEACHER, "9B", "hello")
    limits = RateLimits(overall=30, per_chat_interval=1.0)
    await worker(store, tutor, quiz, sender, clock, limits=limits).drain()
    assert [p.done for _, p, _ in sender.progress][-1]
    assert len(sender.progress_at) >= 2  # at least one edit, then the final count
    gaps = [b - a for a, b in zip(sender.progress_at, sender.progress_at[1:], strict=False)]
    assert min(gaps) >= 1.0
    assert max_in_any_window(sender.at, 1.0) <= 30
