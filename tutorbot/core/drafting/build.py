"""A draft deck from an outline: phrasings the marker confirms, examples it agrees with.

For each question, every candidate phrasing of every point is tried at once (as a probe
question, one pseudo point per candidate) on each point's own text: a phrasing is kept
when its point's text shows it and no other point's text does. Examples (all points in
the notes' words, single points, a wrong answer) are kept only when the marker credits
exactly what they expect, so ``tutorbot check`` agrees with every one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tutorbot.core.deck import KeyPoint, Question
from tutorbot.core.deck_lint import broad_phrasing
from tutorbot.core.drafting.outline import Outline, Outlined
from tutorbot.core.drafting.phrases import candidates
from tutorbot.core.marking import mark

MAX_PHRASINGS = 4
CANDIDATES_TRIED = 12
WRONG_ANSWER = "I don't know"
COMMON_IN = 4


@dataclass(frozen=True)
class DraftPoint:
    id: str
    point: str
    accept: tuple[str, ...]
    evidence: str
    guessed: bool
    """No short phrasing survived: the point's own text is its only phrasing."""


@dataclass(frozen=True)
class Example:
    answer: str
    credit: tuple[str, ...]


@dataclass(frozen=True)
class DraftQuestion:
    id: str
    kind: str
    prompt: str
    points: tuple[DraftPoint, ...]
    pass_mark: int
    hint: str | None
    require: tuple[str, ...]
    examples: tuple[Example, ...]
    notes: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Draft:
    title: str
    questions: tuple[DraftQuestion, ...]
    synonyms: tuple[tuple[str, tuple[str, ...]], ...]


def build(plan: Outline, synonyms: Sequence[tuple[str, tuple[str, ...]]] = ()) -> Draft:
    """The draft deck for ``plan``: every question's phrasings and examples checked."""
    taken: set[str] = set()
    common = _common_words(p.evidence for q in plan.questions for p in q.points)
    questions = tuple(
        _question(q, _unique(slug(q.prompt, 6), taken), common) for q in plan.questions
    )
    return Draft(plan.title, questions, tuple(synonyms))


def _common_words(lines: Iterable[str]) -> frozenset[str]:
    """Words found in at least ``COMMON_IN`` different lines of the notes."""
    counts: dict[str, int] = {}
    for line in set(lines):
        for word in set(_folded_words(line)):
            counts[word] = counts.get(word, 0) + 1
    return frozenset(word for word, count in counts.items() if count >= COMMON_IN)


def _question(outlined: Outlined, question_id: str, common: frozenset[str]) -> DraftQuestion:
    point_ids: set[str] = set()
    ids = [_unique(slug(p.text, 3) or "point", point_ids) for p in outlined.points]
    texts = [p.text for p in outlined.points]
    chosen = _phrasings(outlined.prompt, texts, common)
    points = tuple(
        DraftPoint(pid, p.text, accept or (p.text,), p.evidence, not accept)
        for pid, p, accept in zip(ids, outlined.points, chosen, strict=True)
    )
    required = tuple(ids[i] for i in outlined.required)
    pass_mark = max(outlined.pass_mark, len(required))
    question = Question(
        question_id,
        outlined.prompt,
        tuple(KeyPoint(p.id, p.point, p.accept) for p in points),
        min(pass_mark, len(points)),
    )
    examples = tuple(e for e in _examples(points) if _agrees(question, e))
    notes = list(outlined.notes)
    notes.extend(f"no short phrasing found for {p.id}: write some" for p in points if p.guessed)
    return DraftQuestion(
        question_id,
        outlined.kind,
        outlined.prompt,
        points,
        question.pass_mark,
        outlined.hint,
        required,
        examples,
        tuple(notes),
        outlined.line,
    )


def _phrasings(prompt: str, texts: Sequence[str], common: frozenset[str]) -> list[tuple[str, ...]]:
    """Per point text, the candidate phrasings its own text shows and no other text does."""
    asked = Question("probe", prompt, (KeyPoint("probe", prompt, (prompt,)),), 1)
    tried = [
        [c for c in candidates(text, prompt, common) if broad_phrasing(c, asked) is None][
            :CANDIDATES_TRIED
        ]
        for text in texts
    ]
    probe_points = tuple(
        KeyPoint(f"{k}.{i}", phrasing, (phrasing,))
        for k, options in enumerate(tried)
        for i, phrasing in enumerate(options)
    )
    if not probe_points:
        return [() for _ in texts]
    probe = Question("probe", prompt, probe_points, 1)
    shown_by = [{r.point.id for r in mark(probe, text).hit} for text in texts]
    chosen: list[tuple[str, ...]] = []
    for k, options in enumerate(tried):
        good: list[str] = []
        for i, phrasing in enumerate(options):
            probe_id = f"{k}.{i}"
            elsewhere = any(probe_id in shown for j, shown in enumerate(shown_by) if j != k)
            if probe_id in shown_by[k] and not elsewhere and _new_facet(phrasing, good):
                good.append(phrasing)
            if len(good) == MAX_PHRASINGS:
                break
        chosen.append(tuple(good))
    return chosen


def anchored_in_own_text(prompt: str, phrasing: str, own: int, texts: Sequence[str]) -> bool:
    """Whether the point text ``texts[own]`` has some word of ``phrasing`` (a paraphrase,
    not something else) and no other point's text shows it."""
    probe = Question("probe", prompt, (KeyPoint("probe", phrasing, (phrasing,)),), 1)
    for index, text in enumerate(texts):
        (result,) = mark(probe, text).points
        if (index == own and result.score <= 0) or (index != own and result.hit):
            return False
    return True


def _new_facet(phrasing: str, chosen: Iterable[str]) -> bool:
    """Whether ``phrasing`` shares at most half its words with each phrasing chosen."""
    words = set(_folded_words(phrasing))
    for other in chosen:
        shared = words & set(_folded_words(other))
        if len(shared) * 2 > min(len(words), len(set(_folded_words(other)))):
            return False
    return True


def _examples(points: Sequence[DraftPoint]) -> list[Example]:
    every = Example(" ".join(_sentence(p.point) for p in points), tuple(p.id for p in points))
    singles = [Example(p.point, (p.id,)) for p in points[:2]] if len(points) > 1 else []
    return [every, *singles, Example(WRONG_ANSWER, ())]


def as_question(draft: DraftQuestion) -> Question:
    """The draft question as the marker sees it."""
    points = tuple(KeyPoint(p.id, p.point, p.accept) for p in draft.points)
    return Question(draft.id, draft.prompt, points, draft.pass_mark)


def agreeing_examples(draft: DraftQuestion) -> tuple[Example, ...]:
    """The examples of ``draft`` the marker credits exactly as they expect."""
    question = as_question(draft)
    return tuple(e for e in draft.examples if _agrees(question, e))


def _agrees(question: Question, example: Example) -> bool:
    credited = {result.point.id for result in mark(question, example.answer).hit}
    return credited == set(example.credit)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _folded_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def slug(text: str, words: int) -> str:
    """An id from the first ``words`` words of ``text``: ``why-was-stalin-cautious``."""
    return "-".join(_folded_words(text)[:words])[:48].strip("-")


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate
