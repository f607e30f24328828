"""Candidate phrasings for a key point: the spans of its text a student would type.

Names (capitalised runs, acronyms), dates and numbers with their neighbours, runs of
content words, and a verb with its object, each within one clause of the point; a span
under a negation keeps it (``not join an economic boycott``). Candidates come best first;
the marker then decides which of them really show the point (``tutorbot.core.drafting.build``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllLemmas  # type: ignore[import-untyped]  # ships no type hints

from tutorbot.core.marking.wordlists import NEGATORS, STOPWORDS

MAX_CONTENT_WORDS = 4

_WORD = re.compile(r"[$£€]?[\w]+(?:['\u2019.\-][\w]+)*%?")
_BREAK = re.compile(r"[,;:()\[\]\"\u201c\u201d]|[.?!]\s|\s[-\u2013\u2014]\s")
_CONNECTORS = frozenset({"of", "the", "and"})
_FUNCTION = STOPWORDS | frozenset(
    str.split("against before after across around towards toward among within beyond despite")
)
_NEGATIONS = NEGATORS | {"n't", "wasn't", "weren't", "didn't", "don't", "won't", "wouldn't"}


@dataclass(frozen=True)
class _Word:
    text: str
    folded: str
    clause: int
    capital: bool
    number: bool

    @property
    def content(self) -> bool:
        return self.folded not in _FUNCTION and self.folded not in _NEGATIONS


def candidates(point: str, prompt: str, common: Collection[str] = ()) -> list[str]:
    """Spans of ``point`` worth trying as phrasings, best first, each once.

    ``common`` words (found all over the notes) count for less than the others.
    """
    words = _words(point)
    asked = {w.folded for w in _words(prompt)}
    common = set(common)
    names = _name_runs(words)
    single_ok = sum(w.content for w in words) <= 2
    spans: dict[str, float] = {}
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + 8) + 1):
            span = words[start:end]
            score = _score(span, asked, common, start == 0)
            if score is None or (end - start == 1 and not single_ok):
                continue
            if _cuts(words, start, end, names):
                continue
            score += _boundary(words, start, end)
            text = " ".join(w.text for w in span)
            if start == 0 and _parts_of_speech(words[0].folded):  # "Disagreed", not "Stalin"
                text = words[0].folded + text[len(words[0].text) :]
            negator = _negator(words, start)
            if negator is not None:
                text = f"{negator} {text}"
            spans[text] = max(score, spans.get(text, score))
    return [text for text, _ in sorted(spans.items(), key=lambda item: (-item[1], item[0]))]


def _words(text: str) -> list[_Word]:
    words = []
    clause = 0
    position = 0
    for match in _WORD.finditer(text):
        clause += len(_BREAK.findall(text, position, match.start()))
        position = match.end()
        raw = match.group().replace("\u2019", "'")
        folded = raw.casefold()
        words.append(_Word(raw, folded, clause, raw[:1].isupper(), any(c.isdigit() for c in raw)))
    return words


def _name_runs(words: list[_Word]) -> list[int]:
    """Per word, the number of the capitalised name it belongs to (``Treaty of Berlin``),
    or -1."""
    runs = [-1] * len(words)
    run = 0
    for index, word in enumerate(words):
        capital = (word.capital and index > 0) or (word.folded.isupper() and len(word.text) > 1)
        joined = (
            word.folded in ("of", "the")
            and index > 0
            and runs[index - 1] >= 0
            and index + 1 < len(words)
            and words[index + 1].capital
        )
        if capital or joined:
            if index == 0 or runs[index - 1] < 0 or words[index - 1].clause != word.clause:
                run += 1
            runs[index] = run
    return runs


def _cuts(words: list[_Word], start: int, end: int, names: list[int]) -> bool:
    """Whether the span ``words[start:end]`` cuts a name or a noun phrase in two, or opens
    on an adverb (``already``)."""
    if start > 0 and names[start] >= 0 and names[start - 1] == names[start]:
        return True
    if end < len(words) and names[end - 1] >= 0 and names[end] == names[end - 1]:
        return True
    if _parts_of_speech(words[start].folded) == {"ADV"}:
        return True
    following = words[end] if end < len(words) else None
    if following is None or not following.content or following.clause != words[end - 1].clause:
        return False
    last = _parts_of_speech(words[end - 1].folded)
    after = _parts_of_speech(following.folded)
    return "ADJ" in last and (not after or bool(after & {"NOUN", "ADJ"}))


@lru_cache(maxsize=4096)
def _parts_of_speech(word: str) -> frozenset[str]:
    return frozenset(getAllLemmas(word))


def _score(span: list[_Word], asked: set[str], common: set[str], at_start: bool) -> float | None:
    """How salient ``span`` is as a phrasing, or None if it is no phrasing at all."""
    first, last = span[0], span[-1]
    if first.clause != last.clause or not first.content or not last.content:
        return None
    content = [w for w in span if w.content]
    if len(content) > MAX_CONTENT_WORDS:
        return None
    if any(not w.content and w.folded not in _CONNECTORS for w in span) and len(content) < 2:
        return None
    inner_stops = sum(not w.content for w in span)
    if inner_stops > 2:
        return None
    new = [w for w in content if w.folded not in asked]
    if not new:
        return None
    names = sum((w.capital and not (at_start and w is first)) or w.folded.isupper() for w in new)
    numbers = sum(w.number for w in new)
    if len(new) == 1 and not (names and len(new[0].folded) >= 4) and len(new[0].folded) < 8:
        return None
    usual = sum(w.folded in common for w in new)
    score = len(new) - 0.5 * usual + 1.5 * names + 2.0 * numbers - 0.5 * inner_stops
    if len(content) == 1:
        score -= 1.0
    return score - max(0, len(content) - 3)


def _boundary(words: list[_Word], start: int, end: int) -> float:
    """A span that stops where a phrase stops (a function word, a break, the end) is better."""
    after = words[end] if end < len(words) else None
    before = words[start - 1] if start else None
    bonus = 0.0
    if after is None or not after.content or after.clause != words[end - 1].clause:
        bonus += 1.0
    if before is None or not before.content or before.clause != words[start].clause:
        bonus += 0.5
    return bonus


def _negator(words: list[_Word], start: int) -> str | None:
    """The negation before ``words[start]`` in its clause that reaches it, as it will be
    written in the phrasing: the word itself when it comes right before, else ``not``."""
    clause = words[start].clause
    content_between = 0
    for index in range(start - 1, -1, -1):
        word = words[index]
        if word.clause != clause:
            return None
        if word.folded in NEGATORS:
            return word.folded if index == start - 1 else "not"
        if word.folded in _NEGATIONS or word.folded.endswith("n't"):
            return "not"
        if word.content:
            content_between += 1
            if content_between > 2:
                return None
    return None
