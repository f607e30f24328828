"""The student's conversation: its command table, buttons and catch-alls. Each handler parses
the update, calls one tutor method, formats, replies.

Domain errors (NoPendingQuestion, NoDeckChosen, UnknownAttempt, …) are not caught here: the
error handler in ``tutorbot.bot.errors`` turns them into friendly replies.
"""

from __future__ import annotations

import asyncio
import logging
import re

from telegram import Update
from telegram.constants import ChatType
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import CallbackQueryHandler, MessageHandler, TypeHandler, filters

from tutorbot.bot import views
from tutorbot.bot.daily import send_next_step
from tutorbot.bot.handling import (
    PRIVATE,
    AnyApplication,
    Command,
    Context,
    Feature,
    button_press,
    edit,
    help_lines,
    menu_entries,
    say,
    user_id,
)
from tutorbot.bot.throttle import AS_IT_LEAVES
from tutorbot.bot.views import Reply
from tutorbot.config import Settings
from tutorbot.services.feedback_delivery import Owed

logger = logging.getLogger(__name__)

FIRST = -1
"""The handler group that runs before every other for an update."""
# PTB matches callback patterns at the start only: each ends with \Z.
DECK_DATA = re.compile(r"(?:deck:(?P<id>[A-Za-z0-9][A-Za-z0-9_.-]*)|deck~(?P<key>[0-9a-f]{16}))\Z")
NEXT_DATA = re.compile(r"next\Z")
RIGHT_DATA = re.compile(r"right:(?P<attempt>\d{1,18})\Z")
FORGET_DATA = re.compile(r"forget:(?P<answer>yes|no)\Z")


def register_buttons(application: AnyApplication, settings: Settings) -> None:
    """The student's buttons, and the unreplied feedback first; ``register_fallbacks`` adds
    the catch-alls."""
    application.add_handler(TypeHandler(Update, unreplied_first), FIRST)
    # PTB hands a button press with empty data to the first pattern handler whatever its
    # pattern (and calls a callable pattern only for non-empty data): this one takes them.
    application.add_handler(CallbackQueryHandler(expired, pattern=_no_data))
    application.add_handler(CallbackQueryHandler(choose_deck, pattern=DECK_DATA))
    application.add_handler(CallbackQueryHandler(next_question, pattern=NEXT_DATA))
    application.add_handler(CallbackQueryHandler(i_was_right, pattern=RIGHT_DATA))
    application.add_handler(CallbackQueryHandler(forget_answer, pattern=FORGET_DATA))


def register_fallbacks(application: AnyApplication) -> None:
    """After every feature's handlers: group chats, unknown commands, answers, non-text,
    edited messages."""
    application.add_handler(
        MessageHandler(filters.ChatType.GROUPS & filters.UpdateType.MESSAGE, private_only)
    )
    application.add_handler(MessageHandler(PRIVATE & filters.COMMAND, help_))
    application.add_handler(MessageHandler(PRIVATE & filters.TEXT, answer))
    application.add_handler(MessageHandler(PRIVATE, typed_only))
    application.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE, edited)
    )
    application.add_handler(CallbackQueryHandler(expired))


def _no_data(data: object) -> bool:
    return not data


