"""Teachers' decks through Telegram: a ``.yaml``/``.yml`` document is checked and installed, a
``.txt``/``.md`` document of notes comes back as a drafted deck; /mydecks, /deckfile ID and
/removedeck ID (with a confirm button).
The work is ``tutorbot.services.deck_library.DeckLibrary``'s.

Students and everyone not in TUTORBOT_TEACHERS who send a document get the usual "typed
answers only" reply. Callback data: ``rmd:<digest of the deck id>`` (remove), ``rmd:no``.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Sequence
from html import escape
from pathlib import PurePath

from telegram import Document, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from tutorbot.bot import student
from tutorbot.bot.handling import (
    PRIVATE,
    AnyApplication,
    Command,
    Context,
    Feature,
    Usage,
    chat_of,
    command_args,
    edit,
    help_lines,
    menu_entries,
    say,
    teacher_id,
)
from tutorbot.bot.views import Reply
from tutorbot.config import Settings
from tutorbot.core.errors import ContentError, DeckRefused, Problem, UnknownDeck
from tutorbot.core.wording import clipped, counted
from tutorbot.services.deck_library import (
    DECK_SUFFIXES,
    MAX_BYTES,
    NOTES_SUFFIXES,
    Installed,
    check_deck_file,
    draft_file,
    too_big,
)

REMOVE_DATA = re.compile(r"rmd:(?P<digest>[0-9a-f]{16}|no)\Z")
MAX_TEXT = 3500
"""Under Telegram's 4,096 characters a message, with room for the markup."""
MAX_LINE = 300
MAX_WARNINGS = 20


def register_documents(application: AnyApplication, settings: Settings) -> None:
    """Documents (decks, notes) and the remove button."""
    application.add_handler(MessageHandler(PRIVATE & filters.Document.ALL, document))
    application.add_handler(CallbackQueryHandler(confirm_remove, pattern=REMOVE_DATA))


async def document(update: Update, context: Context) -> None:
    message = update.message
    assert message is not None  # the handler's filter
    assert message.document is not None  # the handler's filter
    user = update.effective_user
    assert user is not None  # a private message has a sender
    if not context.bot_data.classroom.is_teacher(user.id):
        await student.typed_only(update, context)
        return
    name = PurePath(message.document.file_name or "file").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in DECK_SUFFIXES + NOTES_SUFFIXES:
        raise Usage(
            "Send me a deck as a .yaml (or .yml) file to install it, or revision notes as a "
            ".txt or .md file to get a draft deck."
        )
    data = await _download(message.document, name)
    # drafting, and marking a deck's examples, take up to seconds: off the event loop
    if suffix in NOTES_SUFFIXES:
        drafted = await asyncio.to_thread(draft_file, data, name)
        await _send_file(update, drafted.file_name, drafted.text, draft_caption(drafted.file_name))
        return
    try:
        checked = await asyncio.to_thread(check_deck_file, data, name)
        installed = context.bot_data.library.install(user.id, name, data, checked)
    except ContentError as exc:
        for text in problems_texts(name, exc.problems):
            await say(update, text)
        return
    await say(update, installed_text(installed))


async def _download(document: Document, name: str) -> bytes:
    if document.file_size is not None and document.file_size > MAX_BYTES:
        raise DeckRefused(too_big(name, document.file_size))
    file = await document.get_file()
    return bytes(await file.download_as_bytearray())


async def _send_file(update: Update, file_name: str, text: str, caption: str) -> None:
    await chat_of(update).send_document(text.encode(), filename=file_name, caption=caption)


async def my_decks(update: Update, context: Context) -> None:
    owned = context.bot_data.library.decks_of(teacher_id(update, context))
    if not owned:
        await say(
            update,
            "You have not uploaded any decks. Send me a deck as a .yaml file, or your notes as "
            "a .txt or .md file for a draft.",
        )
        return
    lines = [
        f"• <code>{escape(d.deck.id)}</code> <b>{escape(d.deck.title)}</b>: "
        f"{counted(len(d.deck.questions), 'question')} · classes: "
        + (", ".join(escape(c) for c in d.classes) or "none yet")
        for d in owned
    ]
    await say(update, "<b>Your decks</b>\n" + "\n".join(lines))


async def deck_file(update: Update, context: Context) -> None:
    teacher = teacher_id(update, context)
    (deck_id,) = command_args(
        update, 1, "Send /deckfile DECK, e.g. /deckfile my-deck (see /mydecks)"
    )
    found = context.bot_data.library.deck_file(teacher, deck_id)
    await _send_file(update, found.file_name, found.text, "Edit it and send it back to update.")


