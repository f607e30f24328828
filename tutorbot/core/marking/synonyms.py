"""Near-synonyms of a question's key point phrasings, as a table compiled with it.

An answer word whose form is in the table counts as the phrasing words it lists, at
``phrasing.SYNONYM`` similarity (``crushed`` for ``suppressed``): a tier below exact and
fuzzy matches. The words come from WordNet (``lexicon.near_synonyms``); polarity, sides
and roles are checked on them as on any other matched word.
"""

from __future__ import annotations

from collections.abc import Iterable

from tutorbot.core.marking.lexicon import near_synonyms
from tutorbot.core.marking.normalise import ACRONYM, LIGHT, NAME, NEGATOR, NUMBER, STOP, tokenise

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
