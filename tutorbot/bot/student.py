"""The student's handlers: each parses the update, calls one tutor method, formats, replies.

Domain errors (NoPendingQuestion, NoDeckChosen, UnknownAttempt, …) are not caught here: the
error handler in ``tutorbot.bot.errors`` turns them into friendly replies.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from telegram import CallbackQuery, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from tutorbot.bot import views
from tutorbot.bot.throttle import AS_IT_LEAVES
from tutorbot.bot.views import Reply
from tutorbot.services.feedback_delivery import FeedbackDelivery, Owed
from tutorbot.services.tutor import Tutor

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
AnyApplication = Application[Any, Any, Any, Any, Any, Any]

PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
FIRST = -1
"""The handler group that runs before every other for an update."""
# PTB matches callback patterns at the start only: each ends with \Z.
DECK_DATA = re.compile(r"(?:deck:(?P<id>[A-Za-z0-9][A-Za-z0-9_.-]*)|deck#(?P<index>\d{1,4}))\Z")
NEXT_DATA = re.compile(r"next\Z")
RIGHT_DATA = re.compile(r"right:(?P<attempt>\d{1,18})\Z")
FORGET_DATA = re.compile(r"forget:(?P<answer>yes|no)\Z")


def register(application: AnyApplication) -> None:
    """The student's commands and buttons; ``register_fallbacks`` adds the catch-alls."""
    application.add_handler(TypeHandler(Update, unreplied_first), FIRST)
    for name, callback in (
        ("start", start),
        ("decks", decks),
        ("quiz", quiz),
        ("hint", hint),
        ("skip", skip),
        ("progress", progress),
        ("help", help_),
        ("forget", forget),
    ):
        application.add_handler(CommandHandler(name, callback, filters=PRIVATE))
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


def tutor_of(context: Context) -> Tutor:
    tutor: Tutor = context.bot_data["tutor"]
    return tutor


async def send(update: Update, reply: Reply) -> Message:
    chat = update.effective_chat
    assert chat is not None  # every update routed here has a chat
    return await chat.send_message(reply.text, reply_markup=reply.keyboard)


async def edit(update: Update, reply: Reply) -> None:
    """Change the message under the pressed button (a new message when it is too old to edit);
    nothing when it already says this."""
    message = _query(update).message
    if not isinstance(message, Message):
        await send(update, reply)
        return
    try:
        await message.edit_text(reply.text, reply_markup=reply.keyboard)
    except BadRequest as exc:
        if "not modified" in exc.message:
            return
        if "can't be edited" not in exc.message and "not found" not in exc.message:
            raise
        await send(update, reply)


def _user_id(update: Update) -> int:
    assert update.effective_user is not None  # private messages and button presses have one
    return update.effective_user.id


def _query(update: Update) -> CallbackQuery:
    assert update.callback_query is not None  # CallbackQueryHandler guarantees it
    return update.callback_query


async def start(update: Update, context: Context) -> None:
    user = update.effective_user
    assert user is not None
    tutor = tutor_of(context)
    student = tutor.enrol(user.id, user.full_name)
    await send(update, views.welcome(user.first_name, tutor.decks_for(user.id), student.deck_id))


async def decks(update: Update, context: Context) -> None:
    tutor = tutor_of(context)
    user_id = _user_id(update)
    await send(update, views.deck_list(tutor.decks_for(user_id), tutor.current_deck(user_id)))


async def quiz(update: Update, context: Context) -> None:
    asked = tutor_of(context).next_question(_user_id(update))
    await send(update, views.question(asked))


async def hint(update: Update, context: Context) -> None:
    await send(update, views.hint(tutor_of(context).hint(_user_id(update))))


async def skip(update: Update, context: Context) -> None:
    tutor_of(context).skip(_user_id(update))
    await send(update, views.skipped())


async def progress(update: Update, context: Context) -> None:
    await send(update, views.progress(tutor_of(context).progress(_user_id(update))))


