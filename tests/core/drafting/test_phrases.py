"""Candidate phrasings: the spans of a point a student would type."""

from __future__ import annotations

import pytest

from tutorbot.core.drafting.phrases import candidates


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        (
            "Article 3 - neither country would join an economic boycott",
            "not join an economic boycott",
        ),
        (
            "Economically - USSR received huge financial credits from German banks",
            "credits from German banks",
        ),
        ("Truman had replaced Roosevelt, who died in April 1945", "Truman had replaced Roosevelt"),
        ("Economically - USSR received huge financial credits in June 1926", "June 1926"),
    ],
)
def test_salient_spans_are_offered(point: str, expected: str) -> None:
    assert expected in candidates(point, "What do you know about it?")


@pytest.mark.parametrize(
    ("point", "never"),
    [
        ("It meant a boycott against the other", "boycott against"),
        ("USSR received huge financial credits from German banks", "USSR received huge"),
        ("He secured the Treaty of Berlin with Germany", "Berlin with Germany"),
        ("It had already been agreed by both sides", "already been agreed"),
    ],
)
def test_a_span_never_stops_mid_phrase_or_cuts_a_name(point: str, never: str) -> None:
    assert never not in candidates(point, "What happened?")


def test_a_negated_span_keeps_its_negation() -> None:
    found = candidates("The finance wasn't there to support any foreign intervention", "Why?")

    assert "foreign intervention" not in found
    assert "not support any foreign intervention" in found


def test_words_of_the_question_alone_are_no_phrasing() -> None:
    found = candidates("The Marshall Plan gave economic aid", "What was the Marshall Plan?")

    assert "Marshall Plan" not in found
    assert "economic aid" in found


def test_one_word_is_offered_only_for_a_point_of_one_or_two_words() -> None:
    assert candidates("military", "Which factors?") == ["military"]
    assert "Britain" not in candidates("Germany was divided into zones (USA, Britain)", "What?")
