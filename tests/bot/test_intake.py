"""Update intake in-process: the inbox queue stores each update once, and at start-up the
updates a killed process had not finished run again (an answer in full, once; anything else
cut off mid-way is not run twice)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import Update

from tests.bot.conftest import STUDENT, Chat, FakeRequest, services_for
from tests.fake_bot_api import FakeBotApi
from tutorbot.adapters.store import Store
from tutorbot.bot import build_application
from tutorbot.bot.handling import AnyApplication
from tutorbot.bot.intake import InboxQueue
from tutorbot.config import Settings
from tutorbot.services.tutor import Tutor


@pytest.fixture
async def application(
    api: FakeBotApi, tutor: Tutor, settings: Settings
) -> AsyncIterator[AnyApplication]:
    app = build_application(settings, services_for(tutor, settings), request=FakeRequest(api))
    async with app:
        yield app


def queue_of(application: AnyApplication) -> InboxQueue:
    queue = application.update_queue
    assert isinstance(queue, InboxQueue)
    return queue


def fetched(api: FakeBotApi) -> list[dict[str, Any]]:
    """The updates waiting on the fake API, taken as getUpdates would."""
    _, body = api.call("getUpdates", {"offset": 0, "timeout": 0})
    result: list[dict[str, Any]] = body["result"]
    api.call("getUpdates", {"offset": result[-1]["update_id"] + 1, "timeout": 0})
    return result


async def run_queued(application: AnyApplication) -> None:
    """Handle what is in the queue, marking the inbox as the update processor does."""
    queue = queue_of(application)
    while not queue.empty():
        update = await queue.get()
        assert isinstance(update, Update)
        await application.update_processor.process_update(
            update, application.process_update(update)
        )


async def test_an_update_is_stored_before_it_is_queued_and_a_repeat_is_dropped(
    api: FakeBotApi, application: AnyApplication
) -> None:
    api.send_text(STUDENT, "/start")
    [raw] = fetched(api)[-1:]
    queue = queue_of(application)
    update = Update.de_json(raw, application.bot)
    await queue.put(update)
    assert queue.inbox.state(update.update_id) == "new"
    await queue.put(update)  # handed out again: Telegram had not seen it confirmed
    assert queue.qsize() == 1
    await run_queued(application)
    assert queue.inbox.state(update.update_id) == "done"
    assert len(api.sent_to(STUDENT)) == 1


async def test_at_start_up_an_answer_cut_off_runs_again_once_and_other_updates_do_not(
    api: FakeBotApi, tutor: Tutor, store: Store, application: AnyApplication
) -> None:
    chat = Chat(application, api)
    await chat.say("/start")
    await chat.press("deck:treaties")
    await chat.say("/quiz")
    before = len(api.sent_to(STUDENT))
    inbox = queue_of(application).inbox
    api.send_text(STUDENT, "/quiz")
    api.send_text(STUDENT, "no idea")
    api.send_text(STUDENT, "/progress")
    quiz, answer, progress = fetched(api)[-3:]
    for raw, state in ((quiz, "started"), (answer, "started"), (progress, "new")):
        inbox.receive(raw["update_id"], json.dumps(raw), tutor.clock())
        if state == "started":
            inbox.start(raw["update_id"])

    restarted = build_application(
        chat.application.bot_data.settings,
        services_for(tutor, chat.application.bot_data.settings),
        request=FakeRequest(api),
    )
    async with restarted:
        assert await queue_of(restarted).requeue_unfinished(restarted.bot) == 2
        await run_queued(restarted)

    replies = api.sent_to(STUDENT)[before:]
    assert len(replies) == 2  # the feedback, then the progress; the cut-off /quiz not again
    assert replies[0].buttons()[0] == ("Next question", "next")
    assert "<b>" in replies[1].text
    assert inbox.unfinished() == ()
    assert inbox.state(quiz["update_id"]) == "abandoned"
    rows = store.connection.execute("SELECT answer, replied FROM attempts").fetchall()
    assert [tuple(r) for r in rows] == [("no idea", 1)]
