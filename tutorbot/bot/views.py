"""What the bot says: HTML texts and inline keyboards, from the tutor's values.

Pure functions. Every piece of student or deck text goes through ``html.escape``; the only
markup is the tags written here. Callback data are short prefixed strings parsed in
``student.py``: ``deck:<id>`` (``deck~<short key>`` when the id is too long), ``next``,
``right:<attempt id>``, ``forget:yes`` / ``forget:no``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape, unescape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from tutorbot.core import feedback
from tutorbot.core.deck import Deck
from tutorbot.core.limits import MESSAGE_LENGTH
from tutorbot.core.tutoring import Asked, DeckProgress, Marked
from tutorbot.core.wording import clipped, counted

MAX_CALLBACK_DATA = 64
BAR_WIDTH = 10

HELP_INTRO = (
    "<b>How it works</b>\n"
    "Send /quiz for a question, then type your answer in your own words. I tell you which "
    "points you made and what you missed, with the evidence from your notes."
)
NUDGE = "No question is waiting for an answer. Send /quiz for one."
TYPED_ONLY = "I can only mark typed answers: please write your answer as a text message."
EDITS_NOT_MARKED = (
    "I mark a message as it was first sent, so editing it changes nothing: "
    "send a new message instead."
)
PRIVATE_ONLY = "I work in a private chat: open a chat with me to revise."
APOLOGY = "Sorry, something went wrong on my side. Please try again."
EXPIRED = "That button has expired."
NOT_YOURS = "That is not one of your answers."
NO_PROGRESS = "Nothing answered yet. Send /quiz to start."
FORGET_CONFIRM = "This deletes all your answers and progress, for good. Are you sure?"
FORGOTTEN = "Done: I have deleted everything I knew about you. Send /start to begin again."
KEPT = "Nothing deleted."
LATE_FEEDBACK = "The feedback on your earlier answer, which did not reach you then:"
IN_CASE_FEEDBACK = "In case my last message did not reach you, the feedback on your answer:"
OVERRIDE_NOTED = "Noted: counted as passed. Your teacher will review it."


@dataclass(frozen=True)
class Reply:
    text: str
    keyboard: InlineKeyboardMarkup | None = None


def help_text(lines: Sequence[str], teacher_lines: Sequence[str] = ()) -> str:
    """/help: how it works, a line per command (HTML), then the teacher's, if any."""
    text = f"{HELP_INTRO}\n\n" + "\n".join(lines)
    if teacher_lines:
        text += "\n\n<b>Teacher commands</b>\n" + "\n".join(teacher_lines)
    return text


def welcome(name: str, decks: Sequence[Deck], current_id: str | None) -> Reply:
    hello = f"Hello {escape(name)}! I am your revision tutor." if name else "Hello!"
    return Reply(f"{hello}\n\n{_pick_deck_text(decks, current_id)}", deck_keyboard(decks))


def deck_list(decks: Sequence[Deck], current: Deck | None) -> Reply:
    return Reply(_pick_deck_text(decks, current.id if current else None), deck_keyboard(decks))


def pick_deck(reason: str, decks: Sequence[Deck]) -> Reply:
    return Reply(f"{reason}\n\n{_pick_deck_text(decks, None)}", deck_keyboard(decks))


def _pick_deck_text(decks: Sequence[Deck], current_id: str | None) -> str:
    if not decks:
        return "There are no decks to revise yet: ask your teacher."
    current = next((d for d in decks if d.id == current_id), None)
    now = f"You are revising <b>{escape(current.title)}</b>. " if current else ""
    return f"{now}Pick a deck:"


def deck_keyboard(decks: Sequence[Deck]) -> InlineKeyboardMarkup | None:
    if not decks:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(clipped(d.title, 60), callback_data=deck_data(d))] for d in decks]
    )


def deck_data(deck: Deck) -> str:
    data = f"deck:{deck.id}"
    return data if len(data.encode()) <= MAX_CALLBACK_DATA else f"deck~{deck.short_key}"


def deck_chosen(deck: Deck) -> Reply:
    count = len(deck.questions)
    return Reply(
        f"Now revising <b>{escape(deck.title)}</b> ({counted(count, 'question')}).",
        _keyboard(("Start the quiz", "next")),
    )


