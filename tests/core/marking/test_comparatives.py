"""A comparative or superlative is its adjective (``lower`` is ``low``, though also a
verb; ``warmer`` is ``warm``, though also a noun), so a reference's ``the pitch will be
lower`` is shown by ``a low pitch``; the opposite still contradicts, and a comparative
that does not spell its adjective (``better``) stays itself."""

from __future__ import annotations

import pytest

from tests.core.marking.questions import shown
from tutorbot.core.marking.lexicon import form

_shown = shown


@pytest.mark.parametrize(
    ("word", "adjective"),
    [
        ("lower", "low"),
        ("warmer", "warm"),
        ("cooler", "cool"),
        ("hotter", "hot"),
        ("closest", "close"),
        ("lowered", "lower"),
        ("lowering", "low"),
        ("better", "better"),
        ("numbers", "number"),  # a plural keeps its singular's form, whatever that is
    ],
)
def test_a_comparative_takes_its_adjectives_form(word: str, adjective: str) -> None:
    assert form(word) == form(adjective)


_PITCH = "How would the pitch change if Darla made the string longer?"


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("it would be a low pitch", True, id="low-pitch"),
        pytest.param("the pitch will be lower", True, id="as-written"),
        pytest.param("a high pitch", False, id="opposite"),
        pytest.param("the pitch would not be low", False, id="denied"),
    ],
)
def test_a_plain_adjective_shows_its_comparative(answer: str, shown: bool) -> None:
    assert _shown(("When the string is longer, the pitch will be lower.",), answer, _PITCH) is shown


def test_a_plural_noun_shows_its_singular_that_looks_like_a_comparative() -> None:
    assert _shown(("the number of protons",), "the numbers of protons", "What sets the element?")
