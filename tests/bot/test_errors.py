"""The error handler, answering exactly once, and text nobody can break out of."""

from __future__ import annotations

import logging

import pytest

from tests.bot.conftest import STUDENT, Chat, sent, talking_to
from tests.conftest import small_deck
from tests.fake_bot_api import FakeBotApi, visible_text
from tests.fakes import FakeClock, phrase_marker
from tutorbot.adapters.store import Store
from tutorbot.bot import views
from tutorbot.config import Settings
from tutorbot.core.deck import Deck, KeyPoint, Question
from tutorbot.core.tutoring import Asked
from tutorbot.services.tutor import Tutor

NASTY = "<b>&</b> </i> &amp; <script>"


class BrokenTutor(Tutor):
    """A tutor whose next_question fails the way a bug would."""

    def next_question(self, student_id: int) -> Asked:
        raise RuntimeError("the database is on fire")


def nasty_deck() -> Deck:
    point = KeyPoint("k", f"point {NASTY}", ("stay neutral",), f"evidence {NASTY}")
    question = Question("q", f"prompt {NASTY}?", (point,), 1, hint=f"hint {NASTY}")
    return Deck(id="nasty", title=f"title {NASTY}", questions=(question,))


async def test_a_failing_update_is_logged_with_its_id_and_the_student_gets_an_apology(
    api: FakeBotApi, store: Store, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    tutor = BrokenTutor(store, [small_deck()], FakeClock(), marker=phrase_marker)
    async with talking_to(api, tutor, settings) as chat:
        await chat.say("/start")
        [apology] = sent(await chat.say("/quiz"))
        [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
        assert apology.text == views.APOLOGY
        assert record.getMessage() == f"update {chat.delivered[-1]['update_id']} failed"
        assert record.exc_info is not None
        assert "on fire" in str(record.exc_info[1])
        [welcome] = sent(await chat.say("/start"))  # and it keeps serving
        assert welcome.buttons()


async def test_a_failing_button_gets_the_apology_as_its_answer(
    api: FakeBotApi, store: Store, settings: Settings
) -> None:
    tutor = BrokenTutor(store, [small_deck()], FakeClock(), marker=phrase_marker)
    async with talking_to(api, tutor, settings) as chat:
        await chat.say("/start")
        calls = await chat.press("next")
        assert [(c.method, c.params.get("text")) for c in calls] == [
            ("answerCallbackQuery", views.APOLOGY)
        ]


async def test_a_student_who_blocked_the_bot_is_logged_not_apologised_to(
    chat: Chat, api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    await chat.say("/start")
    api.block(STUDENT)
    calls = await chat.say("/help")
    assert [c.status for c in calls] == [403]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_the_same_message_delivered_twice_is_marked_and_answered_once(
    chat: Chat, tutor: Tutor, store: Store
) -> None:
    await chat.say("/start")
    await chat.press("deck:treaties")
    await chat.say("/quiz")
    [feedback] = sent(await chat.say("no idea"))
    assert await chat.replay(chat.delivered[-1]) == []
    rows = store.connection.execute("SELECT answer, replied FROM attempts").fetchall()
    assert [tuple(r) for r in rows] == [("no idea", 1)]
    assert feedback.buttons()[0] == ("Next question", "next")


async def test_feedback_that_failed_to_send_is_sent_when_the_message_comes_again(
    chat: Chat, tutor: Tutor, store: Store, api: FakeBotApi
) -> None:
    await chat.say("/start")
    await chat.press("deck:treaties")
    await chat.say("/quiz")
    api.fail("sendMessage", chat_id=STUDENT, status=500, description="Internal Server Error")
    [apology] = sent(await chat.say("no idea"))
    assert apology.text == views.APOLOGY
    [feedback] = sent(await chat.replay(chat.delivered[-1]))
    assert feedback.buttons()[0] == ("Next question", "next")
    assert await chat.replay(chat.delivered[-1]) == []
    rows = store.connection.execute("SELECT answer, replied FROM attempts").fetchall()
    assert [tuple(r) for r in rows] == [("no idea", 1)]


async def quiz_started(chat: Chat) -> None:
    await chat.say("/start")
    await chat.press("deck:treaties")
    await chat.say("/quiz")


async def test_feedback_that_failed_to_send_comes_before_the_reply_to_the_next_message(
    chat: Chat, tutor: Tutor, store: Store, api: FakeBotApi
) -> None:
    await quiz_started(chat)
    api.fail("sendMessage", chat_id=STUDENT, status=400, description="Bad Request: oops")
    [apology] = sent(await chat.say("no idea"))  # stored and marked, the feedback lost
    assert apology.text == views.APOLOGY
    [late, question] = sent(await chat.say("/quiz"))
    assert late.text.startswith(f"<i>{views.LATE_FEEDBACK}</i>")
    assert "not passed yet" in late.text
    assert late.buttons()[0] == ("Next question", "next")
    assert "Type your answer" in question.text
    [feedback] = sent(await chat.say("no idea either"))  # not a third time
    assert views.LATE_FEEDBACK not in feedback.text
    rows = store.connection.execute("SELECT answer, replied FROM attempts").fetchall()
    assert [tuple(r) for r in rows] == [("no idea", 1), ("no idea either", 1)]


async def test_feedback_that_failed_to_send_comes_before_a_pressed_button_is_handled(
    chat: Chat, api: FakeBotApi
) -> None:
    await quiz_started(chat)
    api.fail("sendMessage", chat_id=STUDENT, status=400, description="Bad Request: oops")
    await chat.say("no idea")
    calls = await chat.press("next")
    assert [c.method for c in calls] == ["sendMessage", "answerCallbackQuery", "sendMessage"]
    assert calls[0].text.startswith(f"<i>{views.LATE_FEEDBACK}</i>")
    assert "Type your answer" in calls[2].text
    assert [c.method for c in await chat.press("next")] == ["answerCallbackQuery", "sendMessage"]


async def test_deck_and_student_text_cannot_break_the_formatting(
    api: FakeBotApi, store: Store, settings: Settings
) -> None:
    tutor = Tutor(store, [nasty_deck()], FakeClock(), marker=phrase_marker)
    api.names[STUDENT] = NASTY
    async with talking_to(api, tutor, settings) as chat:
        calls = [
            *await chat.say("/start"),
            *await chat.press("deck:nasty"),
            *await chat.say("/quiz"),
            *await chat.say("/hint"),
            *await chat.say(f"{NASTY} no idea"),
            *await chat.say("/progress"),
            *await chat.say("/decks"),
        ]
    shown = [visible_text(c.text) for c in sent(calls)]
    assert all(c.ok for c in calls), [c.result for c in calls if not c.ok]
    for expected in (
        f"Hello {NASTY}!",
        f"title {NASTY}",
        f"prompt {NASTY}?",
        f"hint {NASTY}",
        f"point {NASTY}",
        f"evidence {NASTY}",
    ):
        assert any(expected in text for text in shown), expected


FIRST, SECOND = "a" * 64, "b" * 64  # too long for a button's callback data
LONG_ID_DECKS = [small_deck(), small_deck(FIRST), small_deck(SECOND)]


async def test_a_deck_id_too_long_for_a_button_is_chosen_by_a_key_of_its_own(
    api: FakeBotApi, store: Store, settings: Settings
) -> None:
    tutor = Tutor(store, LONG_ID_DECKS, FakeClock(), marker=phrase_marker)
    async with talking_to(api, tutor, settings) as chat:
        [welcome] = sent(await chat.say("/start"))
        data = [data for _, data in welcome.buttons()]
        assert data[0] == "deck:treaties"
        assert all(d.startswith("deck~") and len(d) <= 64 for d in data[1:])
        assert len(set(data)) == 3
        await chat.press(data[1])
        current = tutor.current_deck(STUDENT)
        assert current is not None
        assert current.id == FIRST
        [gone] = sent(await chat.press("deck~" + "0" * 16, message=welcome))
        assert "not available any more" in gone.text


async def test_an_old_deck_button_picks_its_own_deck_after_the_list_changed(
    api: FakeBotApi, store: Store, settings: Settings
) -> None:
    before = Tutor(store, LONG_ID_DECKS, FakeClock(), marker=phrase_marker)
    async with talking_to(api, before, settings) as chat:
        [welcome] = sent(await chat.say("/start"))
    after = Tutor(store, [small_deck(SECOND), small_deck()], FakeClock(), marker=phrase_marker)
    async with talking_to(api, after, settings) as chat:
        await chat.press(welcome.buttons()[2][1], message=welcome)
        current = after.current_deck(STUDENT)
        assert current is not None
        assert current.id == SECOND
        [gone] = sent(await chat.press(welcome.buttons()[1][1], message=welcome))
        assert "not available any more" in gone.text
