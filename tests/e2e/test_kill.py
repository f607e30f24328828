"""SIGKILL the real ``tutorbot run`` at many points of the answer path, restart it, and count:
every answer marked exactly once, its feedback delivered, never doubled.

Each round three students answer at once and the bot is killed at a point drawn (seeded)
from: the getUpdates that hands the answers out (before the bot reads it, or just after it
got them: between the fetch and their commit to the inbox), the next getUpdates (which
confirms them), a feedback request as it reaches the API (then dropped: not delivered) or as
it is answered (delivered, the bot never hears back), or a moment while the answers are
handled. Feedback whose outcome the bot cannot know may come once more, headed "in case my
last message did not reach you"; nothing may come twice otherwise.

Its run time is mostly the 50 restarts of the bot (about a second each).
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from typing import Any

from tests.e2e.conftest import BotProcess, Student, query
from tests.fake_bot_api import Call, FakeBotApi
from tutorbot.bot import views

SEED = 20261201
KILLS = 50
STUDENTS = (41, 42, 43)
POINTS = (
    "handed out",
    "fetched",
    "confirmed",
    "feedback request",
    "feedback answered",
    "while handled",
)


class Killer:
    """Kills the bot from the fake API's server thread when the armed request comes."""

    def __init__(self, api: FakeBotApi, bot: BotProcess) -> None:
        self.bot = bot
        self.fired = threading.Event()
        self._point: str | None = None
        self._updates: set[int] = set()
        api.on_request = self._on_request
        api.on_call = self._on_call
        api.on_answered = self._on_answered

    def arm(self, point: str) -> None:
        self.fired.clear()
        self._updates = set()
        self._point = point

    def watch(self, update_ids: list[int]) -> None:
        self._updates = set(update_ids)

    def kill(self) -> None:
        self._point = None
        if self.bot.process is not None and self.bot.process.poll() is None:
            self.bot.process.kill()
        self.fired.set()

    def _on_request(self, method: str, params: dict[str, Any]) -> None:
        if method == "getUpdates" and self._point == "confirmed" and self._updates:
            if int(params.get("offset") or 0) > max(self._updates):
                self.kill()
        elif (
            method == "sendMessage"
            and self._point == "feedback request"
            and params.get("chat_id") in STUDENTS
        ):
            self.kill()
            raise ConnectionAbortedError("killed before the message was delivered")

    def _on_answered(self, call: Call) -> None:
        if (
            call.method == "getUpdates"
            and self._point == "fetched"
            and any(u["update_id"] in self._updates for u in call.result or [])
        ):
            self.kill()

    def _on_call(self, call: Call) -> None:
        if call.method == "getUpdates" and self._point == "handed out":
            if any(u["update_id"] in self._updates for u in call.result or []):
                self.kill()
        elif (
            call.method == "sendMessage"
            and self._point == "feedback answered"
            and call.chat_id in STUDENTS
        ):
            self.kill()


def attempt_of(call: Call) -> int | None:
    """The attempt a feedback message is about (its "I was right" button)."""
    for _, data in call.buttons():
        if data.startswith("right:"):
            return int(data.split(":", 1)[1])
    return None


def test_kill_9_anywhere_in_the_answer_path_loses_no_answer_and_doubles_no_feedback(
    api: FakeBotApi, bot: BotProcess
) -> None:
    rng = random.Random(SEED)
    killer = Killer(api, bot)
    students = [Student(api, s) for s in STUDENTS]
    bot.start(api)
    for student in students:
        student.start_revising()
    answers: list[str] = []
    kills = Counter[str]()
    for round_ in range(KILLS):
        asked = [len(api.sent_to(s.id)) for s in students]
        for student in students:
            api.send_text(student.id, "/quiz")
        for student, seen in zip(students, asked, strict=True):
            student.next_message(seen)
        point = rng.choice(POINTS)
        killer.arm(point)
        texts = [f"no idea {round_}-{s.id}" for s in students]
        answers += texts
        killer.watch([api.send_text(s.id, text) for s, text in zip(students, texts, strict=True)])
        if point == "while handled":
            api.wait_for(lambda: all(api.handed_out_at(u) for u in killer._updates))
            time.sleep(rng.uniform(0, 0.06))
            killer.kill()
        assert killer.fired.wait(10), f"round {round_}: {point} never came"
        assert bot.process is not None
        bot.process.wait(10)
        kills[point] += 1
        bot.start(api)

        def all_fed_back(texts: list[str] = texts) -> bool:
            return fed_back(api, query_attempts(bot), texts)

        api.wait_for(all_fed_back, timeout=15)

    for student in students:  # anything still owed comes before this reply
        assert "<b>" in student.say("/progress").text
    assert bot.stop() == 0

    stored = Counter(answer for answer, _ in query_attempts(bot))
    lost = [a for a in answers if stored[a] == 0]
    twice = [a for a in answers if stored[a] > 1]
    plain, in_case = feedback_counts(api)
    ids = {attempt_id for _, attempt_id in query_attempts(bot)}
    doubled = [i for i in ids if plain[i] > 1 or in_case[i] > 1]
    both = [i for i in ids if plain[i] and in_case[i]]
    unanswered = [i for i in ids if plain[i] + in_case[i] == 0]
    print(
        f"\n{sum(kills.values())} kills {dict(kills)}; {len(answers)} answers: {len(lost)} lost,"
        f" {len(twice)} marked twice, {len(doubled)} feedback doubled,"
        f" {len(unanswered)} without feedback; {sum(in_case.values())} 'in case' copies"
        f" ({len(both)} after feedback that had arrived)"
    )
    assert sum(kills.values()) >= 50
    assert (lost, twice, doubled, unanswered) == ([], [], [], [])
    assert len(ids) == len(answers)


def query_attempts(bot: BotProcess) -> list[tuple[str, int]]:
    rows = query(
        bot.env,
        "SELECT answer, id FROM attempts WHERE student_id IN (?, ?, ?)",
        *STUDENTS,
    )
    return [(str(a), int(i)) for a, i in rows]


def feedback_counts(api: FakeBotApi) -> tuple[Counter[int], Counter[int]]:
    plain, in_case = Counter[int](), Counter[int]()
    for student in STUDENTS:
        for call in api.sent_to(student):
            attempt = attempt_of(call)
            if attempt is not None:
                (in_case if views.IN_CASE_FEEDBACK in call.text else plain)[attempt] += 1
    return plain, in_case


def fed_back(api: FakeBotApi, stored: list[tuple[str, int]], texts: list[str]) -> bool:
    """Every answer of the round stored, and some feedback on it delivered."""
    ids = {answer: attempt for answer, attempt in stored}
    if not all(text in ids for text in texts):
        return False
    plain, in_case = feedback_counts(api)
    return all(plain[ids[t]] + in_case[ids[t]] for t in texts)
