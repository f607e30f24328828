"""/help and the command menus: every feature's commands, the teacher's for teachers only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot.conftest import STUDENT, TOKEN, Chat, sent, talking_to
from tests.fake_bot_api import FakeBotApi
from tutorbot.bot import daily, decks, student, teacher, views
from tutorbot.config import Settings
from tutorbot.services.tutor import Tutor

TEACHER, OTHER_TEACHER = 900, 901
TEACHER_COMMANDS = [
    "newclass",
    "classes",
    "broadcast",
    "push",
    "report",
    "overrides",
    "mydecks",
    "deckfile",
    "removedeck",
]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        db_path=tmp_path / "bot.sqlite3", token=TOKEN, teachers=frozenset({TEACHER, OTHER_TEACHER})
    )


@pytest.fixture
async def chat(api: FakeBotApi, tutor: Tutor, settings: Settings) -> AsyncIterator[Chat]:
    async with talking_to(api, tutor, settings) as talking:
        yield talking


@pytest.mark.parametrize("command", ["/help", "/frobnicate"])
async def test_a_students_help_lists_daily_timezone_and_join_and_no_teacher_command(
    chat: Chat, command: str
) -> None:
    [reply] = sent(await chat.say(command, STUDENT))
    for line in (*student.HELP_LINES, *daily.HELP_LINES):
        assert line in reply.text
    for name in ("/daily 18:30", "/timezone Europe/Berlin", "/join CODE"):
        assert name in reply.text
    assert "Teacher commands" not in reply.text
    for name in TEACHER_COMMANDS:
        assert f"/{name}" not in reply.text


async def test_a_teachers_help_also_lists_the_teacher_commands_with_their_usage(
    chat: Chat,
) -> None:
    [reply] = sent(await chat.say("/help", TEACHER))
    student_part, teacher_part = reply.text.split("<b>Teacher commands</b>")
    assert "/daily 18:30" in student_part
    for usage in (
        "/newclass NAME: ",
        "/classes: ",
        "/broadcast CLASS TEXT: ",
        "/push CLASS DECK [QUESTION]: ",
        "/report CLASS: ",
        "/overrides CLASS: ",
        "/mydecks: ",
        "/deckfile DECK: ",
        "/removedeck DECK: ",
    ):
        assert f"\n{usage}" in teacher_part
    assert reply.text == views.help_text(
        [*student.HELP_LINES, *daily.HELP_LINES],
        [*teacher.HELP_LINES, *decks.HELP_LINES],
    )


async def test_start_up_gives_students_the_default_menu_and_each_teacher_theirs_in_their_chat(
    chat: Chat, api: FakeBotApi
) -> None:
    post_init = chat.application.post_init
    assert post_init is not None
    await post_init(chat.application)
    menus = {
        (c.params.get("scope") or {}).get("chat_id"): [m["command"] for m in c.params["commands"]]
        for c in api.calls_of("setMyCommands")
    }
    student_menu = [name for name, _ in (*student.COMMANDS, *daily.COMMANDS)]
    assert menus == {
        None: student_menu,
        TEACHER: student_menu + TEACHER_COMMANDS,
        OTHER_TEACHER: student_menu + TEACHER_COMMANDS,
    }
    scopes = [c.params.get("scope") for c in api.calls_of("setMyCommands")]
    assert {"type": "chat", "chat_id": TEACHER} in scopes


async def test_a_teacher_menu_the_api_refuses_does_not_stop_the_others(
    chat: Chat, api: FakeBotApi
) -> None:
    api.fail("setMyCommands", times=2, status=400, description="Bad Request: chat not found")
    post_init = chat.application.post_init
    assert post_init is not None
    await post_init(chat.application)  # the default menu and the first teacher's: refused
    [done] = api.calls_of("setMyCommands")
    assert done.params["scope"] == {"type": "chat", "chat_id": OTHER_TEACHER}
