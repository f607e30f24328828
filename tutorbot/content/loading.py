"""Load deck files, find every problem in them, and build the frozen deck model.

``load_decks`` never stops at the first problem: it reads every file, collects
each problem with its file and line, and raises one ``ContentError`` listing all
of them, so that a teacher fixes a deck in one pass.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from tutorbot.content.model import Deck, KeyPoint, Misconception, Question
from tutorbot.content.schema import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    DeckSpec,
    QuestionSpec,
    allowed_keys,
    error_location,
    error_message,
)
from tutorbot.content.yaml_nodes import ParsedYaml, describe_path, parse_yaml
from tutorbot.content.yaml_nodes import Path as YamlPath
from tutorbot.errors import ContentError, Problem

logger = logging.getLogger(__name__)

DECK_SUFFIXES = (".yaml", ".yml")


def load_deck(path: Path | str) -> Deck:
    """The one deck in the file ``path``; ``ContentError`` lists every problem in it."""
    return load_decks([Path(path)])[0]


def load_decks(paths: Sequence[Path | str]) -> list[Deck]:
    """Every deck in ``paths`` (files, or folders of ``*.yaml``/``*.yml`` files), in order."""
    files, problems = deck_files(paths)
    loaded: list[tuple[Deck, int]] = []
    for file in files:
        deck, id_line, file_problems = _load_file(file)
        problems.extend(file_problems)
        if deck is not None:
            loaded.append((deck, id_line))
    problems.extend(_duplicate_deck_ids(loaded))
    if problems:
        logger.info("%d problem(s) in %d deck file(s)", len(problems), len(files))
        raise ContentError(problems)
    return [deck for deck, _ in loaded]


def deck_files(paths: Sequence[Path | str]) -> tuple[list[Path], list[Problem]]:
    """The deck files named by ``paths`` (folders expanded, sorted), and missing paths."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(
                child
                for child in path.iterdir()
                if child.suffix.lower() in DECK_SUFFIXES
                and child.is_file()
                and not child.name.startswith(".")
            )
            if not found:
                problems.append(
                    Problem(str(path), None, "no deck files (*.yaml, *.yml) in this folder")
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), None, "no such file or folder"))
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    return list(unique.values()), problems


def _load_file(path: Path) -> tuple[Deck | None, int, list[Problem]]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        return None, 1, [Problem(name, line, "the file is not UTF-8 text: save it as UTF-8")]
    except OSError as exc:
        return None, 1, [Problem(name, None, f"cannot read the file: {exc.strerror or exc}")]

    parsed = parse_yaml(text)
    located: list[tuple[int | None, str]] = [(issue.line, issue.message) for issue in parsed.issues]
    problems = [Problem(name, line, message) for line, message in located]
    data = parsed.data
    if data is None:
        if not problems:
            problems.append(
                Problem(name, 1, "the file is empty: a deck needs at least `title` and `questions`")
            )
        return None, 1, problems
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        keys = ", ".join(allowed_keys(DeckSpec))
        message = f"the top level must be a mapping of keys ({keys}), not {kind}"
        return None, 1, [*problems, Problem(name, parsed.line_of(()), message)]

    spec: DeckSpec | None = None
    try:
        spec = DeckSpec.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            located.append((parsed.line_of(error_location(error)[0]), error_message(error)))
    located.extend(_cross_checks(data, parsed))
    deck_id, id_line = _deck_id(data, path, parsed, located)
    located.sort(key=lambda item: item[0] or 0)
    problems = [Problem(name, line, message) for line, message in located]
    if problems or spec is None:
        return None, id_line, problems
    return _build(spec, deck_id, name), id_line, []


def _deck_id(
    data: dict[object, object],
    path: Path,
    parsed: ParsedYaml,
    located: list[tuple[int | None, str]],
) -> tuple[str, int]:
    given = data.get("id")
    if isinstance(given, str):
        return given.strip(), parsed.line_of(("id",)) or 1
    stem = path.stem
    if given is None and not (re.match(ID_PATTERN, stem) and len(stem) <= ID_MAX_LENGTH):
        located.append(
            (
                1,
                f"the deck has no `id` and the file name {stem!r} is not a valid id: "
                "add an `id:` line",
            )
        )
    return stem, 1


