"""Finding an answer's words that show a compiled phrasing.

For each phrasing: its words found in the answer (exactly or fuzzily, or their opposites),
the closest-together window of them, then the checks that can still refuse the match
(``refusals``): a different label, a negation or an opposite word that flips the meaning,
another subject, the other side of a stance.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from tutorbot.core.marking.actors import actors_differ
from tutorbot.core.marking.denial import Denial, affirmed
from tutorbot.core.marking.normalise import (
    NAME,
    NUMBER,
    STOP,
    Token,
    governing_negator,
)
from tutorbot.core.marking.order import owner_differs, reversed_comparison
from tutorbot.core.marking.phrasing import (
    Compiled,
    Phrasing,
    Target,
)
from tutorbot.core.marking.refusals import (
    PRONOUNS,
    acts,
    clause_negated,
    contradicting_label,
    has_verb,
    in_order,
    named_before,
    on_the_other_side,
    other_subject,
)
from tutorbot.core.marking.roles import Pick, point_roles_differ, refuser_differs, roles_differ
from tutorbot.core.marking.similarity import SYNONYM


class Match(NamedTuple):
    """How well an answer shows a phrasing, and where (``answer[start:end]``) if it does."""

    score: float
    hit: bool
    start: int
    end: int
    shown: frozenset[int] = frozenset()
    """Indices of the answer tokens that showed it."""
    inverted: frozenset[int] = frozenset()
    """Indices of answer tokens that would show it but for who does what (``roles``)."""
    denied: tuple[Denial, ...] = ()
    """Its phrasings the answer denies (``denial``)."""


MISS = Match(0.0, False, 0, 0)


Candidates = dict[str, list[tuple[int, float]]]
"""Phrasing word -> (answer token index, similarity) of the answer words like it; the
similarity is negative for a word meaning its opposite (``disconnected``)."""


SWAPPED = 0.9
"""Similarity of a short word typed with two letters swapped (``jion`` for ``join``)."""

PRONOUN_KEY = "\0pronoun"
"""Key of ``Candidates`` under which the answer's pronouns are listed."""


def candidates_in(compiled: Compiled, tokens: list[Token]) -> Candidates:
    """Where the answer ``tokens`` have each word of the question's phrasings."""
    result: Candidates = {}
    exact_words = compiled.exact_words
    fuzzy = bool(compiled.fuzzy_words)
    phrasals = compiled.phrasals
    for index, token in enumerate(tokens):
        stem = token.stem
        if phrasals and stem in phrasals:
            _phrasal_at(phrasals[stem], tokens, index, result)
        if stem in exact_words:
            result.setdefault(stem, []).append((index, 1.0))
        elif token.flags & NUMBER and stem in compiled.years:
            result.setdefault(compiled.years[stem], []).append((index, 1.0))
        elif token.flags & NAME and stem in compiled.swapped:
            result.setdefault(compiled.swapped[stem], []).append((index, SWAPPED))
        if stem in PRONOUNS:
            result.setdefault(PRONOUN_KEY, []).append((index, 1.0))
        if fuzzy and not token.flags & (NUMBER | STOP):
            for word, similarity in compiled.like(stem):
                result.setdefault(word, []).append((index, similarity))
    return result


def _phrasal_at(
    entries: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...],
    tokens: list[Token],
    index: int,
    result: Candidates,
) -> None:
    """Record the phrasing words a phrasal verb starting at ``tokens[index]`` stands for
    (``got rid of``), at the near-synonym similarity, on its first word."""
    for rest, words in entries:
        end = index + 1 + len(rest)
        if end <= len(tokens) and all(
            tokens[index + 1 + k].stem == piece
            and tokens[index + 1 + k].clause == tokens[index].clause
            for k, piece in enumerate(rest)
        ):
            for word in words:
                result.setdefault(word, []).append((index, SYNONYM))


