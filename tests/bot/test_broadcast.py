"""Broadcasts on the bot: every student once, the teacher's progress message and final count."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.bot.conftest import Chat, FakeRequest, sent
from tests.bot.teaching import TEACHER, class_with, deliveries, teacher_settings, unthrottled
from tests.fake_bot_api import FakeBotApi
from tests.fakes import START
from tutorbot.adapters.store import Store
from tutorbot.adapters.store.outbox import Outbox
from tutorbot.bot.sender import progress_text
from tutorbot.config import Settings
from tutorbot.core.deliveries import BroadcastProgress, Counts
from tutorbot.core.pacing import Pacer, RateLimits
from tutorbot.services.tutor import Tutor


@pytest.fixture
def request_(api: FakeBotApi) -> FakeRequest:
    return FakeRequest(api)


@pytest.fixture
async def chat(
    api: FakeBotApi, tutor: Tutor, tmp_path: Path, request_: FakeRequest
) -> AsyncIterator[Chat]:
    settings: Settings = teacher_settings(tmp_path)
    async with unthrottled(api, tutor, settings, request_) as talking:
        yield talking


async def test_broadcast_reaches_every_student_and_reports_progress_and_a_final_count(
    chat: Chat, api: FakeBotApi
) -> None:
    students = list(range(2000, 2010))
    await class_with(chat, students)
    [progress] = sent(await chat.say("/broadcast 9B Test on <Friday> & bring pens", TEACHER))
    assert "Broadcast to <b>9B</b>: 0 of 10 done" in progress.text
    running = deliveries(chat)
    running.worker.progress_every = 0.0
    running.worker.pacer = Pacer(RateLimits(overall=5))  # two seconds: time for an update
    await running.run_due()
    edits = api.calls_of("editMessageText", chat_id=TEACHER)
    assert edits
    assert all(e.params["message_id"] == progress.result["message_id"] for e in edits)
    assert "of 10 done" in edits[0].text
    for student in students:
        [message] = [c for c in api.sent_to(student) if "From your teacher" in c.text]
        assert "Test on &lt;Friday&gt; &amp; bring pens" in message.text
    final = api.sent_to(TEACHER)[-1]
    assert final.text == "✅ Broadcast to <b>9B</b> finished: 10 sent, 0 blocked, 0 failed."


async def test_broadcast_to_200_with_429s_and_403s(
    chat: Chat, api: FakeBotApi, tutor: Tutor
) -> None:
    students = list(range(3000, 3200))
    await class_with(chat, students)
    blocked = students[10:15]
    for student in blocked:
        api.block(student)
    for student in students[50:53]:  # the worker queues each again after its 429
        api.fail("sendMessage", chat_id=student, status=429, retry_after=1, times=4)
    api.fail(
        "sendMessage", chat_id=students[100], status=400, description="Bad Request: chat not found"
    )
    await chat.say("/broadcast 9B Mock exam tomorrow", TEACHER)
    result = await deliveries(chat).run_due()
    assert (result.sent, result.blocked, result.failed) == (194, 5, 1)
    assert result.retried == 12
    received = Counter(c.chat_id for c in api.calls_of("sendMessage") if "Mock exam" in c.text)
    assert set(received) == set(students) - set(blocked) - {students[100]}
    assert max(received.values()) == 1
    for student in blocked:
        found = tutor.student(student)
        assert found is not None
        assert not found.active
    assert "finished: 194 sent, 5 blocked, 1 failed" in api.sent_to(TEACHER)[-1].text
    await chat.say("/broadcast 9B Second notice", TEACHER)
    await deliveries(chat).run_due()
    tried = [c for c in api.calls if c.chat_id in blocked and "Second notice" in c.text]
    assert tried == []
    assert "finished: 195 sent, 5 blocked, 0 failed" in api.sent_to(TEACHER)[-1].text


async def test_messages_interrupted_by_a_restart_are_counted_apart_from_those_sent(
    chat: Chat, api: FakeBotApi, store: Store
) -> None:
    students = [2000, 2001, 2002]
    await class_with(chat, students)
    await chat.say("/broadcast 9B Bring pens", TEACHER)
    outbox = Outbox(store.db)
    in_flight = outbox.queued(1)[0]
    assert outbox.start_sending(in_flight.id, START)  # the bot was killed during this send
    running = deliveries(chat)
    assert running.worker.recover() == 1  # at start-up: not sent again
    await running.run_due()
    assert api.sent_to(TEACHER)[-1].text == (
        "✅ Broadcast to <b>9B</b> finished: 2 sent, 0 blocked, 0 failed, "
        "1 may not have arrived (the bot restarted while sending it)."
    )


@pytest.mark.parametrize(
    ("counts", "detail"),
    [
        (Counts(sent=9998, blocked=1, unconfirmed=1), "9,998 sent, 1 blocked, 0 failed, "
         "1 may not have arrived (the bot restarted while sending it)"),
        (Counts(sent=5, failed=2, unconfirmed=3), "5 sent, 0 blocked, 2 failed, "
         "3 may not have arrived (the bot restarted while sending them)"),
        (Counts(sent=10_000), "10,000 sent, 0 blocked, 0 failed"),
    ],
)  # fmt: skip
def test_the_final_count_says_how_many_may_not_have_arrived_only_when_some(
    counts: Counts, detail: str
) -> None:
    final = progress_text(BroadcastProgress("9B", "broadcast", counts, done=True))
    assert final == f"✅ Broadcast to <b>9B</b> finished: {detail}."


async def test_a_broadcast_done_before_its_progress_message_is_sent_still_ends_with_the_count(
    chat: Chat, api: FakeBotApi, request_: FakeRequest
) -> None:
    students = [2000, 2001]
    await class_with(chat, students)
    running = deliveries(chat)

    async def deliver_everything_first(method: str, params: dict[str, Any]) -> None:
        """While the teacher's progress message is on its way, a delivery already running
        (another class's broadcast, a daily quiz) sends the whole broadcast."""
        if method == "sendMessage" and params["chat_id"] == TEACHER:
            request_.before_call = None
            await running.worker.drain()

    request_.before_call = deliver_everything_first
    await chat.say("/broadcast 9B Bring pens", TEACHER)
    await running.run_due()
    received = Counter(c.chat_id for c in api.calls_of("sendMessage") if "Bring pens" in c.text)
    assert received == Counter(students)
    to_teacher = [c.text for c in api.sent_to(TEACHER)]
    assert "Broadcast to <b>9B</b>: 0 of 2 done" in to_teacher[-2]
    assert to_teacher[-1] == "✅ Broadcast to <b>9B</b> finished: 2 sent, 0 blocked, 0 failed."
    assert api.calls_of("editMessageText", chat_id=TEACHER) == []
