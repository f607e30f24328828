"""What a key point's own text says around its phrasings: the words it negates (carried
to a phrasing written without the negation) and its words in order (stance words before
a phrasing's words, for ``match``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tutorbot.core.marking.normalise import STOP, is_negator, tokenise


@dataclass(frozen=True)
class PointContext:
    """What a key point's own text says around its phrasings."""

    negated: frozenset[str]
    """Content words the point's text negates (``Neither country would join a boycott``)."""
    words: tuple[str, ...]
    """Its content words, in order."""
    text: str = ""
    clauses: tuple[int, ...] = ()
    """The clause of each of ``words``."""

    def before(self, words: Sequence[str]) -> tuple[str, ...]:
        """The point's words before the first of ``words`` it has, in its clause (none if
        it has none): ``supported`` for the phrasing ``the GMD`` of ``Stalin supported the
        GMD``; not ``Against`` in ``Against the view: he sided with the GMD``."""
        for i, word in enumerate(self.words):
            if word in words:
                return tuple(
                    w
                    for w, c in zip(self.words[:i], self.clauses, strict=False)
                    if c == self.clauses[i]
                )
        return ()

    @staticmethod
    def of(point: str) -> PointContext:
        tokens = tokenise(point)
        negated: set[str] = set()
        clause = -1
        for i, token in enumerate(tokens):
            if is_negator(tokens, i):
                clause = token.clause
            elif token.clause == clause and not token.flags & STOP:
                negated.add(token.stem)
        content = [t for t in tokens if not t.flags & STOP]
        return PointContext(
            frozenset(negated),
            tuple(t.stem for t in content),
            point,
            tuple(t.clause for t in content),
        )


NO_CONTEXT = PointContext(frozenset(), ())
"""For misconceptions, which have no point text."""
