"""Accepted phrasings, compiled once per question for the marker.

A phrasing becomes its content words (each once) with weights, what the answer must show
of them, and what would contradict it: its polarity, its labels (numbers, one-letter
names), the opposites of its words. ``Tuning`` holds the knobs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tutorbot.core.deck import Question
from tutorbot.core.marking.actors import Actors, point_actors
from tutorbot.core.marking.lexicon import (
    ANTONYMS,
    guessed_lemma,
    is_known,
    sides,
)
from tutorbot.core.marking.lone import with_lone
from tutorbot.core.marking.normalise import (
    ACRONYM,
    EXACT,
    STOP,
    VERB,
    governing_negator,
    is_negator,
    tokenise,
)
from tutorbot.core.marking.optional import asked_verbs, intensifies, modifies, point_name, restates
from tutorbot.core.marking.point import NO_CONTEXT, PointContext
from tutorbot.core.marking.roles import PointRoles, Roles, phrasing_roles, point_roles
from tutorbot.core.marking.similarity import (
    SYNONYM,
    alike,
    is_label,
    is_year,
    slips,
)
from tutorbot.core.marking.synonyms import Phrasals, phrasal_table, synonym_table
from tutorbot.core.marking.tuning import Tuning
from tutorbot.core.marking.typos import surface_forms, typed_alike
from tutorbot.core.marking.weights import (
    content_words,
    once_each,
    starts_with_subject,
    verb_adds_to,
    weigh,
)

__all__ = ["Compiled", "Phrasing", "Target", "Tuning", "compile_question"]


ALIKE_MEMO_SIZE = 20_000


@dataclass(frozen=True, slots=True)
class Phrasing:
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
    subject_spare: bool
    """Its first word may be left out (the question says it): then no other thing may be
    named as the subject in its place (``the terminal is damaged`` for ``the bulb is
    damaged``)."""
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
    sides: tuple[tuple[frozenset[str], frozenset[str]], ...]
    """Stances the phrasing (or its key point) takes: (words taking it, words taking the
    opposite) per stance word (``supported``: ``backed`` ...; ``enemies``, ``against`` ...).
    The answer's stance word nearest the shown words must not be an opposite."""
    one_spare: frozenset[int]
    """Its words that may be left out when the other two of its three show it
    (``Tuning.one_spare``): neither verbs nor stance words."""
    spare_gap: int
    verb_spare: bool
    """Its opening verb may be left out by an answer that names the rest without a verb
    (a keyword list: ``treaty of berlin`` for ``signed the Treaty of Berlin``)."""
    verb_rest: tuple[int, ...]
    """Its full words after the opening verb: with the verb left out, the answer must show
    every one of them, the question's own words too (``socialism in the USSR`` for
    ``build socialism in the USSR`` asked about Socialism in One Country)."""
    roles: Roles | None
    """Who does what to whom in it (``roles``)."""
    point_roles: PointRoles | None
    """Who does what to whom in its key point's text, among words it leaves out."""
    actors: Actors | None = None
    """Who does each verb of its key point's text (``actors``)."""


@dataclass(frozen=True, slots=True)
class Target:
    phrasings: tuple[Phrasing, ...]
    lone: tuple[Phrasing, ...] = ()
    """A key point's only phrasing read as a model answer (``Tuning.lone_share``): tried
    when no phrasing shows the point."""


