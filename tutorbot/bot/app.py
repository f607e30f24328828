"""The python-telegram-bot Application: the features, defaults, rate limits, update ordering
and intake (every update stored in the inbox first: tutorbot/bot/intake.py).

``build_application`` is given the services (tutorbot/services/wiring.py) and puts them, the
settings and what the feature tables give (menus, /help lines) in the typed ``bot_data``
(tutorbot/bot/handling.py). Each feature (``FEATURES``) has one command table; its commands are
registered before the catch-alls (unknown command, plain text = answer, non-text), so they take
precedence.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any, cast

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import FloodLimit, ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationBuilder, BaseUpdateProcessor, CommandHandler, Defaults
from telegram.request import BaseRequest, HTTPXRequest

from tutorbot.bot import daily, decks, errors, student, teacher
from tutorbot.bot.handling import (
    CONTEXT_TYPES,
    PRIVATE,
    AnyApplication,
    BotData,
    Feature,
    help_lines,
    menu_entries,
)
from tutorbot.bot.intake import InboxQueue, IntakeBot
from tutorbot.bot.sender import DeliveryTask, TelegramSender
from tutorbot.bot.throttle import OneThrottle
from tutorbot.config import Settings
from tutorbot.core.pacing import Pacer, RateLimits
from tutorbot.services.wiring import Services

logger = logging.getLogger(__name__)

FEATURES = (student.FEATURE, teacher.FEATURE, daily.FEATURE, decks.FEATURE)
"""In the order of the menus and /help: the student's, then the teacher's commands."""
MAX_CONCURRENT_UPDATES = 1024
"""Updates in progress at once. Those of one chat wait for each other while holding a slot, so
this is large: a student sending a flood of messages must not fill every slot."""
RETRIES_AFTER_429 = 3
CONNECTIONS = 16
"""HTTP connections to the Bot API. httpcore scans its whole pool on every request: a few
warm connections serve hundreds of requests a second; hundreds of idle ones cost CPU."""
POOL_TIMEOUT = 10.0
"""Seconds a request may wait for a free connection in a burst (python-telegram-bot: 1)."""


def build_application(
    settings: Settings,
    services: Services,
    *,
    request: BaseRequest | None = None,
    send_rate: float = FloodLimit.MESSAGES_PER_SECOND,
    features: tuple[Feature, ...] = FEATURES,
) -> AnyApplication:
    """The bot for ``settings`` serving ``services``.

    ``request`` replaces the HTTP client (tests); ``send_rate`` caps messages a second across
    all chats (Telegram's 30; 0 for no throttle at all, e.g. against a local Bot API server).
    Every update goes through the inbox (tutorbot/bot/intake.py).
    """
    pacer = Pacer(RateLimits(overall=max(1, round(send_rate)))) if send_rate > 0 else None
    base_url = settings.api_base_url or "https://api.telegram.org/bot"
    bot = IntakeBot(
        token=settings.require_token(),
        base_url=base_url,
        base_file_url=(
            base_url[: -len("bot")] + "file/bot"
            if base_url.endswith("/bot")
            else "https://api.telegram.org/file/bot"
        ),
        request=request
        or HTTPXRequest(connection_pool_size=CONNECTIONS, pool_timeout=POOL_TIMEOUT),
        get_updates_request=request or HTTPXRequest(connection_pool_size=1),
        defaults=Defaults(
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        rate_limiter=OneThrottle(pacer, paced_chats=settings.teachers, retries=RETRIES_AFTER_429),
    )
    queue = InboxQueue(services.inbox, services.clock)
    application = cast(
        AnyApplication,
        ApplicationBuilder()
        .bot(bot)
        .context_types(CONTEXT_TYPES)
        .update_queue(queue)
        .concurrent_updates(PerChatUpdateProcessor(MAX_CONCURRENT_UPDATES, queue))
        .post_init(_start)
        .build(),
    )
    sender = TelegramSender(application.bot)
    worker = services.delivery_worker(sender, pacer)
    worker.recover()
    delivery_task = DeliveryTask(application, worker, services.daily_quiz, sender)
    _fill(application.bot_data, services, settings, features, delivery_task)
    for feature in features:
        for row in feature.commands:
            application.add_handler(CommandHandler(row.name, row.handler, filters=PRIVATE))
        if feature.register is not None:
            feature.register(application, settings)
    student.register_fallbacks(application)
    application.add_error_handler(errors.on_error)
    return application


def _fill(
    data: BotData,
    services: Services,
    settings: Settings,
    features: tuple[Feature, ...],
    delivery_task: DeliveryTask,
) -> None:
    """``bot_data``, once: the services, and the menus and /help lines of every feature's
    table (everyone's rows, then the teachers')."""
    rows = [row for feature in features for row in feature.commands]
    everyone = tuple(row for row in rows if row.who == "everyone")
    teachers = tuple(row for row in rows if row.who == "teachers")
    data.services = services
    data.settings = settings
    data.delivery_task = delivery_task
    data.menu = [BotCommand(name, text) for name, text in menu_entries(everyone)]
    data.teacher_menu = [BotCommand(name, text) for name, text in menu_entries(teachers)]
    data.help_lines = list(help_lines(everyone))
    data.teacher_help_lines = list(help_lines(teachers))


async def _start(application: AnyApplication) -> None:
    """Before polling (or the webhook) starts: updates stored and not finished first, then
    the command menus."""
    queue = application.update_queue
    assert isinstance(queue, InboxQueue)  # build_application's
    await queue.requeue_unfinished(application.bot)
    await _set_commands(application)


async def _set_commands(application: AnyApplication) -> None:
    """Everyone's command menu; each teacher's (in their chat) has the teacher commands too."""
    data = application.bot_data
    await _set_menu(application, data.menu)
    if not data.teacher_menu:
        return
    menu = [*data.menu, *data.teacher_menu]
    for teacher_id in sorted(data.settings.teachers):
        await _set_menu(application, menu, BotCommandScopeChat(chat_id=teacher_id))


async def _set_menu(
    application: AnyApplication,
    commands: list[BotCommand],
    scope: BotCommandScopeChat | None = None,
) -> None:
    try:
        await application.bot.set_my_commands(commands, scope=scope)
    except TelegramError as exc:  # the menu is a convenience: serve students without it
        # a teacher who never opened a chat with the bot: "chat not found"
        where = f" of chat {scope.chat_id}" if scope is not None else ""
        logger.warning("could not set the command menu%s: %s", where, exc)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Updates of different chats run concurrently; those of one chat in arrival order.

    A student's answer must be marked before their next /quiz is served, while one slow chat
    must not hold up the others.
    """

    PRUNE_EVERY = 1000
    """Updates handled between two prunings of the inbox."""

    def __init__(self, max_concurrent_updates: int, intake: InboxQueue | None = None) -> None:
        super().__init__(max_concurrent_updates)
        self._intake = intake
        self._handled = 0
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_key(update)
        if key is None:
            await self._handle(update, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await self._handle(update, coroutine)
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key], self._locks[key]

    async def _handle(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the handlers, the update marked in the inbox as started, then done."""
        if self._intake is None or not isinstance(update, Update):
            await coroutine
            return
        self._intake.inbox.start(update.update_id)
        await coroutine  # handler errors end in the error handler, not here
        self._intake.inbox.finish(update.update_id)
        self._handled += 1
        if self._handled % self.PRUNE_EVERY == 0:
            self._intake.prune()

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def _chat_key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None
