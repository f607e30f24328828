from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from tests.fakes import FakeClock
from tutorbot.adapters.chart import missed_points_chart
from tutorbot.adapters.store import Store
from tutorbot.adapters.store.outbox import Outbox
from tutorbot.core.errors import (
    ClassExists,
    InvalidClassName,
    InvalidJoinCode,
    MessageTooLong,
    TeachersOnly,
    UnknownAttempt,
    UnknownClass,
    UnknownDeck,
    UnknownQuestion,
)
from tutorbot.services.classroom import (
    JOIN_ALPHABET,
    Classroom,
    new_join_code,
)
from tutorbot.services.tutor import Tutor

TEACHER, OTHER_TEACHER, STUDENT = 500, 501, 1001
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def classroom(store: Store, tutor: Tutor, clock: FakeClock) -> Classroom:
    return Classroom(store, tutor, frozenset({TEACHER, OTHER_TEACHER}), clock, missed_points_chart)


def test_join_codes_are_long_random_and_unambiguous() -> None:
    codes = {new_join_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) >= 8
        assert set(code) <= set(JOIN_ALPHABET)
        assert not set(code) & set("0O1IL")


def test_join_code_uses_the_injected_randomness() -> None:
    assert new_join_code(lambda alphabet: alphabet[-1]) == "9" * 10


def test_teacher_creates_a_class_and_students_join_with_its_code(classroom: Classroom) -> None:
    klass = classroom.new_class(TEACHER, "9B")
    joined = classroom.join(
        STUDENT, "Ann", f" {klass.join_code.lower()[:5]}-{klass.join_code[5:]} "
    )
    assert joined == klass
    classroom.join(STUDENT, "Ann", klass.join_code)  # twice: still one member
    (size,) = classroom.classes(TEACHER)
    assert (size.klass.name, size.members) == ("9B", 1)


@pytest.mark.parametrize("code", ["", "NOPE", "ABCDEFGHJK", "' OR 1=1 --"])
def test_a_wrong_join_code_says_so_and_joins_nothing(classroom: Classroom, code: str) -> None:
    classroom.new_class(TEACHER, "9B")
    with pytest.raises(InvalidJoinCode, match="not a join code"):
        classroom.join(STUDENT, "Ann", code)
    assert classroom.classes(TEACHER)[0].members == 0


@pytest.mark.parametrize("name", ["", "two words", "x" * 33, "<b>", "9B;DROP"])
def test_class_names_are_one_short_word(classroom: Classroom, name: str) -> None:
    with pytest.raises(InvalidClassName):
        classroom.new_class(TEACHER, name)


def test_duplicate_class_name_is_refused(classroom: Classroom) -> None:
    classroom.new_class(TEACHER, "9B")
    with pytest.raises(ClassExists):
        classroom.new_class(TEACHER, "9b")
    assert classroom.new_class(OTHER_TEACHER, "9B").teacher_id == OTHER_TEACHER


def teacher_actions(classroom: Classroom, user: int) -> list[Callable[[], object]]:
    return [
        lambda: classroom.new_class(user, "7A"),
        lambda: classroom.classes(user),
        lambda: classroom.broadcast(user, "9B", "hello"),
        lambda: classroom.push(user, "9B", "treaties", None),
        lambda: classroom.report(user, "9B"),
        lambda: classroom.overrides(user, "9B"),
        lambda: classroom.review(user, 1, True),
    ]


@pytest.mark.parametrize("action", range(7))
def test_non_teachers_get_teachers_only_and_nothing_changes(
    classroom: Classroom, store: Store, action: int
) -> None:
    classroom.new_class(TEACHER, "9B")
    before = store.connection.execute("SELECT count(*) FROM classes").fetchone()[0]
    with pytest.raises(TeachersOnly, match="teachers only"):
        teacher_actions(classroom, STUDENT)[action]()
    assert store.connection.execute("SELECT count(*) FROM classes").fetchone()[0] == before
    assert Outbox(store.db).counts().total == 0


def test_a_teacher_cannot_reach_another_teachers_class(classroom: Classroom) -> None:
    classroom.new_class(TEACHER, "9B")
    with pytest.raises(UnknownClass):
        classroom.broadcast(OTHER_TEACHER, "9B", "hello")


def test_broadcast_queues_one_message_per_member_and_counts_blocked_ones(
    classroom: Classroom, store: Store
) -> None:
    klass = classroom.new_class(TEACHER, "9B")
    for student in range(2000, 2005):
        classroom.join(student, "s", klass.join_code)
    store.students.set_active(2004, False)
    started = classroom.broadcast(TEACHER, "9b", "Test on Friday <b>")
    assert (started.queued, started.inactive) == (4, 1)
    counts = Outbox(store.db).counts(started.broadcast_id)
    assert (counts.queued, counts.blocked) == (4, 1)
    assert "Test on Friday <b>" in (Outbox(store.db).queued(1)[0].text or "")


