"""Marking: does a free-text answer show each key point of a question?

Pure code: no I/O, no clock. ``mark`` is deterministic.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from tutorbot.content.model import KeyPoint, Misconception, Question

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PointResult:
    point: KeyPoint
    hit: bool
    score: float
    """Match strength, 0..1."""
    matched: str
    """The student's own words that showed the point ("" when missed)."""


@dataclass(frozen=True)
class MisconceptionFound:
    misconception: Misconception
    matched: str


@dataclass(frozen=True)
class Verdict:
    question: Question
    points: tuple[PointResult, ...]
    misconceptions: tuple[MisconceptionFound, ...]

    @property
    def hit(self) -> tuple[PointResult, ...]:
        return tuple(p for p in self.points if p.hit)

    @property
    def missed(self) -> tuple[PointResult, ...]:
        return tuple(p for p in self.points if not p.hit)

    @property
    def score(self) -> float:
        """Share of key points shown, 0..1."""
        return len(self.hit) / len(self.points) if self.points else 0.0

    @property
    def passed(self) -> bool:
        """Enough key points for the question's pass mark, and no misconception."""
        return len(self.hit) >= self.question.pass_mark and not self.misconceptions


def mark(question: Question, answer: str) -> Verdict:
    raise NotImplementedError("the marker is being written")  # replaced by the marker work
