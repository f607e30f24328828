"""Ratings from verdicts, FSRS reviews, and the order questions are asked in."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import cast

import pytest

from tests.conftest import small_deck
from tests.fakes import START
from tutorbot.core.deck import KeyPoint, Misconception, Question
from tutorbot.core.marking import MisconceptionFound, PointResult, Verdict
from tutorbot.core.scheduling import Rating, pick_many, pick_next, rating_for, review

MISCONCEPTION = Misconception("alliance", ("military alliance",), "No.")


def verdict(hits: int, total: int, pass_mark: int, *, misconception: bool = False) -> Verdict:
    points = tuple(KeyPoint(f"p{i}", f"point {i}", (f"point {i}",)) for i in range(total))
    question = Question("q", "?", points, pass_mark, misconceptions=(MISCONCEPTION,))
    results = tuple(
        PointResult(p, i < hits, 1.0 if i < hits else 0.0, "") for i, p in enumerate(points)
    )
    found = (MisconceptionFound(MISCONCEPTION, "military alliance"),) if misconception else ()
    return Verdict(question, results, found)


@pytest.mark.parametrize(
    ("hits", "total", "pass_mark", "misconception", "overridden", "rating"),
    [
        (0, 4, 2, False, False, Rating.Again),  # nothing
        (1, 4, 1, False, False, Rating.Again),  # passed, but below half the points
        (1, 3, 2, False, False, Rating.Again),  # below half
        (2, 4, 3, False, False, Rating.Hard),  # not passed, but half
        (2, 3, 3, False, False, Rating.Hard),  # not passed, over half
        (3, 4, 3, False, False, Rating.Hard),  # passed, not all points
        (4, 4, 3, False, False, Rating.Good),  # every point
        (1, 1, 1, False, False, Rating.Good),
        (4, 4, 3, True, False, Rating.Again),  # a misconception outweighs every point
        (3, 4, 2, True, False, Rating.Again),
        (0, 4, 2, False, True, Rating.Good),  # "I was right"
        (2, 4, 2, True, True, Rating.Good),
    ],
)
def test_rating_for_a_verdict(
    hits: int, total: int, pass_mark: int, misconception: bool, overridden: bool, rating: Rating
) -> None:
    marked = verdict(hits, total, pass_mark, misconception=misconception)
    assert rating_for(marked, overridden=overridden) is rating


@pytest.mark.parametrize(
    ("ratings", "due_after"),
    [
        ((Rating.Again,), timedelta(minutes=1)),
        ((Rating.Hard,), timedelta(minutes=5, seconds=30)),
        ((Rating.Good,), timedelta(minutes=10)),
        ((Rating.Good, Rating.Good), timedelta(minutes=10) + timedelta(days=2)),
        ((Rating.Good, Rating.Good, Rating.Again), None),  # back to relearning: soon
    ],
)
def test_review_schedules_a_new_card_deterministically(
    ratings: tuple[Rating, ...], due_after: timedelta | None
) -> None:
    card, now = None, START
    for rating in ratings:
        card, due = review(card, rating, now)
        last_review, now = now, due
    assert json.loads(cast(str, card))["due"] == due.isoformat()  # set: ratings is never empty
    if due_after is None:
        assert due - last_review <= timedelta(minutes=10)
    else:
        assert due - START == due_after
    assert review(None, ratings[0], START) == review(None, ratings[0], START)


def test_a_failed_card_falls_due_before_a_passed_one() -> None:
    _, failed = review(None, Rating.Again, START)
    _, hard = review(None, Rating.Hard, START)
    _, passed = review(None, Rating.Good, START)
    assert failed < hard < passed


QUESTIONS = small_deck().questions  # berlin, rapallo, locarno


def at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("due", "exclude", "order"),
    [
        ({}, (), ["berlin", "rapallo", "locarno"]),  # unseen: deck order
        ({"berlin": at(10)}, (), ["rapallo", "locarno", "berlin"]),  # unseen before not due
        ({"locarno": at(-1)}, (), ["locarno", "berlin", "rapallo"]),  # due before unseen
        (
            {"berlin": at(-1), "rapallo": at(-30), "locarno": at(0)},
            (),
            ["rapallo", "berlin", "locarno"],  # most overdue first; due exactly now counts
        ),
        (
            {"berlin": at(10), "rapallo": at(1), "locarno": at(5)},
            (),
            ["rapallo", "locarno", "berlin"],  # none due: soonest first (failed before passed)
        ),
        ({"berlin": at(-5)}, ("berlin",), ["rapallo", "locarno"]),  # excluded
        ({}, ("berlin", "rapallo", "locarno"), []),
    ],
)
def test_questions_are_picked_due_then_unseen_then_soonest(
    due: dict[str, datetime], exclude: tuple[str, ...], order: list[str]
) -> None:
    assert [q.id for q in pick_many(QUESTIONS, due, START, 10, exclude)] == order
    first = pick_next(QUESTIONS, due, START, exclude)
    assert (first.id if first else None) == (order[0] if order else None)


@pytest.mark.parametrize(
    ("due", "failed", "order"),
    [
        (  # both due: the failed one first, though the passed one is more overdue
            {"berlin": at(-60), "rapallo": at(-5)},
            {"rapallo"},
            ["rapallo", "berlin", "locarno"],
        ),
        (  # neither due: the failed one first, though the passed one is due sooner
            {"berlin": at(5), "rapallo": at(9)},
            {"rapallo"},
            ["locarno", "rapallo", "berlin"],
        ),
        (  # failed but not due yet waits behind due and unseen questions
            {"berlin": at(-1), "rapallo": at(1)},
            {"rapallo"},
            ["berlin", "locarno", "rapallo"],
        ),
        (  # two failed: the longest overdue first
            {"berlin": at(-1), "rapallo": at(-2), "locarno": at(-30)},
            {"berlin", "rapallo"},
            ["rapallo", "berlin", "locarno"],
        ),
    ],
)
def test_failed_questions_come_before_passed_ones(
    due: dict[str, datetime], failed: set[str], order: list[str]
) -> None:
    assert [q.id for q in pick_many(QUESTIONS, due, START, 10, failed=failed)] == order
    first = pick_next(QUESTIONS, due, START, failed=failed)
    assert (first.id if first else None) == (order[0] if order else None)


@pytest.mark.parametrize(("n", "expected"), [(0, 0), (2, 2), (3, 3), (5, 3), (-1, 0)])
def test_pick_many_returns_at_most_n(n: int, expected: int) -> None:
    assert len(pick_many(QUESTIONS, {}, START, n)) == expected


def test_questions_of_the_same_due_time_keep_deck_order() -> None:
    due = {q.id: at(-1) for q in QUESTIONS}
    assert [q.id for q in pick_many(QUESTIONS, due, START, 3)] == ["berlin", "rapallo", "locarno"]
