"""Lint: each rule finds the phrasing that would mark badly, at its line; a good deck is clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutorbot.adapters.deck_files import Deck, load_deck
from tutorbot.core.deck_lint import lint
from tutorbot.core.findings import located

CLEAN = """\
title: China
questions:
  - id: side
    prompt: Which side did Stalin support in China?
    key_points:
      - id: supported-gmd
        point: Stalin supported the GMD
        accept: [supported the GMD, backed the GMD]
      - id: ccp-join
        point: He urged the CCP to join the GMD
        accept: [urged the CCP to join, told the communists to join]
    misconceptions:
      - id: backed-ccp
        accept: [supported the CCP]
        correction: He supported the GMD, not the CCP.
    examples:
      - answer: He backed the GMD
        credit: [supported-gmd]
"""


def deck_with(tmp_path: Path, text: str) -> Deck:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return load_deck(path)


def warnings(tmp_path: Path, text: str) -> list[tuple[int | None, str]]:
    deck = deck_with(tmp_path, text)
    return [(p.line, p.message) for p in located(deck, lint(deck))]


def test_a_deck_written_with_care_has_no_warnings(tmp_path: Path) -> None:
    assert warnings(tmp_path, CLEAN) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "says"),
    [
        pytest.param(
            "[supported the GMD, backed the GMD]",
            "[supported the GMD, the GMD]",
            8,
            "'the GMD': only a name",
            id="bare-name",
        ),
        pytest.param(
            "[supported the GMD, backed the GMD]",
            "[supported the GMD, China]",
            8,
            "'China': only a name",
            id="bare-place",
        ),
        pytest.param(
            "[urged the CCP to join, told the communists to join]",
            "[urged the CCP to join, urged]",
            11,
            "'urged': one common word",
            id="one-common-word",
        ),
        pytest.param(
            "[supported the GMD, backed the GMD]",
            "[supported the GMD, Stalin support]",
            8,
            "'Stalin support': only words of the question",
            id="only-question-words",
        ),
        pytest.param(
            "[urged the CCP to join, told the communists to join]",
            "[urged the CCP to join, told the communists to back the GMD]",
            11,
            "it also shows supported-gmd",
            id="phrasing-shown-by-another-point",
        ),
        pytest.param(
            "[urged the CCP to join, told the communists to join]",
            "[urged the CCP to join, supported the CCP against the GMD]",
            11,
            "it shows the misconception backed-ccp",
            id="point-phrasing-shows-a-misconception",
        ),
        pytest.param(
            "point: He urged the CCP to join the GMD",
            "point: He did not let the CCP fight the GMD",
            10,
            "the point says no/not, but no phrasing does",
            id="negative-point-positive-phrasings",
        ),
        pytest.param(
            "point: He urged the CCP to join the GMD",
            "point: Urging of the Chinese Communist Party into the other party",
            10,
            "the marker does not credit the point's own text",
            id="point-text-not-credited",
        ),
        pytest.param(
            "    examples:\n      - answer: He backed the GMD\n        credit: [supported-gmd]\n",
            "",
            3,
            "question 'side': no examples",
            id="question-without-examples",
        ),
    ],
)
def test_each_rule_warns_at_the_line_to_fix(
    tmp_path: Path, old: str, new: str, line: int, says: str
) -> None:
    assert old in CLEAN
    found = warnings(tmp_path, CLEAN.replace(old, new, 1))
    assert [(at, m) for at, m in found if says in m] != [], found
    assert {at for at, m in found if says in m} == {line}


def test_a_point_the_question_itself_shows_is_flagged(tmp_path: Path) -> None:
    """sioc-cautious: 'Socialism in One Country shows cautiousness' was passed by 'it shows
    cautiousness', because the question asks why it shows that Stalin was cautious."""
    text = """\
title: Caution
questions:
  - id: sioc
    prompt: Why does Socialism in One Country show that Stalin was cautious?
    key_points:
      - id: cautious
        point: Socialism in One Country shows cautiousness
        accept: [shows cautiousness, being cautious]
    examples:
      - answer: he put domestic affairs first
        credit: []
"""
    found = warnings(tmp_path, text)
    assert any("the question's own words" in m and at == 8 for at, m in found), found


@pytest.mark.parametrize(
    ("prompt", "phrasing"),
    [
        pytest.param("Where was Stalin criticised?", "Party Congress", id="where-takes-a-name"),
        pytest.param(
            "Which side did Stalin support?", "Socialism in One Country", id="a-name-of-three-words"
        ),
        pytest.param(
            "What was the treaty meant to achieve?", "trust each other", id="a-relation-between-two"
        ),
        pytest.param("When were the credits given?", "June 1926", id="a-date"),
        pytest.param("What did Article 3 say?", "no boycott", id="a-negated-word"),
    ],
)
def test_a_phrasing_that_says_enough_is_not_flagged(
    tmp_path: Path, prompt: str, phrasing: str
) -> None:
    text = CLEAN.replace("Which side did Stalin support in China?", prompt).replace(
        "[supported the GMD, backed the GMD]", f"[supported the GMD, {phrasing}]"
    )
    assert [m for _, m in warnings(tmp_path, text) if repr(phrasing) in m] == []