@dataclass(frozen=True, slots=True, eq=False)
class Compiled:
    points: tuple[Target, ...]
    misconceptions: tuple[Target, ...]
    exact_words: frozenset[str]
    """Phrasing words compared exactly, and opposites of phrasing words."""
    fuzzy_words: tuple[str, ...]
    years: dict[str, str]
    """A year's last two digits -> the year, for the years the phrasings name (``27`` for
    ``1927``: students write ``congress 27``)."""
    swapped: dict[str, str]
    """Short exact words with two neighbouring letters swapped -> the word (``jion``:
    ``join``): a typo a reader decodes without effort."""
    tuning: Tuning
    synonyms: dict[str, tuple[str, ...]]
    """An answer word's form -> the key point phrasing words it is a near-synonym of."""
    phrasals: Phrasals
    """Phrasal verbs that count as key point phrasing words (``got rid of``)."""
    alike: dict[str, tuple[tuple[str, float], ...]]
    """Memo: a typed word -> the fuzzy phrasing words it may stand for (see ``_alike``)."""
    surfaces: dict[str, str] = field(default_factory=dict)
    """Phrasing words as typed, where their form differs (``socialism``: ``social``): a
    typo the lexicon does not know is compared with the word as written too."""
    prompt_words: frozenset[str] = frozenset()
    """Every word form of the question, function words too (a denial may not name others)."""

    def like(self, typed: str) -> tuple[tuple[str, float], ...]:
        known = self.alike.get(typed)
        if known is None:
            if len(self.alike) >= ALIKE_MEMO_SIZE:
                self.alike.clear()
            known = alike(typed, self.fuzzy_words, self.tuning)
            if typed in self.synonyms:
                seen = {word for word, _ in known}
                known += tuple((w, SYNONYM) for w in self.synonyms[typed] if w not in seen)
            if self.surfaces and not is_known(typed):
                known += typed_alike(typed, self.surfaces, known, self.tuning)
            guess = guessed_lemma(typed)
            if guess is not None:
                seen = {word for word, _ in known}
                known += tuple(
                    alike
                    for alike in alike(guess, self.fuzzy_words, self.tuning)
                    if alike[0] not in seen
                )
            self.alike[typed] = known
        return known


@lru_cache(maxsize=256)
def compile_question(question: Question, tuning: Tuning) -> Compiled:
    prompt = question.prompt
    asking = tokenise(prompt)
    given = frozenset(t.stem for t in asking if not t.flags & STOP)
    asked = asked_verbs(asking)
    points = tuple(
        with_lone(_compile_target(p.accept, given, tuning, p.point, asked, prompt), given, tuning)
        if tuning.lone_share and len(p.phrasings) == 1
        else _compile_target(p.accept, given, tuning, p.point, asked, prompt)
        for p in question.key_points
    )
    misconceptions = tuple(
        _compile_target(m.accept, given, tuning, None) for m in question.misconceptions
    )
    exact: set[str] = set()
    fuzzy: set[str] = set()
    for target in points + misconceptions:
        for phrasing in target.phrasings:
            for word, is_exact in zip(phrasing.words, phrasing.exact, strict=True):
                (exact if is_exact else fuzzy).add(word)
            exact.update(o for opposites in phrasing.opposites for o in opposites)
    key_texts = [text for point in question.key_points for text in point.accept]
    alone = frozenset(
        word
        for target in points
        for phrasing in target.phrasings
        if phrasing.needed <= 1.0  # a word that shows it alone
        for word in phrasing.words
    )
    swapped = {
        slip: word
        for word in sorted(exact)
        if len(word) >= 4 and word.isalpha()
        for slip in slips(word)
        if slip not in exact
    }
    return Compiled(
        points,
        misconceptions,
        frozenset(exact),
        tuple(sorted(fuzzy)),
        {word[2:]: word for word in sorted(exact) if is_year(word)},
        swapped,
        tuning,
        synonyms=synonym_table(key_texts, alone, tuning.synonym_senses),
        phrasals=phrasal_table(key_texts, alone, tuning.synonym_senses),
        alike={},
        surfaces=surface_forms(
            (*key_texts, *(t for m in question.misconceptions for t in m.accept)), frozenset(fuzzy)
        ),
        prompt_words=frozenset(t.stem for t in asking),
    )


def _compile_target(
    accept: Sequence[str],
    given: frozenset[str],
    tuning: Tuning,
    point: str | None,
    asked: frozenset[str] = frozenset(),
    prompt: str = "",
) -> Target:
    context = PointContext.of(point) if point is not None else NO_CONTEXT
    named = point_name(point, given) if point is not None and tuning.point_name else None
    texts = (*accept, named) if named is not None and named not in accept else tuple(accept)
    actors = point_actors(point, prompt) if point else None
    return Target(
        tuple(_compile_phrasing(text, given, tuning, context, asked, actors) for text in texts)
    )


