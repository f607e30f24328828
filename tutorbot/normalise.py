"""Turning free text into comparable tokens, remembering where each came from.

Each word of a text becomes one or more tokens (``wasn't`` -> ``was`` + ``not``) whose
``stem`` is folded for comparison: Unicode NFKC, casefold, curly quotes, US/UK spelling,
number words as digits, and a light suffix stemmer. ``start``/``end`` index the original
text, so the marker can quote the student's words exactly as typed.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

logger = logging.getLogger(__name__)

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


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_TOKEN = re.compile(
    # U.S.S.R., wasn't, aren"t (some corpora type apostrophes as double quotes)
    r"(?P<word>[^\W\d_](?:(?:\.[^\W\d_])+\.?|[^\W_]*(?:['\u2019`\"][^\W_]+)*))"
    r"|(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:(?:s|st|nd|rd|th)\b)?)"  # 10,000 1.5 1920s
    r"|(?P<brk>[.;:!?()\[\]{}\"\u201c\u201d\u2013\u2014]|,(?!\d)|\s-\s)"  # clause boundaries
)

CLAUSE_WORDS = _words("but however although though whereas while yet because instead rather unless")
"""Words that start a new clause: a negation before them does not reach past them."""

NEGATORS = _words(
    "not no never neither nor none nobody nothing nowhere without hardly barely scarcely"
    " cannot lack lacked lacking"
)
_NEGATION_CANCELLERS = frozenset({"only", "hesit", "hesitat", "fail", "just", "merely", "doubt"})
"""``not only``, ``never hesitated``, ``did not fail to``: the negator does not negate."""

STOPWORDS = _words(
    """a an the and or but if then else of at by for with about between into through during
    to from up down in on over under again further once here there when where why how all any
    both each few some such own so than too very s t can will just should now i me my myself we
    our ours you your yours he him his himself she her hers it its itself they them their theirs
    what which who whom whose this that these those am is are was were be been being have has had
    having do does did doing would could shall may might must also as because while whilst until
    though although however whereas yet even still just really quite rather instead unless upon onto
    within via per thus therefore hence whether either other another one's let lets get got gets
    like etc ie eg"""
)

LIGHT_WORDS = _words(
    """contain include mean make use show indicate cause create get become go come give take
    put keep let seem thing way kind lot part able need want try tell know think say said
    happen result help allow"""
)
"""Light verbs and vague nouns, before stemming."""

_CONTRACTIONS = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    "let's": ("let", "us"),
}
_SUFFIX_CONTRACTIONS = (
    ("n't", ("not",)),
    ("'re", ("are",)),
    ("'ve", ("have",)),
    ("'ll", ("will",)),
    ("'d", ("would",)),
    ("'m", ("am",)),
    ("'s", ()),  # possessive, or "is"/"has": a stopword either way
)
_APOSTROPHE_LESS = {
    w + "nt": (w, "not")
    for w in _words("is was were are has have had do does did could would should must need")
}
_APOSTROPHE_LESS |= {"dont": ("do", "not"), "didnt": ("did", "not"), "doesnt": ("does", "not")}
_APOSTROPHE_LESS |= {"cant": ("can", "not"), "wont": ("will", "not"), "isnt": ("is", "not")}

_NUMBER_NAMES = str.split(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(_NUMBER_NAMES)}

_US_WORDS = {
    "defense": "defence",
    "offense": "offence",
    "license": "licence",
    "pretense": "pretence",
    "center": "centre",
    "theater": "theatre",
    "meter": "metre",
    "liter": "litre",
    "fiber": "fibre",
    "caliber": "calibre",
    "specter": "spectre",
    "somber": "sombre",
    "catalog": "catalogue",
    "dialog": "dialogue",
    "analog": "analogue",
    "program": "programme",
    "gray": "grey",
    "aluminum": "aluminium",
    "mold": "mould",
    "plow": "plough",
    "skeptic": "sceptic",
    "skeptical": "sceptical",
    "maneuver": "manoeuvre",
    "practise": "practice",
    "jewelry": "jewellery",
    "tire": "tyre",
    "enroll": "enrol",
    "fulfill": "fulfil",
    "install": "instal",
    "pajamas": "pyjamas",
}
_IRREGULAR = {
    form: base
    for line in str.split(
        """burn:burnt lend:lent build:built learn:learnt bend:bent send:sent spend:spent
        mean:meant deal:dealt catch:caught teach:taught think:thought bring:brought
        buy:bought fight:fought seek:sought keep:kept sleep:slept lose:lost make:made
        pay:paid lay:laid say:said sell:sold tell:told go:went,gone give:gave,given
        take:took,taken break:broke,broken choose:chose,chosen begin:began,begun
        become:became come:came fall:fell,fallen grow:grew,grown know:knew,known
        rise:rose,risen see:saw,seen stand:stood understand:understood hold:held feel:felt
        find:found strike:struck throw:threw,thrown drive:drove,driven run:ran sit:sat
        shoot:shot write:wrote,written draw:drew,drawn fly:flew,flown hide:hid,hidden
        speak:spoke,spoken steal:stole,stolen wear:wore,worn win:won lead:led feed:fed
        meet:met light:lit flee:fled forbid:forbade,forbidden forget:forgot,forgotten"""
    )
    for base, forms in [line.split(":")]
    for form in forms.split(",")
}
"""Irregular past forms -> the verb (``lent`` -> ``lend``)."""

_SYNONYM_GROUPS = str.split(
    """damage,broken,faulty separate,independent path,pathway,route contain,include
    place,location,position large,big,huge small,little,tiny begin,start end,finish
    show,indicate,demonstrate,reveal help,aid,assist buy,purchase rich,wealthy
    country,nation cautious,careful,wary reckless,rash treaty,pact,agreement"""
)

_ISE = re.compile(r"(?<=[a-z]{2})(iz|yz)(e|es|ed|ing|ation|ations|er|ers)$")
_OUR = re.compile(r"(?<=[a-z]{3})our(s|ed|ing|ite|ites|able|ably|ful|less)?$")
_LL = re.compile(
    r"^(travel|model|label|cancel|signal|fuel|level|channel|quarrel|marvel|equal|dial|duel"
    r"|counsel|tunnel|total|jewel|rival|pedal|shovel|panel|enrol|fulfil|instal|skil)l"
    r"(ed|ing|er|ers|ment|ments)$"
)
_VOWEL = re.compile(r"[aeiouy]")
_UNDOUBLE = re.compile(r"([b-df-hj-kmnp-rt-wyz])\1$")


class Token(NamedTuple):
    stem: str
    flags: int
    start: int
    end: int
    clause: int
    """Tokens with the same number are in the same clause."""


def spelling(word: str) -> str:
    """One spelling for US/UK variants: ``organize``/``organise``, ``color``/``colour``."""
    word = _US_WORDS.get(word, word)
    word = _ISE.sub(lambda m: ("is" if m.group(1) == "iz" else "ys") + m.group(2), word)
    word = _OUR.sub(lambda m: "or" + (m.group(1) or ""), word)
    return _LL.sub(r"\1\2", word)


def stem(word: str) -> str:
    """A light suffix stemmer: plurals, -ed, -ing, -ly, final -e and doubled consonants."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6 and _VOWEL.search(word[:-3]):
        word = word[:-3]
    elif word.endswith("ed") and len(word) >= 5 and _VOWEL.search(word[:-2]):
        word = word[:-2]
    elif word.endswith("ed") and len(word) == 4 and word[1] != "e":
        word = word[:-1]
    if word.endswith("ily") and len(word) >= 6:
        word = word[:-3] + "y"
    elif word.endswith("ly") and len(word) >= 6:
        word = word[:-2]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return _UNDOUBLE.sub(r"\1", word)


