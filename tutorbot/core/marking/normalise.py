"""Turning free text into comparable tokens, remembering where each came from.

Each word of a text becomes one or more tokens (``wasn't`` -> ``was`` + ``not``) whose
``stem`` is folded for comparison: Unicode NFKC, casefold, curly quotes, number words as
digits, and the word's form from ``lexicon`` (spelling, lemma, word family).
``start``/``end`` index the original text, so the marker can quote the student's words
exactly as typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA

from tutorbot.core.marking.lexicon import LIGHT as LIGHT_FORMS
from tutorbot.core.marking.lexicon import canonical, is_known, is_verb
from tutorbot.core.marking.wordlists import (
    AFTER_NUMBER_KEPT,
    APOSTROPHE_LESS,
    CLAUSE_WORDS,
    CONTRACTIONS,
    CONTRAST_NEGATORS,
    IMPLICIT_NEGATORS,
    NEGATION_CANCELLERS,
    NEGATORS,
    NUMBER_WORDS,
    ORDINALS,
    SLASHED,
    STOPWORDS,
    SUFFIX_CONTRACTIONS,
    TEXT_SPEAK,
)

STOP = 1
"""A function word: not evidence of a point on its own."""
NEGATOR = 2
"""A word that flips the polarity of its clause (also a ``STOP``)."""
NUMBER = 4
"""Typed as digits (``1926``, ``1.5``): compared exactly, and a different one contradicts."""
EXACT = 8
"""Compared exactly, never fuzzily: numbers, number words, acronyms and short words."""
ACRONYM = 16
"""Typed in capitals (``USSR``, ``GMD``)."""
LIGHT = 32
"""A content word that carries little of a sentence's meaning (``contain``, ``make``)."""
VERB = 64
"""A content word the lexicon knows as a verb form (``died``, ``join``, ``attack``)."""
NAME = 128
"""A content word the lexicon does not know: a name (``Stalin``), or a typo."""


_TOKEN = re.compile(
    # U.S.S.R., wasn't, aren"t (some corpora type apostrophes as double quotes)
    # a word (U.S.S.R., wasn't); a number (10,000 1.5 1920s); a clause or list boundary
    r"(?P<word>[^\W\d_](?:(?:\.[^\W\d_])+\.?|[^\W_]*(?:['\u2019`\"][^\W_]+)*))"
    r"|(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:(?:s|st|nd|rd|th)\b)?)"  # 10,000 1.5 1920s
    r"|(?P<brk>[.;:!?()\[\]{}\"\u201c\u201d\u2013\u2014\u2022\u00b7*\u2192]|,(?!\d)|\s-\s"
    r"|[-=]+>|(?<=[^\W\d_]{2})/(?=[^\W\d_]{2}))"  # arrows; finance/military (not w/o, m/s)
)


class Token(NamedTuple):
    stem: str
    flags: int
    start: int
    end: int
    clause: int
    """Tokens with the same number are in the same clause."""


@lru_cache(maxsize=1 << 16)
def fold_word(raw: str, speak: bool = True) -> tuple[tuple[str, int], ...]:
    """One word as typed -> its ``(stem, flags)`` pieces; a contraction gives several, an
    aside (``tbh``) none. ``speak=False`` reads text-speak as typed (``v`` after a number
    is volts)."""
    text = unicodedata.normalize("NFKC", raw)
    acronym = 2 <= len(text) <= 6 and text.isupper() and text.isalpha()
    text = text.casefold().replace("\u2019", "'").replace("`", "'").replace('"', "'")
    if text in CONTRACTIONS:
        words: tuple[str, ...] = CONTRACTIONS[text]
    elif text in APOSTROPHE_LESS:
        words = APOSTROPHE_LESS[text]
    elif text in TEXT_SPEAK and raw.islower() and (speak or text not in AFTER_NUMBER_KEPT):
        words = TEXT_SPEAK[text]
    else:
        words = (text,)
        for suffix, expansion in SUFFIX_CONTRACTIONS:
            if text.endswith(suffix) and len(text) > len(suffix):
                words = (text[: -len(suffix)], *expansion)
                break
    return tuple(_fold_piece(w.replace("'", ""), acronym) for w in words if w.replace("'", ""))


def _fold_piece(word: str, acronym: bool) -> tuple[str, int]:
    if not acronym and len(word) >= _TYPO_MIN and word not in STOPWORDS and not is_known(word):
        word = _function_word_meant(word)
    if word in NEGATORS:
        return word, NEGATOR | STOP | EXACT
    if word in IMPLICIT_NEGATORS:
        folded = canonical(word)
        return folded, NEGATOR | (EXACT if len(folded) <= 4 else 0)
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word], EXACT
    if word in STOPWORDS:
        return word, STOP | EXACT
    folded = canonical(word)
    verb = VERB if is_verb(word) else 0 if is_known(word) else NAME
    if folded in LIGHT_FORMS:
        return folded, LIGHT | verb | (EXACT if len(folded) <= 4 else 0)
    if acronym:
        return folded, ACRONYM | EXACT | NAME
    return folded, verb | (EXACT if len(folded) <= 4 else 0)


