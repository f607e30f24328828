"""The tutor service: the one object both front ends (console, bot) call.

It asks questions, marks answers, keeps progress and schedules reviews; front ends only
parse input and format what it returns. Its values live in tutorbot.core.tutoring.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace
from typing import Protocol

from tutorbot.core import scheduling
from tutorbot.core.clock import Clock
from tutorbot.core.deck import Deck, Question
from tutorbot.core.errors import (
    EmptyDeck,
    NoDeckChosen,
    NoHint,
    NoPendingQuestion,
    UnknownDeck,
    UnknownQuestion,
)
from tutorbot.core.marking import mark
from tutorbot.core.records import Student
from tutorbot.core.tutoring import (
    Asked,
    DeckProgress,
    Marked,
    Marker,
    QuizDone,
    QuizStep,
    Skipped,
    deck_progress,
)
from tutorbot.services.answer_book import AnswerBook
from tutorbot.services.deck_library import DeckLibrary
from tutorbot.services.ports import TutorStore

logger = logging.getLogger(__name__)


class QuizContinuation(Protocol):
    """What comes after an answer or a skip: the daily quiz (tutorbot.services.daily_quiz)."""

    def after_answer(self, student_id: int) -> QuizStep | QuizDone | None: ...

    def resumed(self, student_id: int, deck_id: str, question_id: str) -> QuizStep | None: ...


class Tutor:
    def __init__(
        self,
        store: TutorStore,
        decks: Iterable[Deck],
        clock: Clock,
        *,
        marker: Marker = mark,
        library: DeckLibrary | None = None,
    ) -> None:
        self._store = store
        self._decks = tuple(decks)
        self._by_id = {deck.id: deck for deck in self._decks}
        self._clock = clock
        self._mark = marker
        self._library = library or DeckLibrary(store.uploaded_decks, self._decks, clock)
        self._quiz: QuizContinuation | None = None
        self._book = AnswerBook(store, self.deck, clock, marker)

    def continue_quizzes_with(self, quiz: QuizContinuation) -> None:
        """From now on ``answer`` and ``skip_to_next`` say what comes next in a daily quiz
        (the wiring's: the quiz is built on this Tutor)."""
        self._quiz = quiz

    @property
    def decks(self) -> tuple[Deck, ...]:
        """The bundled decks, everyone's."""
        return self._decks

    @property
    def library(self) -> DeckLibrary:
        """The decks teachers uploaded."""
        return self._library

    def decks_for(self, user_id: int) -> tuple[Deck, ...]:
        """The bundled decks, then the uploaded decks of the user and of their teachers."""
        return self._decks + self._library.visible(user_id)

    def visible_deck(self, user_id: int, deck_id: str) -> Deck:
        """The deck, if ``user_id`` may see it (``UnknownDeck`` otherwise)."""
        deck = self.deck(deck_id)
        if deck.id not in self._by_id and all(
            d.id != deck.id for d in self._library.visible(user_id)
        ):
            raise UnknownDeck(deck_id)
        return deck

    @property
    def store(self) -> TutorStore:
        """The store it was built on (tests wiring a bot around a Tutor they built)."""
        return self._store

    @property
    def clock(self) -> Clock:
        """The clock it was built with (as ``store``)."""
        return self._clock

    def deck(self, deck_id: str) -> Deck:
        deck = self._find(deck_id)
        if deck is None:
            raise UnknownDeck(deck_id)
        return deck

    def _find(self, deck_id: str) -> Deck | None:
        return self._by_id.get(deck_id) or self._library.get(deck_id)

    def enrol(self, student_id: int, name: str) -> Student:
        return self._store.students.enrol(student_id, name, self._clock())

    def student(self, student_id: int) -> Student | None:
        return self._store.students.get(student_id)

    def choose_deck_by_key(self, student_id: int, key: str) -> Deck:
        """``choose_deck`` by ``Deck.short_key`` (a button whose deck id is too long for
        Telegram's callback data); ``UnknownDeck`` when no deck of ``decks_for`` has it."""
        for deck in self.decks_for(student_id):
            if deck.short_key == key:
                return self._choose(student_id, deck)
        raise UnknownDeck("")

    def choose_deck(self, student_id: int, deck_id: str) -> Deck:
        return self._choose(student_id, self.visible_deck(student_id, deck_id))

    def _choose(self, student_id: int, deck: Deck) -> Deck:
        students = self._store.students
        with self._store.transaction():
            students.ensure(student_id, self._clock())
            students.set_deck(student_id, deck.id)
            pending = students.pending(student_id)
            if pending is not None and pending.deck_id != deck.id:
                students.clear_pending(student_id)
        return deck

    def current_deck(self, student_id: int) -> Deck | None:
        student = self._store.students.get(student_id)
        if student is None or student.deck_id is None:
            return None
        return self._find(student.deck_id)

    def next_question(self, student_id: int) -> Asked:
        pending = self._pending(student_id)
        if pending is not None:
            return Asked(pending[0], pending[1], repeated=True)
        deck = self.current_deck(student_id)
        if deck is None:
            raise NoDeckChosen()
        question = self._pick(student_id, deck)
        return self.ask(student_id, deck.id, question.id)

    def ask(self, student_id: int, deck_id: str, question_id: str) -> Asked:
        """Make this question the pending one (a teacher's push, the daily quiz)."""
        deck = self.deck(deck_id)
        question = deck.question(question_id)
        now = self._clock()
        with self._store.transaction():
            self._store.students.ensure(student_id, now)
            self._store.students.set_pending(student_id, deck.id, question.id, now)
        return Asked(deck, question, repeated=False)

    def plan_quiz(
        self, student_id: int, n: int, deck_id: str | None = None
    ) -> tuple[Question, ...]:
        """The ``n`` questions the student most needs now, in order (for a daily quiz)."""
        deck = self.deck(deck_id) if deck_id is not None else self.current_deck(student_id)
        if deck is None:
            raise NoDeckChosen()
        due = self._store.progress.due_dates(student_id, deck.id)
        failed = self._store.progress.failed_questions(student_id, deck.id)
        return scheduling.pick_many(deck.questions, due, self._clock(), n, failed=failed)

    def answer(self, student_id: int, text: str, *, message_id: int | None = None) -> Marked:
        """Mark the answer to the pending question, store it and reschedule the question; the
        result says what comes next (``Marked.next_step``). The same message again (after a
        restart) is not marked twice."""
        marked = self._answer(student_id, text, message_id)
        next_step = self._next_step(student_id)
        if next_step is None and marked.replayed and not marked.replied and self._quiz:
            # handled again before its reply went: the quiz question asked then never went
            next_step = self._quiz.resumed(student_id, marked.deck.id, marked.question.id)
        return replace(marked, next_step=next_step)

    def _answer(self, student_id: int, text: str, message_id: int | None) -> Marked:
        if message_id is not None:
            earlier = self._book.for_message(student_id, message_id)
            if earlier is not None:
                return earlier
        pending = self._pending(student_id)
        if pending is None:
            raise NoPendingQuestion()
        deck, question = pending
        return self._book.record(student_id, deck, question, text, message_id)

    def record_reply(self, attempt_id: int) -> None:
        """The front end delivered the feedback on this attempt: ``unreplied`` drops it."""
        self._book.record_reply(attempt_id)

    def unreplied(self, student_id: int) -> tuple[Marked, ...]:
        """Answers marked and stored whose feedback was never delivered (sending it failed),
        oldest first: the bot sends each before anything else, then calls ``record_reply``."""
        return self._book.unreplied(student_id)

    def override(self, student_id: int, attempt_id: int) -> Marked:
        """The student says they were right: the attempt counts as passed, a teacher reviews it."""
        return self._book.override(student_id, attempt_id)

    def hint(self, student_id: int) -> str:
        pending = self._pending(student_id)
        if pending is None:
            raise NoPendingQuestion()
        question = pending[1]
        if not question.hint:
            raise NoHint(question.id)
        return question.hint

    def skip(self, student_id: int) -> Question:
        """Drop the pending question; it is not asked next, but comes back soon."""
        return self.skip_to_next(student_id).question

    def skip_to_next(self, student_id: int) -> Skipped:
        """``skip``, and what comes next (the daily quiz's next question, or its end)."""
        question = self._skip(student_id)
        return Skipped(question, self._next_step(student_id))

    def _next_step(self, student_id: int) -> QuizStep | QuizDone | None:
        return self._quiz.after_answer(student_id) if self._quiz is not None else None

    def _skip(self, student_id: int) -> Question:
        pending = self._pending(student_id)
        if pending is None:
            raise NoPendingQuestion()
        deck, question = pending
        with self._store.transaction():
            self._store.students.clear_pending(student_id)
            self._store.students.set_last_question(student_id, deck.id, question.id)
        return question

    def progress(self, student_id: int) -> tuple[DeckProgress, ...]:
        """Every deck the student answered in, the current deck first (even if unanswered)."""
        deck_ids = list(self._store.progress.decks_answered(student_id))
        current = self.current_deck(student_id)
        if current is not None:
            deck_ids = [current.id, *(d for d in deck_ids if d != current.id)]
        found = (self._find(d) for d in deck_ids)
        return tuple(self._deck_progress(student_id, deck) for deck in found if deck is not None)

    def forget(self, student_id: int) -> None:
        self._store.students.delete(student_id)
        logger.info("forgot student %d", student_id)

    def _deck_progress(self, student_id: int, deck: Deck) -> DeckProgress:
        progress = self._store.progress
        return deck_progress(
            deck,
            progress.latest_results(student_id, deck.id),
            progress.point_misses(student_id, deck.id),
        )

    def _pending(self, student_id: int) -> tuple[Deck, Question] | None:
        """The pending question, dropped (as if none) when its deck or question is gone."""
        pending = self._store.students.pending(student_id)
        if pending is None:
            return None
        try:
            deck = self.deck(pending.deck_id)
            return deck, deck.question(pending.question_id)
        except (UnknownDeck, UnknownQuestion):
            logger.warning("dropping pending %s/%s", pending.deck_id, pending.question_id)
            self._store.students.clear_pending(student_id)
            return None

    def _pick(self, student_id: int, deck: Deck) -> Question:
        due = self._store.progress.due_dates(student_id, deck.id)
        failed = self._store.progress.failed_questions(student_id, deck.id)
        last = self._store.students.last_question(student_id)
        exclude = {last[1]} if last is not None and last[0] == deck.id else set()
        now = self._clock()
        question = scheduling.pick_next(
            deck.questions, due, now, exclude, failed
        ) or scheduling.pick_next(deck.questions, due, now, failed=failed)
        if question is None:
            raise EmptyDeck(deck.id)
        return question
