"""Word forms: one comparable form per family of English words.

Inflection comes from lemminflect's lexicon (its data ships in its wheel): ``lent`` ->
``lend``, ``countries`` -> ``country``, ``crushed`` -> ``crush``. One derivational step
is then taken back to a word the lexicon knows, so a family shares a form: ``capitalism``
and ``capitalist`` -> ``capital``, ``economic`` -> ``economy``, ``neutrality`` ->
``neutral``, ``security`` -> ``secure``. A word the lexicon does not know (a typo, a name)
is left whole, so fuzzy matching sees every letter typed (``congres`` still looks like
``congress``). Near-synonym and opposite tables are built on these forms.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import (  # type: ignore[import-untyped]  # ships no stubs
    getAllInflections,
    getAllLemmas,
    getAllLemmasOOV,
)

from tutorbot.core.marking import wordnet
from tutorbot.core.marking.wordlists import (
    ANTONYM_PAIRS,
    FRIENDLY_WORDS,
    HOSTILE_WORDS,
    LIGHT_WORDS,
    SYNONYM_GROUPS,
    US_WORDS,
)

_ISE = re.compile(r"(?<=[a-z]{2})(iz|yz)(e|es|ed|ing|ation|ations|er|ers)$")
_OUR = re.compile(r"(?<=[a-z]{3})our(s|ed|ing|ite|ites|able|ably|ful|less)?$")
_LL = re.compile(
    r"^(travel|model|label|cancel|signal|fuel|level|channel|quarrel|marvel|equal|dial|duel"
    r"|counsel|tunnel|total|jewel|rival|pedal|shovel|panel|enrol|fulfil|instal|skil)l"
    r"(ed|ing|er|ers|ment|ments)$"
)

_POS_ORDER = ("VERB", "NOUN", "ADJ", "ADV", "AUX", "PROPN")

_DERIVATIONS = (
    ("ically", ("y", "ic", "")),
    ("ical", ("y", "ic", "")),
    ("ism", ("",)),
    ("ist", ("", "y")),
    ("ity", ("", "e")),
    ("ic", ("y", "")),
    ("ness", ("", "y")),
    ("ment", ("", "e")),
    ("ssion", ("ss",)),
    ("ation", ("ate", "e", "")),
    ("al", ("", "e")),
    ("ily", ("y",)),
    ("ly", ("", "e")),
    ("y", ("e", "")),
)
"""Suffix -> endings that may replace it to give the family's head word (tried in order;
the head must be a word the lexicon knows, of at least ``_MIN_ROOT`` letters before its
ending)."""
_MIN_ROOT = 4


def spelling(word: str) -> str:
    """One spelling for US/UK variants: ``organize``/``organise``, ``color``/``colour``."""
    word = US_WORDS.get(word, word)
    word = _ISE.sub(lambda m: ("is" if m.group(1) == "iz" else "ys") + m.group(2), word)
    word = _OUR.sub(lambda m: "or" + (m.group(1) or ""), word)
    return _LL.sub(r"\1\2", word)


@lru_cache(maxsize=1 << 16)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    return getAllLemmas(word)  # type: ignore[no-any-return]


def clear_caches() -> None:
    """Forget every word looked up (for benchmarks of words never seen before)."""
    _lemmas.cache_clear()
    form.cache_clear()


def is_verb(word: str) -> bool:
    """Whether the lexicon knows ``word`` (lower case) as a form of a verb."""
    return "VERB" in _lemmas(word)


def guessed_lemma(word: str) -> str | None:
    """For an inflected word the lexicon does not know (a typo: ``supresed``), its lemma
    by lemminflect's rules for unknown words (``suprese``), to compare as well."""
    if len(word) <= 5 or not word.endswith(("ed", "ing", "s")) or _lemmas(word):
        return None
    pos = "VERB" if word.endswith(("ed", "ing")) else "NOUN"
    guess: str = getAllLemmasOOV(word, pos)[pos][0]
    return guess if guess != word else None


def is_adjective(word: str) -> bool:
    """Whether the lexicon knows ``word`` (lower case) only as an adjective (``huge``,
    ``financial``; not ``positive``, also a noun)."""
    return set(_lemmas(word)) == {"ADJ"}


def adjective_form(word: str) -> bool:
    """Whether the lexicon knows ``word`` (lower case) as an adjective, perhaps also as
    something else (``neutral``, also a noun)."""
    return "ADJ" in _lemmas(word)


def is_known(word: str) -> bool:
    """Whether the lexicon knows ``word`` (lower case) at all."""
    return bool(_lemmas(word))


def lemma(word: str) -> str:
    """The dictionary form of ``word`` (``lent`` -> ``lend``); ``word`` itself if unknown."""
    found = _lemmas(word)
    if not found:
        return word
    verbs = found.get("VERB", ())
    if (verbs and word.endswith(("ed", "ing"))) or (word in verbs and verbs[0] != word):
        verb: str = verbs[0]  # ``lowered``: ``lower``, itself the comparative of ``low``
        return _graded(verb, _lemmas(verb).get("ADJ", ())) or verb
    graded = _graded(word, found.get("ADJ", ()))
    if graded is not None:
        return graded
    if any(word in forms for forms in found.values()):
        return word
    base = next((found[pos][0] for pos in _POS_ORDER if pos in found), None)
    if base is None:
        base = next(iter(found.values()))[0]
    # the same form as the base word: ``numbers`` as ``number`` (read as ``numb``)
    return _graded(base, _lemmas(base).get("ADJ", ())) or base


