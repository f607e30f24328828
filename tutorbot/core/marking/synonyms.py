"""Near-synonyms of a question's key point phrasings, as a table compiled with it.

An answer word whose form is in the table counts as the phrasing words it lists, at
``similarity.SYNONYM`` similarity (``crushed`` for ``suppressed``): a tier below exact and
fuzzy matches. The words come from WordNet (``lexicon.near_synonyms``); polarity, sides
and roles are checked on them as on any other matched word.
"""

from __future__ import annotations

from collections.abc import Iterable

from tutorbot.core.marking.lexicon import near_synonyms, phrasal_synonyms, verb_forms
from tutorbot.core.marking.normalise import (
    ACRONYM,
    LIGHT,
    NAME,
    NEGATOR,
    NUMBER,
    STOP,
    VERB,
    tokenise,
)

SYNONYM_MIN = 4
"""Fewest letters of a phrasing word, and of its near-synonym, for the synonym tier."""
_NOT_EXPANDED = STOP | NEGATOR | LIGHT | NUMBER | ACRONYM | NAME


def synonym_table(
    phrasings: Iterable[str], alone: frozenset[str], senses: int
) -> dict[str, tuple[str, ...]]:
    """For the content words of ``phrasings`` (a key point's), the forms of their
    near-synonyms that are plain content words themselves (not function words, negators,
    light words, numbers, or words the lexicon does not know) -> those phrasing words.
    A word in ``alone`` (it may show a phrasing on its own) gets none: a near-synonym
    never carries a phrasing alone (``leadership`` is not ``position as leader`` asked
    about his position). Nothing with ``senses`` 0."""
    if senses <= 0:
        return {}
    table: dict[str, dict[str, None]] = {}
    for text in phrasings:
        for token in tokenise(text):
            if token.flags & _NOT_EXPANDED or len(token.stem) < SYNONYM_MIN:
                continue
            typed = text[token.start : token.end].casefold()
            if token.stem in alone or not typed.isalpha():
                continue
            for other in near_synonyms(typed, senses):
                found = tokenise(other)
                if len(found) != 1 or len(other) < SYNONYM_MIN or found[0].flags & _NOT_EXPANDED:
                    continue
                if found[0].stem != token.stem:
                    table.setdefault(found[0].stem, {})[token.stem] = None
    return {form: tuple(words) for form, words in table.items()}


Phrasals = dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]
"""The form of a phrasal verb's first word (``got``) -> (the forms of its other words,
``rid of``; the phrasing words it counts as)."""


def phrasal_table(phrasings: Iterable[str], alone: frozenset[str], senses: int) -> Phrasals:
    """For the verbs of ``phrasings`` (a key point's), the phrasal verbs WordNet lists
    with them (``lexicon.phrasal_synonyms``: ``got rid of`` for ``eliminated``, ``stamp
    down`` for ``suppressed``), in any form of their first word. Not for a word in
    ``alone``, nor a phrasal verb that reads as a negation (``give up``)."""
    if senses <= 0:
        return {}
    table: dict[str, dict[tuple[str, ...], dict[str, None]]] = {}
    for text in phrasings:
        for token in tokenise(text):
            if not token.flags & VERB or token.flags & _NOT_EXPANDED or token.stem in alone:
                continue
            typed = text[token.start : token.end].casefold()
            if len(token.stem) < SYNONYM_MIN or not typed.isalpha():
                continue
            for words in phrasal_synonyms(typed, senses):
                said = tokenise(" ".join(words))
                if len(said) != len(words) or any(t.flags & NEGATOR for t in said):
                    continue
                rest = tuple(t.stem for t in said[1:])
                for form in verb_forms(words[0]):
                    for first in tokenise(form)[:1]:
                        entry = table.setdefault(first.stem, {}).setdefault(rest, {})
                        entry[token.stem] = None
    return {
        first: tuple((rest, tuple(words)) for rest, words in entries.items())
        for first, entries in table.items()
    }
