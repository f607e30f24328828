"""State lives in SQLite: a restart loses no pending question and marks no answer twice."""

from __future__ import annotations

from tests.e2e.conftest import BotProcess, Student, attempts, right_answer
from tests.fake_bot_api import FakeBotApi

STUDENT = 11


def test_an_answer_sent_while_the_bot_was_down_is_marked_once_when_it_is_back(
    api: FakeBotApi, bot: BotProcess
) -> None:
    bot.start(api)
    student = Student(api, STUDENT)
    student.say("/start")
    student.press_and_read("deck:treaties")
    question = student.say("/quiz")
    assert bot.stop() == 0

    seen = len(api.sent_to(STUDENT))
    update_id = api.send_text(STUDENT, right_answer(question))
    bot.start(api)
    feedback = student.next_message(seen)
    assert api.handed_out_at(update_id) is not None
    assert feedback.buttons() == [("Next question", "next")]
    api.wait_for(lambda: attempts(bot.env, STUDENT) == [(right_answer(question), 1)])

    assert bot.stop() == 0  # and once more: nothing is marked or sent again
    bot.start(api)
    assert "<b>" in student.say("/progress").text  # handled after anything handed out again
    assert len(api.sent_to(STUDENT)) == seen + 2  # the feedback and the progress, once each
    assert attempts(bot.env, STUDENT) == [(right_answer(question), 1)]
    assert bot.stop() == 0


def test_a_pending_question_survives_the_bot_being_killed(api: FakeBotApi, bot: BotProcess) -> None:
    bot.start(api)
    student = Student(api, STUDENT)
    student.say("/start")
    student.press_and_read("deck:treaties")
    question = student.say("/quiz")
    bot.kill()

    bot.start(api)
    again = student.say("/quiz")
    assert "Still waiting for your answer" in again.text
    assert question.text.split("\n\n")[1] in again.text
    student.say("not sure")
    api.wait_for(lambda: attempts(bot.env, STUDENT) == [("not sure", 1)])
    assert bot.stop() == 0


def test_an_update_handed_out_again_after_a_crash_is_answered_once(
    api: FakeBotApi, bot: BotProcess
) -> None:
    """Telegram hands an update out again until a later getUpdates confirms it: a bot killed
    between replying and confirming sees the same answer again, and must stay silent."""
    bot.start(api)
    student = Student(api, STUDENT)
    student.say("/start")
    student.press_and_read("deck:treaties")
    question = student.say("/quiz")
    api.wait_for(lambda: api.waiting_polls)  # the bot is waiting for the next update
    api.fail("getUpdates", times=None, status=502, description="Bad Gateway")  # no confirming
    seen = len(api.sent_to(STUDENT))
    update_id = api.send_text(STUDENT, right_answer(question))
    student.next_message(seen)
    api.wait_for(lambda: attempts(bot.env, STUDENT) == [(right_answer(question), 1)])
    bot.kill()

    api.clear_failures()
    bot.start(api)
    api.wait_for(lambda: api.times_handed_out(update_id) == 2)
    assert "<b>" in student.say("/progress").text  # processed after the replayed answer
    assert len(api.sent_to(STUDENT)) == seen + 2  # the feedback and the progress, once each
    assert attempts(bot.env, STUDENT) == [(right_answer(question), 1)]
    assert bot.stop() == 0
