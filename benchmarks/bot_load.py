"""Load on the bot: 1,000 simulated students, each answering 5 questions, on the fake Bot API.

Run from the repository root: ``python -m benchmarks.bot_load`` (``--help`` for the knobs).

The bot is a separate process running ``run_bot`` (what ``tutorbot run`` runs) against the
fake Bot API server of ``tests/fake_bot_api.py`` on 127.0.0.1, with its own SQLite database
and the bundled deck. Students arrive over ``--ramp`` seconds; each sends /start, picks the
deck, sends /quiz, then answers and presses "Next question" until it has answered
``--answers`` questions (alternately right and wrong), waiting ``--think`` seconds (on average)
after each reply, as a person reading it would. Every update gets exactly one message back.

Latency is measured from the fake server's side: from the moment getUpdates handed the
update to the bot to the moment the bot's reply (sendMessage) reached the server. That is
"update received to reply sent" plus one loopback hop. Throughput is updates handled per
second while the load ran. The outgoing rate limiter is off by default (``--send-rate 0``),
as against a local Bot API server: with Telegram's 30 messages a second on, a load this size
queues behind the limiter by design, and the figures measure the limiter, not the bot.

At the end it checks, in the bot's database and the server's record, that every answer was
stored exactly once (one attempt per message, marked and replied) and answered exactly once
(one message per update). Exit code 1 if a check fails or the run times out.
"""

from __future__ import annotations

import argparse
import heapq
import html
import logging
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.fake_bot_api import Call, FakeBotApi, FakeBotApiServer
from tutorbot.adapters import deck_files
from tutorbot.core.deck import Question

ROOT = Path(__file__).resolve().parent.parent
DECK = ROOT / "content"
TOKEN = "123456:" + "Load_benchmark-0123456789abcdefghij"
FIRST_STUDENT = 10_000_000
SEED = 20261127


@dataclass
class Student:
    id: int
    answers_left: int
    step: str = "start"
    waiting: int | None = None
    """The update this student waits for the answer to."""
    last: Call | None = None
    sent_right: bool = False


@dataclass
class Run:
    api: FakeBotApi
    questions: dict[str, Question]
    think: float
    rng: random.Random
    students: dict[int, Student] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    updates: list[int] = field(default_factory=list)
    finished: int = 0
    last_reply: float = 0.0
    _queue: list[tuple[float, int]] = field(default_factory=list)
    _cond: threading.Condition = field(default_factory=threading.Condition)

    def schedule(self, at: float, student_id: int) -> None:
        with self._cond:
            heapq.heappush(self._queue, (at, student_id))
            self._cond.notify()

    def on_call(self, call: Call) -> None:
        """The bot made a call: a reply to a waiting student schedules their next step."""
        student = self.students.get(call.chat_id or 0)
        if call.method != "sendMessage" or not call.ok or student is None:
            return
        with self._cond:
            waiting, student.waiting, student.last = student.waiting, None, call
            self.last_reply = max(self.last_reply, call.at)
            done = student.step == "done"
            if done:
                self.finished += 1
                self._cond.notify()
        handed_out = self.api.handed_out_at(waiting or 0)
        if handed_out is not None:
            self.latencies.append(call.at - handed_out)
        if not done:
            delay = self.rng.uniform(0.5, 1.5) * self.think
            self.schedule(time.monotonic() + delay, student.id)

    def act(self, student: Student) -> None:
        """The student's next step, as an update to the bot."""
        api, step = self.api, student.step
        if step == "start":
            update, student.step = api.send_text(student.id, "/start"), "deck"
        elif step == "deck":
            assert student.last is not None
            update = api.press(student.id, student.last, student.last.buttons()[0][1])
            student.step = "quiz"
        elif step == "quiz":
            update, student.step = api.send_text(student.id, "/quiz"), "answer"
        elif step == "answer":
            update = api.send_text(student.id, self.answer_to(student))
            student.answers_left -= 1
            student.step = "next" if student.answers_left else "done"
        else:  # next
            assert student.last is not None
            update, student.step = api.press(student.id, student.last, "next"), "answer"
        student.waiting = update
        self.updates.append(update)

    def answer_to(self, student: Student) -> str:
        assert student.last is not None
        question = next(q for p, q in self.questions.items() if p in student.last.text)
        student.sent_right = not student.sent_right
        if student.sent_right:
            return " and ".join(point.accept[0] for point in question.key_points)
        return "I am not sure, something about the weather"

    def drive(self, deadline: float, total: int) -> bool:
        """Run students' steps when due until all are done; False at the deadline."""
        while True:
            with self._cond:
                while not (self._queue and self._queue[0][0] <= time.monotonic()):
                    if self.finished >= total:
                        return True
                    now = time.monotonic()
                    if now >= deadline:
                        return False
                    wait = self._queue[0][0] - now if self._queue else deadline - now
                    self._cond.wait(min(wait, deadline - now))
                _, student_id = heapq.heappop(self._queue)
                self.act(self.students[student_id])  # under the lock: before its reply is seen