def best_match(
    target: Target, tokens: list[Token], candidates: Candidates, one_item: bool = False
) -> Match:
    """The best of a key point's (or misconception's) phrasings: a hit before a miss.
    With ``one_item``, the words showing a phrasing must be in one clause or list item."""
    best = MISS
    inverted: frozenset[int] = frozenset()
    denied: tuple[Denial, ...] = ()
    for phrasing in target.phrasings:
        match = _match_phrasing(phrasing, tokens, candidates, one_item)
        if not match.hit and (match.inverted or match.denied):
            inverted |= match.inverted
            denied += match.denied
        if (match.hit, match.score) > (best.hit, best.score):
            best = match
            if match.hit and match.score >= 1.0:
                break  # nothing later can beat it
    if best.hit or not (inverted or denied):
        return best
    return best._replace(inverted=inverted, denied=denied)


def lone_match(target: Target, tokens: list[Token], candidates: Candidates) -> Match:
    """The best match of a key point's only phrasing read as a model answer
    (``Target.lone``). The checks that refuse a match (negation, labels, the other side,
    who did what) apply as to any phrasing."""
    best = MISS
    for relaxed in target.lone:
        match = _match_phrasing(relaxed, tokens, candidates, False)
        if (match.hit, match.score) > (best.hit, best.score):
            best = match
    return best


def _match_phrasing(
    phrasing: Phrasing, tokens: list[Token], candidates: Candidates, one_item: bool
) -> Match:
    found = [candidates.get(word) for word in phrasing.words]
    if phrasing.has_opposites:
        found = _with_opposites(phrasing, found, candidates)
    if not phrasing.words or not any(found):
        return MISS
    stand_in = phrasing.stand_in if found[0] is None and PRONOUN_KEY in candidates else 0.0
    reachable = stand_in
    for weight, options in zip(phrasing.weights, found, strict=True):
        if options:
            reachable += weight
    needed = phrasing.needed
    no_verb = (
        phrasing.verb_spare
        and found[0] is None
        and all(found[i] is not None for i in phrasing.verb_rest)
    )
    if no_verb:
        needed -= phrasing.weights[0]
    spare_first = no_verb or bool(stand_in)  # a pronoun stands in for the subject
    absent = [m for m in phrasing.mandatory if found[m] is None and (m or not spare_first)]
    loose = (
        not spare_first
        and len(absent) == 1
        and absent[0] in phrasing.one_spare
        and reachable >= needed - phrasing.weights[absent[0]]
    )
    if loose:
        needed -= phrasing.weights[absent[0]]
    elif reachable < needed or absent:
        return Match(reachable / phrasing.total, False, 0, 0)
    picks, weight, strength = _best_window(phrasing, found)
    used = [pick for pick in picks if pick is not None]
    if stand_in and named_before(tokens, min(i for i, _ in used)):
        stand_in = 0.0
    weight += stand_in
    score = min(1.0, (strength + stand_in) / phrasing.total)
    if weight < needed:
        return Match(weight / phrasing.total, False, 0, 0)
    first = min(i for i, _ in used)
    last = max(i for i, _ in used)
    if no_verb and weight < phrasing.needed and has_verb(tokens, first, last):
        return Match(weight / phrasing.total, False, 0, 0)
    if no_verb and phrasing.verb_rest and acts(tokens, first, last):
        return Match(weight / phrasing.total, False, 0, 0)  # ``visited the USSR``
    if loose and (
        sum(1 for p in picks if p is not None) != 2
        or not in_order(picks)
        or last - first > phrasing.spare_gap + 1
        or clause_negated(tokens, first, last)
    ):
        return Match(weight / phrasing.total, False, 0, 0)
    if phrasing.subject_spare and picks[0] is None and other_subject(tokens, first):
        return Match(0.0, False, 0, 0)
    if one_item and tokens[first].clause != tokens[last].clause:
        return Match(0.0, False, 0, 0)
    if contradicting_label(phrasing, tokens, first, last):
        return Match(0.0, False, 0, 0)
    negator = governing_negator(tokens, [i for i, _ in used], phrasing.reach)
    roles = phrasing.roles
    turned = roles is not None and reversed_comparison(roles.compared, tokens, picks)
    flipped = (sum(similarity < 0 for _, similarity in used) + turned) % 2 == 1
    if (negator is not None) != (phrasing.negative != flipped):
        if negator is None and not affirmed(tokens, first, last):
            return Match(0.0, False, 0, 0)
        begin = negator if negator is not None and negator < first else first
        shown = frozenset(i for i, _ in used)
        denial = Denial(phrasing, tokens[begin].start, tokens[last].end, shown)
        return Match(0.0, False, 0, 0, denied=(denial,))
    if phrasing.sides and on_the_other_side(phrasing, tokens, [i for i, _ in used]):
        return Match(0.0, False, 0, 0)
    if (
        (phrasing.roles and roles_differ(phrasing.roles, tokens, picks))
        or (phrasing.point_roles and point_roles_differ(phrasing.point_roles, tokens, first))
        or (phrasing.actors and actors_differ(phrasing.actors, tokens, [i for i, _ in used]))
        or (
            phrasing.roles
            and negator is not None
            and refuser_differs(phrasing.roles, tokens, picks, negator)
        )
        or (roles is not None and owner_differs(roles.owned, tokens, picks))
    ):
        return Match(0.0, False, 0, 0, inverted=frozenset(i for i, _ in used))
    begin = negator if negator is not None and negator < first else first
    shown = frozenset(i for i, _ in used)
    return Match(score, True, tokens[begin].start, tokens[last].end, shown)


