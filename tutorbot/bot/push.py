"""Daily quizzes and the delivery queue on Telegram: /daily, /timezone, /join, the quiz's next
question after each answer, the repeating job that fires due pushes and drains the queue,
and ``TelegramSender``, the Bot API side of tutorbot.services.delivery.

State lives in SQLite: the job asks the database what is due (no in-memory timers), so a
restart loses no push and sends none twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import timedelta
from html import escape
from typing import Any

from telegram import Bot, BotCommand, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from tutorbot.bot import views
from tutorbot.config import Settings
from tutorbot.core import daily_times
from tutorbot.core.daily_times import DailyCommand
from tutorbot.services.classroom import Classroom
from tutorbot.services.daily_quiz import DailyQuiz, DailyView, QuizDone, QuizStep
from tutorbot.services.delivery import (
    Blocked,
    BroadcastProgress,
    DeliveryWorker,
    DrainResult,
    RetryLater,
    SendFailed,
)
from tutorbot.services.tutor import Asked, Tutor

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
AnyApplication = Application[Any, Any, Any, Any, Any, Any]
PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
COMMANDS = (
    ("daily", "Daily quiz time, e.g. /daily 18:30 or /daily off"),
    ("timezone", "Your time zone, e.g. /timezone Europe/Berlin"),
    ("join", "Join your teacher's class: /join CODE"),
)
HELP_LINES = (
    "/daily 18:30: a short quiz every day at that time (/daily off stops it)",
    "/timezone Europe/Berlin: your time zone, for the daily quiz",
    "/join CODE: join your teacher's class with the code they gave you",
)
JOIN_USAGE = "Send the code your teacher gave you, e.g. <code>/join K7WQ2MXP4R</code>"
QUIZ_DONE = "🎉 That's today's quiz done. See you tomorrow!"


def register(application: AnyApplication, settings: Settings, tutor: Tutor) -> None:
    clock = tutor.clock
    store = tutor.store
    classroom = Classroom(store, tutor, settings.teachers, clock)
    quiz = DailyQuiz(store, tutor, settings.timezone, clock)
    sender = TelegramSender(application.bot)
    worker = DeliveryWorker(
        store, tutor, quiz, sender, clock, pacer=application.bot_data.get("pacer")
    )
    worker.recover()
    application.bot_data.update(
        classroom=classroom, daily=quiz, delivery=Deliveries(application, worker, quiz, sender)
    )
    for name, callback in (("daily", daily_command), ("timezone", timezone), ("join", join)):
        application.add_handler(CommandHandler(name, callback, filters=PRIVATE))
    # group 1 runs after the student's own handler for the same update (the answer, /skip)
    application.add_handler(
        MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, next_in_quiz), 1
    )
    application.add_handler(CommandHandler("skip", next_in_quiz, filters=PRIVATE), 1)
    commands: list[BotCommand] = application.bot_data.setdefault("commands", [])
    commands.extend(BotCommand(name, text) for name, text in COMMANDS)
    application.bot_data.setdefault("help", []).extend(HELP_LINES)
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            tick, interval=settings.push_interval, first=1.0, name="pushes"
        )


class Deliveries:
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


async def tick(context: Context) -> None:
    deliveries: Deliveries = context.bot_data["delivery"]
    queued = deliveries.quiz.enqueue_due()
    if queued:
        logger.info("%d daily quiz(zes) due", queued)
    deliveries.kick()


async def daily_command(update: Update, context: Context) -> None:
    request = daily_times.parse_daily(" ".join(context.args or ()))
    quiz: DailyQuiz = context.bot_data["daily"]
    user = _user_id(update)
    if request.command is DailyCommand.SHOW:
        view = quiz.settings(user)
    else:
        view = quiz.set_time(user, request.at)
    await _reply(update, daily_text(view))


async def timezone(update: Update, context: Context) -> None:
    quiz: DailyQuiz = context.bot_data["daily"]
    if not context.args:
        zone = quiz.settings(_user_id(update)).zone.key
        await _reply(
            update,
            f"Your time zone is <b>{escape(zone)}</b>. Change it with "
            "<code>/timezone Europe/Berlin</code> (any region/city name).",
        )
        return
    view = quiz.set_zone(_user_id(update), " ".join(context.args))
    await _reply(update, f"Time zone set to <b>{escape(view.zone.key)}</b>.\n{daily_text(view)}")


async def join(update: Update, context: Context) -> None:
    if not context.args:
        await _reply(update, JOIN_USAGE)
        return
    user = update.effective_user
    assert user is not None  # private messages have a sender
    classroom: Classroom = context.bot_data["classroom"]
    klass = classroom.join(user.id, user.full_name, "".join(context.args))
    await _reply(
        update, f"You joined <b>{escape(klass.name)}</b>. Your teacher can now send you questions."
    )


async def next_in_quiz(update: Update, context: Context) -> None:
    """After an answer (or /skip): the daily quiz's next question, or its end."""
    quiz: DailyQuiz = context.bot_data["daily"]
    step = quiz.after_answer(_user_id(update))
    if isinstance(step, QuizStep):
        reply = views.question(step.asked)
        await _reply(update, f"<b>{escape(quiz_intro(step))}</b>\n{reply.text}")
    elif isinstance(step, QuizDone):
        await _reply(update, QUIZ_DONE)


def quiz_intro(step: QuizStep) -> str:
    return f"⏰ Daily quiz: question {step.number} of {step.total}"


def daily_text(view: DailyView) -> str:
    zone = escape(view.zone.key)
    if view.at is None or view.next_fire is None:
        return (
            f"No daily quiz. Send <code>/daily 18:30</code> to get "
            f"{daily_times.DEFAULT_QUIZ_LENGTH} questions every day at that time "
            f"({zone} time; change with /timezone)."
        )
    local = view.next_fire.astimezone(view.zone)
    return (
        f"Your daily quiz comes every day at <b>{daily_times.format_time(view.at)}</b> "
        f"({zone} time). Next: {local:%a %d %b %H:%M}. Stop it with <code>/daily off</code>."
    )


async def _reply(update: Update, text: str) -> None:
    chat = update.effective_chat
    assert chat is not None  # every update routed here has a chat
    await chat.send_message(text)


def _user_id(update: Update) -> int:
    assert update.effective_user is not None  # private messages have a sender
    return update.effective_user.id


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
        reply = views.question(asked)
        text = f"<b>{escape(intro)}</b>\n{reply.text}"
        await self._call(self._bot.send_message(chat_id, text, reply_markup=reply.keyboard))

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
            wait = exc.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            raise RetryLater(seconds) from exc
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
