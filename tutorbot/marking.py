"""Marking: does a free-text answer show each key point of a question?

Pure code: no I/O, no clock. ``mark`` is deterministic.

Each accepted phrasing is reduced to its content words (see ``tutorbot.normalise``). A
phrasing is shown when enough of its content words, by weight, appear close together in
the answer: exactly for numbers, acronyms and short words, fuzzily (typos, inflection)
for longer ones. It is not shown if the answer's clause has the opposite polarity
(``never backed`` against ``backed``), or if the answer gives a different number where
the phrasing has one.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from tutorbot.content.model import KeyPoint, Misconception, Question
from tutorbot.normalise import (
    ACRONYM,
    ANTONYMS,
    EXACT,
    LIGHT,
    NUMBER,
    STOP,
    Token,
    is_negator,
    tokenise,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PointResult:
    point: KeyPoint
    hit: bool
    score: float
    """Match strength, 0..1."""
    matched: str
    """The student's own words that showed the point ("" when missed)."""


@dataclass(frozen=True)
class MisconceptionFound:
    misconception: Misconception
    matched: str


@dataclass(frozen=True)
class Verdict:
    question: Question
    points: tuple[PointResult, ...]
    misconceptions: tuple[MisconceptionFound, ...]

    @property
    def hit(self) -> tuple[PointResult, ...]:
        return tuple(p for p in self.points if p.hit)

    @property
    def missed(self) -> tuple[PointResult, ...]:
        return tuple(p for p in self.points if not p.hit)

    @property
    def score(self) -> float:
        """Share of key points shown, 0..1."""
        return len(self.hit) / len(self.points) if self.points else 0.0

    @property
    def passed(self) -> bool:
        """Enough key points for the question's pass mark, and no misconception."""
        return len(self.hit) >= self.question.pass_mark and not self.misconceptions


@dataclass(frozen=True)
class Tuning:
    """The marker's knobs (chosen on SemEval-2013 training data; see docs/marking.md)."""

    fuzzy_floor: float = 78.0
    """fuzz.ratio a typed word of 10+ letters needs to count as a phrasing word."""
    short_word_ratio: float = 83.0
    """... of 5-6 letters (shorter words must match exactly)."""
    word_ratio: float = 80.0
    """... of 7-9 letters."""
    all_words_up_to: int = 3
    """Phrasings with at most this many content words need every one of them."""
    share: float = 0.65
    """Share of a longer phrasing's content words (by weight) an answer must show."""
    label_weight: float = 0.0
    """Weight of labels (one letter or a number: bulb ``B``, terminal ``4``, ``1926``)
    against 1 for other words."""
    light_weight: float = 0.3
    """Weight of light words (``contain``, ``make``: see ``normalise.LIGHT_WORDS``)."""
    pronoun_credit: float = 1.0
    """Share of its weight a phrasing's first word (its subject, usually) gets when it is
    missing but the answer has a pronoun (``they are connected`` for ``terminals 1 and 4
    are connected``)."""
    prompt_weight: float = 1.0
    """Weight of phrasing words that the question itself already says (the student is
    expected to add what the question does not give)."""
    condition_weight: float = 0.0
    """Weight of the words of a phrasing's opening condition (``If bulb A burns out,``
    restates the question more often than it answers it)."""
    window_slack: int = 4
    """Shown words may spread over 2 x (phrasing words) + this many answer words."""
    negation_reach: int = 2
    """Content words allowed between a negator and the words it negates."""


TUNING = Tuning()
ALIKE_MEMO_SIZE = 20_000
NEG_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "anti", "mis")


def word_threshold(length: int, tuning: Tuning) -> float:
    """The fuzz.ratio a typed word needs to count as a phrasing word of this length."""
    if length <= 6:
        return tuning.short_word_ratio
    if length <= 9:
        return tuning.word_ratio
    return tuning.fuzzy_floor


@dataclass(frozen=True, slots=True)
class _Phrasing:
    text: str
    words: tuple[str, ...]
    """Content words, each once."""
    exact: tuple[bool, ...]
    weights: tuple[float, ...]
    total: float
    needed: float
    """Total weight of found words required."""
    mandatory: tuple[int, ...]
    """Indices of words that must be found (acronyms)."""
    opposites: tuple[frozenset[str], ...]
    """Per word, words meaning its opposite (``same``: ``different``)."""
    has_opposites: bool
    labels: frozenset[str]
    """Numbers and one-letter names (``1926``, bulb ``B``): an answer naming others is wrong."""
    negative: bool
    width: int
    """Most answer tokens the shown words may spread over."""
    stand_in: float
    """Weight credited for a missing first word when the answer has a pronoun."""
    reach: int


