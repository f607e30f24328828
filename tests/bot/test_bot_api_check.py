"""Start-up's Bot API check: a refused token is one line that does not repeat the token."""

from __future__ import annotations

import pytest
from telegram import Bot

from tests.bot.conftest import TOKEN
from tests.fake_bot_api import FakeBotApi, FakeBotApiServer
from tutorbot.bot import check_bot_api
from tutorbot.config import Settings, SettingsError

WRONG = "123456:" + "Wrong-token_0123456789abcdefghijkl"


async def test_a_refused_token_is_reported_without_the_token() -> None:
    with FakeBotApiServer(FakeBotApi(TOKEN)) as server:
        settings = Settings(token=WRONG, api_base_url=server.base_url)
        bot = Bot(WRONG, base_url=server.base_url)
        with pytest.raises(SettingsError) as refused:
            await check_bot_api(bot, settings)
    message = str(refused.value)
    assert message.startswith("TUTORBOT_TOKEN was refused by the Bot API")
    assert WRONG not in message
    assert WRONG.split(":")[1] not in message
    assert "123456:<token hidden>" in message
