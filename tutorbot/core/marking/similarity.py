"""How alike a typed word is to a phrasing word: the fuzzy-match threshold for its length,
an opposite by prefix (``disconnected``), a near-synonym's similarity, a slip of two
letters, a number that is a label or a year."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, process

from tutorbot.core.marking.normalise import NUMBER, STOP, Token
from tutorbot.core.marking.tuning import Tuning

SYNONYM = 0.8
"""Similarity of a near-synonym of a phrasing word (``crushed`` for ``suppressed``)."""


NEG_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "anti", "mis")


def word_threshold(length: int, tuning: Tuning) -> float:
    """The fuzz.ratio a typed word needs to count as a phrasing word of this length."""
    if length <= 6:
        return tuning.short_word_ratio
    if length <= 9:
        return tuning.word_ratio
    return tuning.fuzzy_floor


def alike(typed: str, words: Sequence[str], tuning: Tuning) -> tuple[tuple[str, float], ...]:
    """The phrasing words ``typed`` may stand for, with similarity; negative for an
    opposite by prefix (``disconnected`` for ``connected``)."""
    found = []
    floor = min(tuning.fuzzy_floor, tuning.short_word_ratio, tuning.word_ratio)
    for word, score, _ in process.extract(
        typed, words, scorer=fuzz.ratio, score_cutoff=floor, limit=None
    ):
        if word == typed:
            found.append((word, 1.0))
        elif score >= word_threshold(len(word), tuning):
            similarity = score / 100.0
            found.append((word, -similarity if opposite_prefix(word, typed) else similarity))
    return tuple(found)


def is_year(word: str) -> bool:
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def same_year(typed: str, labels: frozenset[str]) -> bool:
    """Whether a two-digit number is the short form of one of ``labels``' years."""
    return (
        len(typed) == 2 and typed.isdigit() and ("19" + typed in labels or "20" + typed in labels)
    )


def swaps(word: str) -> list[str]:
    return [
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(1, len(word) - 1)  # the first letter is rarely the slip
        if word[i] != word[i + 1]
    ]


def slips(word: str) -> list[str]:
    """``word`` typed with two neighbouring letters swapped (``jion``) or one letter
    doubled (``ppath``): slips a reader decodes without effort."""
    doubled = [word[: i + 1] + word[i:] for i in range(len(word))]
    first = [word[1] + word[0] + word[2:]] if len(word) > 2 and word[0] != word[1] else []
    return [*swaps(word), *first, *doubled]


def is_label(token: Token) -> bool:
    return bool(token.flags & NUMBER) or (len(token.stem) == 1 and not token.flags & STOP)


def opposite_prefix(a: str, b: str) -> bool:
    """``connected`` / ``disconnected``: alike in letters, opposite in meaning."""
    for prefix in NEG_PREFIXES:
        if a.startswith(prefix) != b.startswith(prefix):
            longer, shorter = (a, b) if a.startswith(prefix) else (b, a)
            if fuzz.ratio(longer[len(prefix) :], shorter) >= 90.0:
                return True
    return False
