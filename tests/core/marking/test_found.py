"""Answers found marked wrong when tried as a new student would (issue 8), on the bundled
deck's questions: each is marked as a fair teacher would mark it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.marking.questions import one_point
from tutorbot.adapters.deck_files import Deck, load_deck
from tutorbot.core.deck import KeyPoint, Misconception, Question
from tutorbot.core.marking import Verdict, mark

DECK_FILE = Path(__file__).resolve().parents[3] / "content" / "stalin-foreign-policy-1924-1929.yaml"


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(DECK_FILE)


def _mark(deck: Deck, question_id: str, answer: str) -> Verdict:
    question = next(q for q in deck.questions if q.id == question_id)
    return mark(question, answer)


def _credited(verdict: Verdict) -> set[str]:
    return {p.point.id for p in verdict.hit}


def _flagged(verdict: Verdict) -> set[str]:
    return {m.misconception.id for m in verdict.misconceptions}


# (case id, question id, answer, points that must be credited, points that must not be)
DENIALS_AND_REVERSALS = [
    ("nep-not-failing", "nep-finance", "the NEP was not failing at all", set(), {"nep-failing"}),
    (
        "nep-not-failing-why-cautious",
        "why-cautious",
        "the NEP was not failing at all",
        set(),
        {"nep-finance"},
    ),
    (
        "nep-wasnt-really-failing",
        "nep-finance",
        "the NEP wasn't really failing",
        set(),
        {"nep-failing"},
    ),
    (
        "banks-refused-to-lend",
        "german-credits",
        "German banks refused to lend him anything",
        set(),
        {"credits"},
    ),
    ("gmd-were-enemies", "china-gmd", "the GMD were his enemies", set(), {"supported-gmd"}),
    (
        "trotsky-agreed",
        "trotsky-china",
        "trotsky agreed with stalin on who to support",
        set(),
        {"disagreed"},
    ),
    (
        "ccp-against-gmd",
        "china-gmd",
        "He supported the CCP against the GMD",
        set(),
        {"supported-gmd"},
    ),
    (
        "gmd-rather-than-ccp",
        "china-gmd",
        "He backed the GMD rather than the CCP",
        {"supported-gmd"},
        set(),
    ),
    (
        "ccp-rather-than-gmd",
        "china-gmd",
        "He backed the CCP rather than the GMD",
        set(),
        {"supported-gmd"},
    ),
    (
        "gmd-not-ccp",
        "china-gmd",
        "He supported the GMD, not the CCP",
        {"supported-gmd"},
        set(),
    ),
    (
        "ccp-instead-of-gmd",
        "china-gmd",
        "He supported the CCP instead of the GMD",
        set(),
        {"supported-gmd"},
    ),
    (
        "no-promise-about-boycotts",
        "berlin-article-3",
        "they didn't promise anything about boycotts",
        set(),
        {"no-boycott"},
    ),
    (
        "boycott-negation-carried",
        "berlin-article-3",
        "they would join a boycott against each other",
        set(),
        {"no-boycott"},
    ),
    (
        "not-join-boycott",
        "berlin-article-3",
        "neither would join a boycott of the other",
        {"no-boycott"},
        set(),
    ),
    (
        "criticised-by-trotsky",
        "trotsky-china",
        "Stalin was criticised by Trotsky over who to support",
        {"disagreed"},
        set(),
    ),
    (
        "visited-countries",
        "sioc-change",
        "he visited lots of countries",
        set(),
        {"one-country", "lenin-wish", "domestic-priority"},
    ),
    (
        "visited-countries-ideology",
        "ideology-factor",
        "he visited lots of countries",
        set(),
        {"sioc"},
    ),
    (
        "congress-typo",
        "party-congress-1927",
        "he was criticised at the party congres in 1927",
        {"party-congress", "in-1927"},
        set(),
    ),
]


@pytest.mark.parametrize(
    ("question_id", "answer", "credited", "not_credited"),
    [pytest.param(q, a, c, n, id=case) for case, q, a, c, n in DENIALS_AND_REVERSALS],
)
def test_denials_and_reversals_are_not_credited(
    deck: Deck, question_id: str, answer: str, credited: set[str], not_credited: set[str]
) -> None:
    got = _credited(_mark(deck, question_id, answer))
    assert credited <= got
    assert not (not_credited & got)


# (case id, question id, answer, misconceptions that must not be flagged, that must be)
MISCONCEPTIONS = [
    (
        "dropped-world-revolution",
        "sioc-change",
        "Stalin dropped the idea of world revolution and focused on making socialism work in"
        " Russia first",
        {"world-revolution"},
        set(),
    ),
    (
        "gave-up-world-revolution",
        "sioc-cautious",
        "Stalin gave up on world revolution",
        {"world-revolution"},
        set(),
    ),
    (
        "essay-plan-list",
        "essay-always-cautious",
        "Germany - Treaty of Berlin, neutrality\nChina - supported the GMD, urged CCP to join",
        {"backed-ccp"},
        set(),
    ),
    (
        "ccp-against-gmd-flags-ccp",
        "china-gmd",
        "He supported the CCP against the GMD",
        set(),
        {"backed-ccp"},
    ),
    (
        "gmd-not-ccp-no-flag",
        "china-gmd",
        "He supported the GMD, not the CCP",
        {"backed-ccp"},
        set(),
    ),
    (
        "bulleted-list",
        "china-gmd",
        "\u2022 supported the GMD\n\u2022 the CCP were told to join them",
        {"backed-ccp"},
        set(),
    ),
    (
        "new-lines",
        "china-gmd",
        "supported\nthe GMD\nCCP joined",
        {"backed-ccp"},
        set(),
    ),
    (
        "denied-world-revolution",
        "sioc-change",
        "Stalin never wanted world revolution, he wanted socialism in one country",
        {"world-revolution"},
        set(),
    ),
]


@pytest.mark.parametrize(
    ("question_id", "answer", "not_flagged", "flagged"),
    [pytest.param(q, a, n, f, id=case) for case, q, a, n, f in MISCONCEPTIONS],
)
def test_misconceptions_only_where_the_answer_holds_them(
    deck: Deck, question_id: str, answer: str, not_flagged: set[str], flagged: set[str]
) -> None:
    got = _flagged(_mark(deck, question_id, answer))
    assert flagged <= got
    assert not (not_flagged & got)


def _question(prompt: str, *accept: str) -> Question:
    return one_point(accept, prompt)


# Other subjects (the public SemEval-style misses): the answer names the concept in another
# word form, leaves out what the question says, or drops a modifier.
OTHER_SUBJECTS = [
    (
        "another-word-form",
        _question("What kind of economy does the United States have?", "capitalist economy"),
        "capitalism",
    ),
    (
        "leaves-out-the-question",
        _question("Why do some states have more representatives?", "the state's population"),
        "population",
    ),
    (
        "typo-in-an-inflected-word",
        _question("What happened to the strikes?", "the strikes were suppressed"),
        "the strikes got supresed",
    ),
    (
        "typo-in-a-past-tense",
        _question("What did Article 2 say?", "if one was attacked"),
        "if one was atacked",
    ),
    (
        "adjective-left-out",
        _question("What did the USSR get from Germany?", "huge financial credits"),
        "credits",
    ),
    (
        "economic-for-economy",
        _question("Why did the war end?", "the economy collapsed"),
        "economic collapse",
    ),
    (
        "neutrality-for-neutral",
        _question("What did Article 2 say?", "neutrality"),
        "the other would remain neutral",
    ),
]


@pytest.mark.parametrize(
    ("question", "answer"), [pytest.param(q, a, id=case) for case, q, a in OTHER_SUBJECTS]
)
def test_right_answers_in_other_words_are_credited(question: Question, answer: str) -> None:
    assert mark(question, answer).passed


@pytest.mark.xfail(
    reason="a dropped modifier is still required in phrasings of up to three words: allowing"
    " it cost Beetle training macro-F1 0.013 (docs/marking.md)",
    strict=True,
)
def test_an_answer_dropping_a_modifier_is_credited() -> None:
    question = _question("What did the United States start as?", "the 13 original colonies")
    assert mark(question, "13 colonies").passed


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        pytest.param(
            _question("What changed in 1929?", "the priority changed in 1929"),
            "it was a low priority",
            id="a-verb-the-question-says-is-still-needed",
        ),
        pytest.param(
            _question("Why do some states have more representatives?", "the state's population"),
            "states have more representatives",
            id="restating-the-question-alone-shows-nothing",
        ),
        pytest.param(
            _question("What is wrong with the bulb?", "the bulb is damaged"),
            "the battery is damaged",
            id="another-subject-in-the-questions-place",
        ),
    ],
)
def test_words_the_question_says_do_not_carry_a_point_alone(
    question: Question, answer: str
) -> None:
    assert not mark(question, answer).passed


def test_a_misconception_still_needs_the_words_the_question_says() -> None:
    question = Question(
        id="q",
        prompt="Which side did Stalin support in China?",
        key_points=(KeyPoint("gmd", "the GMD", ("backed the GMD",)),),
        pass_mark=1,
        misconceptions=(Misconception("ccp", ("supported the CCP",), "He backed the GMD."),),
    )
    assert not mark(question, "the CCP were in China too").misconceptions


def test_a_misconception_is_not_found_in_the_words_that_show_a_key_point() -> None:
    question = Question(
        id="q",
        prompt="What did Stalin do in China?",
        key_points=(KeyPoint("join", "urged the CCP to join the GMD", ("urged the CCP to join",)),),
        pass_mark=1,
        misconceptions=(Misconception("ccp", ("supported the CCP",), "He backed the GMD."),),
    )
    verdict = mark(question, "he supported the GMD and urged the CCP to join them")
    assert verdict.passed
    assert mark(question, "he supported the CCP").misconceptions


# Paraphrases the bundled deck already lists in another form: word forms, passives and
# typos must not stop them.
PARAPHRASES = [
    ("lent-for-loans", "german-credits", "german banks lent stalin huge sums", "credits"),
    ("crushed", "china-massacre", "the workers revolts got crushed", "revolts-suppressed"),
    ("split", "why-cautious", "the party was split", "party-division"),
    ("congres", "party-congress-1927", "the party congres", "party-congress"),
]


@pytest.mark.parametrize(
    ("question_id", "answer", "point_id"),
    [pytest.param(q, a, p, id=case) for case, q, a, p in PARAPHRASES],
)
def test_paraphrases_in_the_decks_words_are_credited(
    deck: Deck, question_id: str, answer: str, point_id: str
) -> None:
    assert point_id in _credited(_mark(deck, question_id, answer))


# Paraphrases that need the deck to list the phrase (the deck's own work): once listed, the
# student's inflections and word order still match it.
LISTED_SYNONYMS = [
    ("stay-out-of-it", "stay out of it", "the other one would stay out of it"),
    ("bankers", "German bankers lent", "german bankers lent stalin huge sums"),
    ("put-down", "revolts put down", "the revolts were put down"),
    ("slaughtered", "communists slaughtered", "loads of communists got slaughtered"),
    ("too-poor", "too poor", "the USSR was too poor"),
    ("fighting-over-who-would-lead", "fight over who would lead", "fighting over who would lead"),
]


@pytest.mark.parametrize(
    ("phrase", "answer"), [pytest.param(p, a, id=case) for case, p, a in LISTED_SYNONYMS]
)
def test_a_listed_synonym_matches_the_students_form_of_it(phrase: str, answer: str) -> None:
    assert mark(_question("What happened?", phrase), answer).passed
