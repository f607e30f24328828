"""A simulated student drives a real ``tutorbot run`` process through the whole conversation.

One bot process serves this module; each test is a different student.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Served, Student, attempts, right_answer
from tests.fake_bot_api import FakeBotApi
from tutorbot.bot import views
from tutorbot.bot.student import HELP_LINES

TITLE = "Treaties &lt;of&gt; the 1920s &amp; &quot;more&quot;"


pytestmark = pytest.mark.shared_bot()


def revising(api: FakeBotApi, user_id: int) -> Student:
    student = Student(api, user_id)
    student.say("/start")
    student.press_and_read("deck:treaties")
    return student


def test_start_up_sets_the_command_menu(api: FakeBotApi) -> None:
    names = [c["command"] for c in api.commands]
    assert names[:7] == ["quiz", "hint", "skip", "decks", "progress", "help", "forget"]


def test_start_offers_the_decks_with_their_titles_escaped(api: FakeBotApi) -> None:
    welcome = Student(api, 1).say("/start")
    assert "Hello Student 1!" in welcome.text
    assert "Pick a deck" in welcome.text
    assert welcome.buttons() == [('Treaties <of> the 1920s & "more"', "deck:treaties")]


def test_a_student_answers_right_and_wrong_and_presses_both_buttons(
    api: FakeBotApi, served: Served
) -> None:
    student = Student(api, 2)
    student.say("/start")
    chosen = student.press_and_read("deck:treaties")
    assert f"Now revising <b>{TITLE}</b>" in chosen.text

    question = student.press_and_read("next", chosen)
    assert "&lt;Rapallo&gt;" in question.text or "Berlin" in question.text
    answer = right_answer(question)
    right = student.say(answer)
    assert right.buttons() == [("Next question", "next")]

    student.press_and_read("next", right)
    wrong = student.say("no idea at all")
    [(_, next_data), (label, right_data)] = wrong.buttons()
    assert (next_data, label) == ("next", "I was right")

    student.press(right_data, wrong)
    api.wait_for(lambda: api.calls_of("editMessageText", chat_id=2))
    edited = api.message(2, wrong.result["message_id"])
    assert views.OVERRIDE_NOTED in edited["text"]
    assert [b["callback_data"] for b in edited["reply_markup"]["inline_keyboard"][0]] == ["next"]

    after = student.press_and_read("next", wrong)
    assert "Type your answer" in after.text
    api.wait_for(lambda: attempts(served.env, 2) == [(answer, 1), ("no idea at all", 1)])


def test_hint_skip_progress_and_forget(api: FakeBotApi, served: Served) -> None:
    student = revising(api, 3)
    assert student.say("/hint").text == views.NUDGE
    question = student.say("/quiz")
    hint = student.say("/hint")
    if "Rapallo" in question.text:
        assert hint.text == "💡 Early in the 1920s &amp; before Locarno."
    else:
        assert "No hint" in hint.text
    assert student.say("/skip").text == "Skipped: it will come back later."
    assert student.say("/quiz").text != question.text
    student.say("no idea")
    progress = student.say("/progress")
    assert f"<b>{TITLE}</b>" in progress.text
    assert "1/2" in progress.text
    assert "Most missed:" in progress.text

    confirm = student.say("/forget")
    student.press("forget:yes", confirm)
    api.wait_for(lambda: api.message(3, confirm.result["message_id"])["text"] == views.FORGOTTEN)
    assert attempts(served.env, 3) == []
    assert student.say("/progress").text == views.NO_PROGRESS


def test_decks_shows_the_current_deck(api: FakeBotApi) -> None:
    decks = revising(api, 8).say("/decks")
    assert f"You are revising <b>{TITLE}</b>" in decks.text
    assert decks.buttons() == [('Treaties <of> the 1920s & "more"', "deck:treaties")]


def test_a_very_long_answer_in_any_script_is_marked(api: FakeBotApi, served: Served) -> None:
    student = revising(api, 9)
    question = student.say("/quiz")
    answer = ("Ответ 🙂 " * 400 + right_answer(question))[:4000]
    assert student.say(answer).buttons()[0] == ("Next question", "next")
    api.wait_for(lambda: attempts(served.env, 9) == [(answer, 1)])


def test_what_is_not_an_answer_gets_a_polite_line(api: FakeBotApi) -> None:
    student = revising(api, 4)
    assert student.say("hello?").text == views.NUDGE
    help_text = student.say("/help").text
    assert help_text.startswith(views.HELP_INTRO)
    assert all(line in help_text for line in (*HELP_LINES, "/daily", "/join"))
    assert "Teacher commands" not in help_text
    assert student.say("/frobnicate").text == help_text
    student.say("/quiz")
    for send in (api.send_sticker, api.send_photo, api.send_voice):
        seen = len(api.sent_to(4))
        send(4)
        assert student.next_message(seen).text == views.TYPED_ONLY
    api.send_text(4, "/quiz", group_id=-4)
    [group_reply] = api.wait_for(lambda: api.sent_to(-4))
    assert group_reply.text == views.PRIVATE_ONLY


def test_a_429_is_waited_out_and_the_answer_replied_once(api: FakeBotApi, served: Served) -> None:
    student = revising(api, 5)
    question = student.say("/quiz")
    api.fail("sendMessage", chat_id=5, status=429, retry_after=1)
    feedback = student.say(right_answer(question))
    assert feedback.buttons() == [("Next question", "next")]
    assert [c.status for c in api.calls_of("sendMessage", chat_id=5, ok=False)][-2:] == [429, 200]
    api.wait_for(lambda: attempts(served.env, 5) == [(right_answer(question), 1)])


def test_a_student_who_blocked_the_bot_does_not_stop_it_serving_others(
    api: FakeBotApi, served: Served
) -> None:
    blocked = revising(api, 6)
    blocked.say("/quiz")
    api.block(6)
    update_id = api.send_text(6, "my answer")
    api.wait_for(lambda: api.calls_of("sendMessage", chat_id=6, ok=False)[-1].status == 403)
    assert api.handed_out_at(update_id) is not None
    assert revising(api, 7).say("/quiz").buttons() == []
    assert attempts(served.env, 6) == [("my answer", 0)]
