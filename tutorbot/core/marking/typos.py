"""Typos of a word that word forms would otherwise hide.

A phrasing word is compared by its form (``socialism`` -> ``social``), but a typo the
lexicon does not know keeps every letter typed (``socialsim``), so it is far from the
form while close to the word as the teacher wrote it. Such a typo is compared with the
phrasing's words as written as well, at the usual fuzzy threshold for their length.
"""

from __future__ import annotations

from collections.abc import Iterable

from tutorbot.core.marking.normalise import STOP, tokenise
from tutorbot.core.marking.similarity import alike
from tutorbot.core.marking.tuning import Tuning


def surface_forms(phrasings: Iterable[str], fuzzy: frozenset[str]) -> dict[str, str]:
    """The words of ``phrasings`` as typed (lower case) -> their form, for the fuzzily
    compared words whose form is not what was typed (``socialism``: ``social``)."""
    table: dict[str, str] = {}
    for text in phrasings:
        for token in tokenise(text):
            if token.flags & STOP or token.stem not in fuzzy:
                continue
            typed = text[token.start : token.end].casefold()
            if typed != token.stem and typed.isalpha():
                table.setdefault(typed, token.stem)
    return table


def typed_alike(
    typed: str,
    surfaces: dict[str, str],
    known: tuple[tuple[str, float], ...],
    tuning: Tuning,
) -> tuple[tuple[str, float], ...]:
    """The phrasing words (forms) whose written word ``typed`` may be a typo of, not
    already in ``known``, best similarity first."""
    seen = {word for word, _ in known}
    found: dict[str, float] = {}
    for written, similarity in alike(typed, tuple(surfaces), tuning):
        stem = surfaces[written]
        if stem not in seen and abs(similarity) > abs(found.get(stem, 0.0)):
            found[stem] = similarity
    return tuple(found.items())
