"""The one throttle: replies, the teacher's messages and the delivery worker's sends share one
pacer; time is a virtual clock (sleeping moves it on), nothing really waits."""

from __future__ import annotations

import asyncio
import itertools
from datetime import timedelta
from typing import Any

import pytest
from telegram.error import RetryAfter

from tutorbot.bot.throttle import OneThrottle
from tutorbot.core.pacing import Pacer, RateLimits
from tutorbot.services.delivery import SLOT_TAKEN

TEACHER, STUDENT = 900, 1001


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


class Api:
    """The request behind the throttle: records when each went out; ``fail`` 429s first."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.sent: list[tuple[int, float]] = []
        self.fail = 0

    async def call(self, chat_id: int) -> bool:
        if self.fail:
            self.fail -= 1
            raise RetryAfter(timedelta(seconds=2))
        self.sent.append((chat_id, self.clock.now))
        return True


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def api(clock: Clock) -> Api:
    return Api(clock)


@pytest.fixture
def throttle(clock: Clock) -> OneThrottle:
    pacer = Pacer(RateLimits(overall=30, per_chat_interval=1.0))
    return OneThrottle(
        pacer,
        paced_chats=frozenset({TEACHER}),
        retries=3,
        monotonic=clock.monotonic,
        sleep=clock.sleep,
    )


async def send(throttle: OneThrottle, api: Api, chat_id: int, endpoint: str = "sendMessage") -> Any:
    return await throttle.process_request(
        callback=api.call,
        args=(chat_id,),
        kwargs={},
        endpoint=endpoint,
        data={"chat_id": chat_id, "text": "hi"},
        rate_limit_args=None,
    )


def pacer_of(throttle: OneThrottle) -> Pacer:
    """The throttle's pacer (the fixture's throttle always has one)."""
    assert throttle.pacer is not None
    return throttle.pacer


async def test_a_teachers_messages_go_one_a_second(throttle: OneThrottle, api: Api) -> None:
    for _ in range(3):
        await send(throttle, api, TEACHER)
    times = [at for _, at in api.sent]
    assert [round(b - a, 6) for a, b in itertools.pairwise(times)] == [1.0, 1.0]


async def test_a_students_replies_go_at_once_within_the_overall_rate(
    throttle: OneThrottle, api: Api, clock: Clock
) -> None:
    for _ in range(3):
        await send(throttle, api, STUDENT)
    assert clock.now < 0.1
    assert len(api.sent) == 3
    # ...but the pacer counted them: the delivery worker's next message waits its turn
    assert pacer_of(throttle).chat_free_at(STUDENT) == pytest.approx(api.sent[-1][1] + 1.0)


async def test_a_send_whose_slot_the_worker_took_leaves_at_once(
    throttle: OneThrottle, api: Api, clock: Clock
) -> None:
    await send(throttle, api, TEACHER)
    token = SLOT_TAKEN.set(True)
    try:
        await send(throttle, api, TEACHER)  # the worker waited for this slot itself
    finally:
        SLOT_TAKEN.reset(token)
    assert [at for _, at in api.sent] == [0.0, 0.0]


async def test_a_429_pauses_everything_and_a_reply_is_tried_again(
    throttle: OneThrottle, api: Api, clock: Clock
) -> None:
    api.fail = 2
    assert await send(throttle, api, STUDENT)
    assert api.sent == [(STUDENT, pytest.approx(4.0))]  # type: ignore[comparison-overlap]  # approx() equals a float; after two retry_after of 2 s
    await send(throttle, api, STUDENT + 1)
    assert api.sent[-1][1] >= 4.0


async def test_the_workers_send_is_not_retried_here_after_a_429(
    throttle: OneThrottle, api: Api, clock: Clock
) -> None:
    api.fail = 1
    token = SLOT_TAKEN.set(True)
    try:
        with pytest.raises(RetryAfter):
            await send(throttle, api, STUDENT)
    finally:
        SLOT_TAKEN.reset(token)
    assert api.sent == []
    assert pacer_of(throttle).paused_until == pytest.approx(2.0)  # the worker queues it again


async def test_requests_that_are_not_messages_are_not_paced(
    throttle: OneThrottle, api: Api, clock: Clock
) -> None:
    pacer_of(throttle).pause(0.0, 60)
    await send(throttle, api, STUDENT, endpoint="answerCallbackQuery")
    await send(throttle, api, STUDENT, endpoint="sendChatAction")
    assert [at for _, at in api.sent] == [0.0, 0.0]


async def test_concurrent_senders_share_the_overall_rate(
    throttle: OneThrottle, api: Api, clock: Clock
) -> None:
    await asyncio.gather(*(send(throttle, api, chat) for chat in range(60)))
    times = sorted(at for _, at in api.sent)
    assert len(times) == 60
    assert times[-1] >= 1.9  # 60 messages at 30 a second
