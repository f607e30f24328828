"""Accepted phrasings printed as deck YAML: full accept lists, new phrasings once, in order."""

from __future__ import annotations

import yaml

from tests.conftest import small_deck
from tests.fakes import START
from tutorbot.adapters.store import AcceptedPhrasing
from tutorbot.core.deck_phrasings import phrasings_yaml


def accepted(question: str, point: str, text: str, teacher: int | None = 900) -> AcceptedPhrasing:
    return AcceptedPhrasing("treaties", question, point, text, None, START, teacher)


def test_each_key_point_gets_its_whole_new_accept_list() -> None:
    text = phrasings_yaml(
        small_deck(),
        [
            accepted("berlin", "neutral", "kept  out of it"),
            accepted("rapallo", "year", "nineteen twenty-two", teacher=901),
            accepted("berlin", "neutral", "Kept out of it"),  # the same, another teacher
            accepted("berlin", "neutral", "Stay neutral"),  # the deck has it already
            accepted("berlin", "boycott", 'no "boycott": ever'),
        ],
    )
    assert text.startswith("# Phrasings teachers accepted for deck treaties: 3 not in the deck")
    assert yaml.safe_load(text) == {
        "questions": [
            {
                "id": "berlin",
                "key_points": [
                    {
                        "id": "neutral",
                        "accept": ["stay neutral", "remain neutral", "kept out of it"],
                    },
                    {"id": "boycott", "accept": ["no boycott", 'no "boycott": ever']},
                ],
            },
            {
                "id": "rapallo",
                "key_points": [{"id": "year", "accept": ["1922", "nineteen twenty-two"]}],
            },
        ]
    }


def test_phrasings_of_questions_gone_from_the_deck_are_listed_as_comments() -> None:
    text = phrasings_yaml(small_deck(), [accepted("versailles", "guilt", "war guilt")])
    assert "0 not in the deck yet" in text
    assert "#   versailles/guilt: 'war guilt'" in text
    assert yaml.safe_load(text) is None


def test_nothing_accepted_says_so() -> None:
    assert phrasings_yaml(small_deck(), []) == (
        "# Phrasings teachers accepted for deck treaties: 0 not in the deck yet.\n"
    )
