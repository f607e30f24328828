"""Deck-wide synonyms: every phrasing also accepted with a synonym in place of a word it uses.

Pure code. A group (``USSR: [Russia, Soviet Union]``) makes its terms interchangeable: a
phrasing that contains one of them (as whole words, any case) gets a variant with each of
the others instead, so the marker itself needs to know nothing about synonyms.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

MAX_VARIANTS = 24
"""Most phrasings one written phrasing expands to (itself included): a phrasing with
several synonym terms would otherwise multiply its variants."""

Groups = tuple[tuple[str, ...], ...]
_DOUBLE_THE = re.compile(r"\b(the)\s+the\b", re.IGNORECASE)
"""``the USSR`` with ``the Soviets`` put in would read ``the the Soviets``."""


def normal(term: str) -> str:
    """A term as compared: casefolded, single spaces."""
    return " ".join(term.casefold().split())


def make_groups(entries: Iterable[tuple[str, Sequence[str]]]) -> Groups:
    """Groups from ``key: [terms]`` entries, each term once (first spelling kept)."""
    groups = []
    for key, terms in entries:
        unique: dict[str, str] = {}
        for term in (key, *terms):
            unique.setdefault(normal(term), " ".join(term.split()))
        groups.append(tuple(unique.values()))
    return tuple(groups)


class Expander:
    """Expands phrasings with one deck's synonym groups."""

    def __init__(self, groups: Groups) -> None:
        self._group_of = {normal(term): group for group in groups for term in group}
        terms = sorted(self._group_of, key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(map(re.escape, t.split())) for t in terms)
        self._pattern = (
            re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE) if terms else None
        )

    def terms_in(self, phrasing: str) -> list[str]:
        """The synonym terms ``phrasing`` uses, as compared (``normal``)."""
        if self._pattern is None:
            return []
        return [normal(m.group()) for m in self._pattern.finditer(phrasing)]

    def expand(self, phrasing: str) -> tuple[str, ...]:
        """``phrasing`` first, then its variants with synonyms substituted (at most
        ``MAX_VARIANTS`` in all)."""
        if self._pattern is None:
            return (phrasing,)
        matches = list(self._pattern.finditer(phrasing))
        if not matches:
            return (phrasing,)
        choices = []
        for match in matches:
            group = self._group_of[normal(match.group())]
            choices.append(
                (match.group(), *(t for t in group if normal(t) != normal(match.group())))
            )
        variants: dict[str, None] = {}
        for picked in itertools.product(*choices):
            pieces, end = [], 0
            for match, term in zip(matches, picked, strict=True):
                pieces += [phrasing[end : match.start()], term]
                end = match.end()
            pieces.append(phrasing[end:])
            variants.setdefault(_DOUBLE_THE.sub(r"\1", "".join(pieces)))
            if len(variants) >= MAX_VARIANTS:
                break
        return tuple(variants)
