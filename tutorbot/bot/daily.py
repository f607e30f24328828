"""The daily quiz on Telegram: /daily, /timezone, /join, the quiz's next question after each
answer or skip, and the repeating job that queues due quizzes and starts the delivery queue.

State lives in SQLite: the job asks the database what is due (no in-memory timers), so a
restart loses no push and sends none twice.
"""

from __future__ import annotations

import logging
from html import escape

from telegram import Update

from tutorbot.bot import views
from tutorbot.bot.handling import (
    AnyApplication,
    Command,
    Context,
    Feature,
    help_lines,
    menu_entries,
    say,
    user_id,
)
from tutorbot.config import Settings
from tutorbot.core import daily_times
from tutorbot.core.daily_times import DailyCommand
from tutorbot.core.tutoring import QuizDone, QuizStep
from tutorbot.services.daily_quiz import DailyView, quiz_intro

logger = logging.getLogger(__name__)

JOIN_USAGE = "Send the code your teacher gave you, e.g. <code>/join K7WQ2MXP4R</code>"
QUIZ_DONE = "🎉 That's today's quiz done. See you tomorrow!"


async def daily_command(update: Update, context: Context) -> None:
    request = daily_times.parse_daily(" ".join(context.args or ()))
    quiz = context.bot_data.daily_quiz
    if request.command is DailyCommand.SHOW:
        view = quiz.settings(user_id(update))
    else:
        view = quiz.set_time(user_id(update), request.at)
    await say(update, daily_text(view))


async def timezone(update: Update, context: Context) -> None:
    quiz = context.bot_data.daily_quiz
    if not context.args:
        zone = quiz.settings(user_id(update)).zone.key
        await say(
            update,
            f"Your time zone is <b>{escape(zone)}</b>. Change it with "
            "<code>/timezone Europe/Berlin</code> (any region/city name).",
        )
        return
    view = quiz.set_zone(user_id(update), " ".join(context.args))
    await say(update, f"Time zone set to <b>{escape(view.zone.key)}</b>.\n{daily_text(view)}")


async def join(update: Update, context: Context) -> None:
    if not context.args:
        await say(update, JOIN_USAGE)
        return
    user = update.effective_user
    assert user is not None  # private messages have a sender
    klass = context.bot_data.classroom.join(user.id, user.full_name, "".join(context.args))
    await say(
        update, f"You joined <b>{escape(klass.name)}</b>. Your teacher can now send you questions."
    )


COMMAND_TABLE = (
    Command(
        "daily",
        daily_command,
        "Daily quiz time, e.g. /daily 18:30 or /daily off",
        "/daily 18:30: a short quiz every day at that time (/daily off stops it)",
    ),
    Command(
        "timezone",
        timezone,
        "Your time zone, e.g. /timezone Europe/Berlin",
        "/timezone Europe/Berlin: your time zone, for the daily quiz",
    ),
    Command(
        "join",
        join,
        "Join your teacher's class: /join CODE",
        "/join CODE: join your teacher's class with the code they gave you",
    ),
)
COMMANDS = menu_entries(COMMAND_TABLE)
HELP_LINES = help_lines(COMMAND_TABLE)


def start_job(application: AnyApplication, settings: Settings) -> None:
    """The repeating job that queues the due daily quizzes and sends the queue."""
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            tick, interval=settings.push_interval, first=1.0, name="pushes"
        )


FEATURE = Feature(COMMAND_TABLE, start_job)


async def tick(context: Context) -> None:
    delivery = context.bot_data.delivery_task
    queued = delivery.quiz.enqueue_due()
    if queued:
        logger.info("%d daily quiz(zes) due", queued)
    delivery.kick()


async def send_next_step(update: Update, step: QuizStep | QuizDone | None) -> None:
    """After an answer (or /skip): the daily quiz's next question, or its end."""
    if isinstance(step, QuizStep):
        await say(update, views.introduced(step.asked, quiz_intro(step)))
    elif isinstance(step, QuizDone):
        await say(update, QUIZ_DONE)


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
