"""The bundled deck marks real answers well: a student's own words pass, known mistakes don't."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutorbot.adapters.deck_files import Deck, load_deck
from tutorbot.core.marking import mark

DECK_FILE = Path(__file__).resolve().parents[2] / "content" / "stalin-foreign-policy-1924-1929.yaml"

MODEL_ANSWERS = [
    (
        "berlin-article-2",
        ("If either country got attacked by a third country the other one would remain neutrel"),
    ),
    ("berlin-article-3", "they promised not to join an economic boycot of each other"),
    ("berlin-purpose", "to build trustful cooperation between the German and Soviet peoples"),
    ("german-credits", "German banks gave the USSR huge credits in June 1926"),
    (
        "stresemann",
        (
            "It lasted until Stresemann's death, which shows neither side wanted to change it and"
            " both were focusing on internal affairs"
        ),
    ),
    (
        "germany-cautious",
        (
            "The Treaty of Berlin kept the USSR safe because Germany would stay neutral, and "
            "German banks gave credits"
        ),
    ),
    (
        "sioc-change",
        (
            "Before, he followed Lenin's wish to spread socialism, but then he built socialism at "
            "home"
        ),
    ),
    (
        "sioc-cautious",
        ("He stopped trying to spread socialism abroad and put domestic affairs first"),
    ),
    (
        "comintern",
        (
            "The Comintern was a low priority before 1929, then that changed in 1929 and he "
            "attacked the social democratic parties in Europe"
        ),
    ),
    ("china-gmd", "He supported the Guomindang"),
    ("ccp-join-gmd", "He told the CCP to join the GMD"),
    (
        "china-massacre",
        ("Workers' revolts were suppressed and CCP members were massacred with Soviet funding"),
    ),
    (
        "trotsky-china",
        (
            "Trotsky disagreed with him about who to back and accused him of betraying communism,"
            " but it didn't stick"
        ),
    ),
    ("party-congress-1927", "He was criticised at the 1927 Party Congress"),
    ("power-struggle-factor", "Trotsky criticised his policy in China"),
    (
        "china-not-cautious",
        (
            "He heavily intervened in China by siding with the GMD, which was reckless, and he "
            "got criticised at the Party Congress in 1927"
        ),
    ),
    (
        "why-cautious",
        (
            "It was the power struggle and the party was divided, so he had to deal with domestic"
            " affairs first; the NEP was failing so there was no money"
        ),
    ),
    (
        "nep-finance",
        ("The NEP was failing, so there wasn't the finance for any foreign intervention"),
    ),
    (
        "foreign-policy-success",
        (
            "Largely successful: he got the Treaty of Berlin and eliminated his rivals through "
            "backing the GMD"
        ),
    ),
    ("domestic-factors", "Finance to pay for a war, the military and resources"),
    (
        "ideology-factor",
        ("Building socialism in one country, and no pacts with strongly capitalist countries"),
    ),
    (
        "underlying-theme",
        (
            "His caution went with a focus on domestic policy during the power struggle, he "
            "became more aggressive towards the end of the 1920s, and he needed to secure the "
            "borders to secure his position as leader"
        ),
    ),
    (
        "essay-always-cautious",
        (
            "For: relations with Germany and the Treaty of Berlin, and Socialism in One Country. "
            "Against: China, where he sided with the GMD. Judgement: largely cautious but not "
            "always, so the view is not entirely valid, because caution came with the power "
            "struggle"
        ),
    ),
]


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(DECK_FILE)


def test_every_question_has_a_model_answer(deck: Deck) -> None:
    assert sorted(q.id for q in deck.questions) == sorted(qid for qid, _ in MODEL_ANSWERS)


@pytest.mark.parametrize(("question_id", "answer"), MODEL_ANSWERS)
def test_a_good_answer_in_a_students_words_passes(
    deck: Deck, question_id: str, answer: str
) -> None:
    verdict = mark(deck.question(question_id), answer)
    assert verdict.passed, [p.point.id for p in verdict.missed]


@pytest.mark.parametrize(
    ("question_id", "answer", "misconception_id"),
    [
        ("german-credits", "German banks gave the USSR huge credits in June 1928", None),
        ("party-congress-1927", "He was criticised at the 1928 Party Congress", None),
        ("berlin-article-3", "they would boycott each other's trade", None),
        ("china-gmd", "he never backed the GMD", None),
        ("china-gmd", "He supported the CCP", "backed-ccp"),
        (
            "berlin-article-2",
            "It was a military alliance: they would stay neutral",
            "military-alliance",
        ),
        (
            "comintern",
            "The Comintern was always a high priority, he attacked social democrats",
            "high-priority",
        ),
        (
            "sioc-change",
            "Stalin wanted world revolution, not socialism in one country",
            "world-revolution",
        ),
        ("nep-finance", "The NEP was booming so there was plenty of finance", "nep-succeeding"),
    ],
)
def test_a_wrong_answer_does_not_pass(
    deck: Deck, question_id: str, answer: str, misconception_id: str | None
) -> None:
    verdict = mark(deck.question(question_id), answer)
    assert not verdict.passed
    found = [m.misconception.id for m in verdict.misconceptions]
    assert found == ([misconception_id] if misconception_id else [])
