"""From the lines of revision notes to an outline of questions and their key points.

Headings with their bullets become recall questions (and a "when" question for a heading
that carries a date); a line that opens with a question and answers it in prose becomes
that question; "Label - a, b, c" lines under a heading about factors become "which
factors" questions; a quoted statement to assess, with its conclusion, becomes the essay
question. Every point keeps the notes' words, and its evidence is the line (or sentence)
it came from, word for word.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from tutorbot.core.drafting.notes import Kind, Line, sentences

MAX_POINTS = 6
"""More key points than this in one section are split over several questions."""


@dataclass(frozen=True)
class Point:
    text: str
    """The key point in the notes' words."""
    evidence: str
    """The line or sentence of the notes it comes from, word for word."""
    line: int


@dataclass(frozen=True)
class Outlined:
    kind: str
    """recall, why, when, factors, prose or essay."""
    prompt: str
    points: tuple[Point, ...]
    line: int
    hint: str | None = None
    required: tuple[int, ...] = ()
    """Indices of the points an answer must show (the essay's judgement)."""
    notes: tuple[str, ...] = ()
    """What the teacher should check, written into the draft as comments."""

    @property
    def pass_mark(self) -> int:
        count = len(self.points)
        return count if count <= 2 else max(2, math.ceil(count * 0.6))


@dataclass(frozen=True)
class Outline:
    title: str
    questions: tuple[Outlined, ...]


_QUOTED = re.compile(r"^(?:[A-Za-z ]{1,20}:\s*)?([\"\u201c][^\"\u201d]{8,}[\"\u201d])\s*(.*)$")
_TASK = re.compile(r"^(assess|how far|to what extent|discuss|evaluate|explain)\b", re.IGNORECASE)
_CONCLUSION = re.compile(r"^(conclusion|judgement|overall)\s*:\s*", re.IGNORECASE)
_LEADING_QUESTION = re.compile(r"^([A-Z][^?]{5,}\?)\s+(\S.*)$")
_LABELLED = re.compile(r"^([^-\u2013\u2014:]{2,40}?)\s+[-\u2013\u2014]\s+(.+)$")
_NAME_AND_DATE = re.compile(r"^(.+?)\s*\((.*\b\d{4}\b.*)\)$")
_CLAUSE_SPLIT = re.compile(r"(?:,\s+(?:and therefore|and so|but|so|hence)\b,?|;)\s+", re.IGNORECASE)
_JUDGEMENT = re.compile(r"\b(valid|view|responsible|judgement|overall)\b", re.IGNORECASE)


def outline(lines: Sequence[Line]) -> Outline:
    """The questions a draft deck asks about the notes ``lines``."""
    title = next((line.text for line in lines if line.kind is Kind.TITLE), "Revision notes")
    questions: list[Outlined] = []
    essay: tuple[str, int] | None = None
    conclusion: list[Point] = []
    heading: Line | None = None
    parent: Line | None = None
    shape: bool | None = None
    """Whether the first heading under ``parent`` carries a date: its siblings do too."""
    items: list[Line] = []

    def close_section() -> None:
        if heading is not None:
            questions.extend(_section(heading, parent, items))
        elif items:
            questions.extend(_chunked("recall", f"What do your notes say about {title}?", items))

    for index, line in enumerate(lines):
        if line.kind is Kind.TITLE:
            continue
        if line.kind is Kind.HEADING:
            close_section()
            heading, items = None, []
            following = lines[index + 1] if index + 1 < len(lines) else None
            if following is not None and following.kind is Kind.HEADING:
                parent, shape = line, None
                continue
            dated = _NAME_AND_DATE.match(line.text) is not None
            if shape is None:
                shape = dated
            elif shape != dated:
                parent = None
            heading = line
            continue
        statement = _essay_statement(line, lines[index + 1] if index + 1 < len(lines) else None)
        if statement is not None:
            essay = essay or (statement, line.number)
            continue
        if _TASK.match(line.text) and essay is not None and line.number <= essay[1] + 1:
            continue
        found = _CONCLUSION.match(line.text)
        if found and line.kind is Kind.TEXT:
            conclusion.extend(_clauses(line.text[found.end() :], line.number))
            continue
        asked = _LEADING_QUESTION.match(line.text) if line.kind is Kind.TEXT else None
        if asked:
            kind = "why" if asked.group(1).casefold().startswith("why") else "prose"
            points = _prose_points(asked.group(2), line.number)
            questions.extend(_split(kind, asked.group(1), points, line.number))
            continue
        items.append(line)
    close_section()
    if essay is not None and conclusion:
        questions.append(_essay(essay[0], essay[1], conclusion))
    return Outline(title, tuple(questions))


