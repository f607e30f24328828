"""What a language model suggests is kept only where the marker confirms it."""

from __future__ import annotations

import json

import pytest

from tutorbot.core.drafting import draft
from tutorbot.core.drafting.suggest import Suggestion, improve, parse, request
from tutorbot.core.errors import NotesError

NOTES = """\
Treaties
Articles
o Article 2 - if one of the two countries was attacked by a third, the other would stay neutral
o Article 3 - neither country would join an economic boycott against the other
"""


def reply(content: object) -> dict[str, object]:
    text = content if isinstance(content, str) else json.dumps(content)
    return {"choices": [{"message": {"role": "assistant", "content": text}}]}


def test_the_request_carries_the_notes_and_the_draft_ids() -> None:
    drafted = draft(NOTES)

    body = request(NOTES, drafted, "llama")

    assert body["model"] == "llama"
    user = body["messages"][1]["content"]
    assert "Article 3 - neither country" in user
    assert drafted.questions[0].id in user


def test_a_reply_in_a_code_fence_is_read() -> None:
    found = parse(
        reply('```json\n{"questions": [{"id": "q", "prompt": "Why?", "points": []}]}\n```')
    )

    assert found == {"q": Suggestion("Why?", {})}


@pytest.mark.parametrize("content", ["not json", {"answers": []}, {"questions": [{"prompt": "x"}]}])
def test_a_reply_that_is_not_the_json_asked_for_is_refused(content: object) -> None:
    with pytest.raises(NotesError, match="not the JSON asked for"):
        parse(reply(content))


def test_phrasings_the_marker_confirms_are_added_and_others_dropped() -> None:
    drafted = draft(NOTES)
    question = drafted.questions[0]
    neutral, boycott = question.points
    suggestion = Suggestion(
        "What did Articles 2 and 3 of the Treaty of Berlin say?",
        {
            neutral.id: ("remain neutral", "economic boycott", "the moon landing"),
            boycott.id: ("no economic boycott",),
        },
    )

    improved = improve(drafted, {question.id: suggestion}).questions[0]

    assert improved.prompt == "What did Articles 2 and 3 of the Treaty of Berlin say?"
    assert "remain neutral" in improved.points[0].accept
    assert "economic boycott" not in improved.points[0].accept
    assert "the moon landing" not in improved.points[0].accept
    assert "no economic boycott" in improved.points[1].accept
    assert improved.examples


def test_a_reworded_prompt_that_is_no_question_is_not_taken() -> None:
    drafted = draft(NOTES)
    question = drafted.questions[0]

    improved = improve(drafted, {question.id: Suggestion("Sure! Here you go", {})})

    assert improved.questions[0].prompt == question.prompt
