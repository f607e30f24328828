"""A point stated in a clause that gets who did what wrong earns nothing.

When a key point's words are in a clause that gives them the wrong roles (``the CCP
massacred the GMD``), the other points that clause states are part of the same wrong
story (``... using Soviet funding``), and so is a clause after it that only refers back
to it (``Stalin said Trotsky betrayed communism but it didn't stick``). Not a new
subject's own verb in the same clause (``if Germany attacked a third country the USSR
would stay neutral``), and not a date or number: when it happened does not depend on who
did it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from tutorbot.core.marking.normalise import STOP, Token
from tutorbot.core.marking.similarity import is_label
from tutorbot.core.marking.wordlists import TIME_WORDS

_REFERRING = frozenset(str.split("it this that which"))
_DEMONSTRATIVES = frozenset(("this", "that"))
_CONJUNCTIONS = frozenset(str.split("but and so yet though although however because"))
_AUXILIARIES = frozenset(
    str.split("would will could can should might must may did does do was were is are had has")
)
_DETERMINERS = frozenset(str.split("the a an this that these those his her its their"))


def tainted(tokens: list[Token], inverted: Collection[int]) -> frozenset[int]:
    """The tokens of the wrong story: each clause with words in ``inverted``, from its start
    up to a new subject's own verb after them; and each clause after one of those whose
    subject is a pronoun referring back (``but it didn't stick``)."""
    if not inverted:
        return frozenset()
    found: set[int] = set()
    wrong_clauses: set[int] = set()
    for clause in sorted({tokens[i].clause for i in inverted}):
        at = [i for i in range(len(tokens)) if tokens[i].clause == clause]
        first = min(i for i in inverted if tokens[i].clause == clause)
        start = max(  # ``the revolts were crushed and the CCP massacred ...``: from ``and``
            (k + 1 for k in at if k < first and tokens[k].stem in _CONJUNCTIONS), default=at[0]
        )
        end = _new_subject(tokens, first, at[-1])
        found.update(range(start, end))
        if end > at[-1]:
            wrong_clauses.add(clause)
    for clause in sorted({t.clause for t in tokens}):
        if clause - 1 in wrong_clauses and _refers_back(tokens, clause):
            wrong_clauses.add(clause)
            found.update(i for i, t in enumerate(tokens) if t.clause == clause)
    return frozenset(found)


def stated_wrongly(tokens: list[Token], shown: Iterable[int], wrong: frozenset[int]) -> bool:
    """Whether the answer's words ``shown`` all lie in the ``wrong`` story, and are not
    only a date or a number (``in June 1926``)."""
    at = set(shown)
    return (
        bool(at)
        and at <= wrong
        and not all(is_label(tokens[i]) or tokens[i].stem in TIME_WORDS for i in at)
    )


def _new_subject(tokens: list[Token], last: int, end: int) -> int:
    """Where, after ``tokens[last]`` and up to ``tokens[end]``, a new subject starts that
    has its own auxiliary (``the USSR would stay``); ``end + 1`` if none does."""
    for k in range(last + 1, end + 1):
        if tokens[k].stem in _AUXILIARIES and k - 1 > last and not tokens[k - 1].flags & STOP:
            start = k - 1
            while start - 1 > last and (
                not tokens[start - 1].flags & STOP or tokens[start - 1].stem in _DETERMINERS
            ):
                start -= 1
            return start
    return end + 1


def _refers_back(tokens: list[Token], clause: int) -> bool:
    """Whether the first word of ``clause`` that is not a conjunction is a pronoun."""
    for k, token in enumerate(tokens):
        if token.clause != clause:
            continue
        if token.stem in _REFERRING:
            after = tokens[k + 1] if k + 1 < len(tokens) else None
            return not (  # ``that revolt was crushed``: a determiner, not a pronoun
                token.stem in _DEMONSTRATIVES
                and after is not None
                and after.clause == clause
                and not after.flags & STOP
                and after.stem not in _AUXILIARIES
            )
        if token.stem not in _CONJUNCTIONS:
            return False
    return False