def _graded(word: str, adjectives: tuple[str, ...]) -> str | None:
    """The adjective ``word`` is the comparative or superlative of (``lower``: ``low``,
    also a verb; ``warmer``: ``warm``, also a noun), else None (``better``: not its
    adjective's letters)."""
    if not word.endswith(("er", "est")):
        return None
    for adjective in adjectives:
        stem = adjective[:-1] if adjective.endswith(("e", "y")) else adjective
        if adjective != word and word.startswith(stem) and len(word) - len(stem) <= 4:
            return adjective
    return None


def family(word: str) -> str:
    """``word`` (a lemma) taken one derivational step back to a known head word."""
    for suffix, endings in _DERIVATIONS:
        if not word.endswith(suffix):
            continue
        root = word[: -len(suffix)]
        if len(root) < _MIN_ROOT:
            return word
        if suffix in ("ly", "ily") and set(_lemmas(word)) - {"ADV"}:
            return word
        if suffix == "y" and set(_lemmas(word)) != {"ADJ"}:
            return word  # ``risky``: ``risk``; not ``party``, a noun
        for ending in endings:
            head = root + ending
            if suffix == "y" and "NOUN" not in _lemmas(head):
                continue  # ``shiny``: ``shine``, not ``shin``
            if _lemmas(head):
                return lemma(head)
        return word
    return word


@lru_cache(maxsize=1 << 16)
def form(word: str) -> str:
    """The comparable form of one lower-case word: spelling, lemma, family."""
    if len(word) <= 2 or not word.isalpha():
        return word
    spelt = spelling(word)
    return family(lemma(spelt))


def _synonym_table() -> dict[str, str]:
    """Only a member whose form is its own lemma joins a group: ``agreement`` (form
    ``agree``) would make ``agreed`` mean ``treaty``."""
    table: dict[str, str] = {}
    for group in SYNONYM_GROUPS:
        words = [form(w) for w in group.split(",") if form(w) == lemma(spelling(w))]
        table |= {word: words[0] for word in words[1:] if word != words[0]}
    return table


SYNONYMS = _synonym_table()
"""Form -> the form standing for its group of near-synonyms (``broken`` -> ``damage``)."""


def canonical(word: str) -> str:
    """``form``, then the head of its near-synonym group."""
    folded = form(word)
    return SYNONYMS.get(folded, folded)


LIGHT = frozenset(canonical(w) for w in LIGHT_WORDS)
"""Forms of light words (``contain``, ``make``)."""


def _antonym_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for pair in ANTONYM_PAIRS:
        a, b = (canonical(word) for word in pair.split(":"))
        table.setdefault(a, set()).add(b)
        table.setdefault(b, set()).add(a)
    return {word: frozenset(opposites) for word, opposites in table.items()}


ANTONYMS = _antonym_table()
"""Form -> forms of words meaning its opposite (``same`` -> ``different``)."""


def _stance(words: str) -> frozenset[str]:
    return frozenset(canonical(w) for w in words.split())


FRIENDLY = _stance(FRIENDLY_WORDS)
HOSTILE = _stance(HOSTILE_WORDS)


def sides(word: str, verbs: bool) -> tuple[frozenset[str], frozenset[str]] | None:
    """For a word taking a stance (a form): (words on its side, words on the other side);
    with ``verbs``, also for a verb with opposites; None for other words. ``support``:
    (``back``, ``ally`` ...; ``enemy``, ``against``, ``oppose`` ...); ``disagree``:
    (``disagree``; ``agree``)."""
    opposites = ANTONYMS.get(word, frozenset())
    if word in FRIENDLY:
        return FRIENDLY, HOSTILE | opposites
    if word in HOSTILE:
        return HOSTILE, FRIENDLY | opposites
    if opposites and verbs and set(_lemmas(word)) == {"VERB"}:
        return frozenset({word}), opposites
    return None


@lru_cache(maxsize=1 << 14)
def near_synonyms(word: str, senses: int) -> tuple[str, ...]:
    """Words (as WordNet spells them) sharing one of the first ``senses`` senses of
    ``word``'s lemma, or a sense derived from one (``division``: ``split``, through
    ``divide``), that is among their own first ``senses`` too (``suppressed``: ``crush``;
    ``massacre``: ``slaughter``); not one of its listed opposites nor on the other side of
    a stance (``oppose``: not ``defend``)."""
    if senses <= 0:
        return ()
    spelt = spelling(word)
    base = lemma(spelt)
    own = canonical(word)
    opposites = ANTONYMS.get(own, frozenset())
    stance = sides(own, verbs=True)
    relations = wordnet.related(base, senses)
    if base != spelt and spelt.endswith(("ed", "ing")):  # a participle: its verb's senses
        relations = wordnet.related(base, senses, ("verb",))  # and its own (``closed``
        relations |= wordnet.related(spelt, senses)  # is not ``close``, near)
    found = []
    for other, where in relations.items():
        folded = canonical(other)
        if folded == own or folded in opposites or (stance and folded in stance[1]):
            continue
        if where & set(wordnet.senses(lemma(other), senses)):
            found.append(other)
    return tuple(found)


def phrasal_synonyms(word: str, senses: int) -> tuple[tuple[str, ...], ...]:
    """Phrasal verbs, as their words, that WordNet lists with ``word``'s verb in one of
    its first ``senses`` senses, that sense among their own first ``senses`` too
    (``suppressed``: ``put down``; ``eliminate``: ``get rid of``)."""
    if senses <= 0:
        return ()
    base = lemma(spelling(word))
    found = []
    for other, where in wordnet.phrasal(base, senses).items():
        if where & set(wordnet.senses(other, senses, ("verb",))):
            found.append(tuple(other.split("_")))
    return tuple(found)


def verb_forms(verb: str) -> frozenset[str]:
    """``verb`` and its inflections (``get``: ``got``, ``gets``, ``getting``...)."""
    forms = {verb}
    for spelt in getAllInflections(verb, upos="VERB").values():
        forms.update(spelt)
    return frozenset(forms)
