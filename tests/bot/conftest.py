"""The bot in-process: the real Application and Tutor, a FakeBotApi instead of Telegram.

``FakeRequest`` is the ``telegram.request.BaseRequest`` python-telegram-bot sends every call
through; it hands them to the same ``FakeBotApi`` the end-to-end tests serve over HTTP. The
``chat`` fixture plays the student: it queues an update on the fake API, takes it back the way
getUpdates would and feeds it to ``Application.process_update``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.request import BaseRequest, RequestData

from tests.fake_bot_api import Call, FakeBotApi, Upload, decode_params
from tutorbot.adapters.store import Store
from tutorbot.bot import build_application
from tutorbot.bot.handling import AnyApplication
from tutorbot.config import Settings
from tutorbot.services.tutor import Tutor
from tutorbot.services.wiring import Services, build_services

TOKEN = "123456:" + "A" * 35
STUDENT = 1001


class FakeRequest(BaseRequest):
    """Answers python-telegram-bot's requests from a FakeBotApi: no network."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self.before_call: Callable[[str, dict[str, Any]], Awaitable[None]] | None = None
        """Awaited before each call (but getUpdates) is answered: a test can run something
        while a request of the bot is on its way."""

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:  # a file download
            found = self.api.file_bytes(url.split("/file/bot", 1)[1].split("/", 1)[1])
            return (200, found) if found is not None else (404, b"")
        api_method = url.rsplit("/", 1)[-1]
        params = decode_params(request_data.json_parameters if request_data else {})
        for name, part in (request_data.multipart_data if request_data else {}).items():
            content = part[1]
            if isinstance(content, bytes):
                self.api.record_upload(Upload(name, str(part[0]), content))
        if api_method != "getUpdates" and self.before_call is not None:
            await self.before_call(api_method, params)
        if api_method == "getUpdates":  # may wait: off the event loop
            status, body = await asyncio.to_thread(self.api.call, api_method, params)
        else:
            status, body = self.api.call(api_method, params)
        return status, json.dumps(body).encode()


class Chat:
    """A student (or several) talking to the bot; each method returns the calls it caused."""

    def __init__(self, application: AnyApplication, api: FakeBotApi) -> None:
        self.application = application
        self.api = api
        self.delivered: list[dict[str, Any]] = []
        self._offset = 0

    async def deliver(self) -> list[Call]:
        """Hand every queued update to the bot, as polling would; the calls the bot made."""
        _, body = self.api.call("getUpdates", {"offset": self._offset, "timeout": 0})
        self._offset = max([self._offset, *(raw["update_id"] + 1 for raw in body["result"])])
        return await self.replay(*body["result"])

    async def replay(self, *updates: dict[str, Any]) -> list[Call]:
        """Feed these updates to the bot (again); the calls the bot made."""
        before = len(self.api.calls)
        for raw in updates:
            self.delivered.append(raw)
            await self.application.process_update(Update.de_json(raw, self.application.bot))
        return [c for c in self.api.calls[before:] if c.method != "getUpdates"]

    async def say(self, text: str, user: int = STUDENT) -> list[Call]:
        self.api.send_text(user, text)
        return await self.deliver()

    async def press(
        self, data: str, user: int = STUDENT, message: Call | None = None
    ) -> list[Call]:
        """Press the button with ``data`` under ``message`` (default: the last one sent)."""
        self.api.press(user, message or self.api.sent_to(user)[-1], data)
        return await self.deliver()

    def last(self, user: int = STUDENT) -> Call:
        return self.api.sent_to(user)[-1]


@pytest.fixture
def api() -> FakeBotApi:
    return FakeBotApi(TOKEN)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "bot.sqlite3", token=TOKEN)


def services_for(tutor: Tutor, settings: Settings) -> Services:
    """Every service around ``tutor`` (on its store and clock), as ``run_bot`` wires them."""
    store = tutor.store
    assert isinstance(store, Store)
    return build_services(
        store,
        tutor.decks,
        tutor.clock,
        teachers=settings.teachers,
        timezone=settings.timezone,
        tutor=tutor,
    )


@asynccontextmanager
async def talking_to(api: FakeBotApi, tutor: Tutor, settings: Settings) -> AsyncIterator[Chat]:
    """The bot for ``tutor``, initialised (it has called getMe), and a chat with it."""
    application = build_application(
        settings, services_for(tutor, settings), request=FakeRequest(api)
    )
    async with application:
        yield Chat(application, api)


@pytest.fixture
async def chat(api: FakeBotApi, tutor: Tutor, settings: Settings) -> AsyncIterator[Chat]:
    async with talking_to(api, tutor, settings) as talking:
        yield talking


def sent(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.ok]


@pytest.fixture(autouse=True)
def retry_after_as_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """As run_bot sets it: RetryAfter.retry_after as a timedelta, without a warning."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
