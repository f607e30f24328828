"""A draft deck as YAML text in the deck format, with ``# check:`` comments where it guessed."""

from __future__ import annotations

import json
import re
import textwrap

from tutorbot.core.drafting.build import Draft, DraftQuestion, slug

WIDTH = 92
_PLAIN_START = re.compile(r"^[\w(\u201c\u2018$£€]")
_UNSAFE = (": ", " #", "\t")


def render(draft: Draft, deck_id: str, source: str) -> str:
    """The deck file text for ``draft``; ``source`` names the notes in its header."""
    evidence_ids: dict[str, str] = {}
    for question in draft.questions:
        for point in question.points:
            if point.evidence not in evidence_ids:
                taken = set(evidence_ids.values())
                base = slug(point.evidence, 4) or "evidence"
                candidate, number = base, 2
                while candidate in taken:
                    candidate, number = f"{base}-{number}", number + 1
                evidence_ids[point.evidence] = candidate
    out = [
        f"# Drafted by `tutorbot draft` from {source}.",
        "# Every evidence text quotes the notes word for word. Read every question, reword",
        "# what reads oddly, and look at each `# check:` line. Then: tutorbot check THIS-FILE",
        f"id: {deck_id}",
        f"title: {_scalar(draft.title)}",
    ]
    out.extend(_synonyms(draft))
    out.append("evidence:")
    for text, evidence_id in evidence_ids.items():
        out.extend(_mapping_entry(evidence_id, text, indent=2))
    out.append("questions:")
    for question in draft.questions:
        out.extend(_question(question, evidence_ids))
    return "\n".join(out) + "\n"


def _synonyms(draft: Draft) -> list[str]:
    if not draft.synonyms:
        return [
            "# check: add the other names students use for the people and places here, e.g.",
            "# synonyms:",
            "#   USSR: [Russia, Soviet Union, the Soviets]",
        ]
    lines = ["synonyms:  # check: names the notes write in more than one way"]
    lines.extend(f"  {_scalar(name)}: {_flow(variants)}" for name, variants in draft.synonyms)
    return lines


def _question(question: DraftQuestion, evidence_ids: dict[str, str]) -> list[str]:
    lines = [""]
    lines.extend(f"  # check: {note}" for note in question.notes)
    lines.append(
        f"  - id: {question.id}  # from line {question.line} of the notes ({question.kind})"
    )
    lines.extend(_mapping_entry("prompt", question.prompt, indent=4))
    if question.hint:
        lines.extend(_mapping_entry("hint", question.hint, indent=4))
    lines.append(f"    pass: {question.pass_mark}  # check: how many points a pass needs")
    if question.require:
        lines.append(f"    require: {_flow(question.require)}")
    lines.append("    key_points:")
    for point in question.points:
        lines.append(f"      - id: {point.id}")
        lines.extend(_mapping_entry("point", point.point, indent=8))
        comment = "  # check: only the point itself; add shorter phrasings" if point.guessed else ""
        lines.append(f"        accept: {_flow(point.accept)}{comment}")
        lines.append(f"        evidence: {evidence_ids[point.evidence]}")
    if question.examples:
        lines.append("    examples:")
        for example in question.examples:
            lines.extend(_mapping_entry("- answer", example.answer, indent=6))
            lines.append(f"        credit: {_flow(example.credit)}")
    return lines


def _mapping_entry(key: str, text: str, indent: int) -> list[str]:
    """``key: text`` at ``indent``; long plain text folded over indented lines (``>-``)."""
    pad = " " * indent
    single = f"{pad}{key}: {_scalar(text)}"
    if len(single) <= WIDTH or not _plain(text) or "  " in text:
        return [single]
    inner = pad + " " * (4 if key.startswith("- ") else 2)
    wrapped = textwrap.wrap(
        text, WIDTH - len(inner), break_long_words=False, break_on_hyphens=False
    )
    return [f"{pad}{key}: >-", *(inner + line for line in wrapped)]


def _flow(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(_scalar(item, in_flow=True) for item in items) + "]"


def _scalar(text: str, in_flow: bool = False) -> str:
    if _plain(text) and not (in_flow and any(c in text for c in ",[]{}")):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain(text: str) -> bool:
    return (
        bool(_PLAIN_START.match(text))
        and not any(unsafe in text for unsafe in _UNSAFE)
        and not text.endswith(":")
        and text == text.strip()
    )
