"""Load deck files, find every problem in them, and build the frozen deck model.

``load_decks`` never stops at the first problem: it reads every file, collects
each problem with its file and line, and raises one ``ContentError`` listing all
of them, so that a teacher fixes a deck in one pass.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ValidationError

from tutorbot.content.model import Deck, Example, KeyPoint, Misconception, Question
from tutorbot.content.schema import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    DeckSpec,
    QuestionSpec,
    allowed_keys,
    error_location,
    error_message,
)
from tutorbot.content.synonyms import Expander, make_groups, normal
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
    return _build(spec, deck_id, name, parsed), id_line, []


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
        point_ids = _ids(points)
        require = question.get("require")
        for r_index, required in enumerate(require if isinstance(require, list) else []):
            problem = _unknown_id(required, point_ids, "key point")
            if problem:
                report((*q_path, "require", r_index), problem)
        _check_examples(question, q_path, point_ids, report)
        pass_mark = _whole_number(question.get("pass"))
        if pass_mark is not None and pass_mark >= 1 and 0 < len(points) < pass_mark:
            report(
                (*q_path, "pass"),
                f"{pass_mark} is more than the question's {len(points)} key point(s)",
            )
    found.extend(_synonym_checks(data, parsed))
    return found


def _ids(items: object) -> list[str]:
    return [
        item["id"].strip()
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    ]


def _unknown_id(value: object, known: list[str], what: str) -> str | None:
    if not isinstance(value, str) or value.strip() in known:
        return None
    message = f"{value.strip()!r} is not a {what} id of this question"
    message += f" (ids: {', '.join(known)})" if known else " (it has none)"
    close = difflib.get_close_matches(value.strip(), known, n=1)
    return f"{message}; did you mean {close[0]!r}?" if close else message


def _check_examples(
    question: dict[object, object],
    q_path: YamlPath,
    point_ids: list[str],
    report: Callable[[YamlPath, str], None],
) -> None:
    examples = question.get("examples")
    misconception_ids = _ids(question.get("misconceptions"))
    for e_index, example in enumerate(examples if isinstance(examples, list) else []):
        if not isinstance(example, dict):
            continue
        for key, known, what in [
            ("credit", point_ids, "key point"),
            ("misconceptions", misconception_ids, "misconception"),
        ]:
            listed = example.get(key)
            for index, value in enumerate(listed if isinstance(listed, list) else []):
                problem = _unknown_id(value, known, what)
                if problem:
                    report((*q_path, "examples", e_index, key, index), problem)


def _synonym_checks(data: dict[object, object], parsed: ParsedYaml) -> list[tuple[int | None, str]]:
    """A term in two groups, and a group that no phrasing of the deck uses (a misspelling)."""
    synonyms = data.get("synonyms")
    if not isinstance(synonyms, dict):
        return []
    found: list[tuple[int | None, str]] = []
    owner: dict[str, str] = {}
    entries: list[tuple[str, list[str]]] = []
    for key, terms in synonyms.items():
        if not isinstance(key, str) or not isinstance(terms, list) or not key.strip():
            continue
        texts = [t for t in terms if isinstance(t, str) and t.strip()]
        entries.append((key, texts))
        for term in {normal(t) for t in (key, *texts)}:
            if term in owner and owner[term] != key:
                found.append(
                    (
                        parsed.line_of(("synonyms", key)),
                        f"synonyms.{key}: {term!r} is also in the group {owner[term]!r}: "
                        "put each word in one group only",
                    )
                )
            owner.setdefault(term, key)
    expander = Expander(make_groups(entries))
    used = {term for phrasing in _all_phrasings(data) for term in expander.terms_in(phrasing)}
    for key, terms in entries:
        if not {normal(t) for t in (key, *terms)} & used:
            found.append(
                (
                    parsed.line_of(("synonyms", key)),
                    f"synonyms.{key}: no phrasing of the deck uses {key!r} or its synonyms "
                    "(misspelt? a synonym applies to the `accept` phrasings and the points)",
                )
            )
    return found


def _all_phrasings(data: dict[object, object]) -> list[str]:
    texts: list[str] = []
    questions = data.get("questions")
    for question in questions if isinstance(questions, list) else []:
        if not isinstance(question, dict):
            continue
        for key in ("key_points", "misconceptions"):
            items = question.get(key)
            for item in items if isinstance(items, list) else []:
                if not isinstance(item, dict):
                    continue
                accept = item.get("accept")
                texts.extend(a for a in (accept or []) if isinstance(a, str))
                if accept is None and isinstance(item.get("point"), str):
                    texts.append(item["point"])
    return texts


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


def _build(spec: DeckSpec, deck_id: str, source: str, parsed: ParsedYaml) -> Deck:
    evidence = dict(spec.evidence or {})
    groups = make_groups((spec.synonyms or {}).items())
    expander = Expander(groups)
    questions = tuple(_build_question(q, evidence, expander) for q in spec.questions)
    return Deck(
        deck_id,
        spec.title,
        questions,
        subject=spec.subject,
        source=source,
        synonyms=groups,
        lines=dict(parsed.lines),
    )


def _build_question(spec: QuestionSpec, evidence: dict[str, str], expander: Expander) -> Question:
    points = []
    for p in spec.key_points:
        written = _phrasings(p.accept or [p.point])
        points.append(
            KeyPoint(
                id=p.id,
                point=p.point,
                accept=_expanded(written, expander),
                evidence=evidence.get(p.evidence, p.evidence) if p.evidence else None,
                written=written,
            )
        )
    misconceptions = []
    for m in spec.misconceptions or []:
        written = _phrasings(m.accept)
        misconceptions.append(
            Misconception(
                id=m.id,
                accept=_expanded(written, expander),
                correction=m.correction,
                written=written,
            )
        )
    examples = tuple(
        Example(
            answer=e.answer,
            credit=frozenset(e.credit or ()),
            misconceptions=None if e.misconceptions is None else frozenset(e.misconceptions),
        )
        for e in spec.examples or []
    )
    return Question(
        id=spec.id,
        prompt=spec.prompt,
        key_points=tuple(points),
        pass_mark=spec.pass_mark or len(points),
        hint=spec.hint,
        misconceptions=tuple(misconceptions),
        require=tuple(dict.fromkeys(spec.require or ())),
        examples=examples,
    )


def _phrasings(texts: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(text.split()) for text in texts))


def _expanded(written: tuple[str, ...], expander: Expander) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for text in written for v in expander.expand(text)))
