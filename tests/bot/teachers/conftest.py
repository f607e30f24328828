"""The teacher features' tests: the bot with a teacher list, and a chat with it, unthrottled."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot.conftest import Chat
from tests.bot.teaching import teacher_settings, unthrottled
from tests.fake_bot_api import FakeBotApi
from tutorbot.config import Settings
from tutorbot.services.tutor import Tutor


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return teacher_settings(tmp_path)


@pytest.fixture
async def chat(api: FakeBotApi, tutor: Tutor, settings: Settings) -> AsyncIterator[Chat]:
    async with unthrottled(api, tutor, settings) as talking:
        yield talking
