"""Teachers' classes: classes and join codes, broadcasts and pushes through the delivery
queue, class reports and override reviews.

``Classroom`` is the service the bot's teacher handlers (and ``/join``) call, with a clock
injected. Each student's daily quiz is ``tutorbot.services.daily_quiz.DailyQuiz``.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from tutorbot.core.clock import Clock
from tutorbot.core.deck import Deck, KeyPoint, Question
from tutorbot.core.deliveries import NewMessage
from tutorbot.core.errors import (
    ClassExists,
    EmptyDeck,
    InvalidClassName,
    InvalidJoinCode,
    MessageTooLong,
    TeachersOnly,
    UnknownAttempt,
    UnknownClass,
    UnknownDeck,
    UnknownQuestion,
)
from tutorbot.core.limits import MESSAGE_LENGTH
from tutorbot.core.records import Attempt, ClassInfo, ClassSize
from tutorbot.core.reports import ClassReport, build_report
from tutorbot.services.ports import ChartDrawer, ClassroomStore
from tutorbot.services.tutor import Tutor

logger = logging.getLogger(__name__)

JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""No 0/O, 1/I/L: a code read off a board is typed right."""
JOIN_CODE_LENGTH = 10
CLASS_NAME = re.compile(r"[\w.-]{1,32}")


