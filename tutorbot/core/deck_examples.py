"""Worked examples, checked like tests: does the marker find what the teacher expects?

Pure code: marks each example of a deck and reports every disagreement.
"""

from __future__ import annotations

from collections.abc import Iterable

from tutorbot.core.deck import Deck, Example, Question
from tutorbot.core.findings import Finding
from tutorbot.core.marking import mark


def check_examples(deck: Deck) -> list[Finding]:
    """One finding per example whose marking differs from what it expects."""
    findings = []
    for q_index, question in enumerate(deck.questions):
        for e_index, example in enumerate(question.examples):
            problem = disagreement(question, example)
            if problem:
                path = ("questions", q_index, "examples", e_index)
                findings.append(Finding(path, f"example {e_index + 1}: {problem}"))
    return findings


def disagreement(question: Question, example: Example) -> str | None:
    """``credited X, expected Y`` (and/or the same for misconceptions), or None."""
    verdict = mark(question, example.answer)
    credited = frozenset(p.point.id for p in verdict.hit)
    found = frozenset(m.misconception.id for m in verdict.misconceptions)
    parts = []
    if credited != example.credit:
        order = [p.id for p in question.key_points]
        parts.append(f"credited {_ids(credited, order)}, expected {_ids(example.credit, order)}")
    if example.misconceptions is not None and found != example.misconceptions:
        order = [m.id for m in question.misconceptions]
        parts.append(
            f"misconceptions {_ids(found, order)}, expected {_ids(example.misconceptions, order)}"
        )
    return "; ".join(parts) or None


def _ids(ids: Iterable[str], order: list[str]) -> str:
    ranked = sorted(ids, key=lambda i: order.index(i) if i in order else len(order))
    return "[" + ", ".join(ranked) + "]"