def _cross_checks(data: dict[object, object], parsed: ParsedYaml) -> list[tuple[int | None, str]]:
    """What the schema cannot see: duplicate ids, evidence references, ``pass`` vs key points."""
    found: list[tuple[int | None, str]] = []

    def report(path: YamlPath, message: str) -> None:
        found.append((parsed.line_of(path), f"{describe_path(path)}: {message}"))

    def check_unique(items: object, path: YamlPath, what: str) -> None:
        if not isinstance(items, list):
            return
        first: dict[str, int | None] = {}
        for index, item in enumerate(items):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            id_path = (*path, index, "id")
            key = item_id.strip()
            if key in first:
                report(id_path, f"duplicate {what} id {key!r} (first used on line {first[key]})")
            else:
                first[key] = parsed.line_of(id_path)

    evidence = data.get("evidence")
    evidence_ids = (
        [k.strip() for k in evidence if isinstance(k, str)] if isinstance(evidence, dict) else []
    )
    questions = data.get("questions")
    check_unique(questions, ("questions",), "question")
    for q_index, question in enumerate(questions if isinstance(questions, list) else []):
        if not isinstance(question, dict):
            continue
        q_path: YamlPath = ("questions", q_index)
        key_points = question.get("key_points")
        check_unique(key_points, (*q_path, "key_points"), "key point")
        check_unique(question.get("misconceptions"), (*q_path, "misconceptions"), "misconception")
        points = key_points if isinstance(key_points, list) else []
        for k_index, point in enumerate(points):
            if not isinstance(point, dict):
                continue
            k_path: YamlPath = (*q_path, "key_points", k_index)
            if "accept" in point and point["accept"] is None:
                report((*k_path, "accept"), _EMPTY_ACCEPT)
            reference = point.get("evidence")
            if isinstance(reference, str):
                problem = _evidence_problem(reference.strip(), evidence_ids)
                if problem:
                    report((*k_path, "evidence"), problem)
        pass_mark = _whole_number(question.get("pass"))
        if pass_mark is not None and pass_mark >= 1 and 0 < len(points) < pass_mark:
            report(
                (*q_path, "pass"),
                f"{pass_mark} is more than the question's {len(points)} key point(s)",
            )
    return found


_EMPTY_ACCEPT = "must list at least one phrasing (or leave `accept` out to use the point itself)"


def _evidence_problem(reference: str, evidence_ids: list[str]) -> str | None:
    if reference in evidence_ids or not reference or re.search(r"\s", reference):
        return None
    if not evidence_ids:
        return f"{reference!r} looks like an evidence id, but the deck has no `evidence:` map"
    message = f"{reference!r} is not an id in `evidence:` (ids: {', '.join(evidence_ids)})"
    close = difflib.get_close_matches(reference, evidence_ids, n=1)
    return f"{message}; did you mean {close[0]!r}?" if close else message


def _whole_number(value: object) -> int | None:
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        return int(value)
    return None


def _duplicate_deck_ids(loaded: list[tuple[Deck, int]]) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, Deck] = {}
    for deck, line in loaded:
        if deck.id in first:
            other = first[deck.id].source
            problems.append(
                Problem(deck.source or "?", line, f"deck id {deck.id!r} is also used by {other}")
            )
        else:
            first[deck.id] = deck
    return problems


def _build(spec: DeckSpec, deck_id: str, source: str) -> Deck:
    evidence = dict(spec.evidence or {})
    questions = tuple(_build_question(q, evidence) for q in spec.questions)
    return Deck(deck_id, spec.title, questions, subject=spec.subject, source=source)


def _build_question(spec: QuestionSpec, evidence: dict[str, str]) -> Question:
    points = tuple(
        KeyPoint(
            id=p.id,
            point=p.point,
            accept=_phrasings(p.accept or [p.point]),
            evidence=evidence.get(p.evidence, p.evidence) if p.evidence else None,
        )
        for p in spec.key_points
    )
    misconceptions = tuple(
        Misconception(id=m.id, accept=_phrasings(m.accept), correction=m.correction)
        for m in spec.misconceptions or []
    )
    return Question(
        id=spec.id,
        prompt=spec.prompt,
        key_points=points,
        pass_mark=spec.pass_mark or len(points),
        hint=spec.hint,
        misconceptions=misconceptions,
    )


def _phrasings(texts: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(text.split()) for text in texts))
