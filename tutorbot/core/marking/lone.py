"""A key point's only phrasing read as a model answer (``Tuning.lone_share``): the words
the question already says are free, and a share of the others is enough (all of them when
there are few). Built once per question, with the rest of ``phrasing``."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tutorbot.core.marking.normalise import ACRONYM, tokenise
from tutorbot.core.marking.tuning import Tuning

if TYPE_CHECKING:  # phrasing imports this module to compile a question
    from tutorbot.core.marking.phrasing import Phrasing, Target


def with_lone(target: Target, given: frozenset[str], tuning: Tuning) -> Target:
    """``target`` (a key point with one phrasing) with that phrasing also read as a model
    answer: ``given`` are the question's words."""
    found = (
        _as_lone(phrasing, given, tuning.lone_share, tuning.lone_all_up_to)
        for phrasing in target.phrasings
    )
    return replace(target, lone=tuple(lone for lone in found if lone is not None))


def _as_lone(
    phrasing: Phrasing, given: frozenset[str], share: float, all_up_to: int
) -> Phrasing | None:
    """``phrasing`` read as a model answer: weighing only the words ``given`` does not
    say, needing a ``share`` of them (all of them if at most ``all_up_to``); None when the
    question says all it says."""
    old = phrasing.weights
    said = _restated(phrasing.text, given)
    new = [w > 0 and word not in said for w, word in zip(old, phrasing.words, strict=True)]
    weights = tuple(w if fresh else 0.0 for w, fresh in zip(old, new, strict=True))
    total = sum(weights)
    if total < 1.0:
        return None
    full = [i for i, w in enumerate(weights) if w >= 1.0]
    whole = len(full) <= all_up_to
    return replace(
        phrasing,
        weights=weights,
        total=total,
        needed=(_main(weights, full, total) if whole else share * total) - 1e-9,
        mandatory=tuple(full) if whole else tuple(i for i in phrasing.mandatory if new[i]),
        subject_spare=not new[0] and any(new),
        one_spare=frozenset(),
        verb_spare=False,
        stand_in=0.0,
    )


def _main(weights: tuple[float, ...], full: list[int], total: float) -> float:
    """What a short lone phrasing needs: its full words (``sounds`` of ``The elytra are
    used to make sounds``), not its light ones (``use``, ``make``); all of it when it has
    no full word."""
    return sum(weights[i] for i in full) if full else total


def _restated(text: str, given: frozenset[str]) -> frozenset[str]:
    """The words of a phrasing that only restate the question: words it says, but not a
    past or ``-ing`` form (``changed`` asked what changed) nor an acronym (``the USA``
    in place of ``the USSR`` is another thing)."""
    said = set()
    for token in tokenise(text):
        typed = text[token.start : token.end].casefold()
        if token.stem in given and not typed.endswith(("ed", "ing")) and not token.flags & ACRONYM:
            said.add(token.stem)
    return frozenset(said)
