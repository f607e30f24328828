"""One-key-point questions for the marking tests, and what the marker makes of an answer."""

from __future__ import annotations

from collections.abc import Sequence

from tutorbot.core.deck import KeyPoint, Question
from tutorbot.core.marking import mark
from tutorbot.core.marking.normalise import tokenise


def one_point(
    accept: Sequence[str], prompt: str = "What happened?", point: str | None = None
) -> Question:
    """A question with one key point, ``p``, accepting ``accept`` (its text: ``point``,
    else its first phrasing), passed by that point alone."""
    key_point = KeyPoint("p", point or accept[0], tuple(accept))
    return Question(id="q", prompt=prompt, key_points=(key_point,), pass_mark=1)


def shown(
    accept: Sequence[str], answer: str, prompt: str = "What happened?", point: str | None = None
) -> bool:
    """Whether ``answer`` shows the one key point of ``one_point(accept, prompt, point)``."""
    return mark(one_point(accept, prompt, point), answer).passed


def stems(text: str) -> list[str]:
    return [t.stem for t in tokenise(text)]
