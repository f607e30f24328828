"""Feedback that may or may not have reached the student: sent once more, saying so, and
never a third time; feedback Telegram refused: sent again as late feedback."""

from __future__ import annotations

from tests.bot.conftest import STUDENT, Chat, sent
from tests.fake_bot_api import FakeBotApi
from tutorbot.adapters.store import Store
from tutorbot.bot import views
from tutorbot.services.tutor import Tutor


async def quiz_started(chat: Chat) -> None:
    await chat.say("/start")
    await chat.press("deck:treaties")
    await chat.say("/quiz")


async def test_feedback_whose_outcome_is_unknown_comes_once_more_saying_so(
    chat: Chat, tutor: Tutor, store: Store, api: FakeBotApi
) -> None:
    await quiz_started(chat)
    api.fail("sendMessage", chat_id=STUDENT, status=502, description="Bad Gateway")
    [apology] = sent(await chat.say("no idea"))  # a gateway error: it may have gone through
    assert apology.text == views.APOLOGY
    [again, question] = sent(await chat.say("/quiz"))
    assert again.text.startswith(f"<i>{views.IN_CASE_FEEDBACK}</i>")
    assert "not passed yet" in again.text
    assert "Type your answer" in question.text
    [question] = sent(await chat.say("/quiz"))  # never a third time
    assert views.IN_CASE_FEEDBACK not in question.text
    rows = store.connection.execute("SELECT answer, replied FROM attempts").fetchall()
    assert [tuple(r) for r in rows] == [("no idea", 1)]


async def test_an_in_case_copy_cut_off_in_turn_is_not_sent_again(
    chat: Chat, tutor: Tutor, api: FakeBotApi
) -> None:
    await quiz_started(chat)
    api.fail("sendMessage", chat_id=STUDENT, status=502, description="Bad Gateway")
    await chat.say("no idea")
    api.fail("sendMessage", chat_id=STUDENT, status=504, description="Gateway Timeout")
    replies = sent(await chat.say("/quiz"))  # the copy's outcome is unknown too
    assert views.APOLOGY in [r.text for r in replies]
    assert [views.IN_CASE_FEEDBACK in r.text for r in replies] == [False, False]
    replies = sent(await chat.say("/quiz"))
    assert [views.IN_CASE_FEEDBACK in r.text for r in replies] == [False]


async def test_refused_feedback_comes_again_as_late_feedback_not_in_case(
    chat: Chat, api: FakeBotApi
) -> None:
    await quiz_started(chat)
    api.fail("sendMessage", chat_id=STUDENT, status=400, description="Bad Request: oops")
    await chat.say("no idea")
    [late, _] = sent(await chat.say("/quiz"))
    assert late.text.startswith(f"<i>{views.LATE_FEEDBACK}</i>")
