"""Each student's daily quiz: when it fires (stored, so a restart loses and repeats no push),
and its questions one after another as each is answered.

``DailyQuiz`` is called by the bot's ``/daily`` and ``/timezone`` handlers, its push job, the
delivery worker (which starts a quiz) and the Tutor (whose answers and skips move it on: the
wiring hands it the quiz), with a clock injected. The time arithmetic is pure, in
``tutorbot.core.daily_times``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from tutorbot.core import daily_times
from tutorbot.core.clock import Clock
from tutorbot.core.deliveries import NewMessage
from tutorbot.core.errors import EmptyDeck, NoDeckChosen, UnknownDeck, UnknownQuestion
from tutorbot.core.tutoring import Asked, QuizDone, QuizStep
from tutorbot.services.ports import DailyQuizStore
from tutorbot.services.tutor import Tutor

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DailyView:
    at: time | None
    zone: ZoneInfo
    next_fire: datetime | None


def quiz_intro(step: QuizStep) -> str:
    """The line above a daily-quiz question."""
    return f"⏰ Daily quiz: question {step.number} of {step.total}"


class DailyQuiz:
    """Each student's daily quiz: when it fires, and its questions one after another."""

    def __init__(
        self,
        store: DailyQuizStore,
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
        self._pushes = store.daily_pushes
        self._outbox = store.outbox

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
                    key = f"daily:{due.student_id}:{_instant(due.next_fire)}"
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

    def resumed(self, student_id: int, deck_id: str, question_id: str) -> QuizStep | None:
        """The quiz question asked after the answer to ``question_id``, while it is still
        pending: for that answer handled again (a restart) before its reply went, so before
        this question was sent."""
        quiz = self._pushes.quiz(student_id)
        pending = self._store.students.pending(student_id)
        if quiz is None or quiz.question_id is None or pending is None:
            return None
        planned = quiz.questions
        if (
            (pending.deck_id, pending.question_id) != (quiz.deck_id, quiz.question_id)
            or deck_id != quiz.deck_id
            or question_id not in planned
            or quiz.question_id not in planned
            or planned.index(quiz.question_id) != planned.index(question_id) + 1
        ):
            return None
        try:
            deck = self._tutor.deck(deck_id)
            asked = Asked(deck, deck.question(quiz.question_id), repeated=False)
        except (UnknownDeck, UnknownQuestion):
            return None
        return QuizStep(asked, planned.index(quiz.question_id) + 1, len(planned))

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


def _instant(at: datetime) -> str:
    """An instant as the message key names it: UTC, ISO 8601, to the microsecond."""
    return at.astimezone(UTC).isoformat(timespec="microseconds")
