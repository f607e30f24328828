"""Decks teachers upload through Telegram: checked as ``tutorbot check`` does, kept in the
database, visible to their teacher and the students of that teacher's classes.

``check_deck_file`` is pure (bytes in, a deck and its warnings out); ``DeckLibrary`` is the
service the bot's deck handlers and the Tutor call. Every process reads the decks from the
database, parsing a deck again only when its version changed, so an upload takes effect
without a restart, in every process sharing the database.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from tutorbot.core.clock import Clock
from tutorbot.core.deck import Deck
from tutorbot.core.deck_examples import check_examples
from tutorbot.core.deck_format import load_deck_text
from tutorbot.core.deck_lint import lint
from tutorbot.core.errors import ContentError, DeckRefused, Problem, UnknownDeck, quoted
from tutorbot.core.findings import located
from tutorbot.core.records import UploadedDeck
from tutorbot.services.ports import UploadedDeckRecords

logger = logging.getLogger(__name__)

MAX_BYTES = 1_000_000
MAX_QUESTIONS = 500
MAX_EXPANDED_NODES = 100_000
"""Values a deck's YAML may hold once its aliases (``*name``) are expanded: a 500-question deck
holds about 30,000; a "billion laughs" file holds billions from a few lines."""
DECK_SUFFIXES = (".yaml", ".yml")
NOTES_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class Installed:
    deck: Deck
    updated: bool
    warnings: tuple[Problem, ...]


@dataclass(frozen=True)
class TeacherDeck:
    deck: Deck
    classes: tuple[str, ...]


@dataclass(frozen=True)
class DeckFile:
    file_name: str
    text: str


def decoded(data: bytes, name: str) -> str:
    """The file's text; ``DeckRefused`` when it is too big or not UTF-8."""
    if len(data) > MAX_BYTES:
        raise DeckRefused(too_big(name, len(data)))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DeckRefused(
            f"{name} is not UTF-8 text (line {line}): save it as UTF-8 and send it again."
        ) from None


def too_big(name: str, size: int) -> str:
    return f"{name} is {size / 1_000_000:.1f} MB: I take files of up to 1 MB."


def check_deck_file(data: bytes, name: str) -> tuple[Deck, tuple[Problem, ...]]:
    """The deck in the file, checked as ``tutorbot check`` checks it (examples included), and
    its warnings; ``ContentError`` lists every problem, ``DeckRefused`` a file not taken."""
    text = decoded(data, name)
    expanded = _expanded_nodes(text)
    if expanded > MAX_EXPANDED_NODES:
        raise DeckRefused(
            f"{name}: its aliases (*name) expand to more than {MAX_EXPANDED_NODES:,} values; "
            "write the values out instead."
        )
    deck = load_deck_text(text, name)
    if len(deck.questions) > MAX_QUESTIONS:
        raise DeckRefused(
            f"{name} has {len(deck.questions)} questions: a deck holds at most "
            f"{MAX_QUESTIONS}. Split it in two."
        )
    problems = located(deck, check_examples(deck))
    if problems:
        raise ContentError(problems)
    return deck, tuple(located(deck, lint(deck), prefix="warning: "))


def _expanded_nodes(text: str) -> int:
    """How many values the YAML holds with every alias expanded, counted from the parser's
    events without building anything (0 when it does not parse: the loader says why)."""
    sizes: dict[str, int] = {}
    open_counts: list[int] = []
    open_anchors: list[str | None] = []
    total = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                added = sizes.get(event.anchor or "", 1)
            elif isinstance(event, yaml.ScalarEvent):
                added = 1
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.CollectionStartEvent):
                open_counts.append(1)
                open_anchors.append(event.anchor)
                continue
            elif isinstance(event, yaml.CollectionEndEvent):
                added = open_counts.pop()
                anchor = open_anchors.pop()
                if anchor:
                    sizes[anchor] = added
            else:
                continue
            if open_counts:
                open_counts[-1] += added
            else:
                total += added
            if max(total, *open_counts, 0) > MAX_EXPANDED_NODES:
                return max(total, *open_counts)
    except yaml.YAMLError:
        return 0
    return total


def draft_file(data: bytes, name: str) -> DeckFile:
    """A draft deck from notes, as a ``.yaml`` file named after them."""
    from tutorbot.core.drafting import draft_yaml  # the text tools load on first use only

    text = decoded(data, name)
    stem = Path(name).stem
    deck_id = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60] or "notes"
    return DeckFile(f"{deck_id}.yaml", draft_yaml(text, deck_id, name))


