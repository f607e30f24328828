"""The deck keys for trustworthy marking: synonyms, require and examples, validated with lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutorbot.adapters.deck_files import load_deck, load_decks
from tutorbot.core.deck import Question
from tutorbot.core.errors import ContentError
from tutorbot.core.marking import mark

DECK = """\
title: China
synonyms:
  GMD: [Guomindang, Kuomintang, KMT, Chinese nationalists, Chiang Kai-shek]
  USSR: [Russia, Soviet Union]
questions:
  - id: side
    prompt: Which side did Stalin support in China?
    key_points:
      - id: supported-gmd
        point: Stalin supported the GMD
        accept: [supported the GMD, backed the GMD]
      - id: soviet-money
        point: with money from the USSR
        accept: [money from the USSR]
    pass: 1
    require: [supported-gmd]
    misconceptions:
      - id: backed-ccp
        accept: [supported the CCP]
        correction: He supported the GMD, not the CCP.
    examples:
      - answer: He backed the Kuomintang
        credit: [supported-gmd]
      - answer: Russia sent money to the CCP
        credit: [soviet-money]
        misconceptions: []
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_decks([write(tmp_path, text)])
    return [str(p) for p in caught.value.problems]


@pytest.fixture
def question(tmp_path: Path) -> Question:
    return load_deck(write(tmp_path, DECK)).question("side")


@pytest.mark.parametrize(
    "answer",
    [
        "He supported the Kuomintang",
        "backed the KMT",
        "he backed chiang kai-shek",
        "Stalin supported the Chinese Nationalists",
    ],
)
def test_a_synonym_of_a_name_is_credited_like_the_name(question: Question, answer: str) -> None:
    assert [p.point.id for p in mark(question, answer).hit] == ["supported-gmd"]


def test_a_synonym_is_substituted_as_whole_words_in_any_case(question: Question) -> None:
    money = question.key_point("soviet-money")
    assert money.written == ("money from the USSR",)
    assert "money from the Russia" in money.accept
    assert "money from the Soviet Union" in money.accept
    assert mark(question, "money from Russia").hit


def test_the_deck_keeps_its_synonym_groups(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, DECK))
    assert deck.synonyms[1] == ("USSR", "Russia", "Soviet Union")


def test_required_point_missing_fails_even_above_the_pass_mark(question: Question) -> None:
    verdict = mark(question, "money from the USSR")
    assert len(verdict.hit) >= question.pass_mark
    assert not verdict.passed
    assert mark(question, "he backed the GMD").passed


def test_examples_are_loaded_with_what_they_expect(question: Question) -> None:
    first, second = question.examples
    assert first.credit == {"supported-gmd"}
    assert first.misconceptions is None
    assert second.misconceptions == frozenset()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "  USSR: [Russia, Soviet Union]\n",
            "  USSR: []\n",
            "deck.yaml:4: synonyms.USSR: must list at least one word or phrase that means the same",
            id="empty-synonym-list",
        ),
        pytest.param(
            "  USSR: [Russia, Soviet Union]\n",
            "  USRR: [Rusia]\n",
            "deck.yaml:4: synonyms.USRR: no phrasing of the deck uses 'USRR' or its synonyms",
            id="unknown-synonym",
        ),
        pytest.param(
            "  USSR: [Russia, Soviet Union]\n",
            "  USSR: [Russia, KMT]\n",
            "deck.yaml:4: synonyms.USSR: 'kmt' is also in the group 'GMD'",
            id="synonym-in-two-groups",
        ),
        pytest.param(
            "require: [supported-gmd]",
            "require: [suported-gmd]",
            "deck.yaml:16: questions[1].require[1]: 'suported-gmd' is not a key point id of this "
            "question (ids: supported-gmd, soviet-money); did you mean 'supported-gmd'?",
            id="unknown-required-point",
        ),
        pytest.param(
            "credit: [soviet-money]",
            "credit: [soviet-mony]",
            "deck.yaml:25: questions[1].examples[2].credit[1]: 'soviet-mony' is not a key point id",
            id="unknown-credited-point",
        ),
        pytest.param(
            "misconceptions: []",
            "misconceptions: [backed-kmt]",
            "deck.yaml:26: questions[1].examples[2].misconceptions[1]: 'backed-kmt' is not a "
            "misconception id",
            id="unknown-expected-misconception",
        ),
        pytest.param(
            "        credit: [supported-gmd]\n",
            "",
            "deck.yaml:22: questions[1].examples[1]: missing required key 'credit'",
            id="example-without-credit",
        ),
        pytest.param(
            "      - answer: He backed the Kuomintang\n",
            "      - answr: He backed the Kuomintang\n",
            "deck.yaml:22: questions[1].examples[1]: unknown key 'answr' (allowed: answer, credit, "
            "misconceptions); did you mean 'answer'?",
            id="misspelt-example-key",
        ),
    ],
)
def test_a_mistake_in_the_new_keys_names_file_and_line(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in DECK
    found = problems_of(tmp_path, DECK.replace(old, new, 1))
    assert [p for p in found if expected in p], found


def test_a_deck_nested_a_thousand_levels_is_one_problem_with_its_line(tmp_path: Path) -> None:
    text = "title: Deep\nquestions:\n" + "".join("  " * i + "- \n" for i in range(1, 1001))
    found = problems_of(tmp_path, text)
    assert len(found) == 1
    assert found[0].endswith("deck.yaml:42: lists and mappings nest more than 40 levels deep here")


def test_a_flow_list_nested_a_thousand_levels_is_one_problem(tmp_path: Path) -> None:
    found = problems_of(tmp_path, "title: Deep\nquestions: " + "[" * 1000 + "]" * 1000 + "\n")
    assert [p.split(": ", 1)[1] for p in found] == [
        "lists and mappings nest more than 40 levels deep here"
    ]
