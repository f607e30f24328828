"""Broadcast benchmark: a teacher's /broadcast to N students (default 10,000) on the fake Bot
API, the achieved send rate against the configured limit, duplicates, and the same after
killing the delivery worker mid-way and restarting the bot on the same database.

Run from the repository root: ``python -m benchmarks.broadcast`` (``--help`` for the knobs;
10,000 messages at 30 a second take about 333 s per run, so the two runs take ~11 minutes;
``--students 2000`` for a quicker look).

The bot is built in-process exactly as ``tutorbot run`` builds it (``build_application``:
one throttle at ``--rate``, shared by the delivery worker and every other send; real HTTP
through httpx) against the fake
Bot API server of tests/fake_bot_api.py on 127.0.0.1 only. The rate is measured on the
server side: messages to students divided by the time between the first and the last.

The kill is in-process: the delivery worker's task is cancelled abruptly at a random point
(in-flight HTTP requests are abandoned mid-call, as in a crash), the application is thrown
away, and a new one is built on a new connection to the same SQLite file; on start-up it
marks rows left 'sending' as unconfirmed (never resent: at most once) and sends the rest.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from telegram import Update

from tests.fake_bot_api import Call, FakeBotApi, FakeBotApiServer
from tutorbot.adapters import deck_files
from tutorbot.adapters.store import Store
from tutorbot.adapters.store.classes import Classes
from tutorbot.adapters.store.outbox import Outbox
from tutorbot.bot import build_application
from tutorbot.bot.handling import AnyApplication
from tutorbot.bot.sender import DeliveryTask
from tutorbot.config import Settings
from tutorbot.services.wiring import build_services

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:" + "Broadcast_bench-0123456789abcdefghij"
TEACHER = 42
FIRST_STUDENT = 20_000_000
MARK = "Mock exam moved to Thursday"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Figures:
    sent: int
    seconds: float
    max_in_one_second: int
    windows_over: dict[int, int]
    """Count of 1-second windows (one starting at each message) holding more than N, by N."""

    @property
    def rate(self) -> float:
        return (self.sent - 1) / self.seconds if self.seconds > 0 else float("nan")


def figures(calls: list[Call]) -> Figures:
    times = sorted(c.at for c in calls)
    sizes, right = [], 0
    for left, moment in enumerate(times):
        while right < len(times) and times[right] - moment < 1.0:
            right += 1
        sizes.append(right - left)
    best = max(sizes, default=0)
    over = Counter(sizes)
    return Figures(
        len(times),
        times[-1] - times[0] if times else 0.0,
        best,
        {n: sum(c for size, c in over.items() if size > n) for n in range(30, best)},
    )


def window_line(figures: Figures, rate: float) -> str:
    over = figures.windows_over.get(int(rate), 0)
    return (
        f"  busiest 1-second window at the server: {figures.max_in_one_second} messages; "
        f"windows over {rate:g}: {over} of {figures.sent}"
    )


def student_messages(api: FakeBotApi) -> list[Call]:
    return [c for c in api.calls_of("sendMessage") if MARK in c.text]


def build(db: Path, server: FakeBotApiServer, rate: float) -> tuple[AnyApplication, Store]:
    store = Store.open(db)
    settings = Settings(
        db_path=db, token=TOKEN, api_base_url=server.base_url, teachers=frozenset({TEACHER})
    )
    services = build_services(
        store,
        deck_files.load_decks([ROOT / "content"]),
        utc_now,
        teachers=settings.teachers,
        timezone=settings.timezone,
    )
    application = build_application(settings, services, send_rate=rate)
    return application, store


def deliveries(application: AnyApplication) -> DeliveryTask:
    return application.bot_data.delivery_task


def enrol_class(store: Store, api: FakeBotApi, students: list[int]) -> None:
    """The class and its students, written straight to the database (the benchmark is about
    delivery); every student has a chat with the bot on the fake server."""
    classroom_store = Classes(store.db)
    now = utc_now()
    with store.transaction():
        klass = classroom_store.create(TEACHER, "bench", "BENCH23456", now)
        assert klass is not None
        for student in students:
            store.students.enrol(student, f"Student {student}", now)
            classroom_store.join(klass.id, student, now)
    last = 0
    for user in [TEACHER, *students]:
        last = api.send_text(user, "/start")
    api.call("getUpdates", {"offset": last + 1, "timeout": 0})  # drop them: chats are known


async def teacher_says(application: AnyApplication, api: FakeBotApi, text: str) -> None:
    update_id = api.send_text(TEACHER, text)
    _, body = api.call("getUpdates", {"offset": update_id, "timeout": 0})
    for raw in body["result"]:
        await application.process_update(Update.de_json(raw, application.bot))
    api.call("getUpdates", {"offset": update_id + 1, "timeout": 0})


async def clean_run(students: int, rate: float, workdir: Path) -> bool:
    api = FakeBotApi(TOKEN)
    ids = list(range(FIRST_STUDENT, FIRST_STUDENT + students))
    with FakeBotApiServer(api) as server:
        application, store = build(workdir / "clean.sqlite3", server, rate)
        enrol_class(store, api, ids)
        async with application:
            started = time.monotonic()
            await teacher_says(application, api, f"/broadcast bench {MARK}")
            result = await deliveries(application).run_due()
            wall = time.monotonic() - started
        store.close()
    got = figures(student_messages(api))
    received = Counter(c.chat_id for c in student_messages(api))
    duplicates = sum(1 for n in received.values() if n > 1)
    final = api.sent_to(TEACHER)[-1].text
    print(f"clean run: {students} students, limit {rate:g} msg/s")
    print(
        f"  sent {got.sent} in {got.seconds:.1f} s: {got.rate:.2f} msg/s = "
        f"{got.rate / rate:.1%} of the limit (wall {wall:.1f} s incl. start-up)"
    )
    print(window_line(got, rate))
    print(f"  chats that received more than one: {duplicates}; missed: {students - len(received)}")
    print(f"  worker: {result.sent} sent, {result.blocked} blocked, {result.failed} failed")
    print(f"  teacher's final message: {final}")
    return duplicates == 0 and len(received) == students


async def kill_and_restart(students: int, rate: float, workdir: Path, seed: int) -> bool:
    api = FakeBotApi(TOKEN)
    ids = list(range(FIRST_STUDENT, FIRST_STUDENT + students))
    db = workdir / "killed.sqlite3"
    kill_after = random.Random(seed).randint(students // 5, students * 4 // 5)
    loop = asyncio.get_running_loop()
    reached = asyncio.Event()
    count = 0

    def on_call(call: Call) -> None:  # on the server's thread
        nonlocal count
        if call.ok and MARK in call.text:
            count += 1
            if count == kill_after:
                loop.call_soon_threadsafe(reached.set)

    api.on_call = on_call
    with FakeBotApiServer(api) as server:
        first, store = build(db, server, rate)
        enrol_class(store, api, ids)
        await first.initialize()
        await teacher_says(first, api, f"/broadcast bench {MARK}")
        worker = asyncio.create_task(deliveries(first).worker.drain())
        await reached.wait()
        worker.cancel()  # the kill: no clean-up, sends abandoned mid-call
        await asyncio.gather(worker, return_exceptions=True)
        killed_at = len(student_messages(api))
        interrupted = Outbox(store.db).counts().sending
        await first.shutdown()
        store.close()

        second, store = build(db, server, rate)  # the restart: a new bot on the same file
        restart_mark = len(api.calls)
        async with second:
            result = await deliveries(second).run_due()
        counts = Outbox(store.db).counts()
        store.close()
    before = figures([c for c in student_messages(api)][:killed_at])
    after = figures([c for c in api.calls[restart_mark:] if c.ok and MARK in c.text])
    received = Counter(c.chat_id for c in student_messages(api))
    duplicates = sum(1 for n in received.values() if n > 1)
    missed = students - len(received)
    print(f"kill and restart: {students} students, limit {rate:g} msg/s, killed after {killed_at}")
    print(f"  before the kill: {before.rate:.2f} msg/s = {before.rate / rate:.1%} of the limit")
    print(f"  after the restart: {after.sent} sent at {after.rate:.2f} msg/s", end=" ")
    print(f"= {after.rate / rate:.1%} of the limit")
    print(window_line(before, rate).replace("window", "window before the kill", 1))
    print(window_line(after, rate).replace("window", "window after the restart", 1))
    print(f"  chats that received more than one: {duplicates}")
    print(
        f"  interrupted mid-send (unconfirmed, not resent): {interrupted}; "
        f"students who got nothing: {missed}"
    )
    print(f"  queue at the end: {counts}")
    print(f"  restarted worker: {result.sent} sent, {result.failed} failed")
    return duplicates == 0 and missed <= interrupted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=10_000, help="class size (10000)")
    parser.add_argument("--rate", type=float, default=30.0, help="messages a second (30)")
    parser.add_argument("--seed", type=int, default=20261127, help="picks the kill point")
    parser.add_argument("--skip-clean", action="store_true", help="only the kill-and-restart run")
    args = parser.parse_args(argv)
    if args.students < 10 or not 1 <= args.rate <= 1000:
        parser.error("--students must be at least 10 and --rate between 1 and 1000")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="tutorbot-broadcast-") as tmp:
        ok = True
        if not args.skip_clean:
            ok = asyncio.run(clean_run(args.students, args.rate, Path(tmp))) and ok
        ok = asyncio.run(kill_and_restart(args.students, args.rate, Path(tmp), args.seed)) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
