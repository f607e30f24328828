"""Drafting whole notes, as a teacher would: ``tutorbot draft`` on two subjects' notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tutorbot.core.deck import KeyPoint, Question
from tutorbot.core.drafting import Draft, draft, draft_yaml
from tutorbot.core.drafting.notes import Kind, read_notes
from tutorbot.core.errors import NotesError
from tutorbot.core.marking import mark

REPO = Path(__file__).resolve().parents[3]
NOTE_FILES = [
    REPO / "content" / "notes" / "stalin-foreign-policy-1924-1929.txt",
    Path(__file__).parent / "notes" / "origins-of-the-cold-war-1945-1949.txt",
]


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _content_lines(notes: str) -> list[str]:
    """The notes' physical lines that say something (split where a sentence ends inside
    one): not the title, a heading or the essay question itself; bullet markers, a leading
    ``Label:`` and a leading question removed."""
    lines = read_notes(notes)
    structure = {line.number for line in lines if line.kind in (Kind.TITLE, Kind.HEADING)}
    found: list[str] = []
    for number, raw in enumerate(notes.splitlines(), start=1):
        text = re.sub(r"^(?:[o*\-•]\s+|[,;]\s*)", "", raw.strip())
        if not re.search(r"\w", text) or number in structure:
            continue
        if re.match(r"^(Question:\s*)?\"", text) or text.startswith("Assess the validity"):
            continue
        text = re.sub(r"^(Conclusion|Question):\s*", "", text)
        text = re.sub(r"^[A-Z][^?]{5,}\?\s+", "", text)
        found.extend(_folded(part) for part in re.split(r"(?<=[.?!])\s+(?=[A-Z])", text))
    return found


@pytest.fixture(scope="module", params=NOTE_FILES, ids=lambda path: path.stem)
def drafted(request: pytest.FixtureRequest) -> tuple[str, Draft]:
    notes = request.param.read_text(encoding="utf-8")
    return notes, draft(notes)


def test_both_subjects_notes_are_here() -> None:
    assert all(path.is_file() for path in NOTE_FILES)


def test_every_content_line_of_the_notes_is_some_evidence_or_the_essay_question(
    drafted: tuple[str, Draft],
) -> None:
    notes, deck = drafted
    evidence = " | ".join(_folded(p.evidence) for q in deck.questions for p in q.points)
    evidence += " | ".join(q.prompt for q in deck.questions if q.kind == "essay")

    missing = [line for line in _content_lines(notes) if line not in evidence]

    assert missing == []


def test_every_evidence_quotes_the_notes_word_for_word(drafted: tuple[str, Draft]) -> None:
    notes, deck = drafted

    assert [
        p.evidence
        for q in deck.questions
        for p in q.points
        if _folded(p.evidence) not in _folded(notes)
    ] == []


def test_each_key_points_own_text_is_credited_by_the_marker(drafted: tuple[str, Draft]) -> None:
    _, deck = drafted
    for q in deck.questions:
        question = Question(
            q.id, q.prompt, tuple(KeyPoint(p.id, p.point, p.accept) for p in q.points), q.pass_mark
        )
        for point in q.points:
            credited = {r.point.id for r in mark(question, point.point).hit}
            assert point.id in credited, (q.id, point.point)


def test_every_example_is_one_the_marker_agrees_with(drafted: tuple[str, Draft]) -> None:
    _, deck = drafted
    for q in deck.questions:
        question = Question(
            q.id, q.prompt, tuple(KeyPoint(p.id, p.point, p.accept) for p in q.points), q.pass_mark
        )
        assert q.examples, q.id
        for example in q.examples:
            credited = {r.point.id for r in mark(question, example.answer).hit}
            assert credited == set(example.credit), (q.id, example.answer)


def test_points_get_two_to_four_short_phrasings_where_the_notes_allow(
    drafted: tuple[str, Draft],
) -> None:
    _, deck = drafted
    points = [p for q in deck.questions for p in q.points]
    phrased = [p for p in points if not p.guessed]

    assert len(phrased) >= 0.8 * len(points)
    assert all(1 <= len(p.accept) <= 4 for p in points)
    assert all(len(a.split()) <= 8 for p in phrased for a in p.accept)


def test_the_draft_is_deterministic() -> None:
    notes = NOTE_FILES[0].read_text(encoding="utf-8")

    assert draft_yaml(notes, "deck", "notes.txt") == draft_yaml(notes, "deck", "notes.txt")


def test_notes_with_nothing_to_ask_are_refused_plainly() -> None:
    with pytest.raises(NotesError, match="nothing to ask"):
        draft("Just a title\n")
