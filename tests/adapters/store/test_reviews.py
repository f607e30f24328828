"""The override review queue and teacher-accepted phrasings."""

from __future__ import annotations

from datetime import timedelta

from tests.fakes import START
from tutorbot.adapters.store import Store
from tutorbot.adapters.store.classes import Classes


def attempt(store: Store, student_id: int, deck_id: str = "treaties") -> int:
    store.students.ensure(student_id, START)
    added = store.progress.add_attempt(
        student_id=student_id,
        deck_id=deck_id,
        question_id="berlin",
        answer="they stayed out of it",
        message_id=None,
        points=(),
        misconceptions=(),
        score=0.0,
        passed=False,
        card_before=None,
        now=START,
    )
    assert added is not None
    return added.id


def test_an_override_is_queued_once_and_decided_once(store: Store) -> None:
    first, second = attempt(store, 5), attempt(store, 6, deck_id="other")
    store.reviews.queue(first, START)
    store.reviews.queue(first, START + timedelta(minutes=1))
    store.reviews.queue(second, START + timedelta(minutes=2))

    assert [r.attempt_id for r in store.reviews.pending()] == [first, second]
    assert [r.attempt_id for r in store.reviews.pending("other")] == [second]

    assert store.reviews.decide(first, "accepted", 42, START + timedelta(hours=1))
    assert not store.reviews.decide(first, "rejected", 43, START + timedelta(hours=2))
    review = store.reviews.get(first)
    assert review is not None
    assert (review.status, review.decided_by, review.decided_at) == (
        "accepted",
        42,
        START + timedelta(hours=1),
    )
    assert [r.attempt_id for r in store.reviews.pending()] == [second]


TEACHER_A, TEACHER_B = 900, 901


def in_class(store: Store, teacher_id: int, student_id: int) -> None:
    classes = Classes(store.db)
    klass = classes.named(teacher_id, f"c{teacher_id}") or classes.create(
        teacher_id, f"c{teacher_id}", f"CODE{teacher_id}", START
    )
    assert klass is not None
    store.students.ensure(student_id, START)
    classes.join(klass.id, student_id, START)


def test_phrasings_are_grouped_by_key_point_without_duplicates(store: Store) -> None:
    in_class(store, TEACHER_A, 5)
    reviews = store.reviews
    reviews.add_phrasing(TEACHER_A, "treaties", "berlin", "neutral", "stayed out of it", START)
    reviews.add_phrasing(TEACHER_A, "treaties", "berlin", "neutral", "kept out", START)
    reviews.add_phrasing(TEACHER_A, "treaties", "berlin", "neutral", "kept out", START)
    reviews.add_phrasing(TEACHER_A, "treaties", "berlin", "boycott", "kept trading", START)
    reviews.add_phrasing(TEACHER_A, "treaties", "rapallo", "year", "in 1922", START)

    assert reviews.phrasings("treaties", "berlin", 5) == {
        "neutral": ("stayed out of it", "kept out"),
        "boycott": ("kept trading",),
    }
    assert reviews.phrasings("treaties", "locarno", 5) == {}
    assert len(reviews.all_phrasings("treaties")) == 4


def test_a_phrasing_credits_only_students_of_the_accepting_teachers_classes(
    store: Store,
) -> None:
    in_class(store, TEACHER_A, 5)
    in_class(store, TEACHER_B, 6)
    in_class(store, TEACHER_B, 5)
    store.students.ensure(7, START)
    store.reviews.add_phrasing(TEACHER_B, "treaties", "berlin", "neutral", "kept out", START)
    store.reviews.add_phrasing(TEACHER_A, "treaties", "berlin", "neutral", "stayed out", START)
    store.reviews.add_phrasing(TEACHER_B, "treaties", "berlin", "neutral", "stayed out", START)

    assert store.reviews.phrasings("treaties", "berlin", 5) == {
        "neutral": ("kept out", "stayed out")
    }
    assert store.reviews.phrasings("treaties", "berlin", 6) == {
        "neutral": ("kept out", "stayed out")
    }
    assert store.reviews.phrasings("treaties", "berlin", 7) == {}
    assert [p.teacher_id for p in store.reviews.all_phrasings()] == [
        TEACHER_B,
        TEACHER_A,
        TEACHER_B,
    ]


def test_looking_up_phrasings_uses_indexes_not_a_scan(store: Store) -> None:
    plan = " | ".join(
        row[3]
        for row in store.connection.execute(
            "EXPLAIN QUERY PLAN SELECT point_id, phrasing FROM accepted_phrasings"
            " WHERE deck_id = ? AND question_id = ? AND teacher_id IN"
            " (SELECT c.teacher_id FROM class_members m JOIN classes c ON c.id = m.class_id"
            " WHERE m.student_id = ?) ORDER BY id",
            ("treaties", "berlin", 5),
        )
    )
    assert "SCAN accepted_phrasings" not in plan
    assert "SCAN m" not in plan