class DeckLibrary:
    def __init__(
        self, uploaded: UploadedDeckRecords, bundled: tuple[Deck, ...], clock: Clock
    ) -> None:
        self._decks = uploaded
        self._bundled = {deck.id: deck for deck in bundled}
        self._clock = clock
        self._cache: dict[str, tuple[int, Deck]] = {}

    def upload(self, teacher_id: int, file_name: str, data: bytes) -> Installed:
        """Install the deck in the file, or update the teacher's deck of that id."""
        return self.install(teacher_id, file_name, data, check_deck_file(data, file_name))

    def install(
        self,
        teacher_id: int,
        file_name: str,
        data: bytes,
        checked: tuple[Deck, tuple[Problem, ...]],
    ) -> Installed:
        """``upload`` with ``check_deck_file(data, file_name)`` done already (a second of
        marking examples for a large deck, which the bot does off its event loop)."""
        deck, warnings = checked
        if deck.id in self._bundled:
            raise DeckRefused(
                f"The deck id {quoted(deck.id)} is used by a deck that comes with the bot: "
                "change the `id:` line and send it again."
            )
        existing = self._decks.get(deck.id)
        version = self._decks.put(
            deck.id, teacher_id, file_name, decoded(data, file_name), self._clock()
        )
        if version is None:
            raise DeckRefused(
                f"The deck id {quoted(deck.id)} is another teacher's deck: "
                "change the `id:` line and send it again."
            )
        self._cache[deck.id] = (version, deck)
        logger.info("teacher %d installed deck %s (version %d)", teacher_id, deck.id, version)
        return Installed(deck, existing is not None and not existing.retired, warnings)

    def decks_of(self, teacher_id: int) -> tuple[TeacherDeck, ...]:
        classes = self._decks.class_names(teacher_id)
        mine = (deck for deck, owner in self._active() if owner == teacher_id)
        return tuple(TeacherDeck(deck, classes) for deck in mine)

    def deck_file(self, teacher_id: int, deck_id: str) -> DeckFile:
        found = self._decks.get(deck_id)
        text = self._decks.yaml(deck_id)
        if found is None or found.retired or found.teacher_id != teacher_id or text is None:
            raise UnknownDeck(deck_id)
        return DeckFile(found.file_name, text)

    def owned(self, teacher_id: int, deck_id: str) -> Deck:
        """The teacher's deck in use (``UnknownDeck`` otherwise)."""
        found = self._decks.get(deck_id)
        deck = self._parsed(found) if found is not None and not found.retired else None
        if found is None or deck is None or found.teacher_id != teacher_id:
            raise UnknownDeck(deck_id)
        return deck

    def remove(self, teacher_id: int, deck_id: str) -> Deck:
        """Retire the teacher's deck: no longer listed or asked; answers given are kept."""
        deck = self.owned(teacher_id, deck_id)
        self._decks.retire(deck.id, self._clock())
        self._cache.pop(deck.id, None)
        logger.info("teacher %d removed deck %s", teacher_id, deck.id)
        return deck

    def get(self, deck_id: str) -> Deck | None:
        """The uploaded deck in use with this id, whoever may see it."""
        found = self._decks.get(deck_id)
        if found is None or found.retired:
            return None
        return self._parsed(found)

    def visible(self, user_id: int) -> tuple[Deck, ...]:
        """The uploaded decks ``user_id`` may see: their own, and their teachers'."""
        teachers = self._decks.teachers_of(user_id) | {user_id}
        return tuple(deck for deck, owner in self._active() if owner in teachers)

    def _active(self) -> list[tuple[Deck, int]]:
        """Each uploaded deck in use, with its teacher."""
        decks = []
        for found in self._decks.active():
            deck = self._parsed(found)
            if deck is not None:
                decks.append((deck, found.teacher_id))
        return decks

    def _parsed(self, found: UploadedDeck) -> Deck | None:
        cached = self._cache.get(found.id)
        if cached is not None and cached[0] == found.version:
            return cached[1]
        text = self._decks.yaml(found.id)
        try:
            deck = load_deck_text(text or "", found.file_name)
        except ContentError:  # checked when installed: only a format change gets here
            logger.warning("uploaded deck %s no longer loads", found.id)
            return None
        self._cache[found.id] = (found.version, deck)
        return deck
