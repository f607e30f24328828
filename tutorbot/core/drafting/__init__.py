"""Drafting a deck from revision notes, offline and deterministic (``tutorbot draft``).

notes (read the lines) -> outline (questions and key points) -> build (phrasings and
examples the marker confirms) -> render (YAML with ``# check:`` comments).
"""

from __future__ import annotations

from tutorbot.core.drafting.build import Draft, build
from tutorbot.core.drafting.notes import read_notes
from tutorbot.core.drafting.outline import outline
from tutorbot.core.drafting.render import render
from tutorbot.core.drafting.synonyms import find_synonyms
from tutorbot.core.errors import NotesError

__all__ = ["Draft", "draft", "draft_yaml", "render"]


def draft(notes: str) -> Draft:
    """The draft deck for the revision ``notes`` (plain text or Markdown)."""
    lines = read_notes(notes)
    plan = outline(lines)
    if not plan.questions:
        raise NotesError("found nothing to ask in the notes: they need headings, bullets or text")
    return build(plan, find_synonyms(notes))


def draft_yaml(notes: str, deck_id: str, source: str) -> str:
    """``draft(notes)`` as the text of a deck file with id ``deck_id``."""
    return render(draft(notes), deck_id, source)