async def start(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    tutor = context.bot_data.tutor
    student = tutor.enrol(user.id, user.full_name)
    await say(update, views.welcome(user.first_name, tutor.decks_for(user.id), student.deck_id))


async def decks(update: Update, context: Context) -> None:
    tutor = context.bot_data.tutor
    student_id = user_id(update)
    await say(update, views.deck_list(tutor.decks_for(student_id), tutor.current_deck(student_id)))


async def quiz(update: Update, context: Context) -> None:
    asked = context.bot_data.tutor.next_question(user_id(update))
    await say(update, views.question(asked))


async def hint(update: Update, context: Context) -> None:
    await say(update, views.hint(context.bot_data.tutor.hint(user_id(update))))


async def skip(update: Update, context: Context) -> None:
    skipped = context.bot_data.tutor.skip_to_next(user_id(update))
    await say(update, views.skipped())
    await send_next_step(update, skipped.next_step)


async def progress(update: Update, context: Context) -> None:
    await say(update, views.progress(context.bot_data.tutor.progress(user_id(update))))


async def help_(update: Update, context: Context) -> None:
    """/help (and unknown commands): every command, the teacher's too for a teacher."""
    data = context.bot_data
    teacher = data.classroom.is_teacher(user_id(update))
    await say(update, views.help_text(data.help_lines, data.teacher_help_lines if teacher else ()))


async def forget(update: Update, context: Context) -> None:
    await say(update, views.forget_confirm())


async def answer(update: Update, context: Context) -> None:
    """Plain text: the answer to the pending question, marked once and answered once (the
    same message handled again after a restart is not marked again, and its feedback goes
    again only when it is known not to have arrived)."""
    message = update.message
    assert message is not None  # filters.UpdateType.MESSAGE
    assert message.text is not None  # filters.TEXT
    marked = context.bot_data.tutor.answer(
        user_id(update), message.text, message_id=message.message_id
    )
    try:
        owed = context.bot_data.feedback_delivery.for_answer(marked)
        if owed is None:
            logger.info("message %d was marked and answered before", message.message_id)
        else:
            await deliver_feedback(update, context, owed)
    finally:  # the quiz moved on: its next question goes even when the feedback did not
        await send_next_step(update, marked.next_step)


async def unreplied_first(update: Update, context: Context) -> None:
    """Before anything a student sends (message, command, button): the feedback on earlier
    answers that did not reach them (tutorbot/services/feedback_delivery.py)."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE or update.effective_user is None:
        return
    message = update.message
    current = message.message_id if message is not None and message.text else None
    delivery = context.bot_data.feedback_delivery
    for owed in delivery.owed(update.effective_user.id, except_message=current):
        await deliver_feedback(update, context, owed)


async def deliver_feedback(update: Update, context: Context, owed: Owed) -> None:
    """Send ``owed``, recording the send as its request leaves (after any wait for a slot:
    a kill while it waits leaves it known unsent) and its outcome after."""
    delivery = context.bot_data.feedback_delivery
    replies = views.feedback_replies(
        owed.marked, late=owed.how == "late", in_case=owed.how == "in_case"
    )
    leaving = AS_IT_LEAVES.set(lambda: delivery.sending(owed))
    try:
        for index, reply in enumerate(replies):
            try:
                await say(update, reply)
            except TelegramError as exc:
                if index == 0 and refused(exc):
                    delivery.refused(owed)
                raise
    finally:
        AS_IT_LEAVES.reset(leaving)
    delivery.delivered(owed)


def refused(error: TelegramError) -> bool:
    """Telegram answered with an error, so the message did not arrive (a timeout or a broken
    connection says nothing either way)."""
    return isinstance(error, BadRequest) or not isinstance(error, NetworkError)


async def typed_only(update: Update, context: Context) -> None:
    await say(update, views.TYPED_ONLY)


async def edited(update: Update, context: Context) -> None:
    await say(update, views.EDITS_NOT_MARKED)


async def private_only(update: Update, context: Context) -> None:
    await say(update, views.PRIVATE_ONLY)


async def choose_deck(update: Update, context: Context) -> None:
    query = button_press(update)
    tutor = context.bot_data.tutor
    match = DECK_DATA.match(query.data or "")
    assert match is not None  # the handler's pattern
    if match["key"] is not None:
        deck = tutor.choose_deck_by_key(user_id(update), match["key"])
    else:
        deck = tutor.choose_deck(user_id(update), match["id"])
    await asyncio.gather(query.answer(), say(update, views.deck_chosen(deck)))


async def next_question(update: Update, context: Context) -> None:
    asked = context.bot_data.tutor.next_question(user_id(update))
    await asyncio.gather(button_press(update).answer(), say(update, views.question(asked)))


async def i_was_right(update: Update, context: Context) -> None:
    query = button_press(update)
    match = RIGHT_DATA.match(query.data or "")
    assert match is not None  # the handler's pattern
    marked = context.bot_data.tutor.override(user_id(update), int(match["attempt"]))
    await query.answer(views.OVERRIDE_NOTED)
    await edit(update, views.feedback_replies(marked)[-1])


async def forget_answer(update: Update, context: Context) -> None:
    query = button_press(update)
    if query.data == "forget:yes":
        context.bot_data.tutor.forget(user_id(update))
        reply = Reply(views.FORGOTTEN)
    else:
        reply = Reply(views.KEPT)
    await query.answer()
    await edit(update, reply)


async def expired(update: Update, context: Context) -> None:
    await button_press(update).answer(views.EXPIRED)


COMMAND_TABLE = (
    Command("start", start),
    Command("quiz", quiz, "The next question", "/quiz: the next question"),
    Command("hint", hint, "A hint for the question", "/hint: a hint for the question"),
    Command("skip", skip, "Skip the question", "/skip: skip it (it comes back later)"),
    Command("decks", decks, "Choose a deck", "/decks: choose what to revise"),
    Command(
        "progress",
        progress,
        "How you are doing",
        "/progress: what you have seen, passed and keep missing",
    ),
    Command("help", help_, "How this works"),
    Command(
        "forget",
        forget,
        "Delete everything about you",
        "/forget: delete everything I know about you",
    ),
)
COMMANDS = menu_entries(COMMAND_TABLE)
HELP_LINES = help_lines(COMMAND_TABLE)
FEATURE = Feature(COMMAND_TABLE, register_buttons)
