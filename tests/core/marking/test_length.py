"""Long answers: marked on their first 4,096 characters, and the student is told."""

from __future__ import annotations

from tutorbot.core.deck import KeyPoint, Question
from tutorbot.core.feedback import render
from tutorbot.core.marking import MARKED_LENGTH, mark

QUESTION = Question(
    id="q",
    prompt="What did Article 2 say?",
    key_points=(
        KeyPoint("attacked", "if one was attacked by a third", ("attacked by a third",)),
        KeyPoint("neutral", "the other would stay neutral", ("stay neutral",)),
    ),
    pass_mark=2,
)


def test_an_answer_within_the_limit_is_marked_whole() -> None:
    answer = "attacked by a third " + "x " * 2000 + "stay neutral"
    assert len(answer) <= MARKED_LENGTH
    verdict = mark(QUESTION, answer)
    assert verdict.passed
    assert not verdict.truncated


def test_only_the_first_4096_characters_are_marked() -> None:
    answer = "attacked by a third " + "blah " * 1000 + "stay neutral"
    verdict = mark(QUESTION, answer)
    assert verdict.truncated
    assert [p.point.id for p in verdict.hit] == ["attacked"]
    assert verdict.points[0].matched == "attacked by a third"


def test_the_feedback_says_the_answer_was_cut() -> None:
    verdict = mark(QUESTION, "stay neutral " * 1000)
    assert "marked on its first 4,096 characters" in render(verdict, html=False)
    assert "marked on its first" not in render(mark(QUESTION, "stay neutral"), html=False)


def test_a_huge_answer_is_marked() -> None:
    verdict = mark(QUESTION, "attacked by a third, stay neutral. " * 40_000)
    assert verdict.passed
    assert verdict.truncated
