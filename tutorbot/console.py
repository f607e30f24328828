"""``tutorbot console``: revise in a terminal, one question at a time, progress kept in SQLite.

Reads answers line by line, so it works as well with piped stdin as at a keyboard.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from tutorbot.adapters import deck_files
from tutorbot.adapters.store import Store
from tutorbot.config import Settings
from tutorbot.core import feedback
from tutorbot.core.deck import Deck
from tutorbot.core.errors import NoHint, NoPendingQuestion, TutorError, UnknownDeck
from tutorbot.core.tutoring import CONSOLE_STUDENT_ID, DeckProgress, Marked
from tutorbot.core.wording import clipped
from tutorbot.services.tutor import Tutor
from tutorbot.services.wiring import build_services

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
BAR_WIDTH = 20
STUDENT = CONSOLE_STUDENT_ID

HELP = """\
Type your answer in your own words and press Enter. Commands:
  /hint      a hint for this question
  /skip      skip this question (it comes back later)
  /right     you were right about your last answer: it counts as passed, your teacher reviews it
  /progress  how you are doing, deck by deck
  /deck      choose another deck
  /help      this list
  /quit      stop (your progress is saved)"""


def run_console(
    settings: Settings,
    *,
    db_path: Path | None,
    deck_id: str | None,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> int:
    """Run a session; returns the exit code. Content problems raise ContentError (see cli)."""
    _tolerate_odd_bytes(stdin, stdout)
    decks = deck_files.load_decks([settings.content_dir])
    if not decks:
        print(f"No decks found in {settings.content_dir}.", file=stdout)
        return EXIT_USAGE
    db = db_path or settings.db_path
    with Store.open(db) as store:
        services = build_services(
            store,
            decks,
            lambda: datetime.now(UTC),
            teachers=settings.teachers,
            timezone=settings.timezone,
        )
        session = _Session(services.tutor, stdin, stdout, db)
        try:
            return session.run(deck_id)
        except KeyboardInterrupt:
            session.goodbye()
            return EXIT_INTERRUPTED


def progress_text(progress: Sequence[DeckProgress]) -> str:
    """Per deck: questions seen and passed as text bars, and the most-missed key points."""
    if not progress:
        return "No answers yet."
    blocks = []
    for deck in progress:
        lines = [
            deck.deck.title,
            f"  seen    {_bar(deck.seen, deck.total)} {deck.seen}/{deck.total}",
            f"  passed  {_bar(deck.passed, deck.total)} {deck.passed}/{deck.total}",
        ]
        if deck.most_missed:
            lines.append("  most missed:")
            lines.extend(
                f"    {point.point} ({times} {'time' if times == 1 else 'times'})"
                for point, times in deck.most_missed
            )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _bar(done: int, total: int) -> str:
    filled = round(BAR_WIDTH * done / total) if total else 0
    return "[" + "#" * filled + "-" * (BAR_WIDTH - filled) + "]"


class _Quit(Exception):
    """The student typed /quit or input ended."""


class _Session:
    def __init__(self, tutor: Tutor, stdin: TextIO, stdout: TextIO, db: Path) -> None:
        self.tutor = tutor
        self.stdin = stdin
        self.stdout = stdout
        self.db = db
        self.last: Marked | None = None
        """The last answer marked, for /right."""

    def run(self, deck_id: str | None) -> int:
        self.say("Welcome to tutorbot: answer in your own words; type /help for commands.")
        self.say(f"Your progress is saved in {self.db} (choose another file with --db).")
        self.tutor.enrol(STUDENT, "console")
        try:
            if deck_id is not None:
                try:
                    deck = self.tutor.choose_deck(STUDENT, deck_id)
                except UnknownDeck:
                    known = ", ".join(d.id for d in self.tutor.decks)
                    self.say(f"There is no deck {deck_id!r}. Decks: {known}")
                    return EXIT_USAGE
                self.say(f"Deck: {deck.title} ({_questions(deck)})")
            else:
                self.choose_deck()
            while True:
                self.ask_and_mark()
        except _Quit:
            self.goodbye()
            return EXIT_OK
        except TutorError as exc:
            self.say(f"Sorry: {exc}.")
            return EXIT_USAGE

    def choose_deck(self) -> None:
        decks = self.tutor.decks
        if len(decks) == 1:
            deck = self.tutor.choose_deck(STUDENT, decks[0].id)
            self.say(f"Deck: {deck.title} ({_questions(deck)})")
            return
        self.say("Choose a deck:")
        for number, deck in enumerate(decks, start=1):
            self.say(f"  {number}. {deck.title} ({_questions(deck)})")
        while True:
            choice = self.read(f"Deck number (1-{len(decks)}): ")
            if choice in {"/quit", "/exit"}:
                raise _Quit
            picked = _pick_deck(decks, choice)
            if picked is not None:
                deck = self.tutor.choose_deck(STUDENT, picked.id)
                self.say(f"Deck: {deck.title}")
                return
            self.say(f"Please type a number from 1 to {len(decks)}.")

    def ask_and_mark(self) -> None:
        asked = self.tutor.next_question(STUDENT)
        note = " (still waiting for your answer)" if asked.repeated else ""
        self.say(f"\nQuestion{note}: {asked.question.prompt}")
        while True:
            text = self.read("> ")
            if not text:
                self.say("Type your answer, or /help for commands.")
                continue
            if text.startswith("/"):
                if self.command(text.split()[0].lower()):
                    return
                continue
            marked = self.tutor.answer(STUDENT, text)
            self.say(feedback.render(marked.verdict, html=False))
            self.tutor.record_reply(marked.attempt_id)
            self.last = marked
            if marked.can_override:
                self.say("Think you were right? Type /right.")
            return

    def command(self, name: str) -> bool:
        """Run a command; True when the question changed (skip, new deck)."""
        if name in {"/quit", "/exit"}:
            raise _Quit
        if name == "/hint":
            try:
                self.say(f"Hint: {self.tutor.hint(STUDENT)}")
            except NoHint:
                self.say("No hint for this one, sorry.")
            except NoPendingQuestion:
                return True
            return False
        if name == "/skip":
            try:
                self.tutor.skip(STUDENT)
                self.say("Skipped: it will come back later.")
            except NoPendingQuestion:
                pass
            return True
        if name == "/right":
            self.right()
            return False
        if name == "/progress":
            self.say(progress_text(self.tutor.progress(STUDENT)))
            return False
        if name in {"/deck", "/decks"}:
            if len(self.tutor.decks) == 1:
                self.say(f"{self.tutor.decks[0].title} is the only deck there is.")
                return False
            self.choose_deck()
            return True
        if name != "/help":
            self.say(f"Unknown command {name}.")
        self.say(HELP)
        return False

    def right(self) -> None:
        """Like the bot's "I was right" button: the last answer counts as passed, and a
        teacher's review sees it."""
        if self.last is None or not self.last.can_override:
            self.say("There is no marked answer to claim: /right is for an answer just marked.")
            return
        self.last = self.tutor.override(STUDENT, self.last.attempt_id)
        self.say(
            f"Noted: “{clipped(self.last.answer, 60)}” counts as passed. "
            "Your teacher will review it."
        )

    def goodbye(self) -> None:
        summary = progress_text(self.tutor.progress(STUDENT))
        self.say(f"\nGoodbye! Your progress is saved in {self.db}.\n{summary}")

    def read(self, prompt: str) -> str:
        """One line of input, stripped; at a terminal after a prompt, else echoed after it."""
        interactive = _isatty(self.stdin)
        if interactive:
            self.stdout.write(prompt)
            self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            if interactive:
                self.stdout.write("\n")
            raise _Quit
        text = line.strip()
        if not interactive:
            self.say(prompt + clipped(text, 200))
        return text

    def say(self, text: str) -> None:
        print(text, file=self.stdout, flush=True)


def _pick_deck(decks: Sequence[Deck], choice: str) -> Deck | None:
    if choice.isdecimal() and len(choice) < 6 and 1 <= int(choice) <= len(decks):
        return decks[int(choice) - 1]
    for deck in decks:
        if choice.casefold() in {deck.id.casefold(), deck.title.casefold()}:
            return deck
    return None


def _questions(deck: Deck) -> str:
    n = len(deck.questions)
    return f"{n} question" if n == 1 else f"{n} questions"


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _tolerate_odd_bytes(*streams: TextIO) -> None:
    """Undecodable input or unprintable output becomes replacement characters, not a crash."""
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
