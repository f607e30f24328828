"""Load deck files, find every problem in them, and build the frozen deck model.

``load_decks`` never stops at the first problem: it reads every file, collects
each problem with its file and line, and raises one ``ContentError`` listing all
of them, so that a teacher fixes a deck in one pass.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from tutorbot.core.deck import Deck
from tutorbot.core.deck_format import parse_deck
from tutorbot.core.errors import ContentError, Problem

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
    return parse_deck(text, name, path.stem)


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
