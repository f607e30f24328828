"""What every handler shares: the typed ``bot_data``, the context type, the command-table row,
and reading the sender and arguments of an update and replying to it.

``context.bot_data`` is a ``BotData``: the services (tutorbot/services/wiring.py), the
settings, the command menus and /help lines the feature tables give, and the task running the
delivery queue. ``build_application`` fills it in once, before any update is handled.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Literal

from telegram import BotCommand, CallbackQuery, Chat, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue, filters

from tutorbot.bot.sender import DeliveryTask
from tutorbot.bot.views import Reply
from tutorbot.config import Settings
from tutorbot.core.errors import TutorError
from tutorbot.services.classroom import Classroom
from tutorbot.services.daily_quiz import DailyQuiz
from tutorbot.services.deck_library import DeckLibrary
from tutorbot.services.feedback_delivery import FeedbackDelivery
from tutorbot.services.tutor import Tutor
from tutorbot.services.wiring import Services


class BotData:
    """``context.bot_data``: made empty by python-telegram-bot, filled by ``build_application``."""

    services: Services
    settings: Settings
    delivery_task: DeliveryTask
    menu: list[BotCommand]
    """Everyone's command menu, set at start-up."""
    teacher_menu: list[BotCommand]
    """What a teacher's menu adds to everyone's, in their chat."""
    help_lines: list[str]
    teacher_help_lines: list[str]
    """What a teacher's /help adds."""

    @property
    def tutor(self) -> Tutor:
        return self.services.tutor

    @property
    def classroom(self) -> Classroom:
        return self.services.classroom

    @property
    def daily_quiz(self) -> DailyQuiz:
        return self.services.daily_quiz

    @property
    def library(self) -> DeckLibrary:
        return self.services.library

    @property
    def feedback_delivery(self) -> FeedbackDelivery:
        return self.services.feedback_delivery


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
AnyApplication = Application[
    ExtBot[None], Context, dict[Any, Any], dict[Any, Any], BotData, JobQueue[Context]
]
Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]
PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE


@dataclass(frozen=True)
class Command:
    """A row of a feature's command table: /help, the menus and the handlers come from it."""

    name: str
    handler: Handler
    menu: str | None = None
    """Its entry in the command menu; None: not in the menu."""
    help: str | None = None
    """Its line in /help (HTML); None: not in /help."""
    who: Literal["everyone", "teachers"] = "everyone"
    """Whose menu and /help list it (a teacher command checks the teacher list itself)."""


@dataclass(frozen=True)
class Feature:
    """A feature of the bot: its command table, and what else it adds to the application
    (buttons, documents, jobs) once its commands are registered."""

    commands: tuple[Command, ...]
    register: Callable[[AnyApplication, Settings], None] | None = None


def menu_entries(table: tuple[Command, ...]) -> tuple[tuple[str, str], ...]:
    """(command, menu text) of each row in the menu, in the table's order."""
    return tuple((c.name, c.menu) for c in table if c.menu is not None)


def help_lines(table: tuple[Command, ...]) -> tuple[str, ...]:
    return tuple(c.help for c in table if c.help is not None)


class Usage(TutorError):
    """A command without what it needs; the message shows how to write it."""


def chat_of(update: Update) -> Chat:
    chat = update.effective_chat
    assert chat is not None  # every update routed to a handler has a chat
    return chat


def user_id(update: Update) -> int:
    assert update.effective_user is not None  # private messages and button presses have one
    return update.effective_user.id


async def say(
    update: Update, reply: Reply | str, keyboard: InlineKeyboardMarkup | None = None
) -> Message:
    """Send ``reply`` (HTML) to the update's chat: the one way a handler replies."""
    if isinstance(reply, str):
        reply = Reply(reply, keyboard)
    return await chat_of(update).send_message(reply.text, reply_markup=reply.keyboard)


async def edit(update: Update, reply: Reply) -> None:
    """Change the message under the pressed button (a new message when it is too old to edit);
    nothing when it already says this."""
    message = button_press(update).message
    if not isinstance(message, Message):
        await say(update, reply)
        return
    try:
        await message.edit_text(reply.text, reply_markup=reply.keyboard)
    except BadRequest as exc:
        if "not modified" in exc.message:
            return
        if "can't be edited" not in exc.message and "not found" not in exc.message:
            raise
        await say(update, reply)


def button_press(update: Update) -> CallbackQuery:
    assert update.callback_query is not None  # CallbackQueryHandler guarantees it
    return update.callback_query


def command_args(update: Update, count: int, usage: str) -> list[str]:
    """The command's text split into ``count`` parts (the last keeps its spaces and lines);
    ``Usage`` when a part is missing."""
    message = update.message
    assert message is not None  # a command message
    assert message.text is not None  # commands are text
    parts = message.text.split(None, count)[1:]
    if len(parts) < count or not all(p.strip() for p in parts):
        raise Usage(usage)
    return [p.strip() for p in parts]


def teacher_id(update: Update, context: Context) -> int:
    """The sender's id, once they are known to be a teacher (TeachersOnly otherwise)."""
    sender = user_id(update)
    context.bot_data.classroom.require_teacher(sender)
    return sender
