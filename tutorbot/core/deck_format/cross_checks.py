"""What the schema cannot see in a deck file: duplicate ids, references between its parts
(evidence ids, required and credited key points, expected misconceptions), ``pass`` against
the key points, and synonyms (a term in two groups, a group no phrasing uses).

Works on the plain data and lines of ``yaml_nodes``, before the schema's model is built, so
that every problem of a file is found in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tutorbot.core.deck import YamlPath
from tutorbot.core.deck_format.schema import EMPTY_ACCEPT, did_you_mean
from tutorbot.core.deck_format.yaml_nodes import ParsedYaml, describe_path
from tutorbot.core.deck_synonyms import Expander, make_groups, normal

Located = list[tuple[int | None, str]]


def cross_checks(data: dict[object, object], parsed: ParsedYaml) -> Located:
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
                report((*k_path, "accept"), EMPTY_ACCEPT)
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
    return did_you_mean(message, value.strip(), known)


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


def _evidence_problem(reference: str, evidence_ids: list[str]) -> str | None:
    if reference in evidence_ids or not reference or re.search(r"\s", reference):
        return None
    if not evidence_ids:
        return f"{reference!r} looks like an evidence id, but the deck has no `evidence:` map"
    message = f"{reference!r} is not an id in `evidence:` (ids: {', '.join(evidence_ids)})"
    return did_you_mean(message, reference, evidence_ids)


def _whole_number(value: object) -> int | None:
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        return int(value)
    return None
