"""A keyword list: an item naming all of a short phrasing but its subject, with no verb
and no other word, shows it, as a pronoun would stand in for the subject (``effective``
for ``treaty was effective`` in ``stresemanns death, effective, internal affairs``); not
a whole answer of that one word, nor an item with another subject or a verb, nor a
denial."""

from __future__ import annotations

import pytest

from tutorbot.core.deck import KeyPoint, Question
from tutorbot.core.marking import mark

_QUESTION = Question(
    id="q",
    prompt="How long did the arrangement with Germany last, and what does that show?",
    key_points=(KeyPoint("effective", "It shows it was effective", ("treaty was effective",)),),
    pass_mark=1,
)


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("stresemanns death, effective, internal affairs", True, id="list-item"),
        pytest.param("until 1929 - effective", True, id="after-a-dash"),
        pytest.param("it was effective", True, id="pronoun"),
        pytest.param("effective", False, id="the-whole-answer"),
        pytest.param("stresemanns death, the policy was effective", False, id="another-subject"),
        pytest.param("stresemanns death, not effective", False, id="denied"),
        pytest.param("stresemanns death, ineffective", False, id="opposite"),
    ],
)
def test_a_keyword_item_stands_without_its_subject(answer: str, shown: bool) -> None:
    assert mark(_QUESTION, answer).passed is shown
