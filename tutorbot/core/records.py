"""What the store hands back: frozen values, never database rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
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