def new_join_code(choice: Callable[[str], str] = secrets.choice) -> str:
    """A random code: 10 characters from 31 symbols, about 50 bits, not guessable."""
    return "".join(choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(text: str) -> str:
    return re.sub(r"[\s-]", "", text).upper()


@dataclass(frozen=True)
class Started:
    """A broadcast or push was queued."""

    broadcast_id: int
    class_name: str
    queued: int
    inactive: int
    """Members who had blocked the bot: counted as blocked, not sent."""


@dataclass(frozen=True)
class ReportView:
    report: ClassReport
    chart_png: bytes


@dataclass(frozen=True)
class OverrideItem:
    attempt: Attempt
    student_name: str
    deck: Deck
    question: Question
    missed: tuple[KeyPoint, ...]


@dataclass(frozen=True)
class ReviewOutcome:
    item: OverrideItem
    accepted: bool
    changed: bool
    """False when the override had been decided already (a button pressed twice)."""


class Classroom:
    def __init__(
        self,
        store: ClassroomStore,
        tutor: Tutor,
        teachers: frozenset[int],
        clock: Clock,
        chart: ChartDrawer,
    ) -> None:
        self._store = store
        self._chart = chart
        self._tutor = tutor
        self._teachers = teachers
        self._clock = clock
        self._classes = store.classes
        self._outbox = store.outbox

    def is_teacher(self, user_id: int) -> bool:
        return user_id in self._teachers

    def require_teacher(self, user_id: int) -> None:
        if not self.is_teacher(user_id):
            logger.info("user %d tried a teacher command", user_id)
            raise TeachersOnly()

    def new_class(self, teacher_id: int, name: str) -> ClassInfo:
        self.require_teacher(teacher_id)
        if not CLASS_NAME.fullmatch(name):
            raise InvalidClassName(name)
        if self._classes.named(teacher_id, name) is not None:
            raise ClassExists(name)
        for _ in range(5):  # a clash of two random 50-bit codes: retry, never share
            created = self._classes.create(teacher_id, name, new_join_code(), self._clock())
            if created is not None:
                logger.info("teacher %d created class %s", teacher_id, name)
                return created
        raise RuntimeError("could not find a free join code")  # pragma: no cover

    def classes(self, teacher_id: int) -> tuple[ClassSize, ...]:
        self.require_teacher(teacher_id)
        return self._classes.of_teacher(teacher_id)

    def join(self, student_id: int, name: str, code: str) -> ClassInfo:
        """The student joins the class with that code (and is active again if they were not)."""
        klass = self._classes.by_code(normalise_join_code(code))
        if klass is None:
            raise InvalidJoinCode(code.strip())
        with self._store.transaction():
            self._tutor.enrol(student_id, name)
            self._classes.join(klass.id, student_id, self._clock())
        return klass

    def broadcast(self, teacher_id: int, class_name: str, text: str) -> Started:
        klass = self._own_class(teacher_id, class_name)
        body = f"📣 From your teacher ({klass.name}):\n\n{text.strip()}"
        if len(body.encode("utf-16-le")) // 2 > MESSAGE_LENGTH:
            raise MessageTooLong(len(text.strip()), MESSAGE_LENGTH)
        return self._enqueue(teacher_id, klass, "broadcast", lambda b, s: NewMessage(
            key=f"b{b}:{s}", student_id=s, kind="text", text=body, broadcast_id=b
        ))  # fmt: skip

    def push(
        self, teacher_id: int, class_name: str, deck_id: str, question_id: str | None
    ) -> Started:
        """Queue a question of ``deck_id`` for every member (``question_id`` None: the one each
        student most needs); it becomes their pending question when it is sent."""
        klass = self._own_class(teacher_id, class_name)
        deck = self._tutor.visible_deck(teacher_id, deck_id)
        if question_id is not None:
            deck.question(question_id)
        if not deck.questions:
            raise EmptyDeck(deck.id)
        return self._enqueue(teacher_id, klass, "push", lambda b, s: NewMessage(
            key=f"b{b}:{s}", student_id=s, kind="question", deck_id=deck.id,
            question_id=question_id, broadcast_id=b,
        ))  # fmt: skip

    def set_progress_message(self, broadcast_id: int, message_id: int) -> None:
        self._outbox.set_progress_message(broadcast_id, message_id)

    def report(self, teacher_id: int, class_name: str) -> ReportView:
        klass = self._own_class(teacher_id, class_name)
        members = [m.student_id for m in self._classes.members(klass.id)]
        facts = self._classes.attempt_facts(klass.id)
        report = build_report(
            klass.name, members, facts, self._tutor.decks_for(teacher_id), self._clock()
        )
        png = self._chart(
            f"{klass.name}: most-missed key points",
            [(m.point.point, m.misses) for m in report.most_missed],
        )
        return ReportView(report, png)

    def overrides(self, teacher_id: int, class_name: str) -> tuple[OverrideItem, ...]:
        klass = self._own_class(teacher_id, class_name)
        found = (self._item(a) for a in self._classes.pending_overrides(klass.id))
        return tuple(item for item in found if item is not None)

    def review(self, teacher_id: int, attempt_id: int, accept: bool) -> ReviewOutcome:
        """Accept (each missed key point learns the answer as an accepted phrasing) or reject."""
        self.require_teacher(teacher_id)
        item = self._item(attempt_id)
        if item is None or not self._classes.teaches(teacher_id, item.attempt.student_id):
            raise UnknownAttempt(attempt_id)
        now = self._clock()
        reviews = self._store.reviews
        with self._store.transaction():
            changed = reviews.decide(
                attempt_id, "accepted" if accept else "rejected", teacher_id, now
            )
            if changed and accept:
                for point in item.missed:
                    reviews.add_phrasing(
                        teacher_id, item.deck.id, item.question.id, point.id,
                        item.attempt.answer.strip(), now, attempt_id,
                    )  # fmt: skip
        decided = reviews.get(attempt_id)
        accepted = decided is not None and decided.status == "accepted"
        return ReviewOutcome(item, accepted, changed)

    def _item(self, attempt_id: int) -> OverrideItem | None:
        attempt = self._store.progress.attempt(attempt_id)
        if attempt is None:
            return None
        try:
            deck = self._tutor.visible_deck(attempt.student_id, attempt.deck_id)
            question = deck.question(attempt.question_id)
        except (UnknownDeck, UnknownQuestion):
            return None
        student = self._store.students.get(attempt.student_id)
        hit = {p.id for p in attempt.points if p.hit}
        missed = tuple(p for p in question.key_points if p.id not in hit)
        return OverrideItem(attempt, student.name if student else "", deck, question, missed)

    def _own_class(self, teacher_id: int, class_name: str) -> ClassInfo:
        self.require_teacher(teacher_id)
        klass = self._classes.named(teacher_id, class_name.strip())
        if klass is None:
            raise UnknownClass(class_name.strip())
        return klass

    def _enqueue(
        self,
        teacher_id: int,
        klass: ClassInfo,
        kind: Literal["broadcast", "push"],
        message: Callable[[int, int], NewMessage],
    ) -> Started:
        now = self._clock()
        members = self._classes.members(klass.id)
        with self._store.transaction():
            broadcast_id = self._outbox.new_broadcast(teacher_id, klass.name, kind, now)
            rows = [message(broadcast_id, m.student_id) for m in members]
            inactive = {m.student_id for m in members if not m.active}
            rows = [replace(r, status="blocked") if r.student_id in inactive else r for r in rows]
            self._outbox.enqueue(rows, now)
        logger.info("%s to %s: %d queued", kind, klass.name, len(members) - len(inactive))
        return Started(broadcast_id, klass.name, len(members) - len(inactive), len(inactive))
