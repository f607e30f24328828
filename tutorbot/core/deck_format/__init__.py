"""A deck from its YAML text: every problem found with its line, then the frozen deck model.

Pure: text in, a ``Deck`` (or ``ContentError`` listing every problem) out. Reading files
and folders is ``tutorbot.adapters.deck_files``'s.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from tutorbot.core.deck import Deck, Example, KeyPoint, Misconception, Question
from tutorbot.core.deck_format.cross_checks import cross_checks
from tutorbot.core.deck_format.schema import (
    ID_MAX_LENGTH,
    ID_PATTERN,
    DeckSpec,
    QuestionSpec,
    allowed_keys,
    error_location,
    error_message,
)
from tutorbot.core.deck_format.yaml_nodes import ParsedYaml, parse_yaml
from tutorbot.core.deck_synonyms import Expander, make_groups
from tutorbot.core.errors import ContentError, Problem


def load_deck_text(text: str, name: str) -> Deck:
    """The one deck in ``text``, as if read from a file called ``name`` (its stem is the id
    when the deck has no ``id``); ``ContentError`` lists every problem, named ``name``."""
    deck, _, problems = parse_deck(text.removeprefix("\ufeff"), name, _stem(name))
    if problems or deck is None:
        raise ContentError(problems)
    return deck


def _stem(name: str) -> str:
    """``name``'s file name without its suffix, as pathlib's ``stem``: ``a/d.yaml``: ``d``."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, _ = base.rpartition(".")
    return stem if dot and stem else base


def parse_deck(text: str, name: str, stem: str) -> tuple[Deck | None, int, list[Problem]]:
    """The deck in ``text`` (None if it has problems), the line of its id, and its problems,
    each named ``name``; ``stem`` is the id when the deck has none."""
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
