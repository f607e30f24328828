"""The values the Tutor service hands to front ends, and verdicts to and from stored marks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from tutorbot.core.deck import Deck, KeyPoint, Question
from tutorbot.core.marking import MARKED_LENGTH, MisconceptionFound, PointResult, Verdict
from tutorbot.core.records import Attempt, MisconceptionMark, PointMark

CONSOLE_STUDENT_ID = 0

Marker = Callable[[Question, str], Verdict]


@dataclass(frozen=True)
class Asked:
    deck: Deck
    question: Question
    repeated: bool
    """True when the question was already pending and is asked again."""


@dataclass(frozen=True)
class Marked:
    attempt_id: int
    deck: Deck
    question: Question
    answer: str
    verdict: Verdict
    overridden: bool
    replayed: bool
    """This message was marked before: nothing was stored twice."""
    replied: bool
    """The front end already confirmed it delivered the feedback for this attempt."""
    next_step: QuizStep | QuizDone | None = None
    """What comes after this answer: the daily quiz's next question, its end, or nothing."""

    @property
    def counts_as_passed(self) -> bool:
        return self.verdict.passed or self.overridden

    @property
    def can_override(self) -> bool:
        """Whether the student may say "I was right": something was missed or wrong, and
        they have not said it yet."""
        return not self.overridden and bool(self.verdict.missed or self.verdict.misconceptions)


@dataclass(frozen=True)
class QuizStep:
    """A daily quiz's question, asked (pending)."""

    asked: Asked
    number: int
    total: int


@dataclass(frozen=True)
class QuizDone:
    """The daily quiz's last question was answered (or skipped)."""

    total: int


@dataclass(frozen=True)
class Skipped:
    question: Question
    next_step: QuizStep | QuizDone | None = None
    """As ``Marked.next_step``."""


@dataclass(frozen=True)
class DeckProgress:
    deck: Deck
    seen: int
    passed: int
    """Questions whose latest answer passed (or was overridden)."""
    total: int
    most_missed: tuple[tuple[KeyPoint, int], ...]
    """Up to three (key point, times missed), most missed first."""


def deck_progress(
    deck: Deck, latest: Mapping[str, bool], misses: Mapping[tuple[str, str], int]
) -> DeckProgress:
    """A student's progress in ``deck`` from whether the latest answer to each question they
    answered passed, and how often each (question id, key point id) was missed."""
    passed = [latest[q.id] for q in deck.questions if q.id in latest]
    points = {(q.id, p.id): p for q in deck.questions for p in q.key_points}
    order = {key: i for i, key in enumerate(points)}
    ranked = sorted(
        (key for key, n in misses.items() if key in points and n > 0),
        key=lambda k: (-misses[k], order[k]),
    )
    return DeckProgress(
        deck=deck,
        seen=len(passed),
        passed=sum(passed),
        total=len(deck.questions),
        most_missed=tuple((points[k], misses[k]) for k in ranked[:3]),
    )


def point_marks(verdict: Verdict) -> tuple[PointMark, ...]:
    return tuple(
        PointMark(p.point.id, p.point.point, p.hit, p.score, p.matched) for p in verdict.points
    )


def misconception_marks(verdict: Verdict) -> tuple[MisconceptionMark, ...]:
    return tuple(MisconceptionMark(m.misconception.id, m.matched) for m in verdict.misconceptions)


def stored_verdict(question: Question, attempt: Attempt) -> Verdict:
    """The verdict as stored, on the question as the deck has it now (new points: missed)."""
    marks = {p.id: p for p in attempt.points}
    points = tuple(
        PointResult(point, m.hit, m.score, m.matched)
        if (m := marks.get(point.id))
        else PointResult(point, False, 0.0, "")
        for point in question.key_points
    )
    known = {m.id: m for m in question.misconceptions}
    found = tuple(
        MisconceptionFound(known[m.id], m.matched) for m in attempt.misconceptions if m.id in known
    )
    return Verdict(question, points, found, truncated=len(attempt.answer) > MARKED_LENGTH)
