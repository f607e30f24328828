"""The Application: command menu, feature tables before the catch-alls, update ordering."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat as TelegramChat
from telegram import Message, Update

from tests.bot.conftest import Chat, FakeRequest, sent, services_for
from tests.fake_bot_api import FakeBotApi
from tutorbot.bot import app, student, views
from tutorbot.bot.app import PerChatUpdateProcessor
from tutorbot.bot.handling import Command, Context, Feature
from tutorbot.config import Settings
from tutorbot.services.tutor import Tutor


async def test_start_up_sets_the_command_menu(chat: Chat, api: FakeBotApi) -> None:
    post_init = chat.application.post_init
    assert post_init is not None
    await post_init(chat.application)
    menu = [(c["command"], c["description"]) for c in api.commands]
    assert menu[: len(student.COMMANDS)] == list(student.COMMANDS)  # features add theirs after


async def test_the_tutor_and_settings_are_in_bot_data(
    chat: Chat, tutor: Tutor, settings: Settings
) -> None:
    assert chat.application.bot_data.tutor is tutor
    assert chat.application.bot_data.settings is settings


async def daily(update: Update, context: Context) -> None:
    assert update.effective_chat is not None
    await update.effective_chat.send_message("daily at 18:30")


FEATURE = Feature((Command("daily", daily, "Your daily quiz", "/daily: your daily quiz"),))
"""A feature adding /daily, and a command to the menu and to /help."""


async def test_a_features_commands_come_before_the_catch_alls(
    api: FakeBotApi, tutor: Tutor, settings: Settings
) -> None:
    application = app.build_application(
        settings,
        services_for(tutor, settings),
        request=FakeRequest(api),
        features=(student.FEATURE, FEATURE),
    )
    async with application:
        chat = Chat(application, api)
        [reply] = sent(await chat.say("/daily"))
        assert reply.text == "daily at 18:30"
        [unknown] = sent(await chat.say("/weekly"))
        assert unknown.text == views.help_text([*student.HELP_LINES, "/daily: your daily quiz"])
        last = chat.application.bot_data.menu[-1]
        assert (last.command, last.description) == ("daily", "Your daily quiz")


def update_in(chat_id: int, update_id: int) -> Update:
    chat = TelegramChat(chat_id, TelegramChat.PRIVATE)
    return Update(update_id, message=Message(update_id, datetime.now(UTC), chat))


async def test_updates_of_one_chat_run_in_order_while_other_chats_go_ahead() -> None:
    processor = PerChatUpdateProcessor(8)
    log: list[str] = []
    gate = asyncio.Event()

    async def work(name: str, *, wait: bool = False) -> None:
        log.append(f"{name} start")
        if wait:
            await gate.wait()
        log.append(f"{name} end")

    first = asyncio.create_task(processor.process_update(update_in(1, 1), work("a1", wait=True)))
    second = asyncio.create_task(processor.process_update(update_in(1, 2), work("a2")))
    other = asyncio.create_task(processor.process_update(update_in(2, 3), work("b1")))
    await other
    assert log == ["a1 start", "b1 start", "b1 end"]
    gate.set()
    await asyncio.gather(first, second)
    assert log[3:] == ["a1 end", "a2 start", "a2 end"]
