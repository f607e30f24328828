"""The Telegram bot: ``run_bot(settings)`` serves students until stopped (Ctrl-C, SIGTERM)."""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import os
from datetime import UTC, datetime
from urllib.parse import urlsplit

from telegram import Bot, Update
from telegram.constants import FloodLimit
from telegram.error import InvalidToken, NetworkError

from tutorbot.adapters import deck_files
from tutorbot.adapters.store import Store
from tutorbot.bot.app import build_application
from tutorbot.config import Settings, SettingsError, redact
from tutorbot.core.errors import TutorError
from tutorbot.services.wiring import build_services

logger = logging.getLogger(__name__)

__all__ = ["BotUnreachable", "build_application", "run_bot"]


class BotUnreachable(TutorError):
    """The Bot API server could not be reached at start-up."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def run_bot(settings: Settings, *, send_rate: float = FloodLimit.MESSAGES_PER_SECOND) -> None:
    """Long polling, or a webhook server when ``settings.webhook_url`` is set.

    Updates that arrived while the bot was down are processed, not dropped: an answer sent
    then is marked when the bot comes back. ``send_rate`` caps messages a second across all
    chats (Telegram's 30 by default; 0: no cap, for a local Bot API server or a benchmark).
    """
    settings.require_token()
    # python-telegram-bot 22's opt-in: durations (RetryAfter.retry_after) as timedeltas, which
    # the delivery queue reads, instead of ints with a deprecation warning on every 429
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    decks = deck_files.load_decks([settings.content_dir])
    with Store.open(settings.db_path) as store:
        services = build_services(
            store, decks, utc_now, teachers=settings.teachers, timezone=settings.timezone
        )
        application = build_application(settings, services, send_rate=send_rate)
        logger.info("serving %d deck(s) from %s", len(decks), settings.content_dir)
        asyncio.run(check_bot_api(application.bot, settings))
        if settings.webhook_url:
            if importlib.util.find_spec("tornado") is None:
                raise SettingsError(
                    "TUTORBOT_WEBHOOK_URL is set but webhook support is not installed: "
                    "pip install 'python-telegram-bot[webhooks]', or leave it empty to poll"
                )
            application.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret,
                allowed_updates=Update.ALL_TYPES,
                drop_pending_updates=False,
            )
        else:
            application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)


async def check_bot_api(bot: Bot, settings: Settings) -> None:
    """Ask the Bot API who we are, to fail with one line (not a traceback) when it cannot be
    reached or refuses the token."""
    try:
        async with bot:
            logger.info("connected as @%s", bot.username)
    except InvalidToken as exc:
        raise SettingsError(
            f"TUTORBOT_TOKEN was refused by the Bot API: {redact(str(exc), settings.token)}"
        ) from exc
    except NetworkError as exc:
        where = settings.api_base_url or "api.telegram.org"
        raise BotUnreachable(
            f"cannot reach the Bot API at {where}: {redact(str(exc), settings.token)}"
        ) from exc
