"""Marking: does a free-text answer show each key point of a question?

Pure code: no I/O, no clock; ``mark`` is deterministic. The package, in the order an answer
meets it:

- ``normalise``: text -> tokens (word forms, clauses, negators), remembering where each
  token was typed so feedback can quote the student's own words;
- ``lexicon`` and ``wordlists``: word forms from a maintained lexicon, near-synonyms,
  opposites, function words;
- ``phrasing`` (and ``point``): a question's accepted phrasings compiled once into
  weighted words;
- ``match``: the answer's words that show a phrasing, and the checks that refuse a match
  (negation, who did what, another label);
- ``verdict``: the results per key point and misconception.

How it decides, and how well: docs/marking.md.
"""

from __future__ import annotations

from tutorbot.core.deck import Question
from tutorbot.core.marking.phrasing import Tuning
from tutorbot.core.marking.verdict import (
    MARKED_LENGTH,
    MisconceptionFound,
    PointResult,
    Verdict,
    judge,
)

__all__ = [
    "MARKED_LENGTH",
    "TUNING",
    "MisconceptionFound",
    "PointResult",
    "Tuning",
    "Verdict",
    "mark",
]

TUNING = Tuning()
"""The knobs ``mark`` uses (a tuning script may swap them)."""


def mark(question: Question, answer: str) -> Verdict:
    """Which key points and misconceptions ``answer`` shows."""
    return judge(question, answer, TUNING)