_TYPO_MIN = 5
_FUNCTION_WORDS: dict[str, tuple[str, ...]] = {}
for _word in sorted(NEGATORS | IMPLICIT_NEGATORS | STOPWORDS):
    if len(_word) >= _TYPO_MIN:
        _FUNCTION_WORDS[_word[0]] = (*_FUNCTION_WORDS.get(_word[0], ()), _word)


def _function_word_meant(word: str) -> str:
    """A function word or negator of five letters or more that ``word``, unknown to the
    lexicon, is one slip from (a letter wrong, missing, extra, or two swapped): ``niether``
    is ``neither``, ``wuold`` is ``would``; else ``word``."""
    for known in _FUNCTION_WORDS.get(word[0], ()):
        if abs(len(known) - len(word)) <= 1 and OSA.distance(word, known, score_cutoff=1) <= 1:
            return known
    return word


def tokenise(text: str) -> list[Token]:
    """The word tokens of ``text``, in order, with their clause numbers (a new line starts
    a new clause)."""
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__
    clause = 0
    end = 0
    for line in text.split("\n") if "\n" in text else (text,):
        for chunk in line.split():
            start = text.find(chunk, end)
            end = start + len(chunk)
            if chunk[0] in AFTER_NUMBER_KEPT and tokens and tokens[-1].flags & NUMBER:
                pieces = _chunk(chunk, False)  # ``1.5 v``: a unit after a number
            else:
                pieces = _chunk(chunk)
            for folded, flags, first, last, breaks in pieces:
                clause += breaks
                if flags >= 0:
                    before = CONTRAST_NEGATORS.get(folded)
                    if before is not None and tokens and tokens[-1].stem in before:
                        flags |= NEGATOR
                    append(new(Token, (folded, flags, start + first, start + last, clause)))
        clause += 1
    return tokens


_CURRENCY = frozenset("£$€¥")

LIST_MARKS = frozenset(("+", "=", "/", "->", "=>", "\u2192", "|"))
"""Typed alone between keywords, these separate list items (``power struggle + party
split``, ``nep failing = no money``, ``finance -> military``)."""

_Piece = tuple[str, int, int, int, int]
"""(stem, flags or -1 for a clause break alone, start, end, clause breaks before it)."""


@lru_cache(maxsize=1 << 16)
def _chunk(chunk: str, speak: bool = True) -> tuple[_Piece, ...]:
    """One whitespace-free piece of text as tokens, offsets relative to the piece
    (``speak``: whether text-speak is read at its start; see ``fold_word``)."""
    if chunk.strip("-") == "" or chunk in LIST_MARKS:
        return (("", -1, 0, 0, 1),)
    symbols = chunk.rstrip(",.;:!?)")
    if symbols and all(c in _CURRENCY for c in symbols):  # ``£££``: money, said in symbols
        tail = (("", -1, 0, 0, 1),) if len(symbols) < len(chunk) else ()
        return (*((s, f, 0, len(symbols), 0) for s, f in fold_word("money")), *tail)
    if "/" in chunk:
        head = chunk.rstrip(",.;:!?)")
        if head in SLASHED:  # w/o, b/c: lower case only
            read = fold_word(SLASHED[head])
            tail = (("", -1, 0, 0, 1),) if len(head) < len(chunk) else ()
            return (*((stem, flags, 0, len(head), 0) for stem, flags in read), *tail)
    pieces: list[_Piece] = []
    breaks = 0
    for match in _TOKEN.finditer(chunk):
        kind = match.lastgroup
        start, end = match.span()
        if kind == "brk":
            breaks += 1
        elif kind == "num" and match.group().casefold() in ORDINALS:  # 1st = first
            for folded, flags in fold_word(ORDINALS[match.group().casefold()]):
                pieces.append((folded, flags, start, end, breaks))
            breaks = 0
        elif kind == "num":
            number = match.group().replace(",", "").casefold()
            pieces.append((number, NUMBER | EXACT, start, end, breaks))
            breaks = 0
            speak = False  # 1.5v
        else:
            word = match.group()
            word = word.replace(".", "") if "." in word else word
            for folded, flags in fold_word(word, speak):
                if flags & STOP and folded in CLAUSE_WORDS:
                    breaks += 1
                pieces.append((folded, flags, start, end, breaks))
                breaks = 0
            speak = True
    if breaks:
        pieces.append(("", -1, 0, 0, breaks))
    return tuple(pieces)


