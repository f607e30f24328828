"""The deck model: what a teacher writes, after loading and validation.

Every value is frozen (and so hashable), which lets the marker cache what it
derives from a key point. Where a value came from in the file (``written``
phrasings, ``Deck.lines``) is kept for lint and example messages, but is left out
of equality and hashing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from tutorbot.core.errors import UnknownQuestion

YamlPath = tuple[str | int, ...]


def line_of(lines: Mapping[YamlPath, int], path: YamlPath) -> int | None:
    """The line of ``path`` in ``lines``, or of its nearest ancestor that has one."""
    for end in range(len(path), -1, -1):
        line = lines.get(path[:end])
        if line is not None:
            return line
    return None


@dataclass(frozen=True)
class KeyPoint:
    id: str
    point: str
    accept: tuple[str, ...]
    """Phrasings that show the point; never empty (defaults to ``(point,)``); with the
    deck's synonyms already substituted in."""
    evidence: str | None = None
    """The evidence text from the notes, already resolved from its id."""
    written: tuple[str, ...] = field(default=(), compare=False)
    """The phrasings as the teacher wrote them (before synonyms); empty when built in code."""

    @property
    def phrasings(self) -> tuple[str, ...]:
        """The teacher's own phrasings (``written``, else ``accept``)."""
        return self.written or self.accept


@dataclass(frozen=True)
class Misconception:
    id: str
    accept: tuple[str, ...]
    correction: str
    written: tuple[str, ...] = field(default=(), compare=False)

    @property
    def phrasings(self) -> tuple[str, ...]:
        return self.written or self.accept


@dataclass(frozen=True)
class Example:
    """A worked example: an answer and what a teacher expects the marker to find in it."""

    answer: str
    credit: frozenset[str]
    """Key point ids expected credited: exactly these."""
    misconceptions: frozenset[str] | None = None
    """Misconception ids expected: exactly these; ``None`` when the teacher did not say."""


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    key_points: tuple[KeyPoint, ...]
    pass_mark: int
    """Key points needed to pass (YAML key ``pass``); 1 <= pass_mark <= len(key_points)."""
    hint: str | None = None
    misconceptions: tuple[Misconception, ...] = ()
    require: tuple[str, ...] = ()
    """Key point ids an answer must show to pass, whatever ``pass_mark`` says."""
    examples: tuple[Example, ...] = field(default=(), compare=False)

    def key_point(self, point_id: str) -> KeyPoint:
        for point in self.key_points:
            if point.id == point_id:
                return point
        raise KeyError(point_id)

    def passes(self, shown: Iterable[str]) -> bool:
        """Whether showing the key points ``shown`` (ids) is enough: pass mark and required."""
        ids = set(shown)
        return len(ids) >= self.pass_mark and ids.issuperset(self.require)

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
    synonyms: tuple[tuple[str, ...], ...] = ()
    """Groups of interchangeable words or phrases (each group: the key, then its list)."""
    lines: Mapping[YamlPath, int] = field(default_factory=dict, compare=False, repr=False)
    """The line of each value in ``source`` by its YAML path, e.g. ``("questions", 0)``."""

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise UnknownQuestion(self.id, question_id)

    def line_of(self, path: YamlPath) -> int | None:
        """The line of ``path`` in the file, or of its nearest ancestor that has one."""
        return line_of(self.lines, path)

    @property
    def short_key(self) -> str:
        """16 hex digits naming the deck where its id is too long (a button's 64 bytes);
        unlike a place in a list, it still names this deck after the list changes."""
        return hashlib.blake2b(self.id.encode(), digest_size=8).hexdigest()
