"""Better questions and phrasings from a language model, kept only where the marker agrees.

``request`` builds the chat messages for an OpenAI-compatible endpoint from the offline
draft; ``parse`` reads the model's reply; ``improve`` takes from it only what passes the
checks the marker can make: a reworded prompt that is a question, and phrasings that
share a word with their own point's text (paraphrases, not other facts) and that no
other point's text shows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from tutorbot.core.drafting.build import (
    Draft,
    DraftPoint,
    DraftQuestion,
    agreeing_examples,
    anchored_in_own_text,
)
from tutorbot.core.errors import NotesError

MAX_PROMPT_LENGTH = 300
MAX_PHRASING_WORDS = 8

INSTRUCTIONS = (
    "You help a teacher turn revision notes into quiz questions that a marker checks by "
    "looking for short phrasings in a student's typed answer. For each question of the "
    "draft, you may reword `prompt` into a clearer question for a 16-year-old, and suggest "
    "up to 4 more `accept` phrasings per key point: 2-6 words each, the way a student "
    "would type the point in their own words, never words of another point. Reply with "
    'JSON only: {"questions": [{"id": ..., "prompt": ..., "points": [{"id": ..., '
    '"accept": [...]}]}]}, using the ids of the draft.'
)


@dataclass(frozen=True)
class Suggestion:
    prompt: str | None
    accept: Mapping[str, tuple[str, ...]]
    """Point id -> suggested phrasings."""


def request(notes: str, draft: Draft, model: str) -> dict[str, Any]:
    """The chat-completions request body (JSON) asking ``model`` to improve ``draft``."""
    outline = {
        "questions": [
            {
                "id": q.id,
                "prompt": q.prompt,
                "points": [
                    {"id": p.id, "point": p.point, "accept": list(p.accept)} for p in q.points
                ],
            }
            for q in draft.questions
        ]
    }
    return {
        "model": model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": INSTRUCTIONS},
            {"role": "user", "content": f"Notes:\n{notes}\n\nDraft:\n{json.dumps(outline)}"},
        ],
    }


def parse(reply: Any) -> dict[str, Suggestion]:
    """Question id -> suggestion, from a chat-completions response body (JSON of any shape).

    ``NotesError`` if the reply is not the JSON asked for.
    """
    try:
        content = reply["choices"][0]["message"]["content"]
        text = str(content).strip().removeprefix("```json").removeprefix("```").removesuffix("```")
        questions = json.loads(text)["questions"]
        found: dict[str, Suggestion] = {}
        for item in questions:
            accept = {
                str(point["id"]): tuple(
                    str(a).strip() for a in point.get("accept", ()) if str(a).strip()
                )
                for point in item.get("points", ())
            }
            prompt = item.get("prompt")
            found[str(item["id"])] = Suggestion(str(prompt).strip() if prompt else None, accept)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise NotesError(f"the model's reply is not the JSON asked for ({exc})") from None
    return found


def improve(draft: Draft, suggestions: Mapping[str, Suggestion]) -> Draft:
    """``draft`` with what of ``suggestions`` the marker confirms."""
    return replace(
        draft,
        questions=tuple(_improved(q, suggestions.get(q.id)) for q in draft.questions),
    )


def _improved(question: DraftQuestion, suggestion: Suggestion | None) -> DraftQuestion:
    if suggestion is None:
        return question
    prompt = suggestion.prompt
    if not prompt or not prompt.endswith("?") or len(prompt) > MAX_PROMPT_LENGTH:
        prompt = question.prompt
    texts = [p.point for p in question.points]
    points = []
    for index, point in enumerate(question.points):
        offered = [
            a
            for a in suggestion.accept.get(point.id, ())
            if a not in point.accept and 1 <= len(a.split()) <= MAX_PHRASING_WORDS
        ]
        kept = [a for a in offered if anchored_in_own_text(prompt, a, index, texts)]
        accept = point.accept if not point.guessed or not kept else ()
        points.append(_with(point, (*accept, *kept)))
    improved = replace(question, prompt=prompt, points=tuple(points))
    return replace(improved, examples=agreeing_examples(improved))


def _with(point: DraftPoint, accept: tuple[str, ...]) -> DraftPoint:
    return replace(point, accept=accept or point.accept, guessed=point.guessed and not accept)
