"""Each student's daily quiz: when it fires (stored, so a restart loses and repeats no push),
and its questions one after another as each is answered.

``DailyQuiz`` is called by the bot's ``/daily`` and ``/timezone`` handlers, its push job and the
delivery worker, with a clock injected. The time arithmetic is pure, in
``tutorbot.core.daily_times``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from tutorbot.adapters.store import Store
from tutorbot.adapters.store.daily import DailyPushes
from tutorbot.adapters.store.db import to_text
from tutorbot.adapters.store.outbox import NewMessage, Outbox
from tutorbot.core import daily_times
from tutorbot.core.errors import NoDeckChosen, UnknownDeck, UnknownQuestion
from tutorbot.services.tutor import Asked, EmptyDeck, Tutor

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class DailyView:
    at: time | None
    zone: ZoneInfo
    next_fire: datetime | None


@dataclass(frozen=True)
class QuizStep:
    asked: Asked
    number: int
    total: int


@dataclass(frozen=True)
class QuizDone:
    total: int


class DailyQuiz:
    """Each student's daily quiz: when it fires, and its questions one after another."""

    def __init__(
        self,
        store: Store,
        tutor: Tutor,
        default_zone: ZoneInfo,
        clock: Clock,
        *,
        length: int = daily_times.DEFAULT_QUIZ_LENGTH,
    ) -> None:
        self._store = store
        self._tutor = tutor
        self._default_zone = default_zone
        self._clock = clock
        self._length = length
        self._pushes = DailyPushes(store.db)
        self._outbox = Outbox(store.db)

    def settings(self, student_id: int) -> DailyView:
        found = self._pushes.get(student_id)
        if found is None:
            return DailyView(None, self._default_zone, None)
        return DailyView(found.at, self._zone(found.zone), found.next_fire)

    def set_time(self, student_id: int, at: time | None) -> DailyView:
        """Push at ``at`` every day (None: stop)."""
        now = self._clock()
        with self._store.transaction():
            self._store.students.ensure(student_id, now)
            zone = self.settings(student_id).zone
            upcoming = daily_times.next_fire(at, zone, now) if at is not None else None
            self._pushes.set_time(student_id, at, upcoming)
        return self.settings(student_id)

    def set_zone(self, student_id: int, zone_name: str) -> DailyView:
        zone = daily_times.parse_zone(zone_name)
        now = self._clock()
        with self._store.transaction():
            self._store.students.ensure(student_id, now)
            at = self.settings(student_id).at
            upcoming = daily_times.next_fire(at, zone, now) if at is not None else None
            self._pushes.set_zone(student_id, zone.key, upcoming)
        return self.settings(student_id)

    def enqueue_due(self) -> int:
        """Queue the daily quiz of every student whose push time has come; returns how many.

        A push missed by an hour or more is skipped; each push is queued at most once (its
        next time moves on in the same transaction, and the message key names the instant).
        """
        now = self._clock()
        queued = 0
        for due in self._pushes.due(now):
            assert due.next_fire is not None  # due() only returns scheduled pushes
            with self._store.transaction():
                if due.at is None:
                    self._pushes.set_time(due.student_id, None, None)
                    continue
                decision = daily_times.decide_due(due.next_fire, due.at, self._zone(due.zone), now)
                if decision is None or not self._pushes.advance(
                    due.student_id, due.next_fire, decision.next_fire
                ):
                    continue
                student = self._store.students.get(due.student_id)
                if not decision.send:
                    logger.info("daily push of %d missed by over an hour: skipped", due.student_id)
                elif student is not None and student.active:
                    key = f"daily:{due.student_id}:{to_text(due.next_fire)}"
                    queued += self._outbox.enqueue(
                        [NewMessage(key=key, student_id=due.student_id, kind="quiz")], now
                    )
        return queued

    def start(self, student_id: int) -> QuizStep:
        """Plan today's quiz (the questions the student most needs, each once) and make its
        first question pending. NoDeckChosen / EmptyDeck."""
        deck = self._tutor.current_deck(student_id)
        if deck is None:
            raise NoDeckChosen()
        planned = tuple(q.id for q in self._tutor.plan_quiz(student_id, self._length, deck.id))
        if not planned:
            raise EmptyDeck(deck.id)
        return self._ask(student_id, deck.id, planned, number=1)

    def after_answer(self, student_id: int) -> QuizStep | QuizDone | None:
        """After the student answered (or skipped) the quiz question: the next one, the end of
        the quiz, or None when no quiz question was just answered."""
        quiz = self._pushes.quiz(student_id)
        if quiz is None or quiz.question_id is None or quiz.deck_id is None:
            return None
        if self._store.students.pending(student_id) is not None:
            return None
        if self._store.students.last_question(student_id) != (quiz.deck_id, quiz.question_id):
            return None
        planned = quiz.questions  # empty for a quiz started before quizzes were planned
        number = quiz.total - quiz.remaining + 1
        if quiz.remaining <= 0 or number > len(planned):
            self._pushes.end_quiz(student_id)
            return QuizDone(quiz.total)
        try:
            return self._ask(student_id, quiz.deck_id, planned, number=number)
        except (UnknownDeck, UnknownQuestion):  # the deck changed under the quiz: end it
            self._pushes.end_quiz(student_id)
            return QuizDone(quiz.total)

    def _ask(
        self, student_id: int, deck_id: str, planned: tuple[str, ...], number: int
    ) -> QuizStep:
        total = len(planned)
        with self._store.transaction():
            asked = self._tutor.ask(student_id, deck_id, planned[number - 1])
            self._pushes.set_quiz(
                student_id, total, total - number, deck_id, planned[number - 1], planned
            )
        return QuizStep(asked, number, total)

    def _zone(self, name: str | None) -> ZoneInfo:
        if name is None:
            return self._default_zone
        try:
            return ZoneInfo(name)
        except (ValueError, KeyError):  # a zone removed from tzdata: fall back, keep pushing
            logger.warning("unknown zone %r: using %s", name, self._default_zone.key)
            return self._default_zone
