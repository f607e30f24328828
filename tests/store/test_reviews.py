"""The override review queue and teacher-accepted phrasings."""

from __future__ import annotations

from datetime import timedelta

from tests.fakes import START
from tutorbot.store import Store


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


def test_phrasings_are_grouped_by_key_point_without_duplicates(store: Store) -> None:
    store.reviews.add_phrasing("treaties", "berlin", "neutral", "stayed out of it", START)
    store.reviews.add_phrasing("treaties", "berlin", "neutral", "kept out", START)
    store.reviews.add_phrasing("treaties", "berlin", "neutral", "kept out", START)
    store.reviews.add_phrasing("treaties", "berlin", "boycott", "kept trading", START)
    store.reviews.add_phrasing("treaties", "rapallo", "year", "in 1922", START)

    assert store.reviews.phrasings("treaties", "berlin") == {
        "neutral": ("stayed out of it", "kept out"),
        "boycott": ("kept trading",),
    }
    assert store.reviews.phrasings("treaties", "locarno") == {}
    assert len(store.reviews.all_phrasings("treaties")) == 4
