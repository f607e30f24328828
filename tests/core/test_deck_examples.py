"""Worked examples: each disagreement with the marker is reported with its line."""

from __future__ import annotations

from pathlib import Path

from tutorbot.adapters.deck_files import Deck, load_deck
from tutorbot.core.deck_examples import check_examples
from tutorbot.core.findings import located

DECK = """\
title: Treaties
questions:
  - id: article-2
    prompt: What did Article 2 of the Treaty of Berlin say?
    key_points:
      - id: attacked
        point: If one country was attacked by a third
        accept: [attacked by a third country]
      - id: neutral
        point: the other would stay neutral
        accept: [stay neutral, remain neutral]
    misconceptions:
      - id: alliance
        accept: [military alliance]
        correction: It was not an alliance.
    examples:
      - answer: if one was attacked by a third country the other would stay neutral
        credit: [attacked, neutral]
      - answer: the other would remain neutral
        credit: [neutral]
        misconceptions: []
      - answer: it was a military alliance
        credit: []
        misconceptions: [alliance]
"""


def deck_with(tmp_path: Path, text: str = DECK) -> Deck:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return load_deck(path)


def test_examples_that_agree_give_nothing(tmp_path: Path) -> None:
    assert check_examples(deck_with(tmp_path)) == []


def test_an_example_credited_differently_names_its_line_and_both_sets(tmp_path: Path) -> None:
    wrong = DECK.replace("        credit: [neutral]\n", "        credit: [attacked, neutral]\n")
    deck = deck_with(tmp_path, wrong)

    [problem] = located(deck, check_examples(deck))

    assert str(problem) == (
        f"{deck.source}:19: example 2: credited [neutral], expected [attacked, neutral]"
    )


def test_an_unexpected_misconception_is_a_disagreement(tmp_path: Path) -> None:
    wrong = DECK.replace("misconceptions: [alliance]", "misconceptions: []")
    deck = deck_with(tmp_path, wrong)

    [problem] = located(deck, check_examples(deck))

    assert problem.line == 22
    assert problem.message == "example 3: misconceptions [alliance], expected []"


def test_misconceptions_left_out_are_not_checked(tmp_path: Path) -> None:
    loose = DECK.replace("        misconceptions: [alliance]\n", "")
    assert check_examples(deck_with(tmp_path, loose)) == []
