"""Which words are read as verbs, nouns and passives when the marker reads who did what."""

from __future__ import annotations

import pytest

from tutorbot.core.marking.normalise import Token, tokenise
from tutorbot.core.marking.verb_forms import nominal, passive, same_word, verb_form


def _at(text: str, word: str) -> tuple[list[Token], int]:
    tokens = tokenise(text)
    return tokens, next(i for i, t in enumerate(tokens) if t.stem == word)


@pytest.mark.parametrize(
    ("text", "word", "verb"),
    [
        pytest.param("Trotsky accused Stalin of betraying communism", "accuse", True, id="past"),
        pytest.param("Trotsky accused Stalin of betraying communism", "betray", True, id="-ing"),
        pytest.param("Neither would join an economic boycott", "join", True, id="after-modal"),
        pytest.param("Neither would join an economic boycott", "boycott", False, id="noun"),
        pytest.param("Workers' revolts were suppressed", "revolt", False, id="plural-noun"),
        pytest.param("the circuit has a closed path", "close", False, id="participle-adjective"),
        pytest.param("Britain declared war on Germany", "declare", True, id="after-a-name"),
        pytest.param("The moon orbits the earth", "orbit", True, id="present-between"),
    ],
)
def test_a_points_word_is_read_as_a_verb_by_its_form_and_place(
    text: str, word: str, verb: bool
) -> None:
    tokens, i = _at(text, word)
    assert verb_form(text, tokens, i) is verb


@pytest.mark.parametrize(
    ("text", "word", "done_to"),
    [
        pytest.param("Stalin was criticised", "criticise", True, id="was"),
        pytest.param("the ccp got massacred", "massacre", True, id="got"),
        pytest.param("terminal 6 is only connected to it", "connect", True, id="adverb-between"),
        pytest.param("separated by a gap", "separate", True, id="by-after"),
        pytest.param("Stalin criticised Trotsky", "criticise", False, id="active"),
    ],
)
def test_a_passive_is_a_be_or_get_before_the_verb_or_by_after_it(
    text: str, word: str, done_to: bool
) -> None:
    tokens, i = _at(text, word)
    assert passive(tokens, i) is done_to


def test_a_word_names_a_thing_when_the_lexicon_knows_it_as_a_noun_or_not_at_all() -> None:
    assert nominal("experiment")
    assert nominal("stalin")
    assert not nominal("only")
    assert not nominal("huge")


def test_a_word_is_the_same_as_its_form_with_up_to_two_more_letters() -> None:
    assert same_word("german", "germany")
    assert same_word("stalins", "stalin")
    assert not same_word("ccp", "ccps")
    assert not same_word("war", "warsaw")