@dataclass(frozen=True, slots=True)
class _Target:
    phrasings: tuple[_Phrasing, ...]


@dataclass(frozen=True, slots=True, eq=False)
class _Compiled:
    points: tuple[_Target, ...]
    misconceptions: tuple[_Target, ...]
    exact_words: frozenset[str]
    """Phrasing words compared exactly, and opposites of phrasing words."""
    fuzzy_words: tuple[str, ...]
    tuning: Tuning
    alike: dict[str, tuple[tuple[str, float], ...]]
    """Memo: a typed word -> the fuzzy phrasing words it may stand for, with similarity."""

    def like(self, typed: str) -> tuple[tuple[str, float], ...]:
        known = self.alike.get(typed)
        if known is None:
            if len(self.alike) >= ALIKE_MEMO_SIZE:
                self.alike.clear()
            known = self.alike[typed] = _alike(typed, self.fuzzy_words, self.tuning)
        return known


def _alike(typed: str, words: Sequence[str], tuning: Tuning) -> tuple[tuple[str, float], ...]:
    found = []
    floor = min(tuning.fuzzy_floor, tuning.short_word_ratio, tuning.word_ratio)
    for word, score, _ in process.extract(
        typed, words, scorer=fuzz.ratio, score_cutoff=floor, limit=None
    ):
        if word == typed:
            found.append((word, 1.0))
        elif score >= word_threshold(len(word), tuning) and not _opposite_prefix(word, typed):
            found.append((word, score / 100.0))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class _Match:
    score: float
    hit: bool
    start: int
    end: int


_MISS = _Match(0.0, False, 0, 0)


def mark(question: Question, answer: str) -> Verdict:
    """Which key points and misconceptions ``answer`` shows."""
    compiled = _compile_question(question, TUNING)
    tokens = tokenise(answer)
    candidates = _candidates(compiled, tokens)
    points = []
    for point, target in zip(question.key_points, compiled.points, strict=True):
        match = _best(target, tokens, candidates)
        matched = answer[match.start : match.end] if match.hit else ""
        points.append(PointResult(point, match.hit, round(match.score, 3), matched))
    found = []
    for misconception, target in zip(question.misconceptions, compiled.misconceptions, strict=True):
        match = _best(target, tokens, candidates)
        if match.hit:
            found.append(MisconceptionFound(misconception, answer[match.start : match.end]))
    return Verdict(question, tuple(points), tuple(found))


@lru_cache(maxsize=256)
def _compile_question(question: Question, tuning: Tuning) -> _Compiled:
    given = frozenset(t.stem for t in tokenise(question.prompt) if not t.flags & STOP)
    points = tuple(_compile_target(p.accept, given, tuning) for p in question.key_points)
    misconceptions = tuple(
        _compile_target(m.accept, given, tuning) for m in question.misconceptions
    )
    exact: set[str] = set()
    fuzzy: set[str] = set()
    for target in points + misconceptions:
        for phrasing in target.phrasings:
            for word, is_exact in zip(phrasing.words, phrasing.exact, strict=True):
                (exact if is_exact else fuzzy).add(word)
            exact.update(o for opposites in phrasing.opposites for o in opposites)
    return _Compiled(
        points, misconceptions, frozenset(exact), tuple(sorted(fuzzy)), tuning, alike={}
    )


def _compile_target(accept: Sequence[str], given: frozenset[str], tuning: Tuning) -> _Target:
    return _Target(tuple(_compile_phrasing(text, given, tuning) for text in accept))


