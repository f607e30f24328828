"""Domain errors raised by the core and turned into replies or exit codes at the edge."""

from __future__ import annotations

from dataclasses import dataclass

QUOTE_LIMIT = 40


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """What a user typed, quoted in a reply or error: at most its first ``limit`` characters
    (then "…"), on one line, so a reply never grows with the input."""
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[:limit] + "…")


class TutorError(Exception):
    """Base class: something the user asked for cannot be done; the message says why."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a deck file, located for the teacher who wrote it."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


class ContentError(TutorError):
    """One or more decks are invalid. ``problems`` lists every one found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotesError(TutorError):
    """Revision notes that no deck can be drafted from; the message says why."""


class UnknownDeck(TutorError):
    def __init__(self, deck_id: str) -> None:
        self.deck_id = deck_id
        super().__init__(f"no deck with id {quoted(deck_id)}")


class UnknownQuestion(TutorError):
    def __init__(self, deck_id: str, question_id: str) -> None:
        self.deck_id = deck_id
        self.question_id = question_id
        super().__init__(f"deck {quoted(deck_id)} has no question with id {quoted(question_id)}")


class NoDeckChosen(TutorError):
    def __init__(self) -> None:
        super().__init__("no deck chosen yet")


class NoPendingQuestion(TutorError):
    def __init__(self) -> None:
        super().__init__("no question is waiting for an answer")


class NoHint(TutorError):
    def __init__(self, question_id: str) -> None:
        self.question_id = question_id
        super().__init__(f"question {question_id!r} has no hint")


class UnknownAttempt(TutorError):
    def __init__(self, attempt_id: int) -> None:
        self.attempt_id = attempt_id
        super().__init__(f"no answer {attempt_id} of yours to change")


class EmptyDeck(TutorError):
    def __init__(self, deck_id: str) -> None:
        self.deck_id = deck_id
        super().__init__(f"deck {deck_id!r} has no questions")


class InvalidDailyTime(TutorError):
    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(
            f"{quoted(text)} is not a time of day: send /daily HH:MM (24-hour, e.g. /daily 18:30), "
            "/daily off to stop, or /daily to see your setting"
        )


class UnknownTimeZone(TutorError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"{quoted(name)} is not a time zone I know: send a region/city name such as "
            "/timezone Europe/Berlin or /timezone America/New_York"
        )


class TeachersOnly(TutorError):
    def __init__(self) -> None:
        super().__init__("Sorry, that command is for teachers only.")


class InvalidClassName(TutorError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"{quoted(name)} cannot be a class name: use one word of up to 32 letters, digits, "
            "'-', '_' or '.', e.g. /newclass 10B-history"
        )


class ClassExists(TutorError):
    def __init__(self, name: str) -> None:
        super().__init__(f"You already have a class called {name}. /classes lists them.")


class UnknownClass(TutorError):
    def __init__(self, name: str) -> None:
        super().__init__(f"You have no class called {quoted(name)}. /classes lists yours.")


class MessageTooLong(TutorError):
    def __init__(self, length: int, limit: int) -> None:
        super().__init__(
            f"That message is {length} characters; Telegram takes at most {limit}. "
            "Please shorten it or split it in two."
        )


class InvalidJoinCode(TutorError):
    def __init__(self, code: str) -> None:
        super().__init__(
            f"{quoted(code)} is not a join code I know. Check it with your teacher and send "
            "/join CODE, e.g. /join K7WQ2MXP4R"
        )


class DeckRefused(TutorError):
    """The file cannot be taken, whatever its content says (too big, not text, not ours)."""
