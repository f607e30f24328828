"""Feedback: a marked answer as a message for the student.

Pure code. ``render`` gives plain text (the console) or Telegram HTML (the bot, where every
piece of deck and student text is escaped). Either way the message fits Telegram's limit:
long quotes and evidence are shortened first, then trailing items are left out.
"""

from __future__ import annotations

import html as html_lib
import logging
from collections.abc import Callable

from tutorbot.core.limits import MESSAGE_LENGTH
from tutorbot.core.marking import MARKED_LENGTH, PointResult, Verdict
from tutorbot.core.marking.normalise import ACRONYM, NUMBER, STOP, tokenise

logger = logging.getLogger(__name__)

_CLIP_STEPS = (None, 1000, 500, 250, 120, 60, 30)
"""Longest piece of quoted text tried, from none to tight, until the message fits."""
_ELLIPSIS = "…"


def render(verdict: Verdict, *, html: bool) -> str:
    """The feedback message for ``verdict``: result, credited, missed, corrections."""
    for clip in _CLIP_STEPS:
        lines = _lines(verdict, html=html, clip=clip)
        text = "\n".join(lines)
        if len(text) <= MESSAGE_LENGTH:
            return text
    return _drop_to_fit(lines, html=html)


def result_line(verdict: Verdict) -> str:
    """One line: ``2/3 key points — passed``."""
    total = len(verdict.points)
    outcome = "passed" if verdict.passed else "not passed yet"
    line = f"{len(verdict.hit)}/{total} key point{'s' if total != 1 else ''} — {outcome}"
    if (
        not verdict.passed
        and _missing_required(verdict)
        and len(verdict.hit) >= (verdict.question.pass_mark)
    ):
        line += " (a point you must make is missing)"
    if verdict.misconceptions:
        count = len(verdict.misconceptions)
        line += f" ({count} misconception{'s' if count != 1 else ''} to fix)"
    return line


def _lines(verdict: Verdict, *, html: bool, clip: int | None) -> list[str]:
    text = _formatter(html=html, clip=clip)
    bold = (lambda s: f"<b>{s}</b>") if html else (lambda s: s)
    italic = (lambda s: f"<i>{s}</i>") if html else (lambda s: s)
    lines = [bold(result_line(verdict))]
    lines += [
        italic(f"Your answer was marked on its first {MARKED_LENGTH:,} characters.")
    ] * verdict.truncated
    if verdict.hit:
        lines += ["", bold("Credited:")]
        for result in verdict.hit:
            quote = ""
            if _quotable(result.matched):
                quote = f" — you wrote {italic(_quoted(text, result.matched))}"
            lines.append(f"✓ {text(result.point.point)}{quote}")
    if verdict.missed:
        lines += ["", bold("Missed:")]
        required = set(_missing_required(verdict))
        for evidence, results in _by_evidence(verdict.missed):
            for result in results:
                needed = " (needed to pass)" if result.point.id in required else ""
                lines.append(f"✗ {text(result.point.point)}{needed}")
            if evidence:
                lines.append(f"   From the notes: {italic(text(evidence))}")
    if verdict.misconceptions:
        lines += ["", bold("Careful:")]
        for found in verdict.misconceptions:
            correction = text(found.misconception.correction)
            if _quotable(found.matched):
                lines.append(f"! You wrote {italic(_quoted(text, found.matched))}: {correction}")
            else:
                lines.append(f"! {correction}")
    return lines


def _missing_required(verdict: Verdict) -> tuple[str, ...]:
    hit = {p.point.id for p in verdict.hit}
    return tuple(point_id for point_id in verdict.question.require if point_id not in hit)


def _by_evidence(
    results: tuple[PointResult, ...],
) -> list[tuple[str | None, list[PointResult]]]:
    """Missed points grouped under their evidence, in order, so shared evidence is quoted once."""
    groups: dict[str, list[PointResult]] = {}
    ordered: list[tuple[str | None, list[PointResult]]] = []
    for result in results:
        evidence = result.point.evidence
        if evidence is None:
            ordered.append((None, [result]))
        elif evidence in groups:
            groups[evidence].append(result)
        else:
            groups[evidence] = [result]
            ordered.append((evidence, groups[evidence]))
    return ordered


def _quotable(words: str) -> bool:
    """Whether the student's words say something alone: two content words, an acronym or a
    number; not a lone function or common word (``support``, ``the``)."""
    content = [t for t in tokenise(words) if not t.flags & STOP]
    return len(content) >= 2 or (len(content) == 1 and bool(content[0].flags & (ACRONYM | NUMBER)))


def _formatter(*, html: bool, clip: int | None) -> Callable[[str], str]:
    """Deck or student text, shortened to ``clip`` characters, then escaped for HTML."""

    def format_text(raw: str) -> str:
        raw = " ".join(raw.split())
        if clip is not None and len(raw) > clip:
            raw = raw[: clip - 1].rstrip() + _ELLIPSIS
        return html_lib.escape(raw) if html else raw

    return format_text


def _quoted(text: Callable[[str], str], words: str) -> str:
    return f"“{text(words)}”"


def _drop_to_fit(lines: list[str], *, html: bool) -> str:
    """Whole lines from the end left out until the message fits (a line is never cut)."""
    more = "<i>… (more left out)</i>" if html else "… (more left out)"
    kept = list(lines)
    while kept and len("\n".join([*kept, more])) > MESSAGE_LENGTH:
        kept.pop()
    if not kept:
        return more
    logger.debug("feedback left out %d lines to fit the limit", len(lines) - len(kept))
    return "\n".join([*kept, more])
