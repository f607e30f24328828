"""The Tutor's record of which feedback reached the student: ``record_reply`` and
``unreplied``, the feedback a front end failed to send, to send it later and only once."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import small_deck
from tests.fakes import FakeClock, phrase_marker
from tutorbot.adapters.store import Store
from tutorbot.services.tutor import Tutor

ANN, BOB = 11, 22


def asked(tutor: Tutor, student_id: int, question_id: str = "rapallo") -> None:
    tutor.ask(student_id, "treaties", question_id)


def test_unreplied_gives_the_marked_answers_until_their_reply_is_recorded(tutor: Tutor) -> None:
    asked(tutor, ANN)
    first = tutor.answer(ANN, "in 1922", message_id=7)
    asked(tutor, ANN, "berlin")
    second = tutor.answer(ANN, "no idea", message_id=8)
    asked(tutor, BOB)
    tutor.answer(BOB, "in 1922", message_id=7)
    found = tutor.unreplied(ANN)
    assert [m.attempt_id for m in found] == [first.attempt_id, second.attempt_id]
    assert [(m.answer, m.verdict) for m in found] == [
        (first.answer, first.verdict),
        (second.answer, second.verdict),
    ]
    assert all(m.replayed and not m.replied for m in found)
    tutor.record_reply(first.attempt_id)
    assert [m.attempt_id for m in tutor.unreplied(ANN)] == [second.attempt_id]
    tutor.record_reply(second.attempt_id)
    assert tutor.unreplied(ANN) == ()


def test_answers_without_a_message_have_nothing_to_reply_to(tutor: Tutor) -> None:
    asked(tutor, ANN)
    tutor.answer(ANN, "in 1922")  # the console, a teacher's test data
    assert tutor.unreplied(ANN) == ()


def test_unreplied_leaves_out_answers_whose_deck_is_gone(
    tutor: Tutor, db_path: Path, clock: FakeClock
) -> None:
    tutor.ask(ANN, "treaties-2", "rapallo")
    tutor.answer(ANN, "in 1922", message_id=7)
    asked(tutor, ANN)
    kept = tutor.answer(ANN, "in 1922", message_id=8)
    with Store.open(db_path) as reopened:  # the bot restarted without that deck
        without = Tutor(reopened, [small_deck()], clock, marker=phrase_marker)
        assert [m.attempt_id for m in without.unreplied(ANN)] == [kept.attempt_id]
