"""The bundled Stalin deck: it loads, covers the notes, and quotes them faithfully."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tutorbot.adapters.deck_files import Deck, load_decks

REPO = Path(__file__).resolve().parents[2]
DECK_FILE = REPO / "content" / "stalin-foreign-policy-1924-1929.yaml"
NOTES_FILE = REPO / "content" / "notes" / "stalin-foreign-policy-1924-1929.txt"


def normalise(text: str) -> str:
    """Compare text as a reader would: curly quotes, dashes and line breaks don't matter."""
    for fancy, plain in [("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')]:
        text = text.replace(fancy, plain)
    text = re.sub(r"[\u2013\u2014]", "-", text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def deck() -> Deck:
    [deck] = load_decks([REPO / "content"])
    return deck


@pytest.fixture(scope="module")
def notes() -> str:
    return NOTES_FILE.read_text(encoding="utf-8")


def test_the_content_folder_holds_the_stalin_deck(deck: Deck) -> None:
    assert deck.id == "stalin-foreign-policy-1924-1929"
    assert deck.source == str(DECK_FILE)
    assert deck.title == "Stalin's foreign policy, 1924-1929"
    assert len(deck.questions) >= 15


def test_every_evidence_text_is_quoted_from_the_notes(deck: Deck, notes: str) -> None:
    quoted = normalise(notes)
    not_in_notes = [
        (question.id, point.id)
        for question in deck.questions
        for point in question.key_points
        if point.evidence is None or normalise(point.evidence) not in quoted
    ]
    assert not_in_notes == []


def test_every_bullet_point_of_the_notes_is_quoted_as_evidence(deck: Deck, notes: str) -> None:
    evidence = " | ".join(
        normalise(point.evidence or "")
        for question in deck.questions
        for point in question.key_points
    )
    bullets = [normalise(line[2:]) for line in notes.splitlines() if line.startswith("o ")]
    assert len(bullets) >= 15
    assert [bullet for bullet in bullets if bullet not in evidence] == []


def test_the_essay_question_is_a_plan_covering_both_sides_and_a_judgement(deck: Deck) -> None:
    essay = deck.question("essay-always-cautious")
    points = {point.id: point.point for point in essay.key_points}

    assert '"Stalin was always cautious in his foreign policy in the 1920s."' in essay.prompt
    assert "Assess the validity of this view" in essay.prompt
    assert "Germany" in points["germany-cautious"]
    assert "Socialism in One Country" in points["sioc-cautious"]
    assert "China" in points["china-not-cautious"]
    assert "not entirely valid" in points["judgement"]
    assert "power struggle" in points["domestic-link"]
    assert essay.pass_mark < len(essay.key_points)


@pytest.mark.parametrize(
    ("question_id", "words"),
    [
        ("berlin-article-2", ["neutral"]),
        ("berlin-article-3", ["boycott"]),
        ("berlin-purpose", ["trustful cooperation"]),
        ("german-credits", ["German banks", "1926"]),
        ("stresemann", ["Stresemann"]),
        ("sioc-change", ["Lenin", "one country"]),
        ("comintern", ["low priority", "1929", "social democratic"]),
        ("china-gmd", ["GMD"]),
        ("ccp-join-gmd", ["join the GMD"]),
        ("china-massacre", ["massacred", "USSR"]),
        ("trotsky-china", ["Trotsky", "betraying communism"]),
        ("party-congress-1927", ["Party Congress", "1927"]),
        ("why-cautious", ["power struggle", "NEP"]),
        ("foreign-policy-success", ["largely successful"]),
        ("domestic-factors", ["Finance", "military", "Resources"]),
        ("ideology-factor", ["capitalist"]),
    ],
)
def test_each_topic_of_the_notes_has_its_question(
    deck: Deck, question_id: str, words: list[str]
) -> None:
    points = " ".join(point.point for point in deck.question(question_id).key_points)
    assert [word for word in words if word not in points] == []


def test_phrasings_are_short_and_several_per_point(deck: Deck) -> None:
    unusual = [
        (question.id, point.id, point.accept)
        for question in deck.questions
        for point in question.key_points
        if not 2 <= len(point.phrasings) <= 6 or any(len(a.split()) > 6 for a in point.phrasings)
    ]
    assert unusual == []


def test_every_question_has_a_hint(deck: Deck) -> None:
    assert [q.id for q in deck.questions if not q.hint] == []


@pytest.mark.parametrize(
    ("question_id", "misconception_id", "phrasing"),
    [
        ("berlin-article-2", "military-alliance", "military alliance"),
        ("china-gmd", "backed-ccp", "supported the CCP"),
        ("china-gmd", "backed-ccp", "backed the communists"),
        ("sioc-change", "world-revolution", "Stalin wanted world revolution"),
        ("comintern", "high-priority", "Comintern was always a high priority"),
    ],
)
def test_common_misconceptions_are_caught(
    deck: Deck, question_id: str, misconception_id: str, phrasing: str
) -> None:
    found = {m.id: m for m in deck.question(question_id).misconceptions}
    assert phrasing in found[misconception_id].accept
    assert found[misconception_id].correction
