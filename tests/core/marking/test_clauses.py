"""A negation reaches only its own clause: ``so``, ``and``, ``then`` before a new subject
open another clause, so what that clause says is not denied; a denial inside it still is."""

from __future__ import annotations

import pytest

from tests.core.marking.questions import shown
from tutorbot.core.deck import KeyPoint, Question
from tutorbot.core.marking import mark


def _shown(accept: tuple[str, ...], answer: str) -> bool:
    return shown(accept, answer, "Why was he limited?")


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("the nep wasnt working so he was too poor to pay", True, id="so-he"),
        pytest.param("it didnt work and they were too poor to pay", True, id="and-they"),
        pytest.param("the nep failed, then he was too poor to pay", True, id="then-he"),
        pytest.param("the nep was working so he was not too poor to pay", False, id="own-denial"),
        pytest.param("he was not too poor to pay", False, id="denied"),
        pytest.param("he did not say so, too poor to pay", True, id="comma"),
    ],
)
def test_a_negation_stops_at_a_new_clause(answer: str, shown: bool) -> None:
    assert _shown(("too poor to pay",), answer) is shown


_SIOC = "How did Socialism in One Country change Soviet foreign policy?"


def _sioc(answer: str, accept: tuple[str, ...] = ("build socialism in the USSR",)) -> bool:
    key_point = KeyPoint("one-country", "He changed this to building socialism in the USSR", accept)
    question = Question(id="q", prompt=_SIOC, key_points=(key_point,), pass_mark=1)
    return mark(question, answer).passed


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("socialism in the ussr", True, id="verbless"),
        pytest.param("socialism, ussr", True, id="keyword-list"),
        pytest.param("it was socialism in the ussr", True, id="copula"),
        pytest.param(
            "socialism in the ussr instead of spreading it like lenin wanted", True, id="instead"
        ),
        pytest.param("the ussr", False, id="question-word-missing"),
        pytest.param("he visited the ussr and saw socialism", False, id="another-verb"),
        pytest.param("not socialism in the ussr", False, id="denied"),
        pytest.param(_SIOC, False, id="the-question-itself"),
    ],
)
def test_a_verbless_item_naming_all_but_the_verb_shows_it(answer: str, shown: bool) -> None:
    assert _sioc(answer) is shown


def test_a_word_the_question_says_in_other_letters_is_not_new() -> None:
    assert not _sioc("socialism, soviets", ("build socialism in the Soviets",))


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("the nep was not failing and the party was divided", True, id="own-subject"),
        pytest.param("there was no money and the party was divided", True, id="no-money"),
        pytest.param("the party was not divided", False, id="denied"),
        pytest.param("nothing and the party was not divided", False, id="own-denial"),
        pytest.param("he did not see the army and the party divided", False, id="no-finite-verb"),
    ],
)
def test_a_negation_stops_at_a_clause_with_its_own_subject(answer: str, shown: bool) -> None:
    assert _shown(("party was divided",), answer) is shown


_SWITCHES = "When switch X was open and switch Y was closed, why were bulbs B and C on?"
_BOTH = "Bulb B and Bulb C were still contained in the same closed path with the battery."


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("they were in a closed path with the battery", True, id="pronoun"),
        pytest.param("they were not in a closed path with the battery", False, id="denied"),
        pytest.param("the battery was in a closed path", False, id="another-subject"),
    ],
)
def test_a_subject_named_twice_is_the_phrasings_first_word(answer: str, shown: bool) -> None:
    key_point = KeyPoint("p", _BOTH, (_BOTH,))
    question = Question(id="q", prompt=_SWITCHES, key_points=(key_point,), pass_mark=1)
    assert mark(question, answer).passed is shown
