"""An adjective made from a noun with ``-y`` is read as that noun (``risky``: ``risk``,
``salty``: ``salt``, ``shiny``: ``shine``), so ``v risky`` shows ``a big risk``; a noun
ending in ``y`` (``party``, ``battery``) or a word that is not an adjective alone stays
itself, and a denial still shows nothing."""

from __future__ import annotations

import pytest

from tests.core.marking.questions import shown
from tutorbot.core.marking.lexicon import form
from tutorbot.core.marking.normalise import tokenise


@pytest.mark.parametrize(
    ("word", "noun"),
    [
        ("risky", "risk"),
        ("salty", "salt"),
        ("shiny", "shine"),
        ("stony", "stone"),
        ("cloudy", "cloud"),
        ("guilty", "guilt"),
    ],
)
def test_a_y_adjective_is_read_as_its_noun(word: str, noun: str) -> None:
    assert form(word) == form(noun)


@pytest.mark.parametrize("word", ["party", "battery", "study", "ready", "silly", "army"])
def test_a_word_that_is_not_only_a_y_adjective_stays_itself(word: str) -> None:
    assert form(word) == word


def _shown(accept: tuple[str, ...], answer: str) -> bool:
    return shown(accept, answer, "Why was China different?")


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("v risky", True, id="v-risky"),
        pytest.param("it was really risky", True, id="really-risky"),
        pytest.param("it was not risky", False, id="denied"),
        pytest.param("it was a safe bet", False, id="other-words"),
    ],
)
def test_a_y_adjective_shows_a_phrasing_with_its_noun(answer: str, shown: bool) -> None:
    assert _shown(("big risk", "risky move"), answer) is shown


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("put home stuff 1st", True, id="home-stuff"),
        pytest.param("home affairs first", True, id="as-written"),
        pytest.param("foreign stuff first", False, id="other-modifier"),
        pytest.param("home stuff was not first", False, id="denied"),
    ],
)
def test_stuff_reads_as_affairs(answer: str, shown: bool) -> None:
    assert _shown(("home affairs first",), answer) is shown


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("£££ for a war", True, id="pounds"),
        pytest.param("$ for war", True, id="dollars"),
        pytest.param("no £ for a war", False, id="denied"),
        pytest.param("£5 for a war", False, id="an-amount-is-a-number"),
    ],
)
def test_a_currency_symbol_alone_reads_as_money(answer: str, shown: bool) -> None:
    assert _shown(("money for a war",), answer) is shown


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("the gov was weak", "the government was weak"),
        ("the econ was weak", "the economy was weak"),
        ("more info", "more information"),
        ("two yrs later", "two years later"),
        ("approx ten", "approximately ten"),
    ],
)
def test_clipped_words_read_as_meant(typed: str, meant: str) -> None:
    assert [t.stem for t in tokenise(typed)] == [t.stem for t in tokenise(meant)]


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("after ww1", True, id="ww1"),
        pytest.param("after ww2", False, id="another-war"),
    ],
)
def test_a_clipped_war_keeps_its_number(answer: str, shown: bool) -> None:
    assert _shown(("after World War 1",), answer) is shown
