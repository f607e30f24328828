"""Normalising text: tokens that compare equal when a student means the same word."""

from __future__ import annotations

import pytest

from tests.core.marking.questions import stems
from tutorbot.core.marking.normalise import NEGATOR, NUMBER, tokenise

_stems = stems


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        pytest.param("wasn\u2019t", "was not", id="curly-apostrophe-contraction"),
        pytest.param("wasnt", "was not", id="contraction-without-apostrophe"),
        pytest.param('aren"t', "are not", id="double-quote-as-apostrophe"),
        pytest.param("won't", "will not", id="irregular-contraction"),
        pytest.param("organized", "organised", id="us-uk-ize"),
        pytest.param("analyze", "analyse", id="us-uk-yze"),
        pytest.param("colors", "colours", id="us-uk-our"),
        pytest.param("defense", "defence", id="us-uk-ense"),
        pytest.param("traveled", "travelled", id="us-uk-double-l"),
        pytest.param("boycotting", "boycott", id="inflection-ing-doubled"),
        pytest.param("supported", "supports", id="inflection-ed-s"),
        pytest.param("countries", "country", id="plural-ies"),
        pytest.param("lent", "lend", id="irregular-past"),
        pytest.param("loan", "lend", id="lend-loan-near-synonyms"),
        pytest.param("capitalism", "capitalist", id="family-ism-ist"),
        pytest.param("economic", "economy", id="family-ic-y"),
        pytest.param("neutrality", "neutral", id="family-ity"),
        pytest.param("security", "secure", id="family-ity-e"),
        pytest.param("crushed", "crush", id="inflection-ed"),
        pytest.param("one", "1", id="number-word"),
        pytest.param("U.S.S.R.", "USSR", id="dotted-acronym"),
        pytest.param("\uff35\uff33\uff33\uff32", "USSR", id="full-width-nfkc"),
        pytest.param("non-aggression", "non aggression", id="hyphen"),
    ],
)
def test_variants_fold_to_the_same_stems(typed: str, meant: str) -> None:
    assert _stems(typed) == _stems(meant)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("1926", "1928", id="numbers"),
        pytest.param("low", "high", id="short-words"),
        pytest.param("USA", "USSR", id="acronyms"),
        pytest.param("communist", "community", id="unrelated-words-sharing-letters"),
        pytest.param("several", "sever", id="quantifier-not-a-verb"),
        pytest.param("agreed", "treaty", id="a-derived-word-keeps-out-of-a-synonym-group"),
    ],
)
def test_different_words_stay_different(a: str, b: str) -> None:
    assert _stems(a) != _stems(b)


def test_a_typo_is_kept_whole_for_fuzzy_matching() -> None:
    assert _stems("congres") == ["congres"]


def test_tokens_point_back_at_the_words_as_typed() -> None:
    text = "  He wasn\u2019t   neutrel, 1.5 times!"
    spans = [text[t.start : t.end] for t in tokenise(text)]
    assert spans == ["He", "wasn\u2019t", "wasn\u2019t", "neutrel", "1.5", "times"]


def test_flags_mark_negators_and_numbers() -> None:
    tokens = tokenise("never 1926 10,000 terminals 4,5")
    assert tokens[0].flags & NEGATOR
    assert [t.stem for t in tokens if t.flags & NUMBER] == ["1926", "10000", "4", "5"]


def test_clauses_split_at_punctuation_and_but() -> None:
    tokens = tokenise("not this, that but not it")
    clauses = [t.clause for t in tokens]
    assert clauses[0] == clauses[1] < clauses[2] < clauses[3] == clauses[4] == clauses[5]


@pytest.mark.parametrize(
    "text", ["one\ntwo", "one \u2022 two", "one - two", "one; two", "one, two"]
)
def test_new_lines_bullets_and_list_separators_end_a_clause(text: str) -> None:
    first, second = tokenise(text)
    assert first.clause < second.clause


@pytest.mark.parametrize("text", ["", "   ", "😀🔥", "---", "\u200b"])
def test_text_without_words_has_no_tokens(text: str) -> None:
    assert tokenise(text) == []


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("niether", "neither"), ("wuold", "would"), ("withuot", "without"), ("becuase", "because")],
)
def test_a_function_word_typed_with_one_slip_is_read_as_meant(typed: str, meant: str) -> None:
    assert [t.stem for t in tokenise(typed)] == [t.stem for t in tokenise(meant)]
    assert tokenise(typed)[0].flags == tokenise(meant)[0].flags


@pytest.mark.parametrize("word", ["stalin", "nevr", "shots", "wolds"])
def test_a_word_is_not_read_as_a_function_word_it_is_not_one_slip_from(word: str) -> None:
    assert tokenise(word)[0].stem not in ("still", "never", "should", "would")


def test_a_typed_negator_slip_still_negates() -> None:
    assert tokenise("niether")[0].flags & NEGATOR


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("w germany", "with germany"),
        ("b4 1929", "before 1929"),
        ("thru the treaty", "through the treaty"),
    ],
)
def test_text_speak_is_read_as_the_words_it_stands_for(typed: str, meant: str) -> None:
    assert [t.stem for t in tokenise(typed)] == [t.stem for t in tokenise(meant)]


def test_shorthand_typed_in_capitals_is_kept() -> None:
    assert tokenise("W")[0].stem == "w"


def test_bc_for_because_ends_a_clause() -> None:
    tokens = tokenise("it failed bc it was weak")
    assert tokens[-1].clause > tokens[0].clause


def test_an_ordinal_typed_in_digits_is_read_as_its_word() -> None:
    assert [t.stem for t in tokenise("home 1st")] == [t.stem for t in tokenise("home first")]
    assert tokenise("4th")[0].flags & NUMBER
