"""The verdict on one answer: which key points and misconceptions it shows.

Pure code: no I/O, no clock. ``judge`` is deterministic.

Each accepted phrasing is reduced to its content words (``normalise``, ``phrasing``). A
phrasing is shown when enough of its content words, by weight,
appear close together in the answer: exactly for numbers, acronyms and short words,
fuzzily (typos, inflection) for longer ones (``match``). It is not shown if the
answer's clause has the opposite polarity (``never backed`` against ``backed``), or names
a different number or label where the phrasing has one. A key point is shown when any of
its phrasings is. How it decides, and how well: docs/marking.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from tutorbot.core.deck import KeyPoint, Misconception, Question
from tutorbot.core.limits import MESSAGE_LENGTH
from tutorbot.core.marking.denial import denied_misconception
from tutorbot.core.marking.inversion import stated_wrongly, tainted
from tutorbot.core.marking.match import best_match, candidates_in, lone_match
from tutorbot.core.marking.normalise import tokenise
from tutorbot.core.marking.phrasing import Tuning, compile_question

__all__ = ["MARKED_LENGTH", "MisconceptionFound", "PointResult", "Verdict", "judge"]


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
    truncated: bool = False
    """The answer was longer than ``MARKED_LENGTH`` and only its start was marked."""

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


MARKED_LENGTH = MESSAGE_LENGTH
"""Characters of an answer that are marked (Telegram's message limit); the rest is not."""


def judge(question: Question, answer: str, tuning: Tuning) -> Verdict:
    """Which key points and misconceptions ``answer`` shows, with these knobs."""
    truncated = len(answer) > MARKED_LENGTH
    if truncated:
        answer = answer[:MARKED_LENGTH]
    compiled = compile_question(question, tuning)
    tokens = tokenise(answer)
    candidates = candidates_in(compiled, tokens)
    matches = []
    for target in compiled.points:
        match = best_match(target, tokens, candidates)
        if not match.hit and target.lone:
            lone = lone_match(target, tokens, candidates)
            match = lone if lone.hit else match
        matches.append(match)
    wrong = tainted(tokens, {c for m in matches if not m.hit for c in m.inverted})
    points = []
    credited: set[int] = set()
    for point, match in zip(question.key_points, matches, strict=True):
        hit = match.hit and not stated_wrongly(tokens, match.shown, wrong)
        matched = answer[match.start : match.end] if hit else ""
        if hit:
            credited |= match.shown
        score = match.score if hit or not match.hit else 0.0  # refused for its clause
        points.append(PointResult(point, hit, round(score, 3), matched))
    denials = [d for m in matches if not m.hit for d in m.denied] if question.misconceptions else []
    found = []
    for misconception, target in zip(question.misconceptions, compiled.misconceptions, strict=True):
        match = best_match(target, tokens, candidates, one_item=True)
        if match.hit and not match.shown & credited:
            found.append(MisconceptionFound(misconception, answer[match.start : match.end]))
        elif denial := denied_misconception(
            target, denials, tokens, credited, compiled.prompt_words
        ):
            found.append(MisconceptionFound(misconception, answer[denial.start : denial.end]))
    return Verdict(question, tuple(points), tuple(found), truncated)
