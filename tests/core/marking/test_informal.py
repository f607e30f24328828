"""Answers typed the way students type: text-speak, contractions without apostrophes,
degree words left out. Each read as meant; a denial, an opposite or another subject still
shows nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.marking.questions import shown, stems
from tutorbot.adapters.deck_files import Deck, load_deck
from tutorbot.core.marking import mark
from tutorbot.core.marking.normalise import NEGATOR, NUMBER, tokenise

_stems = stems


def _shown(
    accept: tuple[str, ...], answer: str, prompt: str = "What did Stalin do?", point: str = ""
) -> bool:
    return shown(accept, answer, prompt, point)


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
        pytest.param("w/o money", "without money", id="w-slash-o"),
        pytest.param("w/ germany", "with germany", id="w-slash"),
        pytest.param("b/c he was poor", "because he was poor", id="b-slash-c"),
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


SUPPORTED = ("supported the GMD", "backed the GMD")


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("the GMD not the CCP", True, id="x-not-y"),
        pytest.param("the gmd i think", True, id="bare-answer"),
        pytest.param("the CCP not the GMD", False, id="y-not-x"),
        pytest.param("not the GMD", False, id="denied"),
        pytest.param("he opposed the GMD", False, id="other-side"),
        pytest.param("the gmd were his enemies", False, id="enemies"),
    ],
)
def test_an_answer_need_not_repeat_the_verb_the_question_asks_with_did(
    answer: str, shown: bool
) -> None:
    assert _shown(SUPPORTED, answer, prompt="Which side did Stalin support in China?") is shown


def test_a_verb_the_question_asks_without_did_stays_needed() -> None:
    # "what changed" asks for the change: the answer must say it changed
    accept = ("the priority changed in 1929", "became a priority in 1929")
    assert not _shown(accept, "the priority in 1929", prompt="What changed in 1929?")
    assert _shown(accept, "the priority changed in 1929", prompt="What changed in 1929?")


def test_a_question_asking_why_something_did_not_happen_frees_nothing() -> None:
    accept = ("the bulb lit", "the bulb glowed")
    assert not _shown(accept, "the bulb", prompt="Why didn't the bulb light?")


@pytest.mark.parametrize(
    ("accept", "answer", "shown"),
    [
        pytest.param(
            ("sided with the GMD", "backed the GMD"),
            "instead of staying out of it he sided with the gmd",
            True,
            id="instead-of-then-own-subject",
        ),
        pytest.param(
            ("sided with the GMD", "backed the GMD"),
            "instead of siding with the gmd he stayed out",
            False,
            id="instead-of-governs-its-own-words",
        ),
        pytest.param(
            ("the bulbs are in series", "series circuit"),
            "rather than a parallel circuit they made the bulbs in series",
            True,
            id="rather-than-then-own-subject",
        ),
        pytest.param(
            ("lack of resources", "not enough resources"),
            "they didnt have loads of resources",
            True,
            id="quantity-of-is-not-the-verb",
        ),
        pytest.param(
            ("lack of resources", "not enough resources"),
            "they had loads of resources",
            False,
            id="quantity-without-negation",
        ),
        pytest.param(
            ("build socialism at home", "socialism in one country"),
            "he said no, lets just build socialism at home",
            True,
            id="no-as-a-reply",
        ),
        pytest.param(
            ("build socialism at home", "socialism in one country"),
            "he had no plan to build socialism at home",
            False,
            id="no-as-a-determiner",
        ),
    ],
)
def test_a_negation_reaches_only_its_own_words(
    accept: tuple[str, ...], answer: str, shown: bool
) -> None:
    assert _shown(accept, answer, prompt="What did he do?") is shown


DECK_FILE = Path(__file__).resolve().parents[3] / "content" / "stalin-foreign-policy-1924-1929.yaml"


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(DECK_FILE)


@pytest.mark.parametrize(
    ("question_id", "answer", "points"),
    [
        pytest.param(
            "china-gmd", "Stalin backd the Guomindang rather than the CCP", {"supported-gmd"}
        ),
        pytest.param("china-gmd", "the GMD not the CCP", {"supported-gmd"}),
        pytest.param("china-gmd", "the CCP not the GMD", set()),
        pytest.param(
            "berlin-article-2",
            "attacked by third country, neutral",
            {"attacked-by-third", "stay-neutral"},
        ),
        pytest.param(
            "domestic-factors",
            "they didnt have loads of resources either",
            {"resources"},
        ),
        pytest.param(
            "china-not-cautious",
            "instead of staying out of it he sided with the gmd, which was reckless",
            {"heavy-intervention"},
        ),
        pytest.param(
            "sioc-change", "b4 he wanted 2 spread socialism like lenin tbh", {"lenin-wish"}
        ),
    ],
)
def test_bundled_deck_answers_typed_informally(
    deck: Deck, question_id: str, answer: str, points: set[str]
) -> None:
    verdict = mark(deck.question(question_id), answer)
    assert {p.point.id for p in verdict.hit} == points


ELIMINATED = ("eliminated his rivals", "defeated Trotsky")
SUPPRESSED = ("the revolts were suppressed", "the revolts were crushed")
WITHDREW = ("the troops withdrew", "the army withdrew")


@pytest.mark.parametrize(
    ("accept", "answer", "shown"),
    [
        pytest.param(ELIMINATED, "he got rid of his rivals", True, id="got-rid-of"),
        pytest.param(ELIMINATED, "he gets rid of all his rivals", True, id="gets-rid-of"),
        pytest.param(SUPPRESSED, "they stamped down the revolts", True, id="stamp-down"),
        pytest.param(SUPPRESSED, "the revolts were stamped down", True, id="passive"),
        pytest.param(WITHDREW, "the troops pulled back", True, id="pull-back"),
        pytest.param(ELIMINATED, "he did not get rid of his rivals", False, id="denied"),
        pytest.param(ELIMINATED, "his rivals got rid of him", False, id="who-did-what"),
        pytest.param(ELIMINATED, "he got his rivals", False, id="verb-without-particle"),
        pytest.param(WITHDREW, "the troops pulled the cart back", False, id="split-phrasal"),
        pytest.param(WITHDREW, "the troops never pulled back", False, id="never"),
    ],
)
def test_a_phrasal_verb_wordnet_lists_counts_as_the_verb(
    accept: tuple[str, ...], answer: str, shown: bool
) -> None:
    assert _shown(accept, answer, prompt="What happened?") is shown


def test_a_phrasal_verb_never_carries_a_phrasing_alone() -> None:
    # "withdrew" alone shows the first phrasing: a phrasal verb does not stand in for it
    assert _shown(("withdrew", "the army withdrew"), "they withdrew", prompt="What happened?")
    assert not _shown(("withdrew", "the army withdrew"), "they pulled back", prompt="What?")


@pytest.mark.parametrize(
    "typed",
    [
        "power struggle + party split",
        "power struggle = party split",
        "power struggle -> party split",
        "power struggle \u2192 party split",
        "power struggle/party split",
        "power struggle / party split",
    ],
)
def test_keyword_list_marks_separate_items(typed: str) -> None:
    tokens = tokenise(typed)
    assert [t.stem for t in tokens] == _stems("power struggle, party split")
    assert tokens[1].clause != tokens[2].clause


def test_a_slash_in_a_unit_or_shorthand_is_not_a_list_mark() -> None:
    assert len({t.clause for t in tokenise("10 m/s")}) == 1
    assert tokenise("w/o money")[0].flags & NEGATOR


def test_a_list_item_in_text_speak_shows_a_point_and_w_slash_o_denies_it() -> None:
    accept = ("treaty with Germany", "signed the Treaty of Berlin")
    assert _shown(accept, "treaty w germany = more security 4 ussr", prompt="Why cautious?")
    assert not _shown(accept, "treaty w/o germany", prompt="Why cautious?")


def _point_shown(point: str, accept: tuple[str, ...], answer: str, prompt: str) -> bool:
    return _shown(accept, answer, prompt=prompt, point=point)


FACTORS = "Which factors shaped his policy?"


@pytest.mark.parametrize(
    ("point", "accept", "answer", "shown"),
    [
        pytest.param(
            "Finance (the means to support a war)",
            ("money for a war", "lack of finance"),
            "finance, military, resources",
            True,
            id="keyword-names-the-point",
        ),
        pytest.param(
            "Photosynthesis (plants make food from light)",
            ("plants make food from light", "make their own food"),
            "photosynthesis",
            True,
            id="another-subject",
        ),
        pytest.param(
            "Finance (the means to support a war)",
            ("money for a war", "means to support a war"),
            "not finance, it was ideology",
            False,
            id="denied",
        ),
        pytest.param(
            "The bulb (A) is in a closed path",
            ("bulb A is in a closed path", "A is in a closed circuit"),
            "the bulb",
            False,
            id="bracketed-label-is-not-a-name",
        ),
        pytest.param(
            "Stalin supported the GMD (Guomindang)",
            ("supported the GMD", "backed the GMD"),
            "stalin",
            False,
            id="a-sentence-is-not-a-name",
        ),
        pytest.param(
            "Policy factors (what mattered)",
            ("money for a war", "army strength"),
            "policy factors",
            False,
            id="a-name-the-question-says",
        ),
    ],
)
def test_a_keyword_naming_a_key_point_shows_it(
    point: str, accept: tuple[str, ...], answer: str, shown: bool
) -> None:
    assert _point_shown(point, accept, answer, FACTORS) is shown