def introduced(asked: Asked, intro: str) -> Reply:
    """``question``, headed by ``intro`` (a daily quiz's or a teacher's push)."""
    reply = question(asked)
    return Reply(f"<b>{escape(intro)}</b>\n{reply.text}", reply.keyboard)


def question(asked: Asked) -> Reply:
    lead = "Still waiting for your answer:" if asked.repeated else escape(asked.deck.title)
    commands_ = "/hint · /skip" if asked.question.hint else "/skip"
    return Reply(
        f"<b>{lead}</b>\n\n{escape(asked.question.prompt)}\n\n"
        f"<i>Type your answer in your own words.</i> {commands_}"
    )


def feedback_replies(marked: Marked, *, late: bool = False, in_case: bool = False) -> list[Reply]:
    """The marked feedback, split to fit Telegram, the buttons under the last message;
    ``late``: feedback that did not reach the student when they answered, with its question;
    ``in_case``: feedback that may have reached them, sent again once."""
    text = feedback.render(marked.verdict, html=True)
    heading = IN_CASE_FEEDBACK if in_case else LATE_FEEDBACK if late else None
    if heading:
        text = f"<i>{heading}</i>\n<b>{escape(marked.question.prompt)}</b>\n\n{text}"
    if marked.overridden:
        text += f"\n\n✅ <i>{OVERRIDE_NOTED}</i>"
    buttons = [("Next question", "next")]
    if marked.can_override:
        buttons.append(("I was right", f"right:{marked.attempt_id}"))
    parts = split(text)
    return [Reply(part) for part in parts[:-1]] + [Reply(parts[-1], _keyboard(*buttons))]


def hint(text: str) -> Reply:
    return Reply(f"💡 {escape(text)}")


def skipped() -> Reply:
    return Reply("Skipped: it will come back later.", _keyboard(("Next question", "next")))


def progress(decks: Sequence[DeckProgress]) -> Reply:
    if not decks:
        return Reply(NO_PROGRESS)
    return Reply("\n\n".join(_deck_progress(p) for p in decks))


def _deck_progress(p: DeckProgress) -> str:
    lines = [
        f"<b>{escape(p.deck.title)}</b>",
        f"<code>Seen   {_bar(p.seen, p.total)}</code> {p.seen}/{p.total}",
        f"<code>Passed {_bar(p.passed, p.total)}</code> {p.passed}/{p.total}",
    ]
    if p.most_missed:
        top = max(count for _, count in p.most_missed)
        lines.append("Most missed:")
        lines.extend(
            f"<code>{_bar(count, top, 5)}</code> {escape(point.point)} ({count})"
            for point, count in p.most_missed
        )
    return "\n".join(lines)


def _bar(value: int, total: int, width: int = BAR_WIDTH) -> str:
    filled = round(width * value / total) if total else 0
    filled = max(filled, 1) if value else filled
    return "█" * filled + "░" * (width - filled)


def forget_confirm() -> Reply:
    return Reply(
        FORGET_CONFIRM,
        _keyboard(("Yes, delete everything", "forget:yes"), ("No, keep it", "forget:no")),
    )


def split(text: str, limit: int = MESSAGE_LENGTH) -> list[str]:
    """``text`` in messages of at most ``limit`` UTF-16 units (Telegram's measure), cut between
    lines. A single line longer than the limit (a huge quoted answer) loses its markup and is cut.
    """
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        if _units(line) > limit:
            line = _cut(escape(unescape(re.sub(r"<[^>]+>", "", line))), limit - 1) + "…"
        candidate = f"{current}\n{line}" if current else line
        if current and _units(candidate) > limit:
            parts.append(current)
            candidate = line
        current = candidate
    parts.append(current)
    return [p for p in parts if p.strip()] or ["…"]


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(escaped: str, limit: int) -> str:
    """The start of escaped text, at most ``limit`` UTF-16 units, not splitting an ``&amp;``."""
    units = 0
    for end, char in enumerate(escaped):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            cut = escaped[:end]
            amp = cut.rfind("&")
            return cut[:amp] if amp != -1 and ";" not in cut[amp:] else cut
    return escaped


def _keyboard(*buttons: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in buttons]])
