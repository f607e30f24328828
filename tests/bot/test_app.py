"""The Application: command menu, feature modules before the catch-alls, update ordering."""

from __future__ import annotations

import asyncio
import sys
import types
from datetime import UTC, datetime
from pathlib import Path

import pytest
from telegram import Chat as TelegramChat
from telegram import Message, Update
from telegram.ext import CommandHandler, ContextTypes

from tests.bot.conftest import Chat, sent, talking_to
from tests.fake_bot_api import FakeBotApi
from tutorbot.bot import app, views
from tutorbot.bot.app import PerChatUpdateProcessor
from tutorbot.bot.student import AnyApplication
from tutorbot.config import Settings
from tutorbot.services.tutor import Tutor


async def test_start_up_sets_the_command_menu(chat: Chat, api: FakeBotApi) -> None:
    post_init = chat.application.post_init
    assert post_init is not None
    await post_init(chat.application)
    menu = [(c["command"], c["description"]) for c in api.commands]
    assert menu[: len(views.COMMANDS)] == list(views.COMMANDS)  # features add theirs after


async def test_the_tutor_and_settings_are_in_bot_data(
    chat: Chat, tutor: Tutor, settings: Settings
) -> None:
    assert chat.application.bot_data["tutor"] is tutor
    assert chat.application.bot_data["settings"] is settings


def feature_module(name: str) -> types.SimpleNamespace:
    """A feature module adding /daily, and a command to the menu and to /help."""

    async def daily(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None
        await update.effective_chat.send_message("daily at 18:30")

    def register(application: AnyApplication, settings: Settings, tutor: Tutor) -> None:
        application.add_handler(CommandHandler("daily", daily))
        application.bot_data["commands"].append(("daily", "Your daily quiz"))
        application.bot_data["help"].append("/daily: your daily quiz")

    return types.SimpleNamespace(__name__=name, register=register)


async def test_feature_modules_commands_come_before_the_catch_alls(
    api: FakeBotApi, tutor: Tutor, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tests.bot.feature", feature_module("tests.bot.feature"))
    monkeypatch.setattr(app, "EXTENSIONS", ("tests.bot.feature", "tests.bot.no_such_feature"))
    async with talking_to(api, tutor, settings) as chat:
        [reply] = sent(await chat.say("/daily"))
        assert reply.text == "daily at 18:30"
        [unknown] = sent(await chat.say("/weekly"))
        assert unknown.text == views.help_text([*views.HELP_LINES, "/daily: your daily quiz"])
        assert chat.application.bot_data["commands"][-1] == ("daily", "Your daily quiz")


def test_a_feature_module_that_fails_to_import_stops_the_bot(
    tutor: Tutor, settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "broken_feature.py").write_text("import no_such_dependency_of_the_feature\n")
    monkeypatch.syspath_prepend(tmp_path)
    monkeypatch.setattr(app, "EXTENSIONS", ("broken_feature",))
    with pytest.raises(ModuleNotFoundError, match="no_such_dependency_of_the_feature"):
        app.build_application(settings, tutor)


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
