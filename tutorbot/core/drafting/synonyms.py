"""Names the notes write in two ways: ``Chinese Communist Party (CCP)``, ``GMD (Guomindang)``."""

from __future__ import annotations

import re

_NAME_THEN_SHORT = re.compile(
    r"\b((?:[A-Z][\w'\u2019-]*\s+)(?:(?:of|the|and)\s+|[A-Z][\w'\u2019-]*\s+){0,5}?"
    r"[A-Z][\w'\u2019-]*)\s+\(([A-Z]{2,6})\)"
)
_SHORT_THEN_NAME = re.compile(r"\b([A-Z]{2,6})\s+\(([A-Z][^()]{3,60})\)")


def find_synonyms(notes: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each acronym the notes spell out in brackets, with its long form: the acronym's
    letters are the initials of the long form's capitalised words, or the long form is
    one word with the acronym's first letter (``GMD (Guomindang)``)."""
    found: dict[str, set[str]] = {}
    for long_form, short in _NAME_THEN_SHORT.findall(notes):
        _add(found, short, _trimmed(long_form, short))
    for short, long_form in _SHORT_THEN_NAME.findall(notes):
        _add(found, short, long_form.strip())
    return tuple((short, tuple(sorted(forms))) for short, forms in sorted(found.items()))


def _trimmed(long_form: str, short: str) -> str:
    """The last ``len(short)`` capitalised words of ``long_form``, with what joins them."""
    words = long_form.split()
    capitals = [i for i, w in enumerate(words) if w[:1].isupper()]
    if len(capitals) < len(short):
        return long_form
    return " ".join(words[capitals[-len(short)] :])


def _add(found: dict[str, set[str]], short: str, long_form: str) -> None:
    words = long_form.split()
    initials = "".join(w[0] for w in words if w[:1].isupper())
    one_word_variant = len(words) == 1 and words[0][0].upper() == short[0]
    if initials.upper() == short.upper() or one_word_variant:
        found.setdefault(short, set()).add(long_form)
