"""Lint: phrasings likely to mark badly, found before students meet them.

Pure code over a loaded deck. Each rule gives warnings (``tutorbot check`` prints them;
``--strict`` makes them errors). The rules, and how to fix what they find, are in
docs/content-format.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tutorbot.core.deck import Deck, Question, YamlPath
from tutorbot.core.findings import Finding
from tutorbot.core.marking import mark
from tutorbot.core.marking.normalise import ACRONYM, NEGATOR, NUMBER, STOP, Token, tokenise
from tutorbot.core.wording import clipped

MAX_NAME_WORDS = 2
"""A name of more words (``Socialism in One Country``) is specific enough to be a phrasing."""

RULES = {
    "one-word": "one common word: many answers contain it without making the point",
    "bare-name": "only a name: naming it is not saying what happened",
    "question-words": "only words of the question: an answer that repeats the question shows it",
    "question-shows": "the question's own words ({other}) show this key point: an answer "
    "that repeats the question is credited",
    "other-point": "it also shows {other}: the two key points overlap",
    "misconception": "it shows the misconception {other}: a right answer would fail",
    "negative-point": "the point says no/not, but no phrasing does: an answer saying the "
    "opposite would be credited",
    "point-not-credited": "the marker does not credit the point's own text: add a phrasing "
    "that its words show",
    "no-examples": "no examples: add `examples:` to pin down how its answers are marked",
}


def lint(deck: Deck) -> list[Finding]:
    """Every warning for ``deck``, in file order."""
    findings: list[Finding] = []
    for q_index, question in enumerate(deck.questions):
        q_path: YamlPath = ("questions", q_index)
        findings.extend(_question_findings(question, q_path))
    findings.sort(key=lambda f: deck.line_of(f.path) or 0)
    return findings


def _question_findings(question: Question, q_path: YamlPath) -> Iterator[Finding]:
    restated = {p.point.id: p.matched for p in mark(question, question.prompt).hit}
    for k_index, point in enumerate(question.key_points):
        k_path: YamlPath = (*q_path, "key_points", k_index)
        if point.id in restated:
            shown = restated[point.id]
            yield _finding((*k_path, "accept"), point.id, "question-shows", repr(shown))
        for a_index, phrasing in enumerate(point.phrasings):
            a_path: YamlPath = (*k_path, "accept", a_index) if point.written else k_path
            rule = broad_phrasing(phrasing, question)
            if rule:
                yield _finding(a_path, phrasing, rule)
            verdict = mark(question, phrasing)
            others = [p.point.id for p in verdict.hit if p.point.id != point.id]
            if others:
                yield _finding(a_path, phrasing, "other-point", ", ".join(others))
            if verdict.misconceptions:
                found = ", ".join(m.misconception.id for m in verdict.misconceptions)
                yield _finding(a_path, phrasing, "misconception", found)
        if _negative(point.point) and not any(_negative(p) for p in point.phrasings):
            yield _finding((*k_path, "point"), point.point, "negative-point")
        if point.id not in {p.point.id for p in mark(question, point.point).hit}:
            yield _finding((*k_path, "point"), point.point, "point-not-credited")
    for m_index, misconception in enumerate(question.misconceptions):
        for a_index, phrasing in enumerate(misconception.phrasings):
            rule = broad_phrasing(phrasing, question)
            if rule:
                yield _finding(
                    (*q_path, "misconceptions", m_index, "accept", a_index), phrasing, rule
                )
    if not question.examples:
        yield Finding(q_path, f"question {question.id!r}: {RULES['no-examples']}", "no-examples")


def _finding(path: YamlPath, text: str, rule: str, other: str = "") -> Finding:
    return Finding(path, f"{clipped(text, 60)!r}: {RULES[rule].format(other=other)}", rule)


def _content(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not t.flags & STOP]


def broad_phrasing(phrasing: str, question: Question) -> str | None:
    """The rule ``phrasing`` breaks by being too broad for ``question`` (a ``RULES`` key), if
    any: one common word, a bare name, only words of the question."""
    prompt_stems = {t.stem for t in _content(tokenise(question.prompt))}
    prompt_negated = _negative(question.prompt)
    tokens = tokenise(phrasing)
    words = _content(tokens)
    if not words:
        return "one-word"
    if any(t.flags & NUMBER for t in words):  # a date or number: the marker checks it exactly
        return "question-words" if all(t.stem in prompt_stems for t in words) else None
    short_name = len(words) <= MAX_NAME_WORDS and all(
        t.flags & ACRONYM or phrasing[t.start].isupper() for t in words
    )
    if short_name:
        return None if _asks_for_a_name(question.prompt) else "bare-name"
    reciprocal = _RECIPROCAL.search(phrasing) is not None  # "trust each other" is a relation
    if len(words) == 1 and not reciprocal and not any(t.flags & NEGATOR for t in tokens):
        return "one-word"
    negated = any(t.flags & NEGATOR and t.flags & STOP for t in tokens)
    if all(t.stem in prompt_stems for t in words) and negated == prompt_negated:
        return "question-words"
    return None


_RECIPROCAL = re.compile(r"\b(each other|one another)\b", re.IGNORECASE)
_NAME_QUESTION = re.compile(r"^\s*(where|when|who)\b", re.IGNORECASE)


def _asks_for_a_name(prompt: str) -> bool:
    """A where/when/who question: a place, date or person is the answer itself."""
    return _NAME_QUESTION.match(prompt) is not None


def _negative(text: str) -> bool:
    """Whether ``text`` has a negation word (not, no, never...: not verbs like ``refuse``)."""
    return any(t.flags & NEGATOR and t.flags & STOP for t in tokenise(text))
