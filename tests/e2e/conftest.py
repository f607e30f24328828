"""End to end: a real ``tutorbot run`` process polling the fake Bot API on 127.0.0.1.

``BotProcess`` starts ``python -m tutorbot run`` in a temporary folder (so no ``.env`` of the
developer's is read) with the TUTORBOT_* settings pointing at the fake server, a deck written
by the test and a temporary database. Tests wait on what the fake server recorded, with a
deadline; nothing sleeps for a fixed time.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest

from tests.fake_bot_api import Call, FakeBotApi, FakeBotApiServer

T = TypeVar("T")
TOKEN = "123456:" + "E2e_token-0123456789abcdefghijklmn"
REPO = Path(__file__).resolve().parents[2]
DECK = """\
id: treaties
title: Treaties <of> the 1920s & "more"
evidence:
  rapallo: The Treaty of Rapallo was signed in 1922 by Germany & the USSR.
questions:
  - id: rapallo
    prompt: When was the Treaty of <Rapallo> signed?
    hint: Early in the 1920s & before Locarno.
    key_points:
      - id: year
        point: It was signed in 1922
        accept: ["1922"]
        evidence: rapallo
  - id: berlin
    prompt: What did Article 2 of the Treaty of Berlin say?
    key_points:
      - id: neutral
        point: If either was attacked, the other would stay neutral
        accept: [stay neutral, remain neutral]
        evidence: Article 2 - the other stays neutral.
    misconceptions:
      - id: alliance
        accept: [fight together, military alliance]
        correction: No - it was a neutrality pact <not> an alliance & neither had to fight.
"""
RIGHT = {"Rapallo": "It was 1922", "Berlin": "the other would stay neutral"}


def right_answer(question: Call) -> str:
    return next(answer for key, answer in RIGHT.items() if key in question.text)


class BotProcess:
    """``tutorbot run`` as a child process; its stderr goes to ``log``."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.env, self.cwd = env, cwd
        self.log = cwd / "bot.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, api: FakeBotApi, *, wait: bool = True) -> BotProcess:
        polls = api.polls
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tutorbot", "--log-level", "INFO", "run"],
                env=self.env,
                cwd=self.cwd,
                stdout=log,
                stderr=log,
            )
        if wait:  # the bot is serving once it polls
            api.wait_for(lambda: api.polls > polls, timeout=15)
        return self

    def stop(self) -> int:
        """SIGTERM, as a service manager stops it; the exit code."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=15)

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=15)

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def bot_env(tmp_path: Path, server: FakeBotApiServer | None, **extra: str) -> dict[str, str]:
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    (content / "treaties.yaml").write_text(DECK, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTORBOT_")}
    env.update(
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
        TUTORBOT_TOKEN=TOKEN,
        TUTORBOT_DB=str(tmp_path / "data" / "bot.sqlite3"),
        TUTORBOT_CONTENT=str(content),
    )
    if server is not None:
        env["TUTORBOT_API_BASE_URL"] = server.base_url
    env.update(extra)
    return env


def attempts(env: dict[str, str], student: int) -> list[tuple[str, int]]:
    """(answer, replied) of each attempt the bot stored for a student."""
    with sqlite3.connect(env["TUTORBOT_DB"]) as db:
        rows = db.execute(
            "SELECT answer, replied FROM attempts WHERE student_id = ? ORDER BY id", (student,)
        ).fetchall()
    return [(str(a), int(r)) for a, r in rows]


def far_from_now(zone: str = "Europe/London") -> str:
    """A daily push time (HH:MM) about twelve hours away in ``zone``: no real push fires
    during a test that sets it."""
    local = datetime.now(ZoneInfo(zone)) + timedelta(hours=12)
    return f"{local:%H:%M}"


def visible(call: Call) -> str:
    """What the student sees of a message the bot sent: its text with the HTML parsed."""
    result = call.result or {}
    return str(result.get("text") or result.get("caption") or "")


def query(env: dict[str, str], sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Rows from the bot's database, through a read-only connection (the bot may be running)."""
    uri = Path(env["TUTORBOT_DB"]).resolve().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True)
    try:
        return [tuple(row) for row in db.execute(sql, params).fetchall()]
    finally:
        db.close()


