from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import small_deck
from tests.fakes import FakeClock, phrase_marker
from tutorbot.adapters.store import Store
from tutorbot.core.errors import NoDeckChosen
from tutorbot.core.tutoring import QuizDone, QuizStep
from tutorbot.services.daily_quiz import DailyQuiz
from tutorbot.services.tutor import Tutor
from tutorbot.services.wiring import Services, build_services

STUDENT = 1001
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def quiz(store: Store, tutor: Tutor, clock: FakeClock) -> DailyQuiz:
    return DailyQuiz(store, tutor, LONDON, clock)


def test_daily_setting_defaults_and_changes(quiz: DailyQuiz, clock: FakeClock) -> None:
    clock.set(datetime(2026, 3, 27, 12, 0, tzinfo=UTC))
    assert quiz.settings(STUDENT).at is None
    view = quiz.set_time(STUDENT, time(18, 30))
    assert view.next_fire == datetime(2026, 3, 27, 18, 30, tzinfo=UTC)
    view = quiz.set_zone(STUDENT, "america/new_york")
    assert view.zone == ZoneInfo("America/New_York")
    assert view.next_fire == datetime(2026, 3, 27, 22, 30, tzinfo=UTC)
    assert quiz.set_time(STUDENT, None).next_fire is None


@pytest.mark.parametrize(
    ("late", "queued"), [(timedelta(0), 1), (timedelta(minutes=59), 1), (timedelta(hours=1), 0)]
)
def test_due_push_is_queued_once_or_skipped_when_an_hour_late(
    quiz: DailyQuiz, store: Store, clock: FakeClock, late: timedelta, queued: int
) -> None:
    clock.set(datetime(2026, 3, 27, 12, 0, tzinfo=UTC))
    quiz.set_time(STUDENT, time(18, 30))
    clock.set(datetime(2026, 3, 27, 18, 30, tzinfo=UTC) + late)
    assert quiz.enqueue_due() == queued
    assert quiz.enqueue_due() == 0
    # the clocks went forward on the 29th: the next push is still 18:30 local time
    assert quiz.settings(STUDENT).next_fire == datetime(2026, 3, 28, 18, 30, tzinfo=UTC)


def test_blocked_students_get_no_daily_push(
    quiz: DailyQuiz, store: Store, clock: FakeClock
) -> None:
    quiz.set_time(STUDENT, time(9, 30))
    store.students.set_active(STUDENT, False)
    clock.advance(minutes=30)
    assert quiz.enqueue_due() == 0


def test_daily_quiz_asks_three_questions_one_after_another(quiz: DailyQuiz, tutor: Tutor) -> None:
    with pytest.raises(NoDeckChosen):
        quiz.start(STUDENT)
    tutor.choose_deck(STUDENT, "treaties")
    step = quiz.start(STUDENT)
    assert (step.number, step.total) == (1, 3)
    assert quiz.after_answer(STUDENT) is None  # not answered yet
    asked = [step.asked.question.id]
    for number in (2, 3):
        tutor.answer(STUDENT, "no idea")
        after = quiz.after_answer(STUDENT)
        assert isinstance(after, QuizStep)
        step = after
        assert step.number == number
        asked.append(step.asked.question.id)
    tutor.skip(STUDENT)
    assert quiz.after_answer(STUDENT) == QuizDone(3)
    assert quiz.after_answer(STUDENT) is None
    assert len(set(asked)) == 3


def test_a_question_failed_early_in_the_quiz_is_not_asked_again_that_quiz(
    quiz: DailyQuiz, tutor: Tutor, clock: FakeClock
) -> None:
    tutor.choose_deck(STUDENT, "treaties")
    asked = [quiz.start(STUDENT).asked.question.id]
    while True:
        tutor.answer(STUDENT, "no idea")  # failed: due again a minute later
        clock.advance(minutes=3)
        step = quiz.after_answer(STUDENT)
        if isinstance(step, QuizDone):
            break
        assert isinstance(step, QuizStep)
        asked.append(step.asked.question.id)
    assert sorted(asked) == ["berlin", "locarno", "rapallo"]


def test_a_quiz_longer_than_the_deck_asks_each_question_once(
    store: Store, tutor: Tutor, clock: FakeClock
) -> None:
    quiz = DailyQuiz(store, tutor, LONDON, clock, length=5)
    tutor.choose_deck(STUDENT, "treaties")
    step = quiz.start(STUDENT)
    assert step.total == 3
    for _ in range(2):
        tutor.skip(STUDENT)
        assert isinstance(quiz.after_answer(STUDENT), QuizStep)
    tutor.skip(STUDENT)
    assert quiz.after_answer(STUDENT) == QuizDone(3)


def test_the_planned_quiz_survives_a_restart(store: Store, tutor: Tutor, clock: FakeClock) -> None:
    tutor.choose_deck(STUDENT, "treaties")
    first = DailyQuiz(store, tutor, LONDON, clock).start(STUDENT)
    tutor.answer(STUDENT, "no idea")
    clock.advance(minutes=3)
    again = DailyQuiz(store, tutor, LONDON, clock)  # a new service on the same database
    step = again.after_answer(STUDENT)
    assert isinstance(step, QuizStep)
    assert (step.number, step.total) == (2, 3)
    assert step.asked.question.id != first.asked.question.id


@pytest.fixture
def wired(store: Store, clock: FakeClock) -> Services:
    return build_services(store, [small_deck()], clock, timezone=LONDON, marker=phrase_marker)


def test_in_a_wired_quiz_each_answer_or_skip_says_what_comes_next(wired: Services) -> None:
    tutor = wired.tutor
    tutor.choose_deck(STUDENT, "treaties")
    first = wired.daily_quiz.start(STUDENT)
    second = tutor.answer(STUDENT, "no idea").next_step
    assert isinstance(second, QuizStep)
    assert (second.number, second.total) == (2, 3)
    third = tutor.skip_to_next(STUDENT).next_step
    assert isinstance(third, QuizStep)
    assert third.number == 3
    assert len({first.asked.question.id, second.asked.question.id, third.asked.question.id}) == 3
    assert tutor.answer(STUDENT, "no idea").next_step == QuizDone(3)
    tutor.next_question(STUDENT)
    assert tutor.answer(STUDENT, "no idea").next_step is None  # no quiz running


def test_an_answer_handled_again_before_its_reply_went_brings_the_quiz_question_again(
    wired: Services,
) -> None:
    tutor = wired.tutor
    tutor.choose_deck(STUDENT, "treaties")
    wired.daily_quiz.start(STUDENT)
    marked = tutor.answer(STUDENT, "no idea", message_id=7)
    again = tutor.answer(STUDENT, "no idea", message_id=7)
    assert again.replayed
    assert again.next_step == marked.next_step
    tutor.record_reply(marked.attempt_id)
    assert tutor.answer(STUDENT, "no idea", message_id=7).next_step is None
