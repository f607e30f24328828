"""The one error handler: domain errors become friendly replies, anything else an apology.

A handler lets a ``TutorError`` propagate; here it becomes the reply the student needs (pick a
deck, send /quiz, …). Any other exception is logged with the update's id and traceback, the
student gets a short apology, and the bot carries on with the next update.
"""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.error import Forbidden, TelegramError

from tutorbot.bot import views
from tutorbot.bot.handling import Context, say
from tutorbot.bot.views import Reply
from tutorbot.core.errors import (
    EmptyDeck,
    NoDeckChosen,
    NoHint,
    NoPendingQuestion,
    TutorError,
    UnknownAttempt,
    UnknownDeck,
)
from tutorbot.core.wording import clipped
from tutorbot.services.tutor import Tutor

logger = logging.getLogger(__name__)

MAX_ERROR_TEXT = 1000


def friendly(error: TutorError, tutor: Tutor, user_id: int | None = None) -> Reply:
    """What the student is told when the tutor refuses what they asked."""
    if isinstance(error, NoPendingQuestion):
        return Reply(views.NUDGE)
    lead = {
        NoDeckChosen: "First, choose what to revise.",
        UnknownDeck: "That deck is not available any more.",
        EmptyDeck: "That deck has no questions yet.",
    }.get(type(error))
    if lead is not None:
        decks = tutor.decks_for(user_id) if user_id is not None else tutor.decks
        return views.pick_deck(lead, decks)
    if isinstance(error, NoHint):
        return Reply("No hint for this one: have a go, or /skip it.")
    if isinstance(error, UnknownAttempt):
        return Reply(views.NOT_YOURS)
    text = str(error)
    # errors quote input only in part: this is a backstop
    return Reply(escape(clipped(text, MAX_ERROR_TEXT)))


async def on_error(update: object, context: Context) -> None:
    error = context.error
    if not isinstance(update, Update):  # polling or job failures: nobody to answer
        logger.error("error outside an update", exc_info=error)
        return
    if isinstance(error, TutorError):
        logger.info("update %d: %s", update.update_id, error)
        await _tell(
            update,
            friendly(
                error,
                context.bot_data.tutor,
                update.effective_user.id if update.effective_user is not None else None,
            ),
            alert=isinstance(error, UnknownAttempt),
        )
        return
    if isinstance(error, Forbidden):
        logger.info("update %d: chat unreachable: %s", update.update_id, error)
        return
    logger.error("update %d failed", update.update_id, exc_info=error)
    await _tell(update, Reply(views.APOLOGY), alert=False)


async def _tell(update: Update, reply: Reply, *, alert: bool) -> None:
    """Answer a pressed button (with a message too, unless it is a one-line notice), or send."""
    query = update.callback_query
    short = reply.keyboard is None and len(reply.text) <= 200
    try:
        if query is not None:
            await query.answer(reply.text if short else None, show_alert=alert)
            if short:
                return
    except TelegramError as exc:  # already answered, or too old: say it in the chat instead
        logger.info("update %d: could not answer the button: %s", update.update_id, exc)
    try:
        if update.effective_chat is not None:
            await say(update, reply)
    except TelegramError as exc:
        logger.warning("update %d: could not tell the student: %s", update.update_id, exc)