def _compile_phrasing(
    text: str,
    given: frozenset[str],
    tuning: Tuning,
    context: PointContext,
    asked: frozenset[str] = frozenset(),
    actors: Actors | None = None,
) -> Phrasing:
    tokens = tokenise(text)
    negators = [i for i in range(len(tokens)) if is_negator(tokens, i)]
    content = content_words(tokens, negators)
    governed = governing_negator(
        tokens, [i for i, t in enumerate(tokens) if t in content], tuning.negation_reach
    )
    content = once_each(content)
    weights = weigh(tokens, content, given, tuning)
    total = sum(weights)
    subject_first = bool(content) and starts_with_subject(text, tokens, tokens.index(content[0]))
    everything = sum(w >= 1.0 for w in weights) <= tuning.all_words_up_to
    spare = [
        (tuning.prompt_optional and (restates(text, t, given) or t.stem in asked))
        or (tuning.modifier_optional and modifies(text, tokens, t))
        for t in content
    ]
    subject_spare = bool(spare) and spare[0] and not all(spare)
    graded = [tuning.degree_optional and intensifies(text, tokens, t) for t in content]
    if any(graded) and not any(  # the question's own words would show what is left
        t.stem in given or ANTONYMS.get(t.stem, frozenset()) & given
        for t, extra, grade in zip(content, spare, graded, strict=True)
        if not extra and not grade
    ):
        spare = [extra or grade for extra, grade in zip(spare, graded, strict=True)]
    new_words = sum(w for w, extra in zip(weights, spare, strict=True) if not extra)
    optional = context is not NO_CONTEXT and everything and new_words >= 1.0  # not for
    required = new_words if optional else total  # misconceptions: a claim needs every word
    return Phrasing(
        text=text,
        words=tuple(t.stem for t in content),
        exact=tuple(bool(t.flags & EXACT) for t in content),
        weights=weights,
        total=total,
        needed=(required if everything else min(tuning.share * total, tuning.needed_cap)) - 1e-9,
        mandatory=tuple(
            i
            for i, t in enumerate(content)
            if t.flags & ACRONYM or (optional and weights[i] and not spare[i])
        ),
        subject_spare=optional and subject_spare,  # not a degree word or copula
        one_spare=frozenset(
            i
            for i, t in enumerate(content)
            if not t.flags & VERB
            and sides(t.stem, verbs=False) is None
            and not (i == 0 and subject_first)  # the circuit has a closed path
        )
        if tuning.one_spare
        and optional
        and governed is None
        and not any(is_label(t) for t in content)
        and sum(w >= 1.0 for w, extra in zip(weights, spare, strict=True) if not extra) == 3
        else frozenset(),
        spare_gap=tuning.one_spare_gap,
        verb_spare=tuning.verb_optional
        and context is not NO_CONTEXT
        and everything
        and governed is None
        and verb_adds_to(tokens, content, weights, spare, given, tuning),
        verb_rest=tuple(i for i, w in enumerate(weights) if i and w >= 1.0)
        if new_words < 2 + weights[0]
        else (),
        opposites=tuple(ANTONYMS.get(t.stem, frozenset()) for t in content),
        has_opposites=any(t.stem in ANTONYMS for t in content),
        labels=frozenset(t.stem for t in content if is_label(t)),
        negative=governed is not None
        or (bool(content) and all(t.stem in context.negated for t in content)),
        width=2 * len(content) + tuning.window_slack,
        stand_in=weights[0] * tuning.pronoun_credit if subject_first else 0.0,
        reach=tuning.negation_reach,
        roles=phrasing_roles(text, tokens, content),
        point_roles=point_roles(context.text, [t.stem for t in content]) if context.text else None,
        actors=actors,
        sides=tuple(
            dict.fromkeys(
                side
                for word, inherited in (
                    *((w, True) for w in context.before([t.stem for t in content])),
                    *((t.stem, False) for t in content),
                )
                if (side := sides(word, verbs=inherited)) is not None
            )
        ),
    )