def _essay_statement(line: Line, following: Line | None) -> str | None:
    """``"Statement." Assess the validity of this view.`` as one prompt, if ``line`` is it."""
    found = _QUOTED.match(line.text)
    if not found or line.kind is not Kind.TEXT:
        return None
    task = found.group(2)
    if not task and following is not None and _TASK.match(following.text):
        task = following.text
    return f"{found.group(1)} {task}".strip() if task else None


def _section(heading: Line, parent: Line | None, items: list[Line]) -> Iterator[Outlined]:
    hint = f"From your notes on {parent.text}." if parent is not None else None
    name_and_date = _NAME_AND_DATE.match(heading.text)
    if name_and_date:
        name, date = name_and_date.groups()
        article = "the " if len(name.split()) > 1 and not name.lower().startswith("the ") else ""
        point = Point(date, heading.text, heading.number)
        yield Outlined("when", f"When was {article}{name}?", (point,), heading.number, hint)
    if not items:
        return
    if "factor" in heading.text.casefold():
        rest = []
        for item in items:
            labelled = _LABELLED.match(item.text)
            parts = _list_items(labelled.group(2)) if labelled else []
            if labelled and (parts or len(items) > 1):
                points = tuple(Point(part, item.text, item.number) for part in parts)
                prompt = f"Which factors come under {labelled.group(1).strip()}?"
                yield from _split("factors", prompt, points, item.number, hint)
            else:
                rest.append(item)
        items = rest
        if not items:
            return
    prompt = heading.text
    if not prompt.endswith("?"):
        prompt = f"What do you know about {prompt}?"
    kind = "why" if prompt.casefold().startswith("why") else "recall"
    yield from _chunked(kind, prompt, items, hint)


def _chunked(
    kind: str, prompt: str, items: Sequence[Line], hint: str | None = None
) -> Iterator[Outlined]:
    """A point per bullet, and per sentence of a line of prose."""
    points = tuple(
        point
        for item in items
        for point in (
            [Point(item.text, item.text, item.number)]
            if item.kind is Kind.BULLET
            else _clauses(item.text, item.number)
        )
    )
    yield from _split(kind, prompt, points, items[0].number, hint)


def _split(
    kind: str, prompt: str, points: Sequence[Point], line: int, hint: str | None = None
) -> Iterator[Outlined]:
    parts = math.ceil(len(points) / MAX_POINTS)
    size = math.ceil(len(points) / parts)
    for part in range(parts):
        chunk = tuple(points[part * size : (part + 1) * size])
        asked = prompt if parts == 1 else f"{prompt} (part {part + 1} of {parts})"
        yield Outlined(kind, asked, chunk, chunk[0].line if part else line, hint)


def _prose_points(text: str, number: int) -> tuple[Point, ...]:
    return tuple(point for sentence in sentences(text) for point in _clauses(sentence, number))


def _clauses(sentence_text: str, number: int) -> list[Point]:
    """A long sentence's clauses as points, each with the whole sentence as evidence."""
    points: list[Point] = []
    for sentence in sentences(sentence_text):
        pieces = [p.strip(" ,") for p in _CLAUSE_SPLIT.split(sentence)]
        pieces = [p for p in pieces if p]
        if len(pieces) > 1 and all(len(p.split()) >= 4 for p in pieces):
            points.extend(Point(_capitalised(p), sentence, number) for p in pieces)
        else:
            points.append(Point(sentence, sentence, number))
    return points


def _essay(prompt: str, line: int, conclusion: list[Point]) -> Outlined:
    points = tuple(conclusion[: MAX_POINTS + 2])
    judgement = [i for i, p in enumerate(points) if _JUDGEMENT.search(p.text)]
    required = (judgement[-1],) if judgement else ()
    notes = () if required else ("no judgement found in the conclusion: add one and require it",)
    return Outlined(
        "essay",
        f"Plan this essay: {prompt} Give the evidence for each side and your judgement.",
        points,
        line,
        "Give both sides, then decide how far the view is valid.",
        required,
        notes,
    )


def _list_items(text: str) -> list[str]:
    """``a (x, y), b, c and d`` -> ``[a (x, y), b, c, d]``: commas inside brackets kept."""
    items, depth, current = [], 0, ""
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    return [item.strip() for item in items if item.strip()]


def _capitalised(text: str) -> str:
    return text[0].upper() + text[1:] if text else text
