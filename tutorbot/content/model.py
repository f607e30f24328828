"""The deck model: what a teacher writes, after loading and validation.

Every value is frozen (and so hashable), which lets the marker cache what it
derives from a key point.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace

from tutorbot.errors import UnknownQuestion

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class KeyPoint:
    id: str
    point: str
    accept: tuple[str, ...]
    """Phrasings that show the point; never empty (defaults to ``(point,)``)."""
    evidence: str | None = None
    """The evidence text from the notes, already resolved from its id."""


@dataclass(frozen=True)
class Misconception:
    id: str
    accept: tuple[str, ...]
    correction: str


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    key_points: tuple[KeyPoint, ...]
    pass_mark: int
    """Key points needed to pass (YAML key ``pass``); 1 <= pass_mark <= len(key_points)."""
    hint: str | None = None
    misconceptions: tuple[Misconception, ...] = ()

    def key_point(self, point_id: str) -> KeyPoint:
        for point in self.key_points:
            if point.id == point_id:
                return point
        raise KeyError(point_id)

    def with_extra_phrasings(self, extra: Mapping[str, tuple[str, ...]]) -> Question:
        """This question with more accepted phrasings per key point id (e.g. teacher-approved)."""
        if not extra:
            return self
        points = tuple(
            replace(p, accept=p.accept + tuple(a for a in extra.get(p.id, ()) if a not in p.accept))
            for p in self.key_points
        )
        return replace(self, key_points=points)


@dataclass(frozen=True)
class Deck:
    id: str
    title: str
    questions: tuple[Question, ...]
    subject: str | None = None
    source: str | None = None
    """The file the deck was loaded from, for messages."""

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise UnknownQuestion(self.id, question_id)
