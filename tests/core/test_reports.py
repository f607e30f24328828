from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tutorbot.adapters.chart import missed_points_chart
from tutorbot.core.deck import Deck, KeyPoint, Question
from tutorbot.core.reports import AttemptFact, build_report

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def point(pid: str) -> KeyPoint:
    return KeyPoint(id=pid, point=f"point {pid}", accept=(f"point {pid}",))


def question(qid: str, *pids: str) -> Question:
    return Question(
        id=qid, prompt=f"Q {qid}?", key_points=tuple(point(p) for p in pids), pass_mark=1
    )


HISTORY = Deck("history", "History", (question("q1", "a", "b"), question("q2", "c")))
GEOGRAPHY = Deck("geo", "Geography", (question("g1", "x", "y", "z"),))
DECKS = (HISTORY, GEOGRAPHY)


def fact(
    student: int, deck: str, qid: str, days_ago: float, score: float, *missed: str
) -> AttemptFact:
    return AttemptFact(student, deck, qid, NOW - timedelta(days=days_ago), score, missed)


def test_participation_counts_members_who_answered_in_the_last_seven_days() -> None:
    facts = [
        fact(1, "history", "q1", 0.1, 1.0),
        fact(1, "history", "q2", 0.2, 1.0),
        fact(2, "history", "q1", 6.9, 0.5, "b"),
        fact(3, "history", "q1", 7.5, 0.0, "a", "b"),  # too old to count as participation
        fact(99, "history", "q1", 0.1, 0.0, "a"),  # not a member
    ]
    report = build_report("7B", [1, 2, 3, 4], facts, DECKS, NOW)
    assert (report.size, report.active, report.answers) == (4, 2, 3)
    assert report.participation == pytest.approx(0.5)
    assert report.answers_by_day == (1, 0, 0, 0, 0, 0, 2)


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ([], ()),
        (
            [fact(1, "history", "q1", 1, 1.0), fact(2, "history", "q2", 30, 0.0)],
            (("history", 0.5, 2),),
        ),
        (
            [fact(1, "geo", "g1", 1, 1 / 3), fact(1, "history", "q1", 1, 1.0)],
            (("history", 1.0, 1), ("geo", 1 / 3, 1)),
        ),
        ([fact(1, "gone", "q1", 1, 1.0)], ()),
    ],
)
def test_average_score_per_deck(
    facts: list[AttemptFact], expected: tuple[tuple[str, float, int], ...]
) -> None:
    report = build_report("7B", [1, 2], facts, DECKS, NOW)
    got = tuple((s.deck.id, s.average, s.answers) for s in report.deck_scores)
    assert [g[0] for g in got] == [e[0] for e in expected]
    assert [g[1] for g in got] == pytest.approx([e[1] for e in expected])
    assert [g[2] for g in got] == [e[2] for e in expected]


def test_most_missed_points_are_ranked_and_limited_to_ten() -> None:
    many = Deck("many", "Many", tuple(question(f"m{i}", f"p{i}") for i in range(15)))
    facts = [fact(1, "many", f"m{i}", 1, 0.0, f"p{i}") for i in range(15) for _ in range(i % 5 + 1)]
    facts += [fact(1, "history", "q1", 1, 0.5, "b")] * 9
    report = build_report("7B", [1], facts, (HISTORY, many), NOW)
    ranked = [(m.point.id, m.misses) for m in report.most_missed]
    assert len(ranked) == 10
    assert ranked[0] == ("b", 9)
    counts = [c for _, c in ranked]
    assert counts == sorted(counts, reverse=True)
    assert ranked[1:4] == [("p4", 5), ("p9", 5), ("p14", 5)]  # ties keep deck order


def test_missed_points_of_unknown_questions_are_ignored() -> None:
    facts = [fact(1, "history", "q9", 1, 0.0, "a"), fact(1, "history", "q1", 1, 0.0, "zz")]
    assert build_report("7B", [1], facts, DECKS, NOW).most_missed == ()


@pytest.mark.parametrize(
    "bars",
    [
        [],
        [("Socialism in one country " * 5, 12), ("Locarno", 3), ("<b>&", 1)],
        [("Loans of $200 million and $800", 2), (r"$\frac$ is not maths here", 1)],
    ],
    ids=["empty", "long-and-html", "dollar-signs"],
)
def test_chart_is_a_png(bars: list[tuple[str, int]]) -> None:
    png = missed_points_chart("Class $7B: most missed", bars)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 1000
