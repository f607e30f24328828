"""Forgetting a student deletes all of their data and nothing of anyone else's."""

from __future__ import annotations

from tests.fakes import START
from tutorbot.adapters.store import PointMark, Store


def fill(store: Store, student_id: int) -> int:
    store.students.enrol(student_id, f"student {student_id}", START)
    store.students.set_pending(student_id, "treaties", "berlin", START)
    store.progress.put_card(student_id, "treaties", "berlin", "{}", START)
    attempt = store.progress.add_attempt(
        student_id=student_id,
        deck_id="treaties",
        question_id="berlin",
        answer=f"answer of {student_id}",
        message_id=1,
        points=(PointMark("neutral", "neutral", False, 0.0, ""),),
        misconceptions=(),
        score=0.0,
        passed=False,
        card_before=None,
        now=START,
    )
    assert attempt is not None
    store.reviews.queue(attempt.id, START)
    return attempt.id


def counts(store: Store, student_id: int) -> dict[str, int]:
    c = store.connection
    return {
        "students": c.execute(
            "SELECT count(*) FROM students WHERE id = ?", (student_id,)
        ).fetchone()[0],
        "pending": c.execute(
            "SELECT count(*) FROM pending_questions WHERE student_id = ?", (student_id,)
        ).fetchone()[0],
        "attempts": c.execute(
            "SELECT count(*) FROM attempts WHERE student_id = ?", (student_id,)
        ).fetchone()[0],
        "cards": c.execute(
            "SELECT count(*) FROM cards WHERE student_id = ?", (student_id,)
        ).fetchone()[0],
        "results": c.execute(
            "SELECT count(*) FROM question_results WHERE student_id = ?", (student_id,)
        ).fetchone()[0],
        "misses": c.execute(
            "SELECT count(*) FROM point_misses WHERE student_id = ?", (student_id,)
        ).fetchone()[0],
        "reviews": c.execute(
            "SELECT count(*) FROM override_reviews r JOIN attempts a ON a.id = r.attempt_id"
            " WHERE a.student_id = ?",
            (student_id,),
        ).fetchone()[0],
    }


def test_forget_deletes_all_of_that_student_incl_phrasings_and_nothing_else(store: Store) -> None:
    forgotten = fill(store, 5)
    fill(store, 6)
    store.reviews.add_phrasing(
        900, "treaties", "berlin", "neutral", "answer of 5", START, forgotten
    )
    store.reviews.add_phrasing(900, "treaties", "berlin", "neutral", "teacher's own", START, None)

    store.students.delete(5)

    assert set(counts(store, 5).values()) == {0}
    assert counts(store, 6) == {
        "students": 1,
        "pending": 1,
        "attempts": 1,
        "cards": 1,
        "results": 1,
        "misses": 1,
        "reviews": 1,
    }
    assert store.connection.execute("SELECT count(*) FROM override_reviews").fetchone()[0] == 1
    # the student's words go with them; phrasings not taken from their answers stay
    assert [p.phrasing for p in store.reviews.all_phrasings()] == ["teacher's own"]


def test_forgetting_an_unknown_student_is_harmless(store: Store) -> None:
    fill(store, 6)
    store.students.delete(5)
    assert counts(store, 6)["attempts"] == 1
