"""Spaced repetition: how a marked answer rates, when a question is due, what to ask next.

Pure: no clock (``now`` is passed in), no storage. Cards are FSRS cards as their JSON text.
FSRS fuzzing is off, so the same answers at the same times always give the same schedule.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from fsrs import Card, Rating, Scheduler

from tutorbot.core.deck import Question
from tutorbot.core.marking import Verdict

__all__ = ["Rating", "pick_many", "pick_next", "rating_for", "review"]

_SCHEDULER = Scheduler(enable_fuzzing=False)


def rating_for(verdict: Verdict, overridden: bool = False) -> Rating:
    """Again below half the key points or with a misconception; Good for all; Hard between."""
    if overridden:
        return Rating.Good
    total = len(verdict.points)
    hits = len(verdict.hit)
    if verdict.misconceptions or hits * 2 < total or hits == 0:
        return Rating.Again
    if hits == total:
        return Rating.Good
    return Rating.Hard


def review(card_json: str | None, rating: Rating, now: datetime) -> tuple[str, datetime]:
    """The card after a review rated ``rating`` at ``now``: its JSON and when it is due next."""
    card = Card.from_json(card_json) if card_json else Card(card_id=0, due=now)
    card, _log = _SCHEDULER.review_card(card, rating, review_datetime=now)
    due: datetime = card.due
    return card.to_json(), due


def pick_next(
    questions: Sequence[Question],
    due: Mapping[str, datetime],
    now: datetime,
    exclude: Collection[str] = (),
    failed: Collection[str] = (),
) -> Question | None:
    """The question to ask now, or None if every question is excluded (see ``pick_many``)."""
    picked = pick_many(questions, due, now, 1, exclude, failed)
    return picked[0] if picked else None


def pick_many(
    questions: Sequence[Question],
    due: Mapping[str, datetime],
    now: datetime,
    n: int,
    exclude: Collection[str] = (),
    failed: Collection[str] = (),
) -> tuple[Question, ...]:
    """Up to ``n`` questions in the order to ask them.

    ``due`` maps the id of each question the student has seen to when it is next due;
    ``failed`` holds the ids of questions whose latest answer failed.
    Due questions come first, then unseen ones in deck order, then the rest. Among due and
    among not-yet-due questions, failed ones come first, then the longest overdue or the
    soonest due; so a failed question comes back before a passed one.
    """

    def order(item: tuple[int, Question]) -> tuple[int, bool, datetime, int]:
        index, question = item
        when = due.get(question.id)
        if when is None:
            return (1, False, now, index)
        return (0 if when <= now else 2, question.id not in failed, when, index)

    candidates = [(i, q) for i, q in enumerate(questions) if q.id not in exclude]
    ranked = sorted(candidates, key=order)
    return tuple(q for _, q in ranked[: max(n, 0)])
