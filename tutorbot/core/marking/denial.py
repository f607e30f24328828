"""A denial that amounts to a misconception.

An answer that denies one of a key point's phrasings (its words, with the other polarity:
``he still wanted to spread socialism`` for ``gave up spreading socialism``) asserts the
opposite claim. When one of the question's misconceptions says exactly that opposite (the
same full words with the other polarity, ``still tried to spread socialism``; or one word
replaced by its opposite, ``NEP was succeeding`` for ``NEP was failing``), the answer shows
that misconception.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from tutorbot.core.marking.lexicon import ANTONYMS
from tutorbot.core.marking.normalise import NAME, Token
from tutorbot.core.marking.phrasing import Phrasing, Target
from tutorbot.core.marking.verb_forms import same_word
from tutorbot.core.marking.wordlists import PERSISTING_WORDS

_FEWEST_WORDS = 2
"""Full words a denied phrasing needs to stand for a claim (not ``no money``)."""


class Denial(NamedTuple):
    """A key point's phrasing the answer's words ``shown`` deny (``answer[start:end]``)."""

    phrasing: Phrasing
    start: int
    end: int
    shown: frozenset[int]


def affirmed(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether the clause of the answer's words ``first``..``last`` says the thing went on
    (``he still wanted to spread socialism``): without a negator of its own, an answer
    that only mentions a negative key point's words (``the old plan was to spread
    socialism``) denies nothing."""
    clauses = {tokens[first].clause, tokens[last].clause}
    return any(t.clause in clauses and t.stem in PERSISTING_WORDS for t in tokens)


def amounts_to(claim: Phrasing, denied: Phrasing) -> bool:
    """Whether ``claim`` says the opposite of ``denied``."""
    said, negated = _full(claim), _full(denied)
    if len(negated) < _FEWEST_WORDS or len(said) != len(negated):
        return False
    if claim.negative != denied.negative:
        return said == negated
    only_said, only_negated = said - negated, negated - said
    if len(only_said) != 1 or len(only_negated) != 1:
        return False
    return next(iter(only_said)) in ANTONYMS.get(next(iter(only_negated)), frozenset())


def denied_misconception(
    target: Target,
    denials: Iterable[Denial],
    tokens: Sequence[Token],
    credited: set[int],
    asked: frozenset[str],
) -> Denial | None:
    """The denial that shows one of the misconception's phrasings: in one clause, in no
    words that show a credited key point, and naming no one but those the question
    (``asked``, its words) or the misconception names (``Lenin wanted communism to
    spread`` is not a claim about Stalin)."""
    named = asked | {word for claim in target.phrasings for word in claim.words}
    for denial in denials:
        clauses = {tokens[i].clause for i in denial.shown}
        if denial.shown & credited or len(clauses) != 1:
            continue
        if any(
            t.clause in clauses and t.flags & NAME and not any(same_word(t.stem, w) for w in named)
            for t in tokens
        ):
            continue
        if any(amounts_to(claim, denial.phrasing) for claim in target.phrasings):
            return denial
    return None


def _full(phrasing: Phrasing) -> frozenset[str]:
    return frozenset(
        word for word, weight in zip(phrasing.words, phrasing.weights, strict=True) if weight >= 1
    )
