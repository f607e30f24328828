"""Reading revision notes: plain text or Markdown as a teacher types them.

Physical lines wrapped mid-sentence are joined back into logical lines; each logical line
is a title, a heading, a bullet or a line of text, and remembers the line it started on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    TITLE = "title"
    HEADING = "heading"
    BULLET = "bullet"
    TEXT = "text"


@dataclass(frozen=True)
class Line:
    text: str
    """The line as written, bullet marker removed, wrapped lines joined with a space."""
    number: int
    """Where it starts in the notes (1-based)."""
    kind: Kind


_BULLET = re.compile(r"^(?:[-*+\u2022\u00b7\u25aa\u2023o]|\d{1,2}[.)])\s+")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|`)(?=\S)(.+?)(?<=\S)\1")
_JUNK_START = re.compile(r"^[,;]\s*")
_TERMINAL = (".", "?", "!", ":", '"', "\u201d")
_HEADING_MAX_WORDS = 5
_WRAPPED_SHARE = 0.7
"""A line at least this share of the notes' longest line filled its width: wrapped."""
_LABEL = re.compile(r"^[A-Z][\w ]{0,20}:\s")
_JOINERS = frozenset(
    str.split(
        "a an the and or but of to in on at by for with from into than as that which who whose"
        " was were is are be been had has have would could will his her its their this these"
    )
)


def read_notes(text: str) -> list[Line]:
    """The logical lines of ``text``, in order; empty lines dropped."""
    physical: list[tuple[str, int, bool, bool]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        heading = bool(_MARKDOWN_HEADING.match(stripped))
        stripped = _MARKDOWN_EMPHASIS.sub(r"\2", _MARKDOWN_HEADING.sub("", stripped))
        bullet = bool(_BULLET.match(stripped))
        stripped = _JUNK_START.sub("", _BULLET.sub("", stripped)).strip()
        if stripped and re.search(r"\w", stripped):
            physical.append((stripped, number, bullet, heading))
    width = max((len(raw.rstrip()) for raw in text.splitlines()), default=0)
    logical: list[tuple[str, int, bool, bool]] = []
    for index, (stripped, number, bullet, heading) in enumerate(physical):
        before_bullet = index + 1 < len(physical) and physical[index + 1][2]
        previous_full = index > 0 and len(physical[index - 1][0]) >= _WRAPPED_SHARE * width
        if (
            logical
            and not bullet
            and not heading
            and _continues(logical[-1][0], stripped, previous_full and not before_bullet)
        ):
            previous, start, was_bullet, was_heading = logical[-1]
            logical[-1] = (f"{previous} {stripped}", start, was_bullet, was_heading)
        else:
            logical.append((stripped, number, bullet, heading))
    return list(_classify(logical))


def _continues(previous: str, line: str, wrapped: bool) -> bool:
    """Whether ``line`` carries on a sentence that ``previous`` left unfinished: it starts
    in lower case or after a word that cannot end a sentence, or the line before it filled
    the notes' width (``wrapped``) and ``line`` is more than a heading."""
    if previous.endswith(_TERMINAL) or _LABEL.match(line):
        return False
    first = line[0]
    last_word = previous.rsplit(None, 1)[-1].casefold()
    if (
        first.islower()
        or first.isdigit()
        or previous.endswith((",", "-", "\u2013", "("))
        or last_word in _JOINERS
    ):
        return True
    return wrapped and len(line.split()) >= _HEADING_MAX_WORDS - 1


def _classify(logical: list[tuple[str, int, bool, bool]]) -> Iterator[Line]:
    for index, (text, number, bullet, heading) in enumerate(logical):
        before_bullet = index + 1 < len(logical) and logical[index + 1][2]
        if index == 0 and not bullet:
            yield Line(text, number, Kind.TITLE)
        elif bullet:
            yield Line(text, number, Kind.BULLET)
        elif heading or _looks_like_heading(text, before_bullet):
            yield Line(text.rstrip(":").strip(), number, Kind.HEADING)
        else:
            yield Line(text, number, Kind.TEXT)


def _looks_like_heading(text: str, before_bullet: bool) -> bool:
    most = _HEADING_MAX_WORDS * 2 if before_bullet else _HEADING_MAX_WORDS
    return (
        len(text.split()) <= most
        and not text.endswith((".", "!", ",", ";"))
        and not text.startswith(('"', "\u201c"))
    )


def sentences(text: str) -> list[str]:
    """``text`` split after ``.``, ``?`` or ``!`` followed by a capital letter or a quote."""
    parts = re.split(r"(?<=[.?!])\s+(?=[A-Z\"\u201c\u2018])", text.strip())
    return [part.strip() for part in parts if re.search(r"\w", part)]
