"""Marking: does a free-text answer show each key point of a question?

Pure code: no I/O, no clock. ``mark`` is deterministic.

Each accepted phrasing is reduced to its content words (``tutorbot.normalise``,
``tutorbot.phrasing``). A phrasing is shown when enough of its content words, by weight,
appear close together in the answer: exactly for numbers, acronyms and short words,
fuzzily (typos, inflection) for longer ones (``tutorbot.matching``). It is not shown if the
answer's clause has the opposite polarity (``never backed`` against ``backed``), or names
a different number or label where the phrasing has one. A key point is shown when any of
its phrasings is. How it decides, and how well: docs/marking.md.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from tutorbot.content.model import KeyPoint, Misconception, Question
from tutorbot.matching import best_match, candidates_in
from tutorbot.normalise import tokenise
from tutorbot.phrasing import Tuning, compile_question

__all__ = ["MisconceptionFound", "PointResult", "Tuning", "Verdict", "mark"]

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
        """Enough key points for the pass mark, the required ones among them; no misconception."""
        return self.question.passes(p.point.id for p in self.hit) and not self.misconceptions


TUNING = Tuning()
"""The knobs ``mark`` uses (a tuning script may swap them)."""


def mark(question: Question, answer: str) -> Verdict:
    """Which key points and misconceptions ``answer`` shows."""
    compiled = compile_question(question, TUNING)
    tokens = tokenise(answer)
    candidates = candidates_in(compiled, tokens)
    points = []
    for point, target in zip(question.key_points, compiled.points, strict=True):
        match = best_match(target, tokens, candidates)
        matched = answer[match.start : match.end] if match.hit else ""
        points.append(PointResult(point, match.hit, round(match.score, 3), matched))
    found = []
    for misconception, target in zip(question.misconceptions, compiled.misconceptions, strict=True):
        match = best_match(target, tokens, candidates)
        if match.hit:
            found.append(MisconceptionFound(misconception, answer[match.start : match.end]))
    return Verdict(question, tuple(points), tuple(found))