async def remove(update: Update, context: Context) -> None:
    teacher = teacher_id(update, context)
    (deck_id,) = command_args(update, 1, "Send /removedeck DECK, e.g. /removedeck my-deck")
    deck = context.bot_data.library.owned(teacher, deck_id)
    buttons = InlineKeyboardMarkup(
        [[
            InlineKeyboardButton("🗑 Remove it", callback_data=f"rmd:{digest(deck.id)}"),
            InlineKeyboardButton("Keep it", callback_data="rmd:no"),
        ]]
    )  # fmt: skip
    await say(
        update,
        f"Remove <b>{escape(deck.title)}</b> (<code>{escape(deck.id)}</code>)? Students will "
        "no longer be asked its questions; their answers are kept.",
        buttons,
    )


async def confirm_remove(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None  # CallbackQueryHandler guarantees it
    teacher = teacher_id(update, context)
    match = REMOVE_DATA.match(query.data or "")
    assert match is not None  # the handler's pattern
    if match["digest"] == "no":
        await query.answer("Kept")
        await edit(update, Reply("Kept: nothing removed."))
        return
    library = context.bot_data.library
    owned = [d.deck.id for d in library.decks_of(teacher) if digest(d.deck.id) == match["digest"]]
    if not owned:
        raise UnknownDeck("")
    removed = library.remove(teacher, owned[0])
    await query.answer("Removed")
    await edit(update, Reply(f"Removed <b>{escape(removed.title)}</b>."))


def digest(deck_id: str) -> str:
    """A short stand-in for a deck id (up to 64 characters) in 64 bytes of callback data."""
    return hashlib.sha256(deck_id.encode()).hexdigest()[:16]


def installed_text(installed: Installed) -> str:
    deck = installed.deck
    count = len(deck.questions)
    lines = [
        f"Installed <b>{escape(deck.title)}</b>: {counted(count, 'question')} "
        f"(id <code>{escape(deck.id)}</code>)."
    ]
    if installed.updated:
        lines.append(
            "It replaces the earlier version: students keep their progress on the questions "
            "that remain, and removed questions are no longer asked."
        )
    else:
        lines.append(f"Send it to a class with /push CLASS {escape(deck.id)}.")
    if installed.warnings:
        lines.append(f"\n{len(installed.warnings)} warning(s), worth a look:")
        lines += [
            escape(clipped(problem_line(p), MAX_LINE)) for p in installed.warnings[:MAX_WARNINGS]
        ]
        if len(installed.warnings) > MAX_WARNINGS:
            lines.append(f"… and {len(installed.warnings) - MAX_WARNINGS} more")
    return "\n".join(lines)


def draft_caption(file_name: str) -> str:
    return (
        f"A draft deck from your notes: check the lines marked <code># check:</code>, edit "
        f"it, and send {escape(file_name)} back to me to install it."
    )


def problems_texts(name: str, problems: Sequence[Problem]) -> list[str]:
    """Every problem as ``line N: ...``, in as many messages as it takes."""
    head = (
        f"<b>{escape(name)}</b> was not installed: {counted(len(problems), 'problem')} "
        "to fix, then send it again."
    )
    texts, current = [], head
    for problem in problems:
        line = escape(clipped(problem_line(problem), MAX_LINE))
        if len(current) + len(line) + 1 > MAX_TEXT:
            texts.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    return [*texts, current]


def problem_line(problem: Problem) -> str:
    return f"line {problem.line}: {problem.message}" if problem.line else problem.message


COMMAND_TABLE = (
    Command(
        "mydecks",
        my_decks,
        "Your uploaded decks",
        "/mydecks: the decks you uploaded, their sizes and classes. Send me a deck as a "
        ".yaml file to install or update it, or notes as a .txt or .md file to get a draft deck",
        "teachers",
    ),
    Command(
        "deckfile",
        deck_file,
        "Get a deck's YAML: /deckfile DECK",
        "/deckfile DECK: the YAML of your deck, to edit and send back",
        "teachers",
    ),
    Command(
        "removedeck",
        remove,
        "Remove a deck: /removedeck DECK",
        "/removedeck DECK: remove your deck (students' answers are kept)",
        "teachers",
    ),
)
COMMANDS = menu_entries(COMMAND_TABLE)
HELP_LINES = help_lines(COMMAND_TABLE)
FEATURE = Feature(COMMAND_TABLE, register_documents)
