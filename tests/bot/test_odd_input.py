"""Odd and oversized input from the abuse run: each gets one short, clear reply (never the
apology, never a 400 from Telegram) that quotes at most a short prefix of what was typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.conftest import Chat, sent
from tests.bot.teaching import STUDENT, TEACHER, new_class, teacher_settings
from tests.fake_bot_api import Call, FakeBotApi
from tutorbot.adapters.store import Store
from tutorbot.bot import views
from tutorbot.config import Settings

LONG = "Europe/" + "x" * 993  # 1,000 characters
HUGE = "q" * 4000


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return teacher_settings(tmp_path)


def the_reply(calls: list[Call]) -> Call:
    [reply] = sent(calls)
    assert reply.ok, reply.result
    assert views.APOLOGY not in reply.text
    assert len(reply.text) < 700
    return reply


@pytest.mark.parametrize(
    "zone", [LONG, "localtime", "posixrules", "Factory", "right/UTC", "posix/UTC", "/etc/passwd"]
)
async def test_timezone_takes_only_a_place_name(chat: Chat, store: Store, zone: str) -> None:
    reply = the_reply(await chat.say(f"/timezone {zone}"))
    assert "is not a time zone I know" in reply.text
    assert "x" * 41 not in reply.text
    zones = store.connection.execute("SELECT zone FROM daily_settings").fetchall()
    assert all(row[0] is None for row in zones)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/daily", "is not a time of day"),
        ("/join", "is not a join code I know"),
        ("/timezone", "is not a time zone I know"),
        ("/report", "You have no class called"),
        ("/overrides", "You have no class called"),
        ("/newclass", "cannot be a class name"),
        ("/push 9B", "That deck is not available"),
    ],
)
async def test_a_4000_character_argument_gets_a_short_reply(
    chat: Chat, command: str, expected: str
) -> None:
    await new_class(chat)
    reply = the_reply(await chat.say(f"{command} {HUGE}", TEACHER))
    assert expected in reply.text
    assert "q" * 41 not in reply.text


async def test_the_override_review_of_a_4096_character_answer_fits_a_message(
    chat: Chat, api: FakeBotApi
) -> None:
    code = await new_class(chat)
    await chat.say(f"/join {code}", STUDENT)
    tutor = chat.application.bot_data.tutor
    tutor.ask(STUDENT, "treaties", "rapallo")
    marked = tutor.answer(STUDENT, "w" * 4096)
    tutor.override(STUDENT, marked.attempt_id)
    calls = sent(await chat.say("/overrides 9B", TEACHER))
    assert all(c.ok for c in calls)
    assert "w" * 900 in calls[1].text


@pytest.mark.parametrize("user", [STUDENT, TEACHER])
async def test_a_button_with_empty_data_is_answered_as_expired(
    chat: Chat, api: FakeBotApi, user: int
) -> None:
    await chat.say("/start", user)
    calls = await chat.press("", user)
    [answer] = [c for c in calls if c.method == "answerCallbackQuery"]
    assert answer.params.get("text") == views.EXPIRED
    assert not [c for c in sent(calls) if views.APOLOGY in c.text]


async def test_an_answer_over_4096_characters_says_only_its_start_was_marked(chat: Chat) -> None:
    await chat.say("/start")
    await chat.press("deck:treaties")
    await chat.say("/quiz")
    calls = sent(await chat.say("they would stay neutral " + "z" * 5000))
    assert all(c.ok for c in calls)
    assert "marked on its first 4,096 characters" in calls[0].text