def _compile_phrasing(text: str, given: frozenset[str], tuning: Tuning) -> _Phrasing:
    tokens = tokenise(text)
    negators = [i for i in range(len(tokens)) if is_negator(tokens, i)]
    content = [t for t in tokens if not t.flags & STOP] or [
        t for i, t in enumerate(tokens) if i not in negators
    ]
    content = list({t.stem: t for t in reversed(content)}.values())[::-1]
    weights = tuple(
        _weight(t, tuning) * (tuning.prompt_weight if t.stem in given else 1.0) for t in content
    )
    if tokens and tokens[0].stem in ("if", "when") and any(t.clause for t in tokens):
        weights = tuple(
            w * tuning.condition_weight if t.clause == tokens[0].clause else w
            for w, t in zip(weights, content, strict=True)
        )
    if sum(not _is_label(t) for t in content) < 2:
        weights = tuple(
            max(w, 1.0) if _is_label(t) else w for w, t in zip(weights, content, strict=True)
        )
    if content and not any(weights):
        weights = tuple(1.0 for _ in content)
    total = sum(weights)
    subject_first = bool(content) and _starts_with_subject(text, tokens, tokens.index(content[0]))
    everything = sum(w >= 1.0 for w in weights) <= tuning.all_words_up_to
    return _Phrasing(
        text=text,
        words=tuple(t.stem for t in content),
        exact=tuple(bool(t.flags & EXACT) for t in content),
        weights=weights,
        total=total,
        needed=(total if everything else tuning.share * total) - 1e-9,
        mandatory=tuple(i for i, t in enumerate(content) if t.flags & ACRONYM),
        opposites=tuple(ANTONYMS.get(t.stem, frozenset()) for t in content),
        has_opposites=any(t.stem in ANTONYMS for t in content),
        labels=frozenset(t.stem for t in content if _is_label(t)),
        negative=bool(negators),
        width=2 * len(content) + tuning.window_slack,
        stand_in=weights[0] * tuning.pronoun_credit if subject_first else 0.0,
        reach=tuning.negation_reach,
    )


def _starts_with_subject(text: str, tokens: list[Token], first: int) -> bool:
    """Whether the phrasing's first content word, ``tokens[first]``, is (likely) its subject:
    after a determiner (``the terminals are...``), capitalised (``Stalin sided...``), or
    followed by a verb such as ``is`` (``terminals 1 and 4 are...``); not ``join the GMD``."""
    if any(t.stem not in _DETERMINERS for t in tokens[:first]):
        return False
    if first > 0 or text[tokens[first].start].isupper():
        return True
    return any(t.stem in _AUXILIARIES for t in tokens[first + 1 :])


_AUXILIARIES = frozenset(
    str.split("is are was were be been has have had will would can could may might must should")
)
_DETERMINERS = frozenset(str.split("the a an this that these those both each all every"))


def _is_label(token: Token) -> bool:
    return bool(token.flags & NUMBER) or (len(token.stem) == 1 and not token.flags & STOP)


def _weight(token: Token, tuning: Tuning) -> float:
    if _is_label(token) or token.stem.isdigit():
        return tuning.label_weight
    if token.flags & LIGHT:
        return tuning.light_weight
    return 1.0


_Candidates = dict[str, list[tuple[int, float]]]
"""Phrasing word -> (answer token index, similarity 0..1) of the answer words like it."""


_PRONOUN = "\0pronoun"
"""Key of ``_Candidates`` under which the answer's pronouns are listed."""
PRONOUNS = frozenset(str.split("it they them this these those both each he she its their"))


def _candidates(compiled: _Compiled, tokens: list[Token]) -> _Candidates:
    result: _Candidates = {}
    exact_words = compiled.exact_words
    fuzzy = bool(compiled.fuzzy_words)
    for index, token in enumerate(tokens):
        stem = token.stem
        if stem in exact_words:
            result.setdefault(stem, []).append((index, 1.0))
        if stem in PRONOUNS:
            result.setdefault(_PRONOUN, []).append((index, 1.0))
        if fuzzy and not token.flags & (NUMBER | STOP):
            for word, similarity in compiled.like(stem):
                result.setdefault(word, []).append((index, similarity))
    return result


def _opposite_prefix(a: str, b: str) -> bool:
    """``connected`` / ``disconnected``: alike in letters, opposite in meaning."""
    for prefix in NEG_PREFIXES:
        if a.startswith(prefix) != b.startswith(prefix):
            longer, shorter = (a, b) if a.startswith(prefix) else (b, a)
            if fuzz.ratio(longer[len(prefix) :], shorter) >= 90.0:
                return True
    return False


def _best(target: _Target, tokens: list[Token], candidates: _Candidates) -> _Match:
    best = _MISS
    for phrasing in target.phrasings:
        match = _match_phrasing(phrasing, tokens, candidates)
        if (match.hit, match.score) > (best.hit, best.score):
            best = match
    return best


