"""The shape of the clause or list item an answer's words stand in: whether it says a
verb (``he visited the USSR``) or is a bare keyword item (``effective`` in ``stresemanns
death, effective, internal affairs``)."""

from __future__ import annotations

from collections.abc import Sequence

from tutorbot.core.marking.normalise import STOP, VERB, Token


def acts(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether the clauses of ``tokens[first..last]`` have a verb other than a copula or
    an auxiliary (``he visited the USSR``; not ``it's just socialism in the USSR``)."""
    clauses = {tokens[first].clause, tokens[last].clause}
    return any(t.clause in clauses and t.flags & VERB for t in tokens)


def bare_item(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether ``tokens[first..last]`` are one item of a list: a clause of their own,
    with no other content word and no verb, not even a copula, beside other clauses
    (``effective`` in ``stresemanns death, effective, internal affairs``)."""
    clause = tokens[first].clause
    if tokens[last].clause != clause or all(t.clause == clause for t in tokens):
        return False  # one item of a list: the answer has others
    return not any(
        t.clause == clause
        and (
            t.flags & VERB
            or t.stem in _BARE_VERBS
            or (not t.flags & STOP and not first <= i <= last)
        )
        for i, t in enumerate(tokens)
    )


_BARE_VERBS = frozenset(str.split("is are was were be been am has have had do does did"))
