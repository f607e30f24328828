"""Update intake through a real ``tutorbot run``: an update the library cannot read is skipped
with one log line, and polling goes on."""

from __future__ import annotations

from tests.e2e.conftest import BotProcess, Student, attempts, right_answer
from tests.fake_bot_api import FakeBotApi

STUDENT = 31


def test_an_unreadable_update_is_logged_once_and_skipped_and_the_next_answer_is_marked(
    api: FakeBotApi, bot: BotProcess
) -> None:
    bot.start(api)
    student = Student(api, STUDENT)
    student.start_revising()
    question = student.say("/quiz")
    polls = api.polls

    poll_update = api.send_old_poll(STUDENT)
    feedback = student.say(right_answer(question))

    assert feedback.buttons() == [("Next question", "next")]
    api.wait_for(lambda: attempts(bot.env, STUDENT) == [(right_answer(question), 1)])
    assert api.times_handed_out(poll_update) == 1  # confirmed with the next batch
    assert api.polls - polls < 10  # not fetched again and again
    log = bot.output()
    assert log.count(f"update {poll_update} cannot be read, skipped") == 1
    assert "persistent_id" in log
    assert bot.stop() == 0
