"""DeckLibrary with a real temporary SQLite database: upload, update, scoping, refusals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.deck_files import (
    BOMB,
    EXAMPLE_DISAGREES,
    TWO_PROBLEMS,
    VOLCANOES,
    VOLCANOES_UPDATED,
    many_questions,
)
from tutorbot.adapters.store import Store
from tutorbot.adapters.store.classes import Classes
from tutorbot.core.errors import ContentError, DeckRefused, NoPendingQuestion, UnknownDeck
from tutorbot.services.deck_library import MAX_BYTES, check_deck_file, draft_file
from tutorbot.services.tutor import Tutor

TEACHER, OTHER_TEACHER, STUDENT, STRANGER = 900, 901, 1001, 1002


@pytest.fixture
def teaching(tutor: Tutor, store: Store, clock: object) -> Tutor:
    """TEACHER has a class with STUDENT in it; STRANGER is in no class."""
    classes = Classes(store.db)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    klass = classes.create(TEACHER, "9B", "CODE123456", now)
    assert klass is not None
    tutor.enrol(STUDENT, "Student")
    classes.join(klass.id, STUDENT, now)
    return tutor


def test_a_valid_deck_is_installed_with_its_questions(teaching: Tutor) -> None:
    installed = teaching.library.upload(TEACHER, "volcanoes.yaml", VOLCANOES.encode())
    assert installed.deck.title == "Volcanoes"
    assert [q.id for q in installed.deck.questions] == ["magma", "lava"]
    assert not installed.updated
    assert teaching.deck("volcanoes").title == "Volcanoes"


def test_every_problem_comes_back_with_its_line_and_nothing_is_installed(teaching: Tutor) -> None:
    with pytest.raises(ContentError) as caught:
        teaching.library.upload(TEACHER, "broken.yaml", TWO_PROBLEMS.encode())
    assert [(p.file, p.line) for p in caught.value.problems] == [
        ("broken.yaml", 3),  # colour: red
        ("broken.yaml", 13),  # pass: lots
    ]
    with pytest.raises(UnknownDeck):
        teaching.deck("broken")


def test_examples_are_run_as_tutorbot_check_runs_them(teaching: Tutor) -> None:
    with pytest.raises(ContentError) as caught:
        teaching.library.upload(TEACHER, "disagrees.yaml", EXAMPLE_DISAGREES.encode())
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("disagrees.yaml", 11)
    assert "expected [a]" in problem.message


def test_uploaded_decks_are_seen_by_the_teacher_and_their_students_only(teaching: Tutor) -> None:
    teaching.library.upload(TEACHER, "volcanoes.yaml", VOLCANOES.encode())
    bundled = [d.id for d in teaching.decks]
    assert [d.id for d in teaching.decks_for(TEACHER)] == [*bundled, "volcanoes"]
    assert [d.id for d in teaching.decks_for(STUDENT)] == [*bundled, "volcanoes"]
    assert [d.id for d in teaching.decks_for(STRANGER)] == bundled
    with pytest.raises(UnknownDeck):
        teaching.choose_deck(STRANGER, "volcanoes")
    assert teaching.choose_deck(STUDENT, "volcanoes").id == "volcanoes"


def test_an_update_keeps_progress_on_remaining_questions_and_drops_removed_ones(
    teaching: Tutor,
) -> None:
    teaching.library.upload(TEACHER, "volcanoes.yaml", VOLCANOES.encode())
    teaching.ask(STUDENT, "volcanoes", "magma")
    teaching.answer(STUDENT, "molten rock")
    teaching.ask(STUDENT, "volcanoes", "lava")
    installed = teaching.library.upload(TEACHER, "volcanoes.yaml", VOLCANOES_UPDATED.encode())
    assert installed.updated
    assert teaching.deck("volcanoes").title == "Volcanoes and plates"
    [progress] = teaching.progress(STUDENT)
    assert progress.deck.id == "volcanoes"
    assert teaching.store.progress.latest_results(STUDENT, "volcanoes")  # the magma answer
    teaching.choose_deck(STUDENT, "volcanoes")
    asked = {teaching.next_question(STUDENT).question.id}  # the pending "lava" is dropped
    assert asked <= {"magma", "plates"}
    assert "lava" not in {q.id for q in teaching.plan_quiz(STUDENT, 5, "volcanoes")}


def test_an_id_used_by_a_bundled_deck_or_another_teacher_is_refused(teaching: Tutor) -> None:
    bundled = VOLCANOES.replace("id: volcanoes", f"id: {teaching.decks[0].id}")
    with pytest.raises(DeckRefused, match="comes with the bot"):
        teaching.library.upload(TEACHER, "mine.yaml", bundled.encode())
    teaching.library.upload(TEACHER, "volcanoes.yaml", VOLCANOES.encode())
    with pytest.raises(DeckRefused, match="another teacher's deck"):
        teaching.library.upload(OTHER_TEACHER, "volcanoes.yaml", VOLCANOES_UPDATED.encode())
    assert teaching.deck("volcanoes").title == "Volcanoes"


def test_a_removed_deck_is_no_longer_seen_or_asked(teaching: Tutor) -> None:
    teaching.library.upload(TEACHER, "volcanoes.yaml", VOLCANOES.encode())
    teaching.ask(STUDENT, "volcanoes", "magma")
    with pytest.raises(UnknownDeck):
        teaching.library.remove(OTHER_TEACHER, "volcanoes")
    teaching.library.remove(TEACHER, "volcanoes")
    assert "volcanoes" not in {d.id for d in teaching.decks_for(STUDENT)}
    assert teaching.library.decks_of(TEACHER) == ()
    with pytest.raises(UnknownDeck):
        teaching.library.deck_file(TEACHER, "volcanoes")
    with pytest.raises(NoPendingQuestion):
        teaching.answer(STUDENT, "molten rock")


def test_another_process_sees_an_upload_without_a_restart(
    teaching: Tutor, store: Store, clock: object
) -> None:
    other = Tutor(store, teaching.decks, teaching.clock)
    assert other.decks_for(STUDENT) == teaching.decks
    teaching.library.upload(TEACHER, "volcanoes.yaml", VOLCANOES.encode())
    assert other.deck("volcanoes").title == "Volcanoes"
    teaching.library.upload(TEACHER, "volcanoes.yaml", VOLCANOES_UPDATED.encode())
    assert other.deck("volcanoes").title == "Volcanoes and plates"


def test_mydecks_and_deckfile_give_the_teachers_decks_and_their_yaml(teaching: Tutor) -> None:
    teaching.library.upload(TEACHER, "volcanoes.yaml", VOLCANOES.encode())
    [mine] = teaching.library.decks_of(TEACHER)
    assert (mine.deck.id, mine.classes) == ("volcanoes", ("9B",))
    assert teaching.library.decks_of(OTHER_TEACHER) == ()
    found = teaching.library.deck_file(TEACHER, "volcanoes")
    assert (found.file_name, found.text) == ("volcanoes.yaml", VOLCANOES)
    with pytest.raises(UnknownDeck):
        teaching.library.deck_file(OTHER_TEACHER, "volcanoes")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"x" * (MAX_BYTES + 1), "up to 1 MB"),
        ("title: Caf\u00e9\n".encode("latin-1"), r"not UTF-8 text \(line 1\)"),
        (BOMB.encode(), "expand to more than"),
        (many_questions(501).encode(), "501 questions: a deck holds at most 500"),
    ],
)
def test_files_too_big_not_utf8_bombs_and_huge_decks_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(DeckRefused, match=message):
        check_deck_file(data, "deck.yaml")


def test_a_deck_of_500_questions_is_taken() -> None:
    deck, _ = check_deck_file(many_questions(500).encode(), "many.yaml")
    assert len(deck.questions) == 500


def test_notes_become_a_draft_deck_that_installs(teaching: Tutor) -> None:
    notes = "# Volcanoes\n\n- Magma is molten rock below the surface\n- Lava is magma that erupts\n"
    drafted = draft_file(notes.encode(), "Volcano notes.md")
    assert drafted.file_name == "volcano-notes.yaml"
    installed = teaching.library.upload(TEACHER, drafted.file_name, drafted.text.encode())
    assert installed.deck.id == "volcano-notes"
    assert installed.deck.questions
