"""Teacher commands: /newclass, /classes, /broadcast, /push, /report, /overrides and the
Accept / Reject buttons. Everyone not in TUTORBOT_TEACHERS gets "teachers only" from the
Classroom service (a TeachersOnly error, replied by the error handler) and nothing happens.

Callback data: ``ovr:a:<attempt id>`` (accept), ``ovr:r:<attempt id>`` (reject).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler

from tutorbot.bot.handling import (
    AnyApplication,
    Command,
    Context,
    Feature,
    Usage,
    chat_of,
    command_args,
    help_lines,
    menu_entries,
    say,
    teacher_id,
)
from tutorbot.bot.sender import progress_text
from tutorbot.config import Settings
from tutorbot.core.deliveries import BroadcastProgress, Counts
from tutorbot.core.reports import ClassReport
from tutorbot.core.wording import clipped, counted
from tutorbot.services.classroom import OverrideItem, ReviewOutcome, Started

REVIEW_DATA = re.compile(r"ovr:(?P<verdict>[ar]):(?P<attempt>\d{1,18})\Z")
MAX_OVERRIDES_SHOWN = 20
ACCEPT_SCOPE = (
    "Accept: these words then count for the missing point(s) for the students of your classes only."
)
ACCEPTED = (
    "✅ Accepted: this answer now counts for the missing point(s) in your classes. "
    "To make it count everywhere, add it to the deck: <code>tutorbot phrasings DECK</code> "
    "prints every accepted wording as YAML."
)
MAX_POINT_TEXT = 140
MAX_ANSWER_SHOWN = 1000
"""An answer can be Telegram's 4,096 characters: the review shows its start, so that the
review message itself stays under that limit."""


def register_buttons(application: AnyApplication, settings: Settings) -> None:
    application.add_handler(CallbackQueryHandler(review, pattern=REVIEW_DATA))


async def new_class(update: Update, context: Context) -> None:
    teacher = teacher_id(update, context)
    (name,) = command_args(update, 1, "Send /newclass NAME, e.g. /newclass 10B-history")
    klass = context.bot_data.classroom.new_class(teacher, name)
    await say(
        update,
        f"Class <b>{escape(klass.name)}</b> created. Students join it by sending me:\n"
        f"<code>/join {escape(klass.join_code)}</code>",
    )


async def classes(update: Update, context: Context) -> None:
    sizes = context.bot_data.classroom.classes(teacher_id(update, context))
    if not sizes:
        await say(update, "You have no classes yet. Create one with /newclass NAME.")
        return
    lines = [
        f"• <b>{escape(s.klass.name)}</b>: {counted(s.members, 'student')}"
        f" ({s.active} active) · join code <code>{escape(s.klass.join_code)}</code>"
        for s in sizes
    ]
    await say(update, "<b>Your classes</b>\n" + "\n".join(lines))


async def broadcast(update: Update, context: Context) -> None:
    teacher = teacher_id(update, context)
    name, text = command_args(
        update, 2, "Send /broadcast CLASS TEXT, e.g. /broadcast 10B Test on Friday"
    )
    await _start(
        update,
        context,
        "broadcast",
        lambda: context.bot_data.classroom.broadcast(teacher, name, text),
    )


async def push(update: Update, context: Context) -> None:
    teacher = teacher_id(update, context)
    usage = "Send /push CLASS DECK [QUESTION], e.g. /push 10B stalin-foreign-policy"
    parts = command_args(update, 2, usage)
    name, rest = parts[0], parts[1].split()
    if len(rest) > 2:
        raise Usage(usage)
    question = rest[1] if len(rest) == 2 else None
    await _start(
        update,
        context,
        "push",
        lambda: context.bot_data.classroom.push(teacher, name, rest[0], question),
    )


async def _start(
    update: Update,
    context: Context,
    kind: Literal["broadcast", "push"],
    queue: Callable[[], Started],
) -> None:
    """``queue()`` the messages, then tell the teacher: a running delivery may finish a small
    broadcast meanwhile, and its final count waits for this progress message."""
    delivery = context.bot_data.delivery_task
    async with delivery.announcing(chat_of(update).id):
        started = queue()
        counts = Counts(queued=started.queued, blocked=started.inactive)
        progress = BroadcastProgress(started.class_name, kind, counts, done=False)
        message_id = (await say(update, progress_text(progress))).message_id
        context.bot_data.classroom.set_progress_message(started.broadcast_id, message_id)
    delivery.kick()


async def report(update: Update, context: Context) -> None:
    teacher = teacher_id(update, context)
    (name,) = command_args(update, 1, "Send /report CLASS, e.g. /report 10B")
    view = context.bot_data.classroom.report(teacher, name)
    await say(update, report_text(view.report))
    await chat_of(update).send_photo(
        view.chart_png, caption=f"{escape(view.report.class_name)}: most-missed key points"
    )


async def overrides(update: Update, context: Context) -> None:
    teacher = teacher_id(update, context)
    (name,) = command_args(update, 1, "Send /overrides CLASS, e.g. /overrides 10B")
    items = context.bot_data.classroom.overrides(teacher, name)
    if not items:
        await say(update, f"No “I was right” answers waiting for review in {escape(name)}.")
        return
    shown = items[:MAX_OVERRIDES_SHOWN]
    more = len(items) - len(shown)
    note = f" Showing the oldest {len(shown)}; {more} more after these." if more else ""
    await say(update, f"{len(items)} answer(s) waiting for review.{note}")
    for item in shown:
        aid = item.attempt.id
        buttons = InlineKeyboardMarkup(
            [[
                InlineKeyboardButton("✅ Accept", callback_data=f"ovr:a:{aid}"),
                InlineKeyboardButton("❌ Reject", callback_data=f"ovr:r:{aid}"),
            ]]
        )  # fmt: skip
        await say(update, f"{override_text(item)}\n<i>{ACCEPT_SCOPE}</i>", buttons)


async def review(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None  # CallbackQueryHandler guarantees it
    match = REVIEW_DATA.match(query.data or "")
    assert match is not None  # the handler's pattern
    outcome = context.bot_data.classroom.review(
        teacher_id(update, context), int(match["attempt"]), match["verdict"] == "a"
    )
    await query.answer("Accepted" if outcome.accepted else "Rejected")
    if query.message is not None:
        await query.edit_message_text(review_text(outcome))


def override_text(item: OverrideItem) -> str:
    missed = ", ".join(escape(_short(p.point)) for p in item.missed) or "none"
    return (
        f"<b>{escape(item.student_name or 'A student')}</b> on <i>{escape(item.deck.title)}</i>\n"
        f"Q: {escape(item.question.prompt)}\n"
        f"A: “{escape(_short(item.attempt.answer, MAX_ANSWER_SHOWN))}”\n"
        f"Marked as missing: {missed}"
    )


def review_text(outcome: ReviewOutcome) -> str:
    base = override_text(outcome.item)
    verdict = ACCEPTED if outcome.accepted else "❌ Rejected."
    if not outcome.changed:
        verdict += " (decided earlier)"
    return f"{base}\n\n<b>{verdict}</b>"


def report_text(report: ClassReport) -> str:
    lines = [
        f"<b>Class {escape(report.class_name)}</b>",
        f"Participation, last 7 days: {report.active} of {report.size} students "
        f"({report.participation:.0%}), {report.answers} answers",
        "Answers per day (oldest first): " + " · ".join(str(n) for n in report.answers_by_day),
        "",
        "<b>Average score per deck</b>",
    ]
    lines += [
        f"• {escape(s.deck.title)}: {s.average:.0%} ({s.answers} answers)"
        for s in report.deck_scores
    ] or ["No answers yet."]
    lines += ["", "<b>Most-missed key points</b>"]
    lines += [
        f"{i}. {escape(_short(m.point.point))} — missed {m.misses} times"
        for i, m in enumerate(report.most_missed, start=1)
    ] or ["None missed yet."]
    return "\n".join(lines)


def _short(text: str, limit: int = MAX_POINT_TEXT) -> str:
    flat = " ".join(text.split())
    return clipped(flat, limit)


COMMAND_TABLE = (
    Command(
        "newclass",
        new_class,
        "Create a class: /newclass NAME",
        "/newclass NAME: create a class and get the code its students join with",
        "teachers",
    ),
    Command(
        "classes",
        classes,
        "Your classes, their sizes and join codes",
        "/classes: your classes, their sizes and join codes",
        "teachers",
    ),
    Command(
        "broadcast",
        broadcast,
        "Message a class: /broadcast CLASS TEXT",
        "/broadcast CLASS TEXT: send TEXT to every student of the class",
        "teachers",
    ),
    Command(
        "push",
        push,
        "Send a class a question: /push CLASS DECK [QUESTION]",
        "/push CLASS DECK [QUESTION]: send a question now to every student of the class "
        "(without QUESTION: the one each student most needs)",
        "teachers",
    ),
    Command(
        "report",
        report,
        "How a class is doing: /report CLASS",
        "/report CLASS: participation over the last 7 days, average score per deck and the "
        "most-missed key points, with a chart",
        "teachers",
    ),
    Command(
        "overrides",
        overrides,
        "Review “I was right” answers: /overrides CLASS",
        "/overrides CLASS: the “I was right” answers waiting for your review, to accept or reject",
        "teachers",
    ),
)
COMMANDS = menu_entries(COMMAND_TABLE)
HELP_LINES = help_lines(COMMAND_TABLE)
FEATURE = Feature(COMMAND_TABLE, register_buttons)
