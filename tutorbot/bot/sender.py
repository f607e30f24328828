"""The bot's side of the delivery queue (tutorbot/services/delivery.py): ``TelegramSender``
sends the queued messages over the Bot API, turning Telegram's errors into delivery outcomes;
``DeliveryTask`` runs the delivery worker as one background task of the application.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from html import escape
from typing import TYPE_CHECKING, Any

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from tutorbot.bot import views
from tutorbot.bot.throttle import retry_seconds
from tutorbot.core.deliveries import BroadcastProgress
from tutorbot.core.tutoring import Asked
from tutorbot.services.daily_quiz import DailyQuiz
from tutorbot.services.delivery import Blocked, DeliveryWorker, DrainResult, RetryLater, SendFailed

if TYPE_CHECKING:
    from tutorbot.bot.handling import AnyApplication

logger = logging.getLogger(__name__)


class DeliveryTask:
    """Runs the delivery worker as one background task of the application at a time."""

    def __init__(
        self,
        application: AnyApplication,
        worker: DeliveryWorker,
        quiz: DailyQuiz,
        sender: TelegramSender,
    ) -> None:
        self.application = application
        self.worker = worker
        self.quiz = quiz
        self.sender = sender
        self._task: asyncio.Task[DrainResult] | None = None

    def announcing(self, chat_id: int) -> AbstractAsyncContextManager[None]:
        """Around queueing a broadcast and sending the teacher its progress message: see
        ``TelegramSender.announcing``."""
        return self.sender.announcing(chat_id)

    def kick(self) -> None:
        """Start draining the queue unless a drain is running (it picks up new rows itself)."""
        if not self.application.running:  # the job kicks again once the bot runs
            return
        if self._task is None or self._task.done():
            app = self.application
            self._task = app.create_task(
                self.worker.drain(lambda: not app.running), name="deliveries"
            )

    async def run_due(self) -> DrainResult:
        """Queue the due daily quizzes and send everything queued, now (tests, and the job)."""
        self.quiz.enqueue_due()
        if self._task is not None and not self._task.done():
            await self._task
        return await self.worker.drain()


class TelegramSender:
    """The delivery service's Sender over the Bot API; Telegram errors become delivery outcomes."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot
        self._announcing: Counter[int] = Counter()
        self._held: dict[int, list[str]] = {}

    @asynccontextmanager
    async def announcing(self, chat_id: int) -> AsyncIterator[None]:
        """While a teacher's progress message is on its way, a final count for their chat waits
        and follows it: a small broadcast can be done before its progress message is sent, and
        the final count must be the last message about it the teacher sees.

        Entered before the broadcast is queued, so that no final count can slip in before."""
        self._announcing[chat_id] += 1
        try:
            yield
        finally:
            self._announcing[chat_id] -= 1
            if not self._announcing[chat_id]:
                del self._announcing[chat_id]
                for text in self._held.pop(chat_id, []):
                    try:
                        await self._bot.send_message(chat_id, text)
                    except TelegramError as exc:
                        logger.warning("final count to %d not sent: %s", chat_id, exc)

    async def send_text(self, chat_id: int, text: str) -> None:
        await self._call(self._bot.send_message(chat_id, escape(text)))

    async def send_question(self, chat_id: int, asked: Asked, intro: str) -> None:
        reply = views.introduced(asked, intro)
        await self._call(self._bot.send_message(chat_id, reply.text, reply_markup=reply.keyboard))

    async def show_progress(
        self, chat_id: int, progress: BroadcastProgress, message_id: int | None
    ) -> None:
        text = progress_text(progress)
        if progress.done and message_id is None and chat_id in self._announcing:
            self._held.setdefault(chat_id, []).append(text)  # after the progress message
        elif progress.done:
            await self._call(self._bot.send_message(chat_id, text))
        elif message_id is not None:
            try:
                await self._call(self._bot.edit_message_text(text, chat_id, message_id))
            except SendFailed as exc:
                if "not modified" not in str(exc):
                    raise

    @staticmethod
    async def _call(request: Any) -> None:
        try:
            await request
        except Forbidden as exc:
            raise Blocked(str(exc)) from exc
        except RetryAfter as exc:
            raise RetryLater(retry_seconds(exc.retry_after)) from exc
        except TimedOut as exc:  # it may have arrived: at most once, so no retry
            raise SendFailed(f"timed out: {exc}") from exc
        except NetworkError as exc:
            if isinstance(exc, BadRequest):
                raise SendFailed(str(exc)) from exc
            raise RetryLater(2.0, "network") from exc
        except TelegramError as exc:
            raise SendFailed(str(exc)) from exc


def progress_text(progress: BroadcastProgress) -> str:
    counts = progress.counts
    what = "Broadcast to" if progress.kind == "broadcast" else "Question pushed to"
    name = escape(progress.class_name)
    detail = f"{counts.sent:,} sent, {counts.blocked:,} blocked, {counts.failed:,} failed"
    if counts.unconfirmed:  # in flight when the bot was stopped: not resent (at most once)
        them = "it" if counts.unconfirmed == 1 else "them"
        detail += (
            f", {counts.unconfirmed:,} may not have arrived"
            f" (the bot restarted while sending {them})"
        )
    if progress.done:
        return f"✅ {what} <b>{name}</b> finished: {detail}."
    return f"📣 {what} <b>{name}</b>: {counts.done:,} of {counts.total:,} done ({detail})…"
