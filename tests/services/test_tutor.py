"""The Tutor service, on a real temporary database with a fake clock.

Marking goes through ``phrase_marker`` (a key point is shown by one of its phrasings, word for
word) so that these tests are about asking, storing and scheduling, not about the marker.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import small_deck
from tests.fakes import FakeClock, phrase_marker
from tutorbot.adapters.store import Store
from tutorbot.adapters.store.classes import Classes
from tutorbot.core.deck import Deck
from tutorbot.core.errors import (
    EmptyDeck,
    NoDeckChosen,
    NoHint,
    NoPendingQuestion,
    UnknownAttempt,
    UnknownDeck,
    UnknownQuestion,
)
from tutorbot.core.records import Student
from tutorbot.services.tutor import Tutor

ANN, BOB = 11, 22
RIGHT = {
    "berlin": "they would stay neutral and no boycott",
    "rapallo": "in 1922",
    "locarno": "Germany turned west, the USSR isolated, eastern borders open",
}


def start(tutor: Tutor, student_id: int = ANN, deck_id: str = "treaties") -> None:
    tutor.enrol(student_id, "Ann")
    tutor.choose_deck(student_id, deck_id)


def reopen(db_path: Path, clock: FakeClock) -> Tutor:
    """A new tutor on a new connection to the same file: the bot restarted."""
    return Tutor(
        Store.open(db_path), [small_deck(), small_deck("treaties-2")], clock, marker=phrase_marker
    )


def test_decks_are_listed_and_found_by_id(tutor: Tutor) -> None:
    assert [d.id for d in tutor.decks] == ["treaties", "treaties-2"]
    assert tutor.deck("treaties-2").title == "Treaties of the 1920s"
    with pytest.raises(UnknownDeck):
        tutor.deck("nope")


def test_enrol_creates_updates_and_reactivates(tutor: Tutor, store: Store) -> None:
    assert tutor.enrol(ANN, "Ann") == Student(ANN, "Ann", None, True)
    tutor.choose_deck(ANN, "treaties")
    store.students.set_active(ANN, False)
    assert tutor.enrol(ANN, "Annie") == Student(ANN, "Annie", "treaties", True)


def test_choose_deck_sets_the_current_deck(tutor: Tutor) -> None:
    tutor.enrol(ANN, "Ann")
    assert tutor.current_deck(ANN) is None
    assert tutor.choose_deck(ANN, "treaties-2").id == "treaties-2"
    current = tutor.current_deck(ANN)
    assert current is not None
    assert current.id == "treaties-2"
    with pytest.raises(UnknownDeck):
        tutor.choose_deck(ANN, "nope")
    assert tutor.current_deck(ANN) == current


def test_choose_deck_works_for_a_student_never_enrolled(tutor: Tutor) -> None:
    tutor.choose_deck(BOB, "treaties")
    assert tutor.next_question(BOB).question.id == "berlin"


def test_next_question_needs_a_deck(tutor: Tutor) -> None:
    tutor.enrol(ANN, "Ann")
    with pytest.raises(NoDeckChosen):
        tutor.next_question(ANN)
    with pytest.raises(NoDeckChosen):
        tutor.next_question(BOB)


def test_the_pending_question_is_asked_again_even_after_a_restart(
    tutor: Tutor, db_path: Path, clock: FakeClock
) -> None:
    start(tutor)
    first = tutor.next_question(ANN)
    assert (first.question.id, first.repeated) == ("berlin", False)
    assert tutor.next_question(ANN).repeated

    restarted = reopen(db_path, clock)
    again = restarted.next_question(ANN)
    assert (again.question.id, again.repeated) == ("berlin", True)
    marked = restarted.answer(ANN, RIGHT["berlin"])
    assert marked.question.id == "berlin"


def test_changing_deck_drops_a_question_pending_from_the_other_deck(tutor: Tutor) -> None:
    start(tutor)
    tutor.next_question(ANN)
    tutor.choose_deck(ANN, "treaties")
    assert tutor.next_question(ANN).repeated
    tutor.choose_deck(ANN, "treaties-2")
    asked = tutor.next_question(ANN)
    assert (asked.deck.id, asked.repeated) == ("treaties-2", False)


def test_answer_without_a_pending_question_is_refused(tutor: Tutor) -> None:
    start(tutor)
    with pytest.raises(NoPendingQuestion):
        tutor.answer(ANN, "hello")
    tutor.next_question(ANN)
    tutor.answer(ANN, "hello")
    with pytest.raises(NoPendingQuestion):
        tutor.answer(ANN, "hello again")


def test_an_answer_is_marked_stored_and_clears_the_pending_question(
    tutor: Tutor, store: Store, clock: FakeClock
) -> None:
    start(tutor)
    tutor.next_question(ANN)
    marked = tutor.answer(ANN, "They'd STAY NEUTRAL 🙂", message_id=500)

    assert [p.hit for p in marked.verdict.points] == [True, False]
    assert marked.verdict.passed
    assert (marked.overridden, marked.replayed, marked.replied) == (False, False, False)
    [attempt] = store.progress.attempts(ANN)
    assert (attempt.id, attempt.answer, attempt.message_id) == (
        marked.attempt_id,
        "They'd STAY NEUTRAL 🙂",
        500,
    )
    assert [(p.id, p.hit, p.matched) for p in attempt.points] == [
        ("neutral", True, "stay neutral"),
        ("boycott", False, ""),
    ]
    assert store.students.pending(ANN) is None
    card = store.progress.card(ANN, "treaties", "berlin")
    assert card is not None
    assert card.due == clock.now + timedelta(minutes=5, seconds=30)  # passed, not all: Hard


def test_the_same_message_is_marked_once_and_replayed(tutor: Tutor, store: Store) -> None:
    start(tutor)
    tutor.next_question(ANN)
    first = tutor.answer(ANN, "1922? no idea", message_id=7)
    card = store.progress.card(ANN, "treaties", "berlin")
    tutor.next_question(ANN)

    again = tutor.answer(ANN, "1922? no idea", message_id=7)
    assert again.replayed
    assert not again.replied
    assert (again.attempt_id, again.verdict, again.answer) == (
        first.attempt_id,
        first.verdict,
        first.answer,
    )
    assert len(store.progress.attempts(ANN)) == 1
    assert store.progress.card(ANN, "treaties", "berlin") == card
    assert tutor.next_question(ANN).repeated  # the new pending question is still waiting

    tutor.record_reply(first.attempt_id)
    replayed = tutor.answer(ANN, "1922? no idea", message_id=7)
    assert replayed.replayed
    assert replayed.replied


def test_record_reply_of_an_unknown_attempt_is_refused(tutor: Tutor) -> None:
    with pytest.raises(UnknownAttempt):
        tutor.record_reply(404)


def test_a_teachers_accepted_phrasing_credits_their_students_only(
    tutor: Tutor, store: Store, clock: FakeClock
) -> None:
    classes = Classes(store.db)
    klass = classes.create(900, "9A", "CODE9A", clock())
    assert klass is not None
    for student in (ANN, BOB):
        start(tutor, student)
    classes.join(klass.id, ANN, clock())
    tutor.ask(ANN, "treaties", "berlin")
    assert not tutor.answer(ANN, "they kept out of any war").verdict.hit
    store.reviews.add_phrasing(900, "treaties", "berlin", "neutral", "kept out of any war", clock())

    tutor.ask(ANN, "treaties", "berlin")
    marked = tutor.answer(ANN, "they kept out of any war")
    assert [p.point.id for p in marked.verdict.hit] == ["neutral"]
    tutor.ask(BOB, "treaties", "berlin")
    assert not tutor.answer(BOB, "they kept out of any war").verdict.hit


def test_override_counts_the_attempt_as_passed_and_queues_it(
    tutor: Tutor, store: Store, clock: FakeClock
) -> None:
    start(tutor)
    tutor.next_question(ANN)
    wrong = tutor.answer(ANN, "they stayed out of it")
    assert tutor.progress(ANN)[0].passed == 0

    marked = tutor.override(ANN, wrong.attempt_id)
    assert marked.overridden
    assert marked.counts_as_passed
    assert not marked.verdict.passed  # the marks themselves stay as marked
    assert tutor.progress(ANN)[0].passed == 1
    assert [r.attempt_id for r in store.reviews.pending()] == [wrong.attempt_id]
    card = store.progress.card(ANN, "treaties", "berlin")
    assert card is not None
    assert card.due == clock.now + timedelta(minutes=10)  # rescheduled as Good, not Again

    assert tutor.override(ANN, wrong.attempt_id) == marked
    assert len(store.reviews.pending()) == 1


def test_override_only_of_your_own_existing_attempt(tutor: Tutor) -> None:
    start(tutor)
    tutor.next_question(ANN)
    marked = tutor.answer(ANN, "no idea")
    with pytest.raises(UnknownAttempt):
        tutor.override(BOB, marked.attempt_id)
    with pytest.raises(UnknownAttempt):
        tutor.override(ANN, marked.attempt_id + 1)
    assert not tutor.override(ANN, marked.attempt_id).replayed


def test_override_of_an_older_attempt_leaves_the_later_schedule(
    tutor: Tutor, store: Store, clock: FakeClock
) -> None:
    start(tutor)
    tutor.ask(ANN, "treaties", "rapallo")
    old = tutor.answer(ANN, "1921")
    clock.advance(minutes=2)
    tutor.ask(ANN, "treaties", "rapallo")
    tutor.answer(ANN, "1920")
    card = store.progress.card(ANN, "treaties", "rapallo")
    tutor.override(ANN, old.attempt_id)
    assert store.progress.card(ANN, "treaties", "rapallo") == card


def test_override_of_a_perfect_answer_is_not_sent_to_the_teacher(
    tutor: Tutor, store: Store
) -> None:
    start(tutor)
    tutor.ask(ANN, "treaties", "rapallo")
    marked = tutor.answer(ANN, "1922")
    assert tutor.override(ANN, marked.attempt_id).overridden
    assert store.reviews.pending() == ()


def test_hint(tutor: Tutor) -> None:
    start(tutor)
    with pytest.raises(NoPendingQuestion):
        tutor.hint(ANN)
    tutor.ask(ANN, "treaties", "berlin")
    assert tutor.hint(ANN) == "Think about neutrality and trade."
    tutor.ask(ANN, "treaties", "rapallo")
    with pytest.raises(NoHint):
        tutor.hint(ANN)


def test_a_skipped_question_is_not_asked_next_but_comes_back_soon(
    tutor: Tutor, store: Store
) -> None:
    start(tutor)
    with pytest.raises(NoPendingQuestion):
        tutor.skip(ANN)
    assert tutor.next_question(ANN).question.id == "berlin"
    assert tutor.skip(ANN).id == "berlin"
    assert store.students.pending(ANN) is None
    assert store.progress.attempts(ANN) == ()

    assert tutor.next_question(ANN).question.id == "rapallo"
    tutor.answer(ANN, RIGHT["rapallo"])
    assert tutor.next_question(ANN).question.id == "berlin"


def test_ask_a_given_question(tutor: Tutor) -> None:
    start(tutor)
    asked = tutor.ask(ANN, "treaties-2", "locarno")
    assert (asked.deck.id, asked.question.id, asked.repeated) == ("treaties-2", "locarno", False)
    assert tutor.next_question(ANN).question.id == "locarno"
    with pytest.raises(UnknownQuestion):
        tutor.ask(ANN, "treaties", "nope")


def test_failed_questions_come_back_before_passed_ones_after_a_restart(
    tutor: Tutor, db_path: Path, clock: FakeClock
) -> None:
    start(tutor)
    answers = {"berlin": RIGHT["berlin"], "rapallo": "no idea", "locarno": RIGHT["locarno"]}
    for _ in range(3):
        asked = tutor.next_question(ANN)
        tutor.answer(ANN, answers[asked.question.id])
        clock.advance(seconds=20)

    clock.advance(hours=8)  # next session: all three due, the failed one longest
    restarted = reopen(db_path, clock)
    assert restarted.next_question(ANN).question.id == "rapallo"


def test_a_failed_question_comes_before_a_passed_one_answered_earlier(
    tutor: Tutor, clock: FakeClock
) -> None:
    start(tutor)
    tutor.ask(ANN, "treaties", "berlin")
    tutor.answer(ANN, RIGHT["berlin"])
    clock.advance(minutes=20)
    tutor.ask(ANN, "treaties", "rapallo")
    tutor.answer(ANN, "no idea")
    tutor.ask(ANN, "treaties", "locarno")
    tutor.answer(ANN, RIGHT["locarno"])
    clock.advance(hours=2)  # all due; berlin the longest
    assert tutor.next_question(ANN).question.id == "rapallo"
    tutor.answer(ANN, RIGHT["rapallo"])
    assert tutor.next_question(ANN).question.id == "berlin"


def test_a_failed_question_comes_before_unseen_once_due_and_passed_ones_after(
    tutor: Tutor, clock: FakeClock
) -> None:
    start(tutor)
    tutor.next_question(ANN)
    tutor.answer(ANN, RIGHT["berlin"])  # passed: due in 10 minutes
    assert tutor.next_question(ANN).question.id == "rapallo"
    tutor.answer(ANN, "no idea")  # failed: due in 1 minute
    clock.advance(minutes=2)
    assert tutor.next_question(ANN).question.id == "locarno"  # rapallo was just asked
    tutor.answer(ANN, "no idea")
    clock.advance(minutes=2)
    assert tutor.next_question(ANN).question.id == "rapallo"  # due before the passed berlin


def test_plan_quiz_orders_what_the_student_needs(tutor: Tutor, clock: FakeClock) -> None:
    start(tutor)
    with pytest.raises(NoDeckChosen):
        tutor.plan_quiz(BOB, 3)
    tutor.ask(ANN, "treaties", "locarno")
    tutor.answer(ANN, "no idea")
    clock.advance(minutes=5)
    assert [q.id for q in tutor.plan_quiz(ANN, 2)] == ["locarno", "berlin"]
    assert len(tutor.plan_quiz(ANN, 3, "treaties-2")) == 3


def test_progress_counts_seen_passed_and_the_most_missed_points(tutor: Tutor) -> None:
    start(tutor)
    assert [(p.deck.id, p.seen, p.passed, p.total, p.most_missed) for p in tutor.progress(ANN)] == [
        ("treaties", 0, 0, 3, ())
    ]
    for question_id, text in [
        ("locarno", "turned west"),  # misses isolation, borders
        ("locarno", "isolated"),  # misses west, borders
        ("berlin", "stay neutral"),  # passes, misses boycott
        ("rapallo", "1922"),
        ("rapallo", "1923"),  # latest rapallo answer fails
    ]:
        tutor.ask(ANN, "treaties", question_id)
        tutor.answer(ANN, text)
    tutor.choose_deck(ANN, "treaties-2")
    tutor.ask(ANN, "treaties-2", "rapallo")
    tutor.answer(ANN, "1922")

    current, other = tutor.progress(ANN)
    assert (current.deck.id, current.seen, current.passed, current.total) == ("treaties-2", 1, 1, 3)
    assert (other.deck.id, other.seen, other.passed, other.total) == ("treaties", 3, 1, 3)
    assert [(p.id, n) for p, n in other.most_missed] == [
        ("borders", 2),
        ("boycott", 1),
        ("year", 1),
    ]


def test_progress_of_a_stranger_is_empty(tutor: Tutor) -> None:
    assert tutor.progress(BOB) == ()


def test_forget_deletes_the_student_and_keeps_the_others(tutor: Tutor, store: Store) -> None:
    for student in (ANN, BOB):
        start(tutor, student)
        tutor.next_question(student)
        marked = tutor.answer(student, "no idea", message_id=1)
        tutor.override(student, marked.attempt_id)
        tutor.next_question(student)

    tutor.forget(ANN)
    assert tutor.student(ANN) is None
    assert tutor.progress(ANN) == ()
    with pytest.raises(NoDeckChosen):
        tutor.next_question(ANN)
    assert len(store.reviews.pending()) == 1
    assert tutor.progress(BOB)[0].seen == 1
    assert tutor.next_question(BOB).repeated


def test_a_one_question_deck_asks_its_question_again(store: Store, clock: FakeClock) -> None:
    full = small_deck()
    single = Deck("single", "One question", full.questions[1:2])
    empty = Deck("empty", "No questions", ())
    tutor = Tutor(store, [single, empty], clock, marker=phrase_marker)
    tutor.choose_deck(ANN, "single")
    tutor.next_question(ANN)
    tutor.skip(ANN)
    assert tutor.next_question(ANN).question.id == "rapallo"
    tutor.answer(ANN, "1922")
    assert tutor.next_question(ANN).question.id == "rapallo"

    tutor.choose_deck(ANN, "empty")
    with pytest.raises(EmptyDeck):
        tutor.next_question(ANN)


def test_a_pending_question_whose_deck_was_removed_is_dropped(
    tutor: Tutor, store: Store, db_path: Path, clock: FakeClock
) -> None:
    start(tutor, deck_id="treaties-2")
    tutor.next_question(ANN)
    without = Tutor(Store.open(db_path), [small_deck()], clock, marker=phrase_marker)
    with pytest.raises(NoPendingQuestion):
        without.answer(ANN, "1922")
    with pytest.raises(NoDeckChosen):
        without.next_question(ANN)
    assert store.students.pending(ANN) is None


def test_an_answer_over_4096_characters_is_marked_on_its_start_and_kept_whole(
    tutor: Tutor, store: Store
) -> None:
    start(tutor)
    tutor.ask(ANN, "treaties", "rapallo")
    late = tutor.answer(ANN, "z" * 4096 + " in 1922")
    assert late.verdict.truncated
    assert not late.verdict.passed
    tutor.ask(ANN, "treaties", "rapallo")
    early = tutor.answer(ANN, "in 1922 " + "z" * 5000)
    assert early.verdict.passed
    assert store.progress.attempts(ANN)[-1].answer == "in 1922 " + "z" * 5000
    tutor.ask(ANN, "treaties", "rapallo")
    assert not tutor.answer(ANN, "in 1922 " + "z" * 4088).verdict.truncated
