"""Shared fixtures: a fake clock, a store on a temporary database, a small deck, a tutor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes import FakeClock, phrase_marker
from tutorbot.adapters.store import Store
from tutorbot.core.deck import Deck, KeyPoint, Misconception, Question
from tutorbot.services.tutor import Tutor


def small_deck(deck_id: str = "treaties") -> Deck:
    """Three questions: two key points (pass 1, with hint and misconception), one, and three."""
    return Deck(
        id=deck_id,
        title="Treaties of the 1920s",
        subject="History",
        questions=(
            Question(
                id="berlin",
                prompt="What did the Treaty of Berlin (1926) say?",
                key_points=(
                    KeyPoint(
                        "neutral",
                        "If either was attacked, the other would stay neutral",
                        ("stay neutral", "remain neutral"),
                        "Article 2: if attacked by a third country, the other stays neutral.",
                    ),
                    KeyPoint(
                        "boycott",
                        "Neither would join an economic boycott of the other",
                        ("no boycott",),
                        "Article 3: neither would join a boycott.",
                    ),
                ),
                pass_mark=1,
                hint="Think about neutrality and trade.",
                misconceptions=(
                    Misconception("alliance", ("military alliance",), "It was a neutrality pact."),
                ),
            ),
            Question(
                id="rapallo",
                prompt="When was the Treaty of Rapallo signed?",
                key_points=(KeyPoint("year", "1922", ("1922",)),),
                pass_mark=1,
            ),
            Question(
                id="locarno",
                prompt="Why did Locarno worry Stalin?",
                key_points=(
                    KeyPoint("west", "Germany turned west", ("turned west",)),
                    KeyPoint("isolation", "The USSR was isolated", ("isolated",)),
                    KeyPoint(
                        "borders", "Eastern borders were not guaranteed", ("eastern borders",)
                    ),
                ),
                pass_mark=2,
            ),
        ),
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "tutorbot.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture
def deck() -> Deck:
    return small_deck()


@pytest.fixture
def tutor(store: Store, deck: Deck, clock: FakeClock) -> Tutor:
    """A tutor on the small deck and a second one, marking with ``phrase_marker``."""
    return Tutor(store, [deck, small_deck("treaties-2")], clock, marker=phrase_marker)