_Options = list[tuple[int, float]] | None


def _with_opposites(
    phrasing: Phrasing, found: list[_Options], candidates: Candidates
) -> list[_Options]:
    """``found``, plus the answer's opposites of phrasing words with similarity -1: ``not
    the same`` shows ``different``; ``high`` instead of ``low`` contradicts it."""
    widened = list(found)
    for number, opposites in enumerate(phrasing.opposites):
        for opposite in opposites:
            said = candidates.get(opposite)
            if said:
                widened[number] = [*(widened[number] or ()), *((i, -1.0) for i, _ in said)]
    return widened


def _best_window(phrasing: Phrasing, found: list[_Options]) -> tuple[list[Pick], float, float]:
    """The answer tokens, close together, that best show the phrasing's words.

    Returns ((token index, similarity) or None per phrasing word, weight found, weight x
    similarity).
    """
    width = phrasing.width
    tops = [max(options, key=_by_similarity) if options else None for options in found]
    indices = [top[0] for top in tops if top is not None]
    if max(indices) - min(indices) < width:
        weight = strength = 0.0
        for w, top in zip(phrasing.weights, tops, strict=True):
            if top is not None:
                weight += w
                strength += w * abs(top[1])
        return tops, weight, strength
    best: tuple[float, float, list[Pick]] = (-1.0, -1.0, [])
    many = sum(len(options) for options in found if options) > _FEW_OPTIONS
    ordered = [sorted(options or ()) for options in found] if many else []
    at = [[i for i, _ in options] for options in ordered]
    for start in sorted({i for options in found if options for i, _ in options}):
        stop = start + width
        weight = strength = 0.0
        picks: list[Pick] = []
        for number, w in enumerate(phrasing.weights):
            if many:  # a long answer: no path may grow faster than linearly with it
                where = at[number]
                inside = ordered[number][bisect_left(where, start) : bisect_left(where, stop)]
            else:
                inside = [o for o in found[number] or () if start <= o[0] < stop]
            top = max(inside, key=_by_similarity) if inside else None
            if top is not None:
                weight += w
                strength += w * abs(top[1])
            picks.append(top)
        if (weight, strength) > best[:2]:
            best = (weight, strength, picks)
    return best[2], best[0], best[1]


_FEW_OPTIONS = 64
"""Up to this many found positions, a window's words are picked by a plain scan."""


def _by_similarity(option: tuple[int, float]) -> tuple[float, int]:
    return option[1], -option[0]