@lru_cache(maxsize=1 << 16)
def fold_word(raw: str) -> tuple[tuple[str, int], ...]:
    """One word as typed -> its ``(stem, flags)`` pieces; a contraction gives several."""
    text = unicodedata.normalize("NFKC", raw)
    acronym = 2 <= len(text) <= 6 and text.isupper() and text.isalpha()
    text = text.casefold().replace("\u2019", "'").replace("`", "'").replace('"', "'")
    if text in _CONTRACTIONS:
        words: tuple[str, ...] = _CONTRACTIONS[text]
    elif text in _APOSTROPHE_LESS:
        words = _APOSTROPHE_LESS[text]
    else:
        words = (text,)
        for suffix, expansion in _SUFFIX_CONTRACTIONS:
            if text.endswith(suffix) and len(text) > len(suffix):
                words = (text[: -len(suffix)], *expansion)
                break
    return tuple(_fold_piece(w.replace("'", ""), acronym) for w in words if w.replace("'", ""))


def _fold_piece(word: str, acronym: bool) -> tuple[str, int]:
    if word in NEGATORS:
        return word, NEGATOR | STOP | EXACT
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word], EXACT
    if word in STOPWORDS:
        return word, STOP | EXACT
    folded = stem(spelling(_IRREGULAR.get(word, word)))
    folded = _SYNONYMS.get(folded, folded)
    if folded in _LIGHT_STEMS:
        return folded, LIGHT | (EXACT if len(folded) <= 4 else 0)
    if acronym:
        return folded, ACRONYM | EXACT
    return folded, EXACT if len(folded) <= 4 else 0


