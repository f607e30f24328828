"""A keyword list's adjective item does not stand in for a short phrasing whose subject it
does not name: in ``army, weak`` nothing says it is the economy that was weak (a pronoun,
``it was effective``, still stands in for the subject, as in any answer)."""

from __future__ import annotations

import pytest

from tests.core.marking.questions import one_point
from tutorbot.core.deck import Question
from tutorbot.core.marking import mark


def _question(prompt: str, phrasing: str) -> Question:
    return one_point((phrasing,), prompt)


@pytest.mark.parametrize(
    ("prompt", "phrasing", "answer", "shown"),
    [
        pytest.param(
            "Why did the war end?", "the economy was weak", "army, weak", False, id="other-noun"
        ),
        pytest.param(
            "What is wrong with the circuit?",
            "the battery is flat",
            "the bulb is new, flat",
            False,
            id="other-subject",
        ),
        pytest.param(
            "How long did the arrangement with Germany last, and what does that show?",
            "treaty was effective",
            "it was effective",
            True,
            id="pronoun",
        ),
        pytest.param(
            "How long did the arrangement with Germany last, and what does that show?",
            "treaty was effective",
            "effective",
            False,
            id="the-whole-answer",
        ),
    ],
)
def test_a_keyword_item_does_not_stand_for_a_subject_it_does_not_name(
    prompt: str, phrasing: str, answer: str, shown: bool
) -> None:
    assert mark(_question(prompt, phrasing), answer).passed is shown