def test_a_broadcast_too_long_for_telegram_is_refused_before_queueing(
    classroom: Classroom, store: Store
) -> None:
    klass = classroom.new_class(TEACHER, "9B")
    classroom.join(STUDENT, "s", klass.join_code)
    with pytest.raises(MessageTooLong, match="at most 4096"):
        classroom.broadcast(TEACHER, "9B", "x" * 4080)
    assert Outbox(store.db).counts().total == 0
    assert classroom.broadcast(TEACHER, "9B", "x" * 4000).queued == 1


@pytest.mark.parametrize(
    ("deck_id", "question", "error"),
    [("nope", None, UnknownDeck), ("treaties", "nope", UnknownQuestion)],
)
def test_push_of_an_unknown_deck_or_question_queues_nothing(
    classroom: Classroom,
    store: Store,
    deck_id: str,
    question: str | None,
    error: type[Exception],
) -> None:
    klass = classroom.new_class(TEACHER, "9B")
    classroom.join(STUDENT, "s", klass.join_code)
    with pytest.raises(error):
        classroom.push(TEACHER, "9B", deck_id, question)
    assert Outbox(store.db).counts().total == 0


def test_report_covers_members_only(classroom: Classroom, tutor: Tutor, clock: FakeClock) -> None:
    klass = classroom.new_class(TEACHER, "9B")
    for student in (2000, 2001):
        classroom.join(student, "s", klass.join_code)
        tutor.choose_deck(student, "treaties")
        tutor.ask(student, "treaties", "berlin")
        tutor.answer(student, "they would stay neutral" if student == 2000 else "no idea")
    tutor.choose_deck(3000, "treaties")  # not in the class
    tutor.ask(3000, "treaties", "rapallo")
    tutor.answer(3000, "no idea")
    clock.advance(hours=1)
    view = classroom.report(TEACHER, "9B")
    report = view.report
    assert (report.size, report.active, report.answers) == (2, 2, 2)
    assert [(s.deck.id, s.average) for s in report.deck_scores] == [("treaties", 0.25)]
    assert [(m.point.id, m.misses) for m in report.most_missed] == [("boycott", 2), ("neutral", 1)]
    assert view.chart_png.startswith(b"\x89PNG")


def test_accepted_override_teaches_the_marker(classroom: Classroom, tutor: Tutor) -> None:
    klass = classroom.new_class(TEACHER, "9B")
    classroom.join(STUDENT, "Ann", klass.join_code)
    tutor.choose_deck(STUDENT, "treaties")
    tutor.ask(STUDENT, "treaties", "rapallo")
    marked = tutor.answer(STUDENT, "nineteen twenty-two")
    assert not marked.verdict.passed
    tutor.override(STUDENT, marked.attempt_id)
    (item,) = classroom.overrides(TEACHER, "9B")
    assert (item.student_name, [p.id for p in item.missed]) == ("Ann", ["year"])
    with pytest.raises(UnknownAttempt):
        classroom.review(OTHER_TEACHER, marked.attempt_id, True)
    outcome = classroom.review(TEACHER, marked.attempt_id, True)
    assert (outcome.accepted, outcome.changed) == (True, True)
    assert not classroom.review(TEACHER, marked.attempt_id, False).changed
    assert classroom.overrides(TEACHER, "9B") == ()
    classroom.join(3000, "Cy", klass.join_code)
    tutor.ask(3000, "treaties", "rapallo")
    assert tutor.answer(3000, "It was nineteen twenty-two").verdict.passed


def test_an_accepted_phrasing_does_not_credit_another_teachers_class(
    classroom: Classroom, tutor: Tutor
) -> None:
    klass = classroom.new_class(TEACHER, "9B")
    other = classroom.new_class(OTHER_TEACHER, "7C")
    classroom.join(STUDENT, "Ann", klass.join_code)
    classroom.join(3000, "Cy", other.join_code)
    tutor.ask(STUDENT, "treaties", "rapallo")
    marked = tutor.answer(STUDENT, "nineteen twenty-two")
    tutor.override(STUDENT, marked.attempt_id)
    assert classroom.review(TEACHER, marked.attempt_id, True).accepted

    tutor.ask(3000, "treaties", "rapallo")
    assert not tutor.answer(3000, "It was nineteen twenty-two").verdict.passed
    tutor.ask(3001, "treaties", "rapallo")
    assert not tutor.answer(3001, "It was nineteen twenty-two").verdict.passed


def test_rejected_override_adds_no_phrasing(classroom: Classroom, tutor: Tutor) -> None:
    klass = classroom.new_class(TEACHER, "9B")
    classroom.join(STUDENT, "Ann", klass.join_code)
    tutor.ask(STUDENT, "treaties", "rapallo")
    marked = tutor.answer(STUDENT, "nineteen twenty-two")
    tutor.override(STUDENT, marked.attempt_id)
    assert not classroom.review(TEACHER, marked.attempt_id, False).accepted
    tutor.ask(3000, "treaties", "rapallo")
    assert not tutor.answer(3000, "nineteen twenty-two").verdict.passed