def tokenise(text: str) -> list[Token]:
    """The word tokens of ``text``, in order, with their clause numbers."""
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__
    clause = 0
    end = 0
    for chunk in text.split():
        start = text.find(chunk, end)
        end = start + len(chunk)
        for folded, flags, first, last, breaks in _chunk(chunk):
            clause += breaks
            if flags >= 0:
                append(new(Token, (folded, flags, start + first, start + last, clause)))
    return tokens


_Piece = tuple[str, int, int, int, int]
"""(stem, flags or -1 for a clause break alone, start, end, clause breaks before it)."""


@lru_cache(maxsize=1 << 16)
def _chunk(chunk: str) -> tuple[_Piece, ...]:
    """One whitespace-free piece of text as tokens, offsets relative to the piece."""
    if chunk.strip("-") == "":
        return (("", -1, 0, 0, 1),)
    pieces: list[_Piece] = []
    breaks = 0
    for match in _TOKEN.finditer(chunk):
        kind = match.lastgroup
        start, end = match.span()
        if kind == "brk":
            breaks += 1
        elif kind == "num":
            number = match.group().replace(",", "").casefold()
            pieces.append((number, NUMBER | EXACT, start, end, breaks))
            breaks = 0
        else:
            word = match.group()
            for folded, flags in fold_word(word.replace(".", "") if "." in word else word):
                if flags & STOP and folded in CLAUSE_WORDS:
                    breaks += 1
                pieces.append((folded, flags, start, end, breaks))
                breaks = 0
    if breaks:
        pieces.append(("", -1, 0, 0, breaks))
    return tuple(pieces)


def is_negator(tokens: list[Token], index: int) -> bool:
    """Whether ``tokens[index]`` negates (``not only``, ``never hesitated`` do not)."""
    if not tokens[index].flags & NEGATOR:
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return following is None or following.stem not in _NEGATION_CANCELLERS


def _synonym_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in _SYNONYM_GROUPS:
        words = [stem(spelling(_IRREGULAR.get(w, w))) for w in group.split(",")]
        table |= {word: words[0] for word in words[1:]}
    return table


_SYNONYMS = _synonym_table()
"""Stem -> the stem standing for its group of near-synonyms (``broken`` -> ``damag``)."""
_LIGHT_STEMS = frozenset(
    _SYNONYMS.get(s, s) for s in (stem(spelling(_IRREGULAR.get(w, w))) for w in LIGHT_WORDS)
)

_ANTONYM_PAIRS = str.split(
    """same:different positive:negative open:closed open:shut high:low higher:lower more:less
    most:least increase:decrease increase:reduce rise:fall before:after above:below
    inside:outside connected:separated complete:incomplete true:false right:wrong
    correct:incorrect strong:weak large:small big:small long:short support:oppose
    success:failure succeed:fail win:lose gain:loss import:export internal:external
    domestic:foreign ally:enemy friend:enemy cautious:reckless start:end early:late
    rich:poor agree:disagree accept:reject attack:defend add:remove allow:prevent
    always:sometimes all:some maximum:minimum"""
)


def _antonym_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for pair in _ANTONYM_PAIRS:
        a, b = (stem(spelling(word)) for word in pair.split(":"))
        table.setdefault(a, set()).add(b)
        table.setdefault(b, set()).add(a)
    return {word: frozenset(opposites) for word, opposites in table.items()}


ANTONYMS = _antonym_table()
"""Stem -> stems of words meaning its opposite (``same`` -> ``different``)."""
