"""Students, current deck, pending question: stored, updated, surviving a reopen."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.fakes import START
from tutorbot.adapters.store import Pending, Store, Student


def test_enrol_creates_then_updates_and_reactivates(store: Store) -> None:
    assert store.students.enrol(5, "Ann", START) == Student(5, "Ann", None, True)
    store.students.set_deck(5, "treaties")
    store.students.set_active(5, False)
    assert store.students.get(5) == Student(5, "Ann", "treaties", False)

    again = store.students.enrol(5, "Ann B", START + timedelta(days=1))
    assert again == Student(5, "Ann B", "treaties", True)


def test_ensure_keeps_an_existing_student_as_is(store: Store) -> None:
    store.students.enrol(5, "Ann", START)
    store.students.ensure(5, START)
    store.students.ensure(6, START)
    assert store.students.get(5) == Student(5, "Ann", None, True)
    assert store.students.get(6) == Student(6, "", None, True)


def test_all_lists_students_and_can_leave_out_inactive_ones(store: Store) -> None:
    for student_id in (3, 1, 2):
        store.students.enrol(student_id, f"s{student_id}", START)
    store.students.set_active(2, False)
    assert [s.id for s in store.students.all()] == [1, 2, 3]
    assert [s.id for s in store.students.all(active_only=True)] == [1, 3]


def test_pending_question_is_replaced_cleared_and_survives_reopening(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.students.enrol(5, "Ann", START)
        store.students.set_pending(5, "treaties", "berlin", START)
        store.students.set_pending(5, "treaties", "rapallo", START + timedelta(minutes=1))

    with Store.open(db_path) as store:
        assert store.students.pending(5) == Pending(
            5, "treaties", "rapallo", START + timedelta(minutes=1)
        )
        store.students.clear_pending(5)
        assert store.students.pending(5) is None


def test_last_question_is_remembered(store: Store) -> None:
    store.students.enrol(5, "Ann", START)
    assert store.students.last_question(5) is None
    store.students.set_last_question(5, "treaties", "berlin")
    assert store.students.last_question(5) == ("treaties", "berlin")