def settles_to(api: FakeBotApi, read: Callable[[], T], expected: T, timeout: float = 10.0) -> None:
    """Wait until ``read()`` (e.g. rows of the bot's database) equals ``expected``; on timeout,
    fail with the difference."""
    try:
        api.wait_for(lambda: read() == expected, timeout)
    except AssertionError:
        assert read() == expected  # pytest shows the difference


SHARED_BOT = "shared_bot"
"""The marker of a module whose tests share one bot: ``pytestmark = pytest.mark.shared_bot()``,
its keyword arguments more TUTORBOT_* settings for that bot."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{SHARED_BOT}(**settings): the module's tests share one bot, started with these"
        " extra TUTORBOT_* settings",
    )


@dataclass
class Served:
    """A fake Bot API and the bot process polling it, shared by the tests of a module."""

    api: FakeBotApi
    bot: BotProcess

    @property
    def env(self) -> dict[str, str]:
        return self.bot.env


@contextmanager
def serving(tmp_path: Path, **extra: str) -> Iterator[Served]:
    """Start the fake Bot API and a bot on it (``extra``: more TUTORBOT_* settings); stop
    both after, the bot with SIGTERM and a clean exit expected."""
    api = FakeBotApi(TOKEN)
    with FakeBotApiServer(api) as server:
        bot = BotProcess(bot_env(tmp_path, server, **extra), tmp_path).start(api)
        try:
            yield Served(api, bot)
            if bot.running():
                assert bot.stop() == 0, bot.output()[-3000:]
        finally:
            if bot.running():
                bot.kill()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _failed(request: pytest.FixtureRequest) -> bool:
    report = getattr(request.node, "rep_call", None)
    return report is not None and bool(report.failed)


@pytest.fixture(scope="module")
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """The bot a ``shared_bot`` module's tests share, with the marker's settings."""
    marker = request.node.get_closest_marker(SHARED_BOT)
    assert marker is not None, f"{request.module.__name__} is not marked {SHARED_BOT}"
    tmp_path = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])
    with serving(tmp_path, **marker.kwargs) as running:
        yield running


@pytest.fixture
def api(request: pytest.FixtureRequest) -> Iterator[FakeBotApi]:
    """In a ``shared_bot`` module, the shared bot's API: after each test, the bot's log on
    failure and a check that it is still serving. Elsewhere a fresh API for the ``bot``
    fixture's process."""
    if request.node.get_closest_marker(SHARED_BOT) is None:
        yield FakeBotApi(TOKEN)
        return
    shared: Served = request.getfixturevalue("served")
    yield shared.api
    if _failed(request):
        print(shared.bot.output()[-5000:], file=sys.stderr)  # the bot serves the next tests on
    assert shared.bot.running(), shared.bot.output()[-3000:]


@pytest.fixture
def server(api: FakeBotApi) -> Iterator[FakeBotApiServer]:
    with FakeBotApiServer(api) as running:
        yield running


@pytest.fixture
def bot(
    api: FakeBotApi, server: FakeBotApiServer, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[BotProcess]:
    """A bot process (not started) that is stopped after the test; its log shown on failure."""
    process = BotProcess(bot_env(tmp_path, server), tmp_path)
    yield process
    if process.running():
        process.kill()
    if _failed(request):
        print(process.output()[-5000:], file=sys.stderr)


class Student:
    """One simulated student: sends, presses, and waits for the bot's next message."""

    def __init__(self, api: FakeBotApi, user_id: int) -> None:
        self.api, self.id = api, user_id

    def say(self, text: str) -> Call:
        seen = len(self.api.sent_to(self.id))
        self.api.send_text(self.id, text)
        return self.next_message(seen)

    def press(self, data: str, message: Call | None = None) -> int:
        return self.api.press(self.id, message or self.api.sent_to(self.id)[-1], data)

    def press_and_read(self, data: str, message: Call | None = None) -> Call:
        seen = len(self.api.sent_to(self.id))
        self.press(data, message)
        return self.next_message(seen)

    def start_revising(self, deck: str = "treaties") -> Call:
        """/start and pick ``deck``; the bot's confirmation."""
        self.say("/start")
        return self.press_and_read(f"deck:{deck}")

    def next_message(self, seen: int, timeout: float = 10.0) -> Call:
        """The first message sent to this student after the first ``seen`` ones."""
        messages: list[Call] = self.api.wait_for(
            lambda: len(self.api.sent_to(self.id)) > seen and self.api.sent_to(self.id), timeout
        )
        return messages[seen]
