"""Who does each of a key point's verbs: the actor the point names nearest before a verb
(``Trotsky accused Stalin of betraying communism``: Stalin betrays), read the same way in
the answer's clause that shows the point.

An answer naming one of the point's actors as the doer of a verb the point gives another
(``Stalin said Trotsky betrayed communism``), or naming the point's actor in the other
voice (``Stalin criticised Trotsky`` where the point says ``He was criticised`` and the
question asks where Stalin was criticised), does not show the point. A point's pronoun
subject stands for the name the question gives the same verb.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tutorbot.core.marking.normalise import ACRONYM, LIGHT, NAME, STOP, VERB, Token, tokenise
from tutorbot.core.marking.similarity import is_label
from tutorbot.core.marking.verb_forms import (
    DETERMINERS,
    PRONOUNS,
    closes,
    has_object,
    is_verb,
    nominal,
    passive,
    same_word,
    verb_form,
)
from tutorbot.core.marking.wordlists import RECIPROCAL_VERBS

AGENT = "agent"
PATIENT = "patient"

_PERSONS = frozenset(str.split("he she they"))
_AFTER_PREPOSITION = frozenset(str.split("by from to with against for into at in on about over"))
_RECIPROCAL = frozenset(str.split("with between"))
_SAYING = frozenset(
    str.split("say tell think know claim believe argue feel mean show suggest realise hope")
)
_REACH = 4
"""Most tokens between a verb and the actor named before it."""
_JOINING = frozenset(("and", "or", "&"))


@dataclass(frozen=True, slots=True)
class Actor:
    verb: str
    words: frozenset[str]
    """The words naming who does (or undergoes) ``verb`` (``CCP members``)."""
    role: str
    """``AGENT``: they do ``verb``; ``PATIENT``: they undergo it (a passive)."""


@dataclass(frozen=True, slots=True)
class Actors:
    """The actors of a key point's verbs, and every actor the point names."""

    acts: tuple[Actor, ...]
    named: frozenset[str]
    """The point's actors and names that are not reciprocal partners (``with Trotsky``)."""


def point_actors(point: str, prompt: str) -> Actors | None:
    """The actor of each content verb of ``point``: the noun phrase nearest before it in
    its clause, no other verb between; a person pronoun there stands for the name the
    ``prompt`` gives before the same verb."""
    tokens = tokenise(point)
    asked = tokenise(prompt) if prompt else []
    acts = []
    objects: set[str] = set()
    for i, token in enumerate(tokens):
        if not verb_form(point, tokens, i):
            continue
        words = _words(tokens, actor_before(tokens, i, point))
        if words & _PERSONS:
            words = _asked_actor(asked, token.stem)
        if not words:
            continue
        typed = point[token.start : token.end].casefold()
        done_to = passive(tokens, i) and not typed.endswith("ing")  # ``was starting``
        if not done_to and closes(tokens, i):
            continue  # ``CCP members massacred``: done or done to, it does not say
        acts.append(Actor(token.stem, words, PATIENT if done_to else AGENT))
        if not done_to and token.stem not in RECIPROCAL_VERBS:
            objects |= _object_after(tokens, i)
    if not acts:
        return None
    named = {t.stem for t in tokens if t.flags & (NAME | ACRONYM)}.union(
        objects, *(a.words for a in acts)
    )
    partners = {t.stem for k, t in enumerate(tokens) if _reciprocal(tokens, k)}
    return Actors(tuple(acts), frozenset(named - partners))


def actors_differ(actors: Actors, tokens: list[Token], shown: Sequence[int]) -> bool:
    """Whether, in the clauses of the answer's words ``shown``, one of the point's verbs
    has the point's actor in the other role, or another of the point's actors in its
    role."""
    clauses = {tokens[i].clause for i in shown}
    for i, token in enumerate(tokens):
        if token.clause not in clauses or not verb_form(None, tokens, i):
            continue
        for act in actors.acts:
            if not same_word(token.stem, act.verb):
                continue
            words = _words(tokens, actor_before(tokens, i))
            if not words or words & PRONOUNS:
                continue
            role = PATIENT if passive(tokens, i) else AGENT
            if role == AGENT and closes(tokens, i):
                continue  # ``CCP massacred``: done or done to, the clause does not say
            if _overlap(words, act.words):
                if act.role == PATIENT and role == AGENT and has_object(tokens, i):
                    return True  # not ``the water evaporated``, nor the other way round:
                    # ``was starting`` reads as a passive here
            elif (
                role == act.role
                and act.verb not in RECIPROCAL_VERBS
                and _overlap(words, actors.named)
            ):
                return True
    return False