async def help_(update: Update, context: Context) -> None:
    """/help (and unknown commands): every command, the teacher's too for a teacher."""
    data = context.bot_data
    teacher = _user_id(update) in data["settings"].teachers
    await send(
        update, Reply(views.help_text(data["help"], data["teacher_help"] if teacher else ()))
    )


async def forget(update: Update, context: Context) -> None:
    await send(update, views.forget_confirm())


async def answer(update: Update, context: Context) -> None:
    """Plain text: the answer to the pending question, marked once and answered once (the
    same message handled again after a restart is not marked again, and its feedback goes
    again only when it is known not to have arrived)."""
    message = update.message
    assert message is not None  # filters.UpdateType.MESSAGE
    assert message.text is not None  # filters.TEXT
    marked = tutor_of(context).answer(_user_id(update), message.text, message_id=message.message_id)
    owed = feedback_delivery(context).for_answer(marked)
    if owed is None:
        logger.info("message %d was marked and answered before", message.message_id)
        return
    await deliver_feedback(update, context, owed)


async def unreplied_first(update: Update, context: Context) -> None:
    """Before anything a student sends (message, command, button): the feedback on earlier
    answers that did not reach them (tutorbot/feedback_delivery.py)."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE or update.effective_user is None:
        return
    message = update.message
    current = message.message_id if message is not None and message.text else None
    for owed in feedback_delivery(context).owed(update.effective_user.id, except_message=current):
        await deliver_feedback(update, context, owed)


def feedback_delivery(context: Context) -> FeedbackDelivery:
    delivery: FeedbackDelivery = context.bot_data["feedback_delivery"]
    return delivery


async def deliver_feedback(update: Update, context: Context, owed: Owed) -> None:
    """Send ``owed``, recording the send as its request leaves (after any wait for a slot:
    a kill while it waits leaves it known unsent) and its outcome after."""
    delivery = feedback_delivery(context)
    replies = views.feedback_replies(
        owed.marked, late=owed.how == "late", in_case=owed.how == "in_case"
    )
    leaving = AS_IT_LEAVES.set(lambda: delivery.sending(owed))
    try:
        for index, reply in enumerate(replies):
            try:
                await send(update, reply)
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
    await send(update, Reply(views.TYPED_ONLY))


async def edited(update: Update, context: Context) -> None:
    await send(update, Reply(views.EDITS_NOT_MARKED))


async def private_only(update: Update, context: Context) -> None:
    await send(update, Reply(views.PRIVATE_ONLY))


async def choose_deck(update: Update, context: Context) -> None:
    query = _query(update)
    tutor = tutor_of(context)
    match = DECK_DATA.match(query.data or "")
    assert match is not None  # the handler's pattern
    if match["index"] is not None:
        index = int(match["index"])
        shown = tutor.decks_for(_user_id(update))
        deck_id = shown[index].id if index < len(shown) else ""
    else:
        deck_id = match["id"]
    deck = tutor.choose_deck(_user_id(update), deck_id)
    await asyncio.gather(query.answer(), send(update, views.deck_chosen(deck)))


async def next_question(update: Update, context: Context) -> None:
    asked = tutor_of(context).next_question(_user_id(update))
    await asyncio.gather(_query(update).answer(), send(update, views.question(asked)))


async def i_was_right(update: Update, context: Context) -> None:
    query = _query(update)
    match = RIGHT_DATA.match(query.data or "")
    assert match is not None  # the handler's pattern
    marked = tutor_of(context).override(_user_id(update), int(match["attempt"]))
    await query.answer(views.OVERRIDE_NOTED)
    await edit(update, views.feedback_replies(marked)[-1])


async def forget_answer(update: Update, context: Context) -> None:
    query = _query(update)
    if query.data == "forget:yes":
        tutor_of(context).forget(_user_id(update))
        reply = Reply(views.FORGOTTEN)
    else:
        reply = Reply(views.KEPT)
    await query.answer()
    await edit(update, reply)


async def expired(update: Update, context: Context) -> None:
    await _query(update).answer(views.EXPIRED)
