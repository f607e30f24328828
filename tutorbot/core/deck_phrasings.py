"""Teacher-accepted phrasings as YAML to paste into the deck file (``tutorbot phrasings DECK``).

An accepted phrasing credits only the accepting teacher's classes; written into the deck it
credits everyone. Pure: the deck and the phrasings in, the YAML text out.
"""

from __future__ import annotations

from collections.abc import Iterable

import yaml

from tutorbot.core.deck import Deck
from tutorbot.core.records import AcceptedPhrasing


def phrasings_yaml(deck: Deck, accepted: Iterable[AcceptedPhrasing]) -> str:
    """For each key point with phrasings not in the deck yet, its full new ``accept`` list
    (the deck's phrasings, then the accepted ones, oldest first), as deck YAML; phrasings of
    questions or key points the deck no longer has are listed in a closing comment."""
    new: dict[tuple[str, str], dict[str, str]] = {}
    # (question id, point id) -> casefolded phrasing -> the phrasing as first accepted
    gone: list[AcceptedPhrasing] = []
    for item in accepted:
        question = next((q for q in deck.questions if q.id == item.question_id), None)
        point = (
            next((p for p in question.key_points if p.id == item.point_id), None)
            if question is not None
            else None
        )
        if point is None:
            gone.append(item)
            continue
        text = " ".join(item.phrasing.split())
        known = {a.casefold() for a in point.accept}
        if text and text.casefold() not in known:
            new.setdefault((item.question_id, item.point_id), {}).setdefault(text.casefold(), text)

    questions = []
    for question in deck.questions:
        points = [
            {"id": p.id, "accept": [*p.accept, *new[(question.id, p.id)].values()]}
            for p in question.key_points
            if (question.id, p.id) in new
        ]
        if points:
            questions.append({"id": question.id, "key_points": points})
    count = sum(len(v) for v in new.values())
    lines = [f"# Phrasings teachers accepted for deck {deck.id}: {count} not in the deck yet."]
    if questions:
        lines += [
            "# In the deck file, replace each key point's `accept:` list below with this one",
            "# (the deck's own phrasings come first), then run: tutorbot check",
            yaml.safe_dump(
                {"questions": questions},
                sort_keys=False,
                allow_unicode=True,
                default_flow_style=None,
                width=100,
            ).rstrip("\n"),
        ]
    if gone:
        lines.append("# Accepted for questions or key points this deck no longer has:")
        lines += [f"#   {g.question_id}/{g.point_id}: {g.phrasing!r}" for g in gone]
    return "\n".join(lines) + "\n"
