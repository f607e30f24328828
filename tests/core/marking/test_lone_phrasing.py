"""A key point with only one phrasing (a model answer, often the point's own sentence):
the words the question already says are free, and a long one is shown by half of the
rest; a short one still needs every word the question does not say, and a point the
teacher gave several phrasings is marked as before."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tutorbot.adapters.deck_files import load_deck
from tutorbot.core.deck import KeyPoint, Misconception, Question
from tutorbot.core.marking import mark

DECK_FILE = Path(__file__).resolve().parents[3] / "content" / "stalin-foreign-policy-1924-1929.yaml"

SPOON = (
    "Jo put a metal spoon and a wooden spoon in hot soup. Why did the metal spoon get hot first?",
    "The metal spoon got hot first because metal is a good conductor of heat.",
)
"""Three words the question does not say (good, conductor, heat): all of them needed."""
ICE = (
    "Two ice cubes were left on trays, one metal and one plastic. Why did the ice cube on the"
    " metal tray melt faster?",
    "The ice cube on the metal tray melted faster because metal conducts heat from the warm"
    " room into the ice quickly.",
)
"""Six words the question does not say (melted, conducts, heat, warm, room, quickly): three
of them are enough."""
ELYTRA = (
    "What are the elytra of a beetle for?",
    "The elytra are used to make sounds.",
)
"""One full word the question does not say (sounds); ``used`` and ``make`` are light."""
TREATY = (
    "Why did Stalin sign the Treaty of Berlin with Germany in 1926?",
    "Stalin signed the treaty with Germany because he feared an attack by Britain and France.",
)


def _lone(prompt: str, phrasing: str) -> Question:
    point = KeyPoint(id="point", point=phrasing, accept=(phrasing,))
    return Question(id="q", prompt=prompt, key_points=(point,), pass_mark=1)


def _with_another_phrasing(question: Question) -> Question:
    point = question.key_points[0]
    listed = replace(point, accept=(*point.accept, "an unrelated wording"))
    return replace(question, key_points=(listed,))


def _as_misconception(question: Question) -> Question:
    claim = Misconception(id="claim", accept=question.key_points[0].accept, correction="No.")
    other = KeyPoint(id="other", point="something else", accept=("something else",))
    return replace(question, key_points=(other,), misconceptions=(claim,))


# (case id, (prompt, the lone phrasing), answer): half or more of the words the question
# does not say, none of the question's own words needed.
SHOWN = [
    ("every-new-word-none-of-the-question", SPOON, "it's a good conductor of heat"),
    ("half-of-a-long-model-answer", ICE, "it conducts heat from the room"),
    ("half-of-another-long-one", ICE, "it conducts the heat quickly"),
    ("history-model-answer-in-part", TREATY, "fear of an attack from britain"),
    ("light-words-free", ELYTRA, "to make sounds"),
    ("light-words-free-in-other-words", ELYTRA, "they produce a sound"),
]


@pytest.mark.parametrize(("model", "answer"), [pytest.param(m, a, id=case) for case, m, a in SHOWN])
def test_a_lone_phrasing_is_shown_by_its_core(model: tuple[str, str], answer: str) -> None:
    verdict = mark(_lone(*model), answer)
    assert verdict.passed
    assert verdict.points[0].matched in answer


@pytest.mark.parametrize(("model", "answer"), [pytest.param(m, a, id=case) for case, m, a in SHOWN])
def test_the_same_words_listed_among_other_phrasings_need_the_usual_share(
    model: tuple[str, str], answer: str
) -> None:
    assert not mark(_with_another_phrasing(_lone(*model)), answer).passed


@pytest.mark.parametrize(("model", "answer"), [pytest.param(m, a, id=case) for case, m, a in SHOWN])
def test_a_lone_misconception_still_needs_every_word(model: tuple[str, str], answer: str) -> None:
    assert not mark(_as_misconception(_lone(*model)), answer).misconceptions


NOT_SHOWN = [
    ("a-short-core-needs-every-word", SPOON, "good conductor"),
    ("one-word-of-a-short-core", SPOON, "heat"),
    ("denied", SPOON, "it is not a good conductor of heat"),
    ("another-subject-in-the-questions-place", SPOON, "wood is a good conductor of heat"),
    ("under-half-of-a-long-one", ICE, "heat from the room"),
    ("a-long-one-denied", ICE, "metal does not conduct heat from the room"),
    ("history-denied", TREATY, "he did not fear an attack by britain"),
    ("history-too-little", TREATY, "britain and france"),
    ("light-words-free-but-denied", ELYTRA, "they do not make sounds"),
    ("light-words-alone", ELYTRA, "they are used to make them fly"),
]


@pytest.mark.parametrize(
    ("model", "answer"), [pytest.param(m, a, id=case) for case, m, a in NOT_SHOWN]
)
def test_a_lone_phrasing_is_not_shown_by_less_or_by_its_denial(
    model: tuple[str, str], answer: str
) -> None:
    assert not mark(_lone(*model), answer).passed


# (case id, deck question id, a phrasing of one of its points, answers showing part of it)
DECK_PHRASINGS = [
    ("keep-out-of-the-war", "berlin-article-2", "keep out of the war", ["the war", "keep out"]),
    ("credits-from-banks", "german-credits", "credits from German banks", ["german banks"]),
    ("security-for-the-ussr", "berlin-purpose", "security for the USSR", ["security"]),
    ("until-stresemann-died", "stresemann", "until Stresemann died", ["stresemann"]),
]


@pytest.mark.parametrize(
    ("question_id", "phrasing", "partial"),
    [pytest.param(q, p, a, id=case) for case, q, p, a in DECK_PHRASINGS],
)
def test_a_short_deck_phrasing_alone_still_needs_all_its_words(
    question_id: str, phrasing: str, partial: list[str]
) -> None:
    deck = load_deck(DECK_FILE)
    question = next(q for q in deck.questions if q.id == question_id)
    lone = _lone(question.prompt, phrasing)
    assert mark(lone, phrasing.lower()).passed
    for answer in partial:
        assert not mark(lone, answer).passed, answer
