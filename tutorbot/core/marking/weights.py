"""What each word of a phrasing weighs, and the checks on its opening words.

``phrasing.compile_question`` asks these once per phrasing: which tokens are its content
words (each once), their weights (labels, light words, the question's own words, an
opening condition), and whether it opens with its verb or its subject.
"""

from __future__ import annotations

from collections.abc import Sequence

from tutorbot.core.marking.normalise import LIGHT, STOP, VERB, Token
from tutorbot.core.marking.similarity import alike, is_label
from tutorbot.core.marking.tuning import Tuning
from tutorbot.core.marking.wordlists import CONTRAST_NEGATORS


def content_words(tokens: list[Token], negators: Sequence[int]) -> list[Token]:
    """The words an answer must show: not function words, nor the verb of a negation such
    as ``gave up``; a phrasing of function words alone keeps all but its negators."""
    in_negator = {
        i - 1
        for i in negators
        if i and tokens[i - 1].stem in CONTRAST_NEGATORS.get(tokens[i].stem, ())
    }
    return [t for i, t in enumerate(tokens) if not t.flags & STOP and i not in in_negator] or [
        t for i, t in enumerate(tokens) if i not in negators
    ]


def once_each(content: list[Token]) -> list[Token]:
    """Each word once, where it first comes (``Bulb B and Bulb C``: the subject is first)."""
    firsts: dict[str, Token] = {}
    for t in content:
        firsts.setdefault(t.stem, t)
    return list(firsts.values())


def weigh(
    tokens: list[Token], content: list[Token], given: frozenset[str], tuning: Tuning
) -> tuple[float, ...]:
    """The weight of each content word: labels and light words weigh less, and so do the
    question's own words and an opening ``if``/``when`` condition (unless the rest only
    restates the question); a phrasing of labels, or of nothing but light words, keeps
    them whole."""
    weights = tuple(
        weight(t, tuning) * (tuning.prompt_weight if t.stem in given else 1.0) for t in content
    )
    if (
        tokens
        and tokens[0].stem in ("if", "when")
        and any(t.clause for t in tokens)
        and any(
            t.clause != tokens[0].clause and t.stem not in given and w
            for t, w in zip(content, weights, strict=True)
        )
    ):
        weights = tuple(
            w * tuning.condition_weight if t.clause == tokens[0].clause else w
            for w, t in zip(weights, content, strict=True)
        )
    if sum(not is_label(t) for t in content) < 2:
        weights = tuple(
            max(w, 1.0) if is_label(t) else w for w, t in zip(weights, content, strict=True)
        )
    if content and not any(weights):
        weights = tuple(1.0 for _ in content)
    return weights


def verb_adds_to(
    tokens: list[Token],
    content: list[Token],
    weights: Sequence[float],
    spare: Sequence[bool],
    given: frozenset[str],
    tuning: Tuning,
) -> bool:
    """Whether the phrasing opens with its verb and the verb is not all it adds to the
    question: two more full words the question does not say, or one beside another full
    word, when that one is not the question's own in other letters (``Soviet``)."""
    if not opens_with_verb(tokens, content):
        return False
    new = [
        t
        for t, w, extra in zip(content[1:], weights[1:], spare[1:], strict=True)
        if w >= 1.0 and not extra
    ]
    if len(new) >= 2:
        return True
    return (
        len(new) == 1
        and sum(w >= 1.0 for w in weights[1:]) >= 2
        and not alike(new[0].stem, tuple(given), tuning)
    )


def opens_with_verb(tokens: list[Token], content: list[Token]) -> bool:
    """Whether the phrasing opens with its verb, nothing but function words before it
    (``signed the Treaty of Berlin``, ``to build socialism at home``)."""
    if not content or not content[0].flags & VERB or content[0].flags & LIGHT:
        return False
    return all(t.flags & STOP for t in tokens[: tokens.index(content[0])])


def starts_with_subject(text: str, tokens: list[Token], first: int) -> bool:
    """Whether the phrasing's first content word, ``tokens[first]``, is (likely) the subject
    of a verb after it: after a determiner (``the terminals are...``), capitalised
    (``Stalin sided...``), or followed by a verb such as ``is`` (``terminals 1 and 4
    are...``); not ``join the GMD``, not ``Socialism in One Country`` (no verb)."""
    if any(t.stem not in _DETERMINERS for t in tokens[:first]) or tokens[first].flags & VERB:
        return False
    if not any(t.stem in _AUXILIARIES or t.flags & VERB for t in tokens[first + 1 :]):
        return False
    if first > 0 or text[tokens[first].start].isupper():
        return True
    return any(t.stem in _AUXILIARIES for t in tokens[first + 1 :])


_AUXILIARIES = frozenset(
    str.split("is are was were be been has have had will would can could may might must should")
)
_DETERMINERS = frozenset(str.split("the a an this that these those both each all every"))


def weight(token: Token, tuning: Tuning) -> float:
    if is_label(token) or token.stem.isdigit():
        return tuning.label_weight
    if token.flags & LIGHT:
        return tuning.light_weight
    return 1.0
