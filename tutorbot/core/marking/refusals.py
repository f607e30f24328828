"""The checks that can still refuse a match once a phrasing's words are found close
together: a negated clause, another subject, a name standing where a pronoun would, another
number or letter, the other side of a stance, words out of order."""

from __future__ import annotations

from tutorbot.core.marking.normalise import NAME, NEGATOR, STOP, VERB, Token
from tutorbot.core.marking.phrasing import Phrasing
from tutorbot.core.marking.roles import Pick
from tutorbot.core.marking.similarity import is_label, same_year

PRONOUNS = frozenset(str.split("it they them this these those both each he she its their"))

_COPULAS = frozenset(str.split("is are was were be been being"))


_ARTICLES = frozenset(("a", "an", "the"))


_VERBAL = frozenset(str.split("be have do will would can could may might must shall should to"))


def in_order(picks: list[Pick]) -> bool:
    """Whether the picked answer words come in the phrasing's order."""
    at = [p[0] for p in picks if p is not None]
    return at == sorted(at)


def clause_negated(tokens: list[Token], first: int, last: int) -> bool:
    """Whether the clauses of ``tokens[first..last]`` have a negator."""
    clauses = {tokens[first].clause, tokens[last].clause}
    i = first
    while i > 0 and tokens[i - 1].clause in clauses:
        i -= 1
    while i < len(tokens) and tokens[i].clause <= tokens[last].clause:
        if tokens[i].clause in clauses and tokens[i].flags & NEGATOR:
            return True
        i += 1
    return False


def acts(tokens: list[Token], first: int, last: int) -> bool:
    """Whether the clauses of ``tokens[first..last]`` have a verb other than a copula or
    an auxiliary (``he visited the USSR``; not ``it's just socialism in the USSR``)."""
    clauses = {tokens[first].clause, tokens[last].clause}
    return any(t.clause in clauses and t.flags & VERB for t in tokens)


def has_verb(tokens: list[Token], first: int, last: int) -> bool:
    """Whether the clauses of ``tokens[first..last]`` say a verb (a sentence, not a
    keyword list item)."""
    clauses = {tokens[first].clause, tokens[last].clause}
    i = first
    while i > 0 and tokens[i - 1].clause in clauses:
        i -= 1
    for token in tokens[i:]:
        if token.clause not in clauses and token.clause > tokens[last].clause:
            break
        if token.clause in clauses and (token.flags & VERB or token.stem in _VERBAL):
            return True
    return False


def other_subject(tokens: list[Token], first: int) -> bool:
    """Whether a content word is the subject of a copula before ``tokens[first]`` (``the
    terminal is damaged``, ``wood is a good conductor``)."""
    i = first - 1
    while i >= 0 and tokens[i].stem in _ARTICLES:
        i -= 1
    if i < 0 or tokens[i].stem not in _COPULAS:
        return False
    while i >= 0 and tokens[i].clause == tokens[first].clause and tokens[i].flags & STOP:
        if tokens[i].stem in PRONOUNS:
            return False  # ``it was effective``: the pronoun is the subject
        i -= 1
    return i >= 0 and tokens[i].clause == tokens[first].clause and tokens[i].stem not in PRONOUNS


def named_before(tokens: list[Token], first: int) -> bool:
    """Whether a name is the subject of the words from ``first`` on: the nearest word
    before them in their clause that is not a function word (``it lasted until Stalin
    died``: the pronoun cannot stand in for Stresemann)."""
    clause = tokens[first].clause
    for i in range(first - 1, -1, -1):
        token = tokens[i]
        if token.clause != clause or token.stem in PRONOUNS:
            return False
        if not token.flags & STOP:
            return bool(token.flags & NAME)
    return False


def contradicting_label(phrasing: Phrasing, tokens: list[Token], first: int, last: int) -> bool:
    """Whether the answer names another number or letter where the phrasing names its own."""
    if not phrasing.labels:
        return False
    clauses = {tokens[first].clause, tokens[last].clause}
    for i in range(max(0, first - 3), min(len(tokens), last + 4)):
        token = tokens[i]
        if (
            is_label(token)
            and token.stem not in phrasing.labels
            and not same_year(token.stem, phrasing.labels)
            and (first <= i <= last or token.clause in clauses)
        ):
            return True
    return False


def on_the_other_side(phrasing: Phrasing, tokens: list[Token], shown: list[int]) -> bool:
    """Whether the answer's stance word nearest the shown words takes the other side from
    the phrasing: the one before the first of them in its clause, else the one after the
    last (``supported the CCP against the GMD``, ``the GMD were his enemies``, ``agreed``
    for ``disagreed``); or the phrasing's side before the first and the other side before
    a later one (``supported the Chinese communists against the nationalists`` for
    ``supported the Chinese nationalists``)."""
    for same, other in phrasing.sides:
        anchors = [i for i in shown if tokens[i].stem not in same and tokens[i].stem not in other]
        if not anchors:
            continue
        before = [_stance_before(tokens, i, same | other) for i in sorted(anchors)]
        if before[0] is not None and tokens[before[0]].stem in other:
            return True
        if before[0] is not None:  # the phrasing's side, then the other before a later word
            if any(i is not None and tokens[i].stem in other for i in before[1:]):
                return True
            continue
        if any(i is not None for i in before):
            continue
        last = max(anchors)
        clause = tokens[last].clause
        for i in range(last + 1, len(tokens)):
            if tokens[i].clause != clause:
                break
            if tokens[i].stem in same or tokens[i].stem in other:
                if tokens[i].stem in other:
                    return True
                break
    return False


def _stance_before(tokens: list[Token], at: int, stances: frozenset[str]) -> int | None:
    """The nearest stance word before ``tokens[at]`` in its clause."""
    clause = tokens[at].clause
    for i in range(at - 1, -1, -1):
        if tokens[i].clause != clause:
            return None
        if tokens[i].stem in stances:
            return i
    return None
