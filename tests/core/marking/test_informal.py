"""Answers typed the way students type: text-speak, contractions without apostrophes,
degree words left out. Each read as meant; a denial, an opposite or another subject still
shows nothing."""

from __future__ import annotations

import pytest

from tutorbot.core.deck import KeyPoint, Question
from tutorbot.core.marking import mark
from tutorbot.core.marking.normalise import NEGATOR, NUMBER, tokenise


def _stems(text: str) -> list[str]:
    return [t.stem for t in tokenise(text)]


def _shown(
    accept: tuple[str, ...], answer: str, prompt: str = "What did Stalin do?", point: str = ""
) -> bool:
    key_point = KeyPoint("p", point or accept[0], accept)
    question = Question(id="q", prompt=prompt, key_points=(key_point,), pass_mark=1)
    return mark(question, answer).passed


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        pytest.param("u r right", "you are right", id="u-r"),
        pytest.param("ur army", "your army", id="ur"),
        pytest.param("cos he was poor", "because he was poor", id="cos"),
        pytest.param("cus he was poor", "because he was poor", id="cus"),
        pytest.param("he was gonna attack", "he was going to attack", id="gonna"),
        pytest.param("he didnt wanna fight", "he did not want to fight", id="wanna"),
        pytest.param("he was tryna spread it", "he was trying to spread it", id="tryna"),
        pytest.param("a lil army", "a little army", id="lil"),
        pytest.param("smth about money", "something about money", id="smth"),
        pytest.param("kinda risky", "kind of risky", id="kinda"),
        pytest.param("v risky", "very risky", id="v-very"),
        pytest.param("theyre allies", "they are allies", id="theyre"),
        pytest.param("im sure", "i am sure", id="im"),
        pytest.param("thats why", "that is why", id="thats"),
        pytest.param("he shouldve waited", "he should have waited", id="shouldve"),
        pytest.param("it aint working", "it is not working", id="aint"),
        pytest.param("it mightnt work", "it might not work", id="mightnt"),
        pytest.param("more aggro", "more aggressive", id="aggro"),
        pytest.param("tbh the treaty", "the treaty", id="aside-tbh"),
        pytest.param("the treaty imo", "the treaty", id="aside-imo"),
    ],
)
def test_text_speak_reads_as_meant(typed: str, meant: str) -> None:
    assert _stems(typed) == _stems(meant)


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("1.5 v", id="volts-after-a-number"),
        pytest.param("1.5v", id="volts-joined-to-the-number"),
        pytest.param("R", id="capital-letter-is-a-name"),
    ],
)
def test_a_letter_after_a_number_or_in_capitals_stays_a_label(typed: str) -> None:
    assert _stems(typed)[-1] in ("v", "r")


def test_an_aside_adds_no_negation() -> None:
    tokens = tokenise("idk ngl he backed the GMD")
    assert not any(t.flags & NEGATOR for t in tokens)
    assert _shown(("supported the GMD", "backed the GMD"), "idk ngl he backed the GMD")


def test_a_number_stays_a_number() -> None:
    assert tokenise("4 countries")[0].flags & NUMBER


RECKLESS = ("far more reckless", "a reckless gamble")
NEUTRAL = ("stay neutral", "keep out of the war")


@pytest.mark.parametrize(
    ("accept", "answer"),
    [
        pytest.param(RECKLESS, "intervened in china, reckless", id="keyword-without-degree"),
        pytest.param(RECKLESS, "he sided with the gmd, which was reckless", id="clause"),
        pytest.param(RECKLESS, "it was v reckless", id="text-speak-degree"),
        pytest.param(NEUTRAL, "attacked by a third country, neutral", id="keyword-no-copula"),
        pytest.param(NEUTRAL, "germany would be neutral", id="another-copula"),
        pytest.param(NEUTRAL, "neutrality", id="word-family"),
    ],
)
def test_a_degree_word_or_copula_may_be_left_out(accept: tuple[str, ...], answer: str) -> None:
    assert _shown(accept, answer, prompt="What did the policy show?")


@pytest.mark.parametrize(
    ("accept", "answer"),
    [
        pytest.param(RECKLESS, "it was not reckless", id="denied"),
        pytest.param(RECKLESS, "it was less reckless", id="opposite-degree"),
        pytest.param(RECKLESS, "it was cautious", id="opposite-word"),
        pytest.param(NEUTRAL, "germany would not be neutral", id="denied-copula"),
        pytest.param(NEUTRAL, "germany would stay out of the war", id="words-of-another"),
        pytest.param(
            ("more security", "gave the USSR security"),
            "he secured the treaty of berlin",
            id="degree-before-a-noun-stays-needed",
        ),
    ],
)
def test_a_degree_word_left_out_does_not_let_in_the_opposite(
    accept: tuple[str, ...], answer: str
) -> None:
    assert not _shown(accept, answer, prompt="What did the policy show?")


def test_what_is_left_must_not_be_what_the_question_says() -> None:
    # the question's own "not always cautious" would show a bare "reckless"
    prompt = "Why was Stalin not always cautious?"
    assert not _shown(RECKLESS, "it was reckless", prompt=prompt)
    assert _shown(RECKLESS, "it was far more reckless", prompt=prompt)
