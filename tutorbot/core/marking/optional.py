"""Which words of a phrasing an answer may leave out: words the question says (or asks
with ``did``), adjectives before the word they modify, degree words and copulas before an
adjective; and the name a key point's text gives it."""

from __future__ import annotations

from tutorbot.core.marking.lexicon import adjective_form, canonical, is_adjective
from tutorbot.core.marking.normalise import LIGHT, NEGATOR, STOP, VERB, Token, tokenise
from tutorbot.core.marking.wordlists import DEGREE_WORDS


def point_name(point: str, given: frozenset[str]) -> str | None:
    """The name a key point's text gives it before a bracketed explanation, when it is
    one or two content words the question does not say (``Finance (the means to support
    a war)``: ``Finance``); a keyword naming the point shows it."""
    head, bracket, rest = point.partition("(")
    if not bracket or ":" in head or not rest.rstrip().endswith(")"):
        return None  # not ``bulb (A) is in a closed path``: a label, not a name
    words = [t for t in tokenise(head) if not t.flags & STOP]
    if not 1 <= len(words) <= 2 or any(t.stem in given or t.flags & NEGATOR for t in words):
        return None
    return head.strip()


def asked_verbs(prompt: list[Token]) -> frozenset[str]:
    """The verbs a question asks with ``do``/``does``/``did`` (``Which side did Stalin
    support?``): an answer need not repeat them, in any form (``the GMD`` shows
    ``supported the GMD``)."""
    found = set()
    for i, token in enumerate(prompt):
        if token.stem in _DO and not (i + 1 < len(prompt) and prompt[i + 1].flags & NEGATOR):
            for later in prompt[i + 1 : i + 1 + _ASKED_REACH]:
                if later.clause != token.clause:
                    break
                if later.flags & VERB and not later.flags & (STOP | LIGHT | NEGATOR):
                    found.add(later.stem)
                    break
    return frozenset(found)


_DO = frozenset(("do", "does", "did"))
_ASKED_REACH = 4


def modifies(text: str, tokens: list[Token], token: Token) -> bool:
    """Whether a phrasing word is only an adjective before the word it modifies (``huge``
    in ``huge credits``): a student may leave it out."""
    at = tokens.index(token)
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    if after is None or after.flags & STOP or after.clause != token.clause:
        return False
    return is_adjective(text[token.start : token.end].casefold())


def intensifies(text: str, tokens: list[Token], token: Token) -> bool:
    """Whether a phrasing word only grades or links the adjective after it: a degree word
    (``far more reckless``: ``reckless`` shows it; an opposite such as ``less`` still
    contradicts ``more``; not ``more security``, where ``secured`` would be left) or a
    copula (``stay neutral``: ``neutral`` shows it)."""
    at = tokens.index(token)
    after = tokens[at + 1] if at + 1 < len(tokens) else None
    if after is None or after.flags & STOP or after.clause != token.clause:
        return False
    if not adjective_form(text[after.start : after.end].casefold()):
        return False
    return text[token.start : token.end].casefold() in DEGREE_WORDS or token.stem in _COPULAS


_COPULAS = frozenset(canonical(w) for w in ("stay", "remain"))


def restates(text: str, token: Token, given: frozenset[str]) -> bool:
    """Whether a phrasing word only restates the question: a word it says, not as a verb
    (``state`` in ``the state's population`` asked about states; not ``changed``)."""
    if token.stem not in given:
        return False
    typed = text[token.start : token.end].casefold()
    return not typed.endswith(("ed", "ing")) and not (token.flags & VERB and typed == token.stem)
