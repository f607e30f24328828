"""What the store hands back: frozen values, never database rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Literal

ReviewStatus = Literal["pending", "accepted", "rejected"]


@dataclass(frozen=True)
class Student:
    id: int
    name: str
    deck_id: str | None
    """The current deck."""
    active: bool


@dataclass(frozen=True)
class Pending:
    """The question a student was asked and has not answered yet."""

    student_id: int
    deck_id: str
    question_id: str
    asked_at: datetime


@dataclass(frozen=True)
class PointMark:
    id: str
    point: str
    hit: bool
    score: float
    matched: str


@dataclass(frozen=True)
class MisconceptionMark:
    id: str
    matched: str


@dataclass(frozen=True)
class Attempt:
    id: int
    student_id: int
    deck_id: str
    question_id: str
    answer: str
    message_id: int | None
    points: tuple[PointMark, ...]
    misconceptions: tuple[MisconceptionMark, ...]
    score: float
    passed: bool
    """As marked, before any override."""
    card_before: str | None
    """The FSRS card JSON before this attempt; None when the question was unseen."""
    created_at: datetime
    overridden: bool
    replied: bool

    @property
    def counts_as_passed(self) -> bool:
        return self.passed or self.overridden


@dataclass(frozen=True)
class CardState:
    student_id: int
    deck_id: str
    question_id: str
    card_json: str
    due: datetime


@dataclass(frozen=True)
class OverrideReview:
    attempt_id: int
    status: ReviewStatus
    created_at: datetime
    decided_at: datetime | None
    decided_by: int | None


@dataclass(frozen=True)
class AcceptedPhrasing:
    deck_id: str
    question_id: str
    point_id: str
    phrasing: str
    attempt_id: int | None
    created_at: datetime
    teacher_id: int | None
    """Who accepted it; None for one accepted before phrasings were scoped (credits nobody)."""


@dataclass(frozen=True)
class ClassInfo:
    id: int
    teacher_id: int
    name: str
    join_code: str
    created_at: datetime


@dataclass(frozen=True)
class ClassSize:
    klass: ClassInfo
    members: int
    active: int


@dataclass(frozen=True)
class Member:
    student_id: int
    name: str
    active: bool


@dataclass(frozen=True)
class DailySettings:
    student_id: int
    zone: str | None
    """IANA zone name; None: the bot's default."""
    at: time | None
    """Local push time; None: no daily push."""
    next_fire: datetime | None


@dataclass(frozen=True)
class QuizState:
    student_id: int
    total: int
    remaining: int
    """Questions still to ask after the current one."""
    deck_id: str | None
    question_id: str | None
    """The quiz question last asked."""
    questions: tuple[str, ...] = ()
    """The quiz's question ids in order, planned when it started (empty: an older quiz)."""


@dataclass(frozen=True)
class UploadedDeck:
    id: str
    teacher_id: int
    file_name: str
    version: int
    retired: bool
