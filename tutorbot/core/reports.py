"""Class reports: participation, average score per deck, most-missed key points.

Pure: built from attempt facts and decks, with ``now`` passed in.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from tutorbot.core.deck import Deck, KeyPoint, Question

PARTICIPATION_WINDOW = timedelta(days=7)
MOST_MISSED = 10


@dataclass(frozen=True)
class AttemptFact:
    """One marked answer, as the report needs it."""

    student_id: int
    deck_id: str
    question_id: str
    at: datetime
    score: float
    """Share of key points shown, 0..1."""
    missed: tuple[str, ...]
    """Ids of the key points the answer missed."""


@dataclass(frozen=True)
class DeckScore:
    deck: Deck
    average: float
    """Mean score of the class's answers in this deck, 0..1."""
    answers: int


@dataclass(frozen=True)
class MissedPoint:
    deck: Deck
    question: Question
    point: KeyPoint
    misses: int


@dataclass(frozen=True)
class ClassReport:
    class_name: str
    size: int
    active: int
    """Members who answered at least once in the last 7 days."""
    answers: int
    """Answers given by members in the last 7 days."""
    answers_by_day: tuple[int, ...]
    """Answers per day, oldest first; the last entry is the 24 hours up to ``now``."""
    deck_scores: tuple[DeckScore, ...]
    most_missed: tuple[MissedPoint, ...]

    @property
    def participation(self) -> float:
        return self.active / self.size if self.size else 0.0


def build_report(
    class_name: str,
    members: Iterable[int],
    facts: Iterable[AttemptFact],
    decks: Sequence[Deck],
    now: datetime,
) -> ClassReport:
    """The report for a class; facts of non-members and of unknown decks or points are ignored."""
    member_ids = frozenset(members)
    by_id = {deck.id: deck for deck in decks}
    since = now - PARTICIPATION_WINDOW
    days = int(PARTICIPATION_WINDOW / timedelta(days=1))
    by_day = [0] * days
    active: set[int] = set()
    scores: dict[str, list[float]] = defaultdict(list)
    misses: Counter[tuple[str, str, str]] = Counter()
    for fact in facts:
        deck = by_id.get(fact.deck_id)
        if fact.student_id not in member_ids or deck is None:
            continue
        scores[deck.id].append(fact.score)
        misses.update((deck.id, fact.question_id, point_id) for point_id in fact.missed)
        if since < fact.at <= now:
            active.add(fact.student_id)
            age_days = int((now - fact.at) / timedelta(days=1))
            by_day[days - 1 - min(age_days, days - 1)] += 1
    deck_scores = tuple(
        DeckScore(deck, sum(scores[deck.id]) / len(scores[deck.id]), len(scores[deck.id]))
        for deck in decks
        if scores.get(deck.id)
    )
    return ClassReport(
        class_name=class_name,
        size=len(member_ids),
        active=len(active),
        answers=sum(by_day),
        answers_by_day=tuple(by_day),
        deck_scores=deck_scores,
        most_missed=_most_missed(misses, decks),
    )


def _most_missed(
    misses: Counter[tuple[str, str, str]], decks: Sequence[Deck]
) -> tuple[MissedPoint, ...]:
    found: list[tuple[int, int, MissedPoint]] = []
    order = 0
    for deck in decks:
        for question in deck.questions:
            for point in question.key_points:
                count = misses.get((deck.id, question.id, point.id), 0)
                if count:
                    found.append((-count, order, MissedPoint(deck, question, point, count)))
                order += 1
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(item[2] for item in found[:MOST_MISSED])
