"""Which of two words owns, or exceeds, the other.

A phrasing's possessive (``Lenin's wish``) is not shown by an answer giving the possessed
word another owner (``Lenin changed Stalin's wish``). A phrasing's comparison (``light
travels much faster than sound``) read the other way round (``sound travels faster than
light``) counts as one more flip of its meaning, like an opposite word (``white absorbs less heat
than black`` shows ``black absorbs more heat than white``). Only the phrasing's first
word is checked as the greater side.
"""

from __future__ import annotations

from collections.abc import Sequence

from tutorbot.core.marking.normalise import NAME, STOP, Token
from tutorbot.core.marking.verb_forms import same_word

Pair = tuple[int, int]
"""(index of the owner or the greater, index of the owned or the lesser) in the phrasing's
content words."""

_POSSESSIVE_ENDINGS = ("'s", "\u2019s", "s'", "s\u2019")
_THAN = "than"


def possessions(text: str, tokens: list[Token], content: Sequence[Token]) -> tuple[Pair, ...]:
    """The phrasing's ``X's Y``: X typed with a possessive ending, Y its next content word."""
    found = []
    for k, token in enumerate(content[:-1]):
        typed = text[token.start : token.end].casefold()
        if typed.endswith(_POSSESSIVE_ENDINGS) and tokens.index(content[k + 1]) == (
            tokens.index(token) + 1
        ):
            found.append((k, k + 1))
    return tuple(found)


def comparisons(tokens: list[Token], content: Sequence[Token]) -> tuple[Pair, ...]:
    """The phrasing's ``X ... than Y``: X its first content word, Y the first after
    ``than``, when X comes before ``than`` in its clause."""
    at = [tokens.index(t) for t in content]
    for i, token in enumerate(tokens):
        if token.stem != _THAN:
            continue
        after = [k for k, w in enumerate(at) if w > i and tokens[w].clause == token.clause]
        if at and at[0] < i and after and tokens[at[0]].clause == token.clause:
            return ((0, after[0]),)
    return ()


def owner_differs(
    owned: Sequence[Pair], tokens: list[Token], picks: Sequence[tuple[int, float] | None]
) -> bool:
    """Whether the answer gives a possessed word another owner, just before it
    (``Stalin's wish``, ``stalins wish``)."""
    for owner, thing in owned:
        at = picks[thing]
        if at is None or at[0] == 0:
            continue
        before = tokens[at[0] - 1]
        mine = picks[owner]
        if mine is not None and mine[0] == at[0] - 1:
            continue
        if before.clause == tokens[at[0]].clause and _possessive(before):
            owner_word = tokens[mine[0]].stem if mine is not None else None
            if owner_word is None or not same_word(before.stem, owner_word):
                return True
    return False


def reversed_comparison(
    compared: Sequence[Pair], tokens: list[Token], picks: Sequence[tuple[int, float] | None]
) -> bool:
    """Whether the answer puts the phrasing's lesser word before ``than`` and its greater
    word after it."""
    for greater, lesser in compared:
        big, small = picks[greater], picks[lesser]
        if big is None or small is None or small[0] >= big[0]:
            continue
        between = tokens[small[0] + 1 : big[0]]
        if any(t.stem == _THAN for t in between) and all(
            t.clause == tokens[big[0]].clause for t in between
        ):
            return True
    return False


def _possessive(token: Token) -> bool:
    """A name typed with ``'s`` (its span two longer than its stem) or with a bare ``s``
    (``stalins``, a word the lexicon does not know)."""
    if not token.flags & NAME or token.flags & STOP:
        return False
    typed = token.end - token.start
    return typed == len(token.stem) + 2 or (token.stem.endswith("s") and len(token.stem) > 4)