def is_negator(tokens: Sequence[Token], index: int) -> bool:
    """Whether ``tokens[index]`` negates (``not only``, ``never hesitated``, ``did not fail
    to`` do not)."""
    token = tokens[index]
    if not token.flags & NEGATOR:
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is not None and following.stem in _CANCELLERS:
        after = tokens[index + 2] if index + 2 < len(tokens) else None
        if following.stem not in _CANCELLERS_BEFORE_TO or (
            after is not None and after.stem == "to"
        ):
            return False
    if token.stem == "no" and following is not None and following.stem in _AFTER_NO_REPLY:
        return False  # ``he said no, let's``: a reply, not a determiner
    double = not token.flags & STOP and index > 0 and tokens[index - 1].flags & NEGATOR
    return not double


def governing_negator(tokens: Sequence[Token], shown: Iterable[int], reach: int) -> int | None:
    """The index of a negator governing one of the words at indices ``shown``, if any.

    A negator governs a word that follows it in the same clause, with at most ``reach``
    other content words between (``not really connected``; not the ``no`` of ``connected
    to the positive terminal with no gaps``). After ``did``/``would``/``can`` it negates
    its verb, not what a preposition after the verb leads to: ``didn't promise anything
    about boycotts`` does not deny boycotts, but ``didn't build any trust`` denies trust
    (a light verb passes it on: ``didn't want to join``), and a quantity is not that
    verb (``didn't have loads of resources``). ``instead of`` and ``rather than`` do not
    reach past a subject of its own (``instead of staying out he sided with the GMD``).
    """
    positions = set(shown)
    for start in sorted(positions):
        clause = tokens[start].clause
        content_between = 0
        nearest = -1
        subject = False
        for i in range(start - 1, -1, -1):
            token = tokens[i]
            if token.clause != clause:
                break
            if is_negator(tokens, i):
                if subject and token.stem in CONTRAST_NEGATORS:
                    break  # ``instead of staying out he sided with``: its own subject
                if nearest >= 0 and i > 0 and tokens[i - 1].stem in _VERB_AUXILIARIES:
                    verb = tokens[nearest]
                    between = tokens[nearest + 1 : start]
                    if not verb.flags & (LIGHT | NEGATOR) and any(
                        t.stem in _PREPOSITIONS for t in between
                    ):
                        break
                return i
            if i in positions:
                break
            if token.flags & STOP:
                if token.stem in _NEW_SUBJECTS and i > 0 and tokens[i - 1].stem in _JOINERS:
                    break  # ``wasn't working so he was too poor``: a clause of its own
                if token.stem in _JOINERS and _subject_and_verb(tokens, i + 1, len(tokens)):
                    break  # ``not failing and the party was united``
                subject = subject or token.stem in _SUBJECT_PRONOUNS
            elif token.stem in _QUANTITIES and tokens[i + 1].stem == "of":
                continue  # ``didn't have loads of resources``: the quantity is not the verb
            else:
                nearest = i
                content_between += 1
                if content_between > reach:
                    break
    return None


_CANCELLERS = frozenset(canonical(w) for w in NEGATION_CANCELLERS)
_AFTER_NO_REPLY = frozenset(str.split("let lets us i we you he she they it"))
_SUBJECT_PRONOUNS = frozenset(str.split("i we you he she they"))


def _subject_and_verb(tokens: Sequence[Token], first: int, stop: int) -> bool:
    """Whether ``tokens[first:stop]`` open with a subject of their own and its finite
    verb: a determiner, a word or two, then ``is``/``was``/``had``... (``the party was``)."""
    i = first
    if i >= stop or tokens[i].stem not in _SUBJECT_DETERMINERS:
        return False
    i += 1
    words = 0
    while i < stop and not tokens[i].flags & STOP and words < 2:
        i += 1
        words += 1
    return bool(words) and i < stop and tokens[i].stem in _FINITE


_SUBJECT_DETERMINERS = frozenset(str.split("the a an his her their its this that these those"))
_FINITE = frozenset(str.split("is was are were has had will would can could did does do"))
_NEW_SUBJECTS = _SUBJECT_PRONOUNS | {"it"}
_JOINERS = frozenset(str.split("so and then therefore thus hence"))
"""Before a subject pronoun, these open a clause a negation before them does not reach."""
_QUANTITIES = frozenset(canonical(w) for w in str.split("lot lots load loads plenty heap heaps"))
_CANCELLERS_BEFORE_TO = frozenset({canonical("fail")})
"""Cancel a negation only when ``to`` follows: ``did not fail to``, not ``not failing``."""
_PREPOSITIONS = frozenset(
    str.split("about of on in at for with from to into over against between by")
)
_VERB_AUXILIARIES = frozenset(
    str.split("do does did will would can could shall should may might must")
)
