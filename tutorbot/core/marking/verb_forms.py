"""Which of an answer's or a key point's words are used as verbs, which may name things,
and which verbs are passive: what ``actors`` and ``roles`` read who did what from."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from lemminflect import getAllLemmas  # type: ignore[import-untyped]  # ships no stubs

from tutorbot.core.marking.normalise import ACRONYM, LIGHT, NAME, STOP, VERB, Token

PRONOUNS = frozenset(str.split("he she they i you we it me him her us them"))
DETERMINERS = frozenset(str.split("a an the his her its their our my your this that these"))
BE_OR_GET = frozenset(str.split("is are was were be been being get got gets getting"))
"""Forms of ``be`` and ``get`` that make a passive (``was criticised``, ``got crushed``)."""
_INFINITIVE = frozenset(str.split("to would will could can should might must may did do does"))


def has_object(tokens: Sequence[Token], verb: int) -> bool:
    """Whether ``tokens[verb]`` is followed by its object (``criticised Trotsky``), not a
    preposition or nothing (``the water evaporated``)."""
    for token in tokens[verb + 1 : verb + 3]:
        if token.clause != tokens[verb].clause:
            return False
        if token.stem in PRONOUNS or not token.flags & STOP:
            return True
        if token.stem not in DETERMINERS:
            return False
    return False


def closes(tokens: Sequence[Token], verb: int) -> bool:
    """Whether nothing but function words follows ``tokens[verb]`` in its clause."""
    clause = tokens[verb].clause
    rest = (t for t in tokens[verb + 1 :] if t.clause == clause)
    return all(t.flags & STOP and t.stem != "by" for t in rest)


@lru_cache(maxsize=1 << 14)
def nominal(word: str) -> bool:
    """Whether ``word`` may name a thing: the lexicon knows it as a noun, or not at all
    (a name); not ``only``, ``huge``."""
    known = getAllLemmas(word)
    return not known or "NOUN" in known or "PROPN" in known


def passive(tokens: Sequence[Token], verb: int) -> bool:
    """``was criticised``, ``is only connected``, ``got crushed``: a form of ``be`` or
    ``get`` just before the verb; or ``by`` just after it (``separated by a gap``)."""
    clause = tokens[verb].clause
    after = tokens[verb + 1] if verb + 1 < len(tokens) else None
    if after is not None and after.stem == "by" and after.clause == clause:
        return True
    for i in range(verb - 1, max(-1, verb - 4), -1):
        if tokens[i].clause != clause:
            return False
        if tokens[i].stem in BE_OR_GET:
            return True
        if not tokens[i].flags & STOP and (nominal(tokens[i].stem) or is_verb(tokens[i])):
            return False  # but ``is only connected``
    return False


def same_word(a: str, b: str) -> bool:
    """The same word, or one a form of the other (``germany``/``german``, ``stalins``)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 2


def is_verb(token: Token) -> bool:
    return bool(token.flags & VERB) and not token.flags & (STOP | LIGHT | NAME | ACRONYM)


def verb_form(text: str | None, tokens: Sequence[Token], i: int) -> bool:
    """Whether ``tokens[i]`` is used as a verb: a verb the lexicon knows, not after a
    determiner (``the boycott``); in a point's ``text`` also typed as a past form or
    participle (``lent``, ``criticised``, ``betraying``) or after ``to`` or a modal (``would
    join``), not a plural or bare noun (``revolts``, ``Lenin's wish``)."""
    token = tokens[i]
    if not is_verb(token):
        return False
    before = tokens[i - 1] if i > 0 and tokens[i - 1].clause == token.clause else None
    if before is not None and before.stem in DETERMINERS:
        return False
    if text is None:
        return True
    typed = text[token.start : token.end].casefold()
    if before is not None and before.stem in _INFINITIVE:
        return True
    if typed.endswith("ing"):
        return before is None or not before.flags & VERB
    after = tokens[i + 1] if i + 1 < len(tokens) and tokens[i + 1].clause == token.clause else None
    named = before is not None and (before.flags & (NAME | ACRONYM) or before.stem in PRONOUNS)
    if after is not None and not after.flags & (STOP | NAME | ACRONYM) and not named:
        return False  # ``a black covered box``, ``a closed path``; not ``Britain declared war``
    if typed.endswith("ed") or (typed != token.stem and not typed.endswith("s")):
        return True
    return (  # the present, between its subject and its object: ``the moon orbits the earth``
        before is not None
        and after is not None
        and (bool(named) or (not before.flags & STOP and nominal(before.stem)))
        and (
            after.stem in DETERMINERS
            or bool(after.flags & (NAME | ACRONYM))
            or (not after.flags & (STOP | VERB) and nominal(after.stem))
        )
    )
