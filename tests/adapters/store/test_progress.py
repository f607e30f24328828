"""Attempts with their marks, stored once per message; FSRS cards with their due dates."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.fakes import START
from tutorbot.adapters.store import Attempt, MisconceptionMark, PointMark, Store

POINTS = (
    PointMark("neutral", "They would stay neutral", True, 0.93, "stay neutrel"),
    PointMark("boycott", "No boycott", False, 0.2, ""),
)


def add(
    store: Store, message_id: int | None, answer: str = "they'd stay neutrel 🙂", **kw: Any
) -> Attempt | None:
    values: dict[str, Any] = {
        "student_id": 5,
        "deck_id": "treaties",
        "question_id": "berlin",
        "answer": answer,
        "message_id": message_id,
        "points": POINTS,
        "misconceptions": (MisconceptionMark("alliance", "military alliance"),),
        "score": 0.5,
        "passed": False,
        "card_before": None,
        "now": START,
    }
    values.update(kw)
    return store.progress.add_attempt(**values)


@pytest.fixture(autouse=True)
def student(store: Store) -> None:
    store.students.enrol(5, "Ann", START)
    store.students.enrol(6, "Bob", START)


def test_an_attempt_keeps_the_answer_and_every_mark(store: Store) -> None:
    attempt = add(store, 100)
    assert attempt is not None
    assert store.progress.attempt(attempt.id) == attempt
    assert attempt.answer == "they'd stay neutrel 🙂"
    assert attempt.points == POINTS
    assert attempt.misconceptions == (MisconceptionMark("alliance", "military alliance"),)
    assert (attempt.score, attempt.passed, attempt.overridden, attempt.replied) == (
        0.5,
        False,
        False,
        False,
    )
    assert attempt.created_at == START


def test_the_same_message_is_stored_once(store: Store) -> None:
    first = add(store, 100)
    assert add(store, 100, answer="a different text") is None
    assert store.progress.attempts(5) == (first,)
    assert store.progress.attempt_for_message(5, 100) == first


def test_the_same_message_id_from_another_student_is_another_attempt(store: Store) -> None:
    add(store, 100)
    assert add(store, 100, student_id=6) is not None
    assert len(store.progress.attempts(5)) == len(store.progress.attempts(6)) == 1


def test_answers_without_message_id_are_all_stored(store: Store) -> None:
    add(store, None)
    add(store, None)
    assert len(store.progress.attempts(5)) == 2


def test_replied_and_overridden_flags_stick(store: Store) -> None:
    attempt = add(store, 100)
    assert attempt is not None
    assert store.progress.mark_replied(attempt.id)
    store.progress.mark_overridden(attempt.id)
    updated = store.progress.attempt(attempt.id)
    assert updated is not None
    assert updated.replied
    assert updated.overridden
    assert updated.counts_as_passed
    assert not store.progress.mark_replied(9999)


def test_unreplied_lists_a_students_chat_answers_not_replied_to_oldest_first(
    store: Store,
) -> None:
    replied, first, second = (add(store, message_id) for message_id in (100, 101, 102))
    add(store, None)  # the console's: no message to reply to
    add(store, 103, student_id=6)
    assert replied is not None
    store.progress.mark_replied(replied.id)
    assert store.progress.unreplied(5) == (first, second)
    assert second is not None
    store.progress.mark_replied(second.id)
    assert store.progress.unreplied(5) == (first,)


def test_decks_answered_most_recent_first_and_latest_attempt(store: Store) -> None:
    add(store, 1, deck_id="a")
    add(store, 2, deck_id="b")
    third = add(store, 3, deck_id="a")
    assert third is not None
    assert store.progress.decks_answered(5) == ("a", "b")
    assert store.progress.latest_attempt_id(5, "a", "berlin") == third.id
    assert store.progress.latest_attempt_id(5, "a", "other") is None
    assert [a.deck_id for a in store.progress.attempts(5, "b")] == ["b"]


def test_cards_are_replaced_and_listed_by_due_date(store: Store) -> None:
    store.progress.put_card(5, "treaties", "berlin", '{"v": 1}', START + timedelta(days=2))
    store.progress.put_card(5, "treaties", "rapallo", '{"v": 2}', START + timedelta(minutes=1))
    store.progress.put_card(5, "treaties", "berlin", '{"v": 3}', START + timedelta(days=3))
    store.progress.put_card(6, "treaties", "berlin", '{"v": 4}', START)

    assert [c.question_id for c in store.progress.cards(5, "treaties")] == ["rapallo", "berlin"]
    card = store.progress.card(5, "treaties", "berlin")
    assert card is not None
    assert (card.card_json, card.due) == ('{"v": 3}', START + timedelta(days=3))
    assert store.progress.due_dates(5, "treaties") == {
        "rapallo": START + timedelta(minutes=1),
        "berlin": START + timedelta(days=3),
    }
    assert store.progress.card(5, "treaties", "locarno") is None


def test_failed_questions_are_those_whose_latest_answer_failed(store: Store) -> None:
    add(store, 1, question_id="berlin", passed=False)
    add(store, 2, question_id="berlin", passed=True)
    add(store, 3, question_id="rapallo", passed=True)
    add(store, 4, question_id="rapallo", passed=False)
    add(store, 5, question_id="locarno", passed=False)
    overridden = add(store, 6, question_id="treaty", passed=False)
    add(store, 7, question_id="locarno", passed=False, student_id=6)
    add(store, 8, question_id="berlin", passed=False, deck_id="other")
    assert overridden is not None
    store.progress.mark_overridden(overridden.id)

    assert store.progress.failed_questions(5, "treaties") == {"rapallo", "locarno"}


def test_latest_results_and_misses_follow_answers_and_overrides(store: Store) -> None:
    missed_both = (
        PointMark("neutral", "neutral", False, 0.1, ""),
        PointMark("boycott", "No boycott", False, 0.2, ""),
    )
    add(store, 1, question_id="berlin", points=missed_both, passed=False)
    second = add(store, 2, question_id="berlin", points=POINTS, passed=False)
    add(store, 3, question_id="rapallo", points=(), passed=True)
    add(store, 4, question_id="berlin", points=missed_both, student_id=6)
    assert second is not None

    assert store.progress.latest_results(5, "treaties") == {"berlin": False, "rapallo": True}
    assert store.progress.point_misses(5, "treaties") == {
        ("berlin", "neutral"): 1,
        ("berlin", "boycott"): 2,
    }
    store.progress.mark_overridden(second.id)
    store.progress.mark_overridden(second.id)  # twice: counted once
    assert store.progress.latest_results(5, "treaties") == {"berlin": True, "rapallo": True}
    assert store.progress.point_misses(5, "treaties") == {
        ("berlin", "neutral"): 1,
        ("berlin", "boycott"): 1,
    }
    assert store.progress.failed_questions(5, "treaties") == frozenset()


def test_overriding_an_older_answer_keeps_the_latest_result(store: Store) -> None:
    first = add(store, 1, question_id="rapallo", points=(), passed=False)
    add(store, 2, question_id="rapallo", points=(), passed=False)
    assert first is not None
    store.progress.mark_overridden(first.id)
    assert store.progress.failed_questions(5, "treaties") == {"rapallo"}


def test_a_duplicate_message_changes_no_count(store: Store) -> None:
    add(store, 1)
    assert add(store, 1) is None
    assert store.progress.point_misses(5, "treaties") == {("berlin", "boycott"): 1}
