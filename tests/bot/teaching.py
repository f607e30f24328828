"""Helpers for the teacher tests: a teacher, a class of students, the delivery queue."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.bot.conftest import TOKEN, Chat, FakeRequest, sent, services_for
from tests.fake_bot_api import FakeBotApi
from tutorbot.bot import build_application
from tutorbot.bot.sender import DeliveryTask
from tutorbot.config import Settings
from tutorbot.core.pacing import Pacer, RateLimits
from tutorbot.services.tutor import Tutor

TEACHER, STUDENT, OUTSIDER = 900, 1001, 1002


def teacher_settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "bot.sqlite3", token=TOKEN, teachers=frozenset({TEACHER}))


@asynccontextmanager
async def unthrottled(
    api: FakeBotApi, tutor: Tutor, settings: Settings, request: FakeRequest | None = None
) -> AsyncIterator[Chat]:
    """As tests/bot/conftest.py's ``talking_to``, without python-telegram-bot's own 30/s
    limiter (the delivery worker paces by itself; the tests do not wait for it)."""
    application = build_application(
        settings, services_for(tutor, settings), request=request or FakeRequest(api), send_rate=0
    )
    async with application:
        yield Chat(application, api)


def deliveries(chat: Chat) -> DeliveryTask:
    found = chat.application.bot_data.delivery_task
    found.worker.pacer = Pacer(RateLimits(overall=10_000, per_chat_interval=1.0))
    return found


async def new_class(chat: Chat, name: str = "9B") -> str:
    [reply] = sent(await chat.say(f"/newclass {name}", TEACHER))
    match = re.search(r"/join ([A-Z0-9]+)", reply.text)
    assert match is not None, reply.text
    return match.group(1)


async def class_with(chat: Chat, students: list[int]) -> str:
    code = await new_class(chat)
    for student in students:
        [reply] = sent(await chat.say(f"/join {code}", student))
        assert "You joined <b>9B</b>" in reply.text
    return code