def _match_phrasing(phrasing: _Phrasing, tokens: list[Token], candidates: _Candidates) -> _Match:
    found = [candidates.get(word) for word in phrasing.words]
    if phrasing.has_opposites:
        found = _with_opposites(phrasing, found, candidates)
    if not phrasing.words or not any(found):
        return _MISS
    stand_in = phrasing.stand_in if found[0] is None and _PRONOUN in candidates else 0.0
    reachable = stand_in
    for weight, options in zip(phrasing.weights, found, strict=True):
        if options:
            reachable += weight
    if reachable < phrasing.needed:
        return _Match(reachable / phrasing.total, False, 0, 0)
    used, weight, strength = _best_window(phrasing, found)
    weight += stand_in
    score = min(1.0, (strength + stand_in) / phrasing.total)
    if weight < phrasing.needed:
        return _Match(weight / phrasing.total, False, 0, 0)
    if any(found[m] is None for m in phrasing.mandatory):
        return _Match(weight / phrasing.total, False, 0, 0)
    first = min(i for i, _ in used)
    last = max(i for i, _ in used)
    if _contradicting_label(phrasing, tokens, first, last):
        return _Match(0.0, False, 0, 0)
    negator = _negator_before(tokens, [i for i, _ in used], phrasing.reach)
    flipped = sum(similarity < 0 for _, similarity in used) % 2 == 1
    if (negator is not None) != (phrasing.negative != flipped):
        return _Match(0.0, False, 0, 0)
    begin = negator if negator is not None and negator < first else first
    return _Match(score, True, tokens[begin].start, tokens[last].end)


_Options = list[tuple[int, float]] | None


def _with_opposites(
    phrasing: _Phrasing, found: list[_Options], candidates: _Candidates
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


def _best_window(
    phrasing: _Phrasing, found: list[_Options]
) -> tuple[list[tuple[int, float]], float, float]:
    """The answer tokens, close together, that best show the phrasing's words.

    Returns ((token index, similarity) per found word, weight found, weight x similarity).
    """
    width = phrasing.width
    tops = [max(options, key=_by_similarity) if options else None for options in found]
    used = [top for top in tops if top is not None]
    indices = [i for i, _ in used]
    if max(indices) - min(indices) < width:
        weight = strength = 0.0
        for w, top in zip(phrasing.weights, tops, strict=True):
            if top is not None:
                weight += w
                strength += w * abs(top[1])
        return used, weight, strength
    best: tuple[float, float, list[tuple[int, float]]] = (-1.0, -1.0, [])
    for start in sorted({i for options in found if options for i, _ in options}):
        stop = start + width
        weight = strength = 0.0
        used = []
        for w, options in zip(phrasing.weights, found, strict=True):
            inside = [o for o in options or () if start <= o[0] < stop]
            if inside:
                top = max(inside, key=_by_similarity)
                weight += w
                strength += w * abs(top[1])
                used.append(top)
        if (weight, strength) > best[:2]:
            best = (weight, strength, used)
    return best[2], best[0], best[1]


def _by_similarity(option: tuple[int, float]) -> tuple[float, int]:
    return option[1], -option[0]


def _contradicting_label(phrasing: _Phrasing, tokens: list[Token], first: int, last: int) -> bool:
    """Whether the answer names another number or letter where the phrasing names its own."""
    if not phrasing.labels:
        return False
    clauses = {tokens[first].clause, tokens[last].clause}
    for i in range(max(0, first - 3), min(len(tokens), last + 4)):
        token = tokens[i]
        if (
            _is_label(token)
            and token.stem not in phrasing.labels
            and (first <= i <= last or token.clause in clauses)
        ):
            return True
    return False


def _negator_before(tokens: list[Token], used: Sequence[int], reach: int) -> int | None:
    """The index of a negator governing one of the shown words ``used``, if any.

    A negator governs a word that follows it in the same clause, with at most ``reach``
    other content words between (``not really connected``; not the ``no`` of ``connected
    to the positive terminal with no gaps``).
    """
    shown = set(used)
    for start in sorted(shown):
        clause = tokens[start].clause
        content_between = 0
        for i in range(start - 1, -1, -1):
            token = tokens[i]
            if token.clause != clause:
                break
            if is_negator(tokens, i):
                return i
            if i in shown:
                break
            if not token.flags & STOP:
                content_between += 1
                if content_between > reach:
                    break
    return None