def serve_bot(send_rate: float) -> None:
    """The bot process: ``tutorbot run`` with the outgoing rate limit chosen here."""
    from tutorbot.bot import run_bot
    from tutorbot.config import load_settings

    logging.basicConfig(level=logging.WARNING, format="bot %(levelname)s %(name)s: %(message)s")
    run_bot(load_settings(), send_rate=send_rate)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--answers", type=int, default=5, help="questions each student answers")
    parser.add_argument("--ramp", type=float, default=20.0, help="seconds over which they arrive")
    parser.add_argument("--think", type=float, default=8.0, help="mean seconds between steps")
    parser.add_argument("--send-rate", type=float, default=0.0, help="bot's messages/s cap")
    parser.add_argument("--timeout", type=float, default=180.0, help="give up after seconds")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve_bot(args.send_rate)
        return 0

    [deck] = deck_files.load_decks([DECK])
    questions = {html.escape(q.prompt): q for q in deck.questions}
    api = FakeBotApi(TOKEN)
    run = Run(api, questions, args.think, random.Random(SEED))
    api.on_call = run.on_call
    with tempfile.TemporaryDirectory() as tmp, FakeBotApiServer(api) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TUTORBOT_")}
        db = Path(tmp) / "load.sqlite3"
        env.update(
            TUTORBOT_TOKEN=TOKEN,
            TUTORBOT_API_BASE_URL=server.base_url,
            TUTORBOT_DB=str(db),
            TUTORBOT_CONTENT=str(DECK),
        )
        command = [sys.executable, "-m", "benchmarks.bot_load", "--serve"]
        bot = subprocess.Popen([*command, "--send-rate", str(args.send_rate)], env=env, cwd=ROOT)
        try:
            api.wait_for(lambda: api.waiting_polls, timeout=30)
            cpu_at_start = _cpu_seconds(bot.pid)
            own_cpu_at_start = time.process_time()
            ok = load(run, args)
            own_cpu = time.process_time() - own_cpu_at_start
            updates_per_student = 3 + 2 * args.answers - 1
            cpu = _cpu_seconds(bot.pid) - cpu_at_start
        finally:
            bot.send_signal(signal.SIGTERM)
            bot.wait(timeout=30)
        checks = check(db, api, run, args.students, args.answers, updates_per_student)
    methods = Counter(c.method for c in api.calls)
    print("Bot API calls: " + ", ".join(f"{m} {n}" for m, n in methods.most_common()))
    per_update = 1000 * cpu / max(len(run.updates), 1)
    print(f"bot CPU time under load: {cpu:.1f} s, {per_update:.2f} ms per update")
    print(f"fake server and students (this process): {own_cpu:.1f} s CPU")
    for line in checks:
        print(line)
    return 0 if ok and all(line.startswith("OK") for line in checks) else 1


def load(run: Run, args: argparse.Namespace) -> bool:
    start = time.monotonic()
    for i in range(args.students):
        student = Student(FIRST_STUDENT + i, args.answers)
        run.students[student.id] = student
        run.schedule(start + args.ramp * i / args.students, student.id)
    completed = run.drive(start + args.timeout, args.students)
    first = min(filter(None, (run.api.handed_out_at(u) for u in run.updates)), default=start)
    elapsed = run.last_reply - first
    lat = sorted(1000 * x for x in run.latencies)
    load_average = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at the end: {load_average} (this run and any other work here)")
    print(
        f"{args.students} students x {args.answers} answers, ramp {args.ramp:g} s, "
        f"think {args.think:g} s, bot send rate cap {args.send_rate or 'off'}"
    )
    print(
        f"updates handled: {len(run.latencies)} in {elapsed:.1f} s = "
        f"{len(run.latencies) / elapsed:.0f} messages handled per second"
    )
    if lat:
        quantiles = statistics.quantiles(lat, n=100)
        print(
            f"update received -> reply sent: p50 {quantiles[49]:.1f} ms, "
            f"p95 {quantiles[94]:.1f} ms, p99 {quantiles[98]:.1f} ms, max {lat[-1]:.1f} ms"
        )
    if not completed:
        print(f"TIMED OUT after {args.timeout:g} s: {run.finished} students finished")
    return completed


def check(
    db: Path, api: FakeBotApi, run: Run, students: int, answers: int, per_student: int
) -> list[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT student_id, message_id, replied FROM attempts WHERE student_id >= ?",
            (FIRST_STUDENT,),
        ).fetchall()
    per_message = Counter((s, m) for s, m, _ in rows)
    replies = Counter(c.chat_id for c in api.calls_of("sendMessage"))
    expected = students * answers
    return [
        _verdict(
            len(rows) == expected and max(per_message.values(), default=0) == 1,
            f"answers stored: {len(rows)} of {expected}, "
            f"{sum(n > 1 for n in per_message.values())} stored twice",
        ),
        _verdict(
            all(replied for *_, replied in rows),
            f"answers marked replied: {sum(r for *_, r in rows)} of {len(rows)}",
        ),
        _verdict(
            set(replies.values()) == {per_student} and len(replies) == students,
            f"messages per student: {sorted(set(replies.values()))} (expected {per_student} "
            f"each: one per update) for {len(replies)} students",
        ),
    ]


def _verdict(ok: bool, text: str) -> str:
    return f"{'OK  ' if ok else 'FAIL'} {text}"


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    sys.exit(main())
