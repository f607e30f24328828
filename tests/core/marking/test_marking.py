"""The marker: which key points and misconceptions an answer shows, and with which words."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tutorbot.core.deck import KeyPoint, Misconception, Question
from tutorbot.core.marking import TUNING, PointResult, Verdict, mark
from tutorbot.core.marking.verdict import judge


def _point(point_id: str, *accept: str, evidence: str | None = None) -> KeyPoint:
    return KeyPoint(point_id, accept[0], accept, evidence)


BERLIN = Question(
    id="berlin",
    prompt="What did the Treaty of Berlin (1926) say, and what did the USSR gain from it?",
    key_points=(
        _point("neutral", "stay neutral", "remain neutral", "neutrality"),
        _point(
            "no-boycott",
            "neither would join an economic boycott",
            "no boycott",
            "not boycott each other",
        ),
        _point("credits", "huge credits from German banks", "German banks loaned money"),
        _point("june-1926", "credits in June 1926"),
        _point("credits-ussr", "huge credits to the USSR"),
        _point("stresemann", "continued until Stresemann died"),
        _point("non-aggression", "non-aggression treaty"),
        _point("defence", "defence of the borders"),
        _point("effective", "the treaty was effective"),
        _point("trustful", "trustful cooperation between the German people and the peoples"),
    ),
    pass_mark=2,
    misconceptions=(
        Misconception("alliance", ("military alliance",), "It was a neutrality pact."),
    ),
)

CHINA = Question(
    id="china",
    prompt="How did Stalin intervene in China, and what did it cost him at home?",
    key_points=(
        _point("gmd", "supported the GMD", "backed the GMD", "supported the Guomindang"),
        _point("ccp", "urged the CCP to join the GMD"),
        _point("trotsky", "criticised by Trotsky"),
        _point("congress", "criticised at the 1927 Party Congress"),
        _point("reckless", "was not always cautious"),
        _point("not-stick", "the accusation didn't stick"),
        _point("favoured", "favoured the GMD"),
        _point("analyse", "historians analyse his behaviour"),
    ),
    pass_mark=2,
    misconceptions=(
        Misconception(
            "ccp-backed", ("Stalin backed the CCP against the GMD",), "He backed the GMD."
        ),
    ),
)

IDEOLOGY = Question(
    id="ideology",
    prompt="How did Communist ideology shape Stalin's foreign policy?",
    key_points=(
        _point("sioc", "Socialism in One Country"),
        _point("comintern", "Comintern was a low priority"),
        _point("no-pact", "no pact with capitalist countries"),
        _point("domestic", "priority was domestic affairs"),
    ),
    pass_mark=1,
)

TREATY = Question(
    id="treaty",
    prompt="Compare Lenin's and Stalin's foreign policy, and the Treaty of Berlin.",
    key_points=(
        _point("article-2", "Article 2 said the other would stay neutral"),
        _point("different-aims", "Lenin and Stalin had different aims"),
        _point("stalin-gmd", "Stalin sided with the GMD"),
        _point("overthrow", "overthrow the GMD"),
        _point("nep-failing", "the NEP was failing"),
        _point("not-effective", "the blockade was not effective"),
    ),
    pass_mark=1,
)

CASES = [
    # (id, question, answer, point id, shown?)
    ("exact-phrasing", BERLIN, "The other would stay neutral.", "neutral", True),
    ("typo-neutrel", BERLIN, "the other would stay neutrel", "neutral", True),
    ("typo-strezemann", BERLIN, "it continued until Strezemann died", "stresemann", True),
    ("typo-guomindnag", CHINA, "Stalin supported the Guomindnag", "gmd", True),
    ("typo-two-words", BERLIN, "huge credets from Germen banks", "credits", True),
    (
        "inflection-boycotting",
        BERLIN,
        "neither side would join in boycotting the other",
        "no-boycott",
        True,
    ),
    ("inflection-supporting", CHINA, "Stalin was supporting the GMD", "gmd", True),
    ("inflection-plural-and-past", BERLIN, "the German bank loans money", "credits", True),
    (
        "extra-and-reordered-words",
        BERLIN,
        "German banks gave the USSR huge credits",
        "credits",
        True,
    ),
    ("case-insensitive", CHINA, "STALIN SUPPORTED THE GMD", "gmd", True),
    ("curly-quote-contraction", CHINA, "he wasn\u2019t always cautious", "reckless", True),
    ("straight-quote-contraction", CHINA, "he wasn't always cautious", "reckless", True),
    ("contraction-without-apostrophe", CHINA, "he wasnt always cautious", "reckless", True),
    ("contraction-in-phrasing", CHINA, "the accusation did not stick", "not-stick", True),
    ("us-spelling-ize", CHINA, "he was criticized by Trotsky", "trotsky", True),
    ("us-spelling-or", CHINA, "Stalin favored the GMD", "favoured", True),
    ("us-spelling-yze-and-or", CHINA, "historians analyze his behavior", "analyse", True),
    ("us-spelling-ense", BERLIN, "the defense of the borders", "defence", True),
    ("hyphen-removed", BERLIN, "a non aggression treaty", "non-aggression", True),
    ("hyphen-joined-words", IDEOLOGY, "socialism-in-one-country", "sioc", True),
    ("number-word-as-digit", IDEOLOGY, "socialism in 1 country", "sioc", True),
    (
        "long-phrasing-most-words",
        BERLIN,
        "trustful cooperation of German and Soviet peoples",
        "trustful",
        True,
    ),
    ("negated-positive-point-not-credited", CHINA, "he never backed the GMD", "gmd", False),
    ("negated-with-did-not", CHINA, "Stalin did not support the GMD", "gmd", False),
    ("negated-with-didnt", CHINA, "Stalin didn\u2019t support the GMD", "gmd", False),
    ("negated-with-hardly", CHINA, "he hardly supported the GMD", "gmd", False),
    (
        "rather-than-negates-what-follows",
        CHINA,
        "he backed the CCP rather than the GMD",
        "gmd",
        False,
    ),
    (
        "instead-of-negates-what-follows",
        CHINA,
        "he backed the CCP instead of the GMD",
        "gmd",
        False,
    ),
    (
        "rather-than-leaves-what-precedes",
        CHINA,
        "he backed the GMD rather than the CCP",
        "gmd",
        True,
    ),
    (
        "negation-in-another-clause-ignored",
        CHINA,
        "he wasn't cautious, but he supported the GMD",
        "gmd",
        True,
    ),
    (
        "not-only-is-not-a-negation",
        CHINA,
        "he not only supported the GMD but armed it",
        "gmd",
        True,
    ),
    (
        "did-not-hesitate-is-not-a-negation",
        CHINA,
        "he did not hesitate and supported the GMD",
        "gmd",
        True,
    ),
    (
        "negative-point-shown-by-negative-answer",
        BERLIN,
        "they promised no boycott",
        "no-boycott",
        True,
    ),
    (
        "negative-point-shown-by-neither",
        BERLIN,
        "neither would join an economic boycott",
        "no-boycott",
        True,
    ),
    (
        "negative-point-not-shown-by-positive-answer",
        BERLIN,
        "they agreed to boycott",
        "no-boycott",
        False,
    ),
    (
        "negative-point-not-shown-by-affirmed-answer",
        CHINA,
        "he was always cautious",
        "reckless",
        False,
    ),
    (
        "negative-point-no-pact",
        IDEOLOGY,
        "there was no pact with capitalist countries",
        "no-pact",
        True,
    ),
    (
        "negative-point-pact-affirmed",
        IDEOLOGY,
        "he made a pact with capitalist countries",
        "no-pact",
        False,
    ),
    ("same-number-credited", BERLIN, "credits arrived in June 1926", "june-1926", True),
    ("different-number-not-credited", BERLIN, "credits arrived in June 1928", "june-1926", False),
    (
        "different-number-in-long-phrasing",
        CHINA,
        "criticised at the 1928 Party Congress",
        "congress",
        False,
    ),
    (
        "same-number-in-long-phrasing",
        CHINA,
        "he was criticised at the 1927 party congress",
        "congress",
        True,
    ),
    ("different-acronym-usa-for-ussr", BERLIN, "huge credits to the USA", "credits-ussr", False),
    ("same-acronym-dotted", BERLIN, "huge credits to the U.S.S.R.", "credits-ussr", True),
    ("different-acronym-ccp-for-gmd", CHINA, "Stalin supported the CCP", "gmd", False),
    (
        "different-short-word-high-for-low",
        IDEOLOGY,
        "the Comintern was a high priority",
        "comintern",
        False,
    ),
    (
        "same-short-word-low",
        IDEOLOGY,
        "for Stalin the Comintern was a low priority",
        "comintern",
        True,
    ),
    ("opposite-prefix-not-credited", BERLIN, "the treaty was ineffective", "effective", False),
    ("same-prefix-credited", BERLIN, "the treaty was very effective", "effective", True),
    ("missing-content-word-not-credited", BERLIN, "huge credits", "credits", False),
    (
        "long-phrasing-without-its-number",
        TREATY,
        "the article said the other would stay neutral",
        "article-2",
        True,
    ),
    (
        "long-phrasing-other-number-not-credited",
        TREATY,
        "Article 3: the other would stay neutral",
        "article-2",
        False,
    ),
    (
        "opposite-word-not-credited",
        TREATY,
        "Lenin and Stalin had the same aims",
        "different-aims",
        False,
    ),
    (
        "most-words-credited",
        TREATY,
        "Stalin had aims different from Lenin's",
        "different-aims",
        True,
    ),
    ("pronoun-stands-in-for-subject", TREATY, "he sided with the GMD", "stalin-gmd", True),
    (
        "pronoun-does-not-stand-in-for-acronym",
        TREATY,
        "Stalin sided with them",
        "stalin-gmd",
        False,
    ),
    (
        "pronoun-does-not-stand-in-for-a-verb",
        TREATY,
        "he told the CCP to join the GMD",
        "overthrow",
        False,
    ),
    ("refused-to-is-a-negation", CHINA, "Stalin refused to support the GMD", "gmd", False),
    ("did-not-fail-to-is-not-a-negation", CHINA, "he did not fail to support the GMD", "gmd", True),
    ("failing-as-a-content-word", TREATY, "by 1927 the NEP was failing", "nep-failing", True),
    (
        "opposite-prefix-shows-negated-point",
        TREATY,
        "the blockade was ineffective",
        "not-effective",
        True,
    ),
    ("unrelated-answer-not-credited", BERLIN, "Stalin liked tea", "neutral", False),
    (
        "words-too-far-apart-not-credited",
        CHINA,
        "Trotsky " + "said many things about the party " * 4 + "and was criticised",
        "trotsky",
        False,
    ),
]


@pytest.mark.parametrize(
    ("question", "answer", "point_id", "shown"),
    [pytest.param(q, a, p, s, id=case_id) for case_id, q, a, p, s in CASES],
)
def test_marker_decides_whether_answer_shows_key_point(
    question: Question, answer: str, point_id: str, shown: bool
) -> None:
    result = _result(mark(question, answer), point_id)
    assert result.hit is shown
    assert 0.0 <= result.score <= 1.0
    assert bool(result.matched) is shown


@pytest.mark.parametrize(
    ("question", "answer", "point_id", "matched"),
    [
        pytest.param(
            BERLIN, "Well, the other would stay neutrel!", "neutral", "stay neutrel", id="typo-kept"
        ),
        pytest.param(
            BERLIN,
            "Germn BANKS gave the USSR huge credits.",
            "credits",
            "Germn BANKS gave the USSR huge credits",
            id="case-and-order-kept",
        ),
        pytest.param(
            BERLIN, "They promised no boycott.", "no-boycott", "no boycott", id="negator-quoted"
        ),
        pytest.param(
            CHINA,
            "He wasn\u2019t always cautious",
            "reckless",
            "wasn\u2019t always cautious",
            id="curly-quote-kept",
        ),
        pytest.param(
            IDEOLOGY,
            "Socialism-in-one-country!",
            "sioc",
            "Socialism-in-one-country",
            id="hyphens-kept",
        ),
    ],
)
def test_matched_words_are_the_students_own(
    question: Question, answer: str, point_id: str, matched: str
) -> None:
    result = _result(mark(question, answer), point_id)
    assert result.matched == matched
    assert result.matched in answer


@pytest.mark.parametrize(
    ("question", "answer", "found"),
    [
        pytest.param(BERLIN, "it was a military alliance with Germany", ["alliance"], id="found"),
        pytest.param(BERLIN, "it was a militery aliance", ["alliance"], id="found-with-typos"),
        pytest.param(BERLIN, "it was not a military alliance", [], id="negated-not-found"),
        pytest.param(CHINA, "Stalin backed the CCP against the GMD", ["ccp-backed"], id="long"),
        pytest.param(
            CHINA, "Stalin backed the GMD rather than the CCP", [], id="rather-than-not-found"
        ),
        pytest.param(BERLIN, "the other would stay neutral", [], id="absent"),
    ],
)
def test_misconceptions_are_found_like_key_points(
    question: Question, answer: str, found: list[str]
) -> None:
    verdict = mark(question, answer)
    assert [m.misconception.id for m in verdict.misconceptions] == found
    for misconception in verdict.misconceptions:
        assert misconception.matched
        assert misconception.matched in answer


@pytest.mark.parametrize(
    ("answer", "hits", "passed"),
    [
        pytest.param("they would stay neutral", 1, False, id="below-pass-mark"),
        pytest.param("they would stay neutral and promised no boycott", 2, True, id="at-pass-mark"),
        pytest.param(
            "they would stay neutral and promised no boycott: a military alliance",
            2,
            False,
            id="misconception-fails-the-answer",
        ),
    ],
)
def test_pass_needs_pass_mark_points_and_no_misconception(
    answer: str, hits: int, passed: bool
) -> None:
    verdict = mark(BERLIN, answer)
    assert len(verdict.hit) == hits
    assert verdict.passed is passed
    assert verdict.score == pytest.approx(hits / len(BERLIN.key_points))


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param("", id="empty"),
        pytest.param("   \n\t ", id="whitespace"),
        pytest.param("😀🙈🔥", id="emoji-only"),
        pytest.param("?!...,,;", id="punctuation-only"),
        pytest.param("\u200b\u00a0", id="invisible-characters"),
    ],
)
def test_empty_answers_miss_everything(answer: str) -> None:
    for question in (BERLIN, CHINA, IDEOLOGY):
        verdict = mark(question, answer)
        assert verdict.hit == ()
        assert verdict.misconceptions == ()
        assert verdict.score == 0.0
        assert not verdict.passed


def test_a_very_long_answer_is_marked_and_its_points_found() -> None:
    filler = "Stalin had many worries at home in those years. "
    answer = (filler * 50)[:2000] + " The other would stay neutral. " + (filler * 50)[:2000]
    assert len(answer) > 3800
    verdict = mark(BERLIN, answer)
    assert [p.point.id for p in verdict.hit] == ["neutral"]


def test_marking_is_deterministic() -> None:
    answer = "Germn banks gave the USSR huge credits, they would stay neutrel and never boycott"
    first = mark(BERLIN, answer)
    assert all(mark(BERLIN, answer) == first for _ in range(5))
    assert mark(BERLIN, answer + " ").hit == first.hit


def test_points_are_reported_in_deck_order_with_the_question() -> None:
    verdict = mark(CHINA, "whatever")
    assert isinstance(verdict, Verdict)
    assert verdict.question is CHINA
    assert [p.point.id for p in verdict.points] == [p.id for p in CHINA.key_points]


def _result(verdict: Verdict, point_id: str) -> PointResult:
    return next(p for p in verdict.points if p.point.id == point_id)


SIGNED = Question(
    id="signed",
    prompt="What did Stalin achieve with Germany?",
    key_points=(
        _point("treaty", "signed the Treaty of Berlin"),
        _point("china", "intervened in China"),
    ),
    pass_mark=1,
)


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        ("the treaty of berlin", True),
        ("treaty of berlin, credits", True),
        ("he never signed the treaty of berlin", False),
        ("he read about the treaty of berlin", False),
        ("germany broke the treaty of berlin", False),
    ],
)
def test_a_keyword_list_item_need_not_repeat_a_phrasings_opening_verb(
    answer: str, shown: bool
) -> None:
    verdict = mark(SIGNED, answer)
    assert verdict.points[0].hit is shown


def test_a_phrasings_opening_verb_is_still_needed_when_one_word_is_left() -> None:
    assert not mark(SIGNED, "china").points[1].hit


LASTED = Question(
    id="lasted",
    prompt="How long did the arrangement with Germany last, and what does that show?",
    key_points=(_point("effective", "treaty was effective"),),
    pass_mark=1,
)


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        ("it lasted, which shows it was efective", True),
        ("shows it was effective", True),
        ("the army was effective", False),
        ("shows it was not effective", False),
    ],
)
def test_a_pronoun_stands_in_for_a_key_points_subject(answer: str, shown: bool) -> None:
    assert mark(LASTED, answer).points[0].hit is shown


JOIN = Question(
    id="join",
    prompt="What did Stalin tell the Chinese communists to do?",
    key_points=(_point("join", "join the GMD"),),
    pass_mark=1,
)


@pytest.mark.parametrize(
    ("answer", "shown"),
    [("to jion the gmd", True), ("to join the gmd", True), ("to jain the gmd", False)],
)
def test_a_short_word_typed_with_two_letters_swapped_still_counts(answer: str, shown: bool) -> None:
    assert mark(JOIN, answer).points[0].hit is shown


def test_a_swapped_word_the_lexicon_knows_is_not_read_as_a_slip() -> None:
    question = Question(
        id="salt",
        prompt="What is in the sea?",
        key_points=(_point("salt", "salt water"),),
        pass_mark=1,
    )
    assert mark(question, "salt water").points[0].hit
    assert not mark(question, "slat water").points[0].hit


CONGRESS = Question(
    id="congress",
    prompt="When was Stalin criticised?",
    key_points=(_point("in-1927", "in 1927"),),
    pass_mark=1,
)


@pytest.mark.parametrize(
    ("answer", "shown"),
    [("party congress 27", True), ("in 1927", True), ("in 26", False), ("in 1926", False)],
)
def test_a_year_may_be_written_with_its_last_two_digits(answer: str, shown: bool) -> None:
    assert mark(CONGRESS, answer).points[0].hit is shown


FIRST = Question(
    id="first",
    prompt="What did Socialism in One Country show about Stalin?",
    key_points=(
        _point("domestic", "domestic affairs first"),
        _point("circuit", "the circuit has a closed path"),
        _point("against", "against social democrats"),
    ),
    pass_mark=1,
)


@pytest.mark.parametrize(
    ("answer", "point", "shown"),
    [
        ("domestic first", 0, True),
        ("domestic affairs first", 0, True),
        ("first domestic", 0, False),  # not in the phrasing's order
        ("domestic trade first", 0, False),  # another word in the missing one's place
        ("domestic was not first", 0, False),
        ("a closed circuit", 1, False),  # the subject is never the word left out
        ("social democrats", 2, False),  # nor a stance word
    ],
)
def test_with_one_spare_two_of_a_three_word_phrasing_show_it_when_the_third_is_nowhere(
    answer: str, point: int, shown: bool
) -> None:
    tuning = replace(TUNING, one_spare=True)
    assert judge(FIRST, answer, tuning).points[point].hit is shown


def test_by_default_a_three_word_phrasing_needs_all_three() -> None:
    assert not mark(FIRST, "domestic first").points[0].hit


def test_repeating_the_question_does_not_show_a_phrasing_whose_verb_is_all_it_adds() -> None:
    question = Question(
        id="sioc",
        prompt="How did Socialism in One Country change Soviet foreign policy?",
        key_points=(_point("one-country", "build socialism in the Soviets"),),
        pass_mark=1,
    )
    assert not mark(question, question.prompt).points[0].hit
    assert not mark(question, "socialism, soviets").points[0].hit
