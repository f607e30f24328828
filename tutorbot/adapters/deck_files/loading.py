"""Load deck files, find every problem in them, and build the frozen deck model.

``load_decks`` never stops at the first problem: it reads every file, collects
each problem with its file and line, and raises one ``ContentError`` listing all
of them, so that a teacher fixes a deck in one pass.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from tutorbot.adapters.deck_files.cross_checks import cross_checks
from tutorbot.adapters.deck_files.schema import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    DeckSpec,
    QuestionSpec,
    allowed_keys,
    error_location,
    error_message,
)
from tutorbot.adapters.deck_files.yaml_nodes import ParsedYaml, parse_yaml
from tutorbot.core.deck import Deck, Example, KeyPoint, Misconception, Question
from tutorbot.core.deck_synonyms import Expander, make_groups
from tutorbot.core.errors import ContentError, Problem

logger = logging.getLogger(__name__)

DECK_SUFFIXES = (".yaml", ".yml")


def load_deck(path: Path | str) -> Deck:
    """The one deck in the file ``path``; ``ContentError`` lists every problem in it."""
    return load_decks([Path(path)])[0]


def load_deck_text(text: str, name: str) -> Deck:
    """The one deck in ``text``, as if read from a file called ``name`` (its stem is the id
    when the deck has no ``id``); ``ContentError`` lists every problem, named ``name``."""
    deck, _, problems = _load_text(text.removeprefix("\ufeff"), name, Path(name).stem)
    if problems or deck is None:
        raise ContentError(problems)
    return deck


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
    return _load_text(text, name, path.stem)


def _load_text(text: str, name: str, stem: str) -> tuple[Deck | None, int, list[Problem]]:
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
    located.extend(cross_checks(data, parsed))
    deck_id, id_line = _deck_id(data, stem, parsed, located)
    located.sort(key=lambda item: item[0] or 0)
    problems = [Problem(name, line, message) for line, message in located]
    if problems or spec is None:
        return None, id_line, problems
    return _build(spec, deck_id, name, parsed), id_line, []


def _deck_id(
    data: dict[object, object],
    stem: str,
    parsed: ParsedYaml,
    located: list[tuple[int | None, str]],
) -> tuple[str, int]:
    given = data.get("id")
    if isinstance(given, str):
        return given.strip(), parsed.line_of(("id",)) or 1
    if given is None and not (re.match(ID_PATTERN, stem) and len(stem) <= ID_MAX_LENGTH):
        located.append(
            (
                1,
                f"the deck has no `id` and the file name {stem!r} is not a valid id: "
                "add an `id:` line",
            )
        )
    return stem, 1


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