def actor_before(tokens: Sequence[Token], verb: int, text: str | None = None) -> range | None:
    """Where the words naming who does ``tokens[verb]`` are: the nearest noun phrase (or
    person pronoun) before it in its clause that does not follow a preposition, with no
    other verb between (None when there is none)."""
    clause = tokens[verb].clause
    i = verb - 1
    low = verb - 1 - _REACH
    while i >= 0 and i > low and tokens[i].clause == clause:
        token = tokens[i]
        if token.stem in PRONOUNS:
            return range(i, i + 1)
        if token.flags & LIGHT and token.flags & VERB:
            i -= 1  # ``had wanted to follow``: the one who wants follows
            continue
        if is_verb(token) and not nominal(token.stem):
            return None
        typed = "" if text is None else text[token.start : token.end]
        if token.flags & STOP or is_label(token) or not nominal(token.stem) or typed.endswith("ly"):
            i -= 1  # ``He heavily intervened``, ``only one variable``
            continue
        if is_verb(token) and text is not None and verb_form(text, tokens, i):
            return None
        start = i
        while start > 0 and tokens[start - 1].clause == clause and _in_phrase(tokens[start - 1]):
            start -= 1
        j = start - 1
        while j >= 0 and tokens[j].clause == clause and tokens[j].stem in DETERMINERS:
            j -= 1
        if j >= 0 and tokens[j].clause == clause and tokens[j].stem in _AFTER_PREPOSITION:
            i, low = j - 1, j - 1 - _REACH  # ``in Chinese government``, ``by Trotsky``
            continue
        if i == verb - 1 and j >= 0 and tokens[j].clause == clause and _takes_object(tokens[j]):
            return None  # ``gave Germany loans``: the object of another verb
        return range(start, i + 1)
    return None


def _object_after(tokens: Sequence[Token], verb: int) -> frozenset[str]:
    """The words of the noun phrase just after ``tokens[verb]`` (``orbits the earth``)."""
    k = verb + 1
    while k < len(tokens) and tokens[k].stem in DETERMINERS:
        k += 1
    start = k
    while (
        k < len(tokens)
        and tokens[k].clause == tokens[verb].clause
        and (_in_phrase(tokens[k]) or (k == start and _noun(tokens[k])))
    ):
        k += 1
    return _words(tokens, range(start, k))


def _noun(token: Token) -> bool:
    return not token.flags & STOP and nominal(token.stem)


def _takes_object(token: Token) -> bool:
    """A verb whose object may stand just before another word, not one that takes a
    clause (``said Trotsky betrayed communism``)."""
    return bool(token.flags & VERB) and not token.flags & STOP and token.stem not in _SAYING


def _in_phrase(token: Token) -> bool:
    if token.flags & NAME:
        return True
    return not token.flags & (STOP | VERB) and nominal(token.stem)


def _words(tokens: Sequence[Token], span: range | None) -> frozenset[str]:
    """The words of the noun phrase at ``span`` and of those joined to it by ``and``
    (``Britain and France declared war``)."""
    if span is None:
        return frozenset()
    words = {tokens[k].stem for k in span if not is_label(tokens[k])}
    k = span.start - 1
    while k > 0 and tokens[k].stem in _JOINING and tokens[k].clause == tokens[span.start].clause:
        k -= 1
        while k >= 0 and tokens[k].stem in DETERMINERS:
            k -= 1
        while k >= 0 and tokens[k].clause == tokens[span.start].clause and _in_phrase(tokens[k]):
            words.add(tokens[k].stem)
            k -= 1
    return frozenset(words)


def _overlap(words: frozenset[str], others: frozenset[str]) -> bool:
    return any(same_word(a, b) for a in words for b in others)


def _reciprocal(tokens: Sequence[Token], k: int) -> bool:
    """Whether ``tokens[k]`` is a partner (``disagreed with Trotsky``), not an actor."""
    for i in range(k - 1, max(-1, k - 3), -1):
        if tokens[i].stem in _RECIPROCAL:
            return True
        if not tokens[i].flags & STOP:
            return False
    return False


def _asked_actor(prompt: Sequence[Token], verb: str) -> frozenset[str]:
    """The name the question gives as the doer (or sufferer) of ``verb``."""
    for i, token in enumerate(prompt):
        if token.stem == verb:
            span = actor_before(prompt, i)
            if span is not None and all(prompt[k].flags & (NAME | ACRONYM) for k in span):
                return _words(prompt, span)
    return frozenset()
