"""A broadcast survives kill -9 between two sends: every student gets it exactly once, but for
at most the one whose request was in flight, and the teacher's messages keep one a second.

The bot is killed from the fake Bot API's thread as it answers the k-th student's message
(seeded k): that message arrived, the bot never heard back. After a restart the rest go out.
"""

from __future__ import annotations

import itertools
import random
import re
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import BotProcess, Student, bot_env, query
from tests.fake_bot_api import Call, FakeBotApi, FakeBotApiServer

TEACHER = 900
STUDENTS = list(range(5000, 5040))
SEED = 20261203


@pytest.fixture
def teacher_bot(api: FakeBotApi, server: FakeBotApiServer, tmp_path: Path) -> Iterator[BotProcess]:
    bot = BotProcess(bot_env(tmp_path, server, TUTORBOT_TEACHERS=str(TEACHER)), tmp_path)
    yield bot
    if bot.running():
        bot.kill()


def test_a_kill_between_two_sends_of_a_broadcast_loses_at_most_the_one_in_flight(
    api: FakeBotApi, teacher_bot: BotProcess
) -> None:
    bot = teacher_bot
    rng = random.Random(SEED)
    bot.start(api)
    teacher = Student(api, TEACHER)
    code = re.search(r"/join (\S+)</code>", teacher.say("/newclass 9B").text)
    assert code is not None
    for student in STUDENTS:
        assert "You joined" in Student(api, student).say(f"/join {code.group(1)}").text

    for round_ in range(2):
        text = f"Mock exam moved, notice {round_}"
        kill_at = rng.randint(5, len(STUDENTS) - 5)
        killed = kill_when_delivered(api, bot, text, kill_at)
        finals = len(final_counts(api))
        assert teacher.say(f"/broadcast 9B {text}").text.startswith("📣 ")
        assert killed.wait(20)
        assert bot.process is not None
        bot.process.wait(10)
        api.on_call = None
        bot.start(api)

        def new_final_counts(seen: int = finals) -> list[Call]:
            return final_counts(api)[seen:]

        [final] = api.wait_for(new_final_counts, timeout=30)

        got = Counter(c.chat_id for c in api.calls_of("sendMessage") if text in c.text)
        unconfirmed = {
            row[0]
            for row in query(
                bot.env,
                "SELECT student_id FROM outbox WHERE status = 'unconfirmed' AND text LIKE ?",
                f"%{text}%",
            )
        }
        lost = [s for s in STUDENTS if got[s] == 0]
        twice = [s for s in STUDENTS if got[s] > 1]
        print(
            f"\nround {round_}: killed at message {kill_at}; {len(lost)} lost, {len(twice)} twice,"
            f" {len(unconfirmed)} unconfirmed; final count: {final.text}"
        )
        assert twice == []
        assert set(lost) <= unconfirmed
        assert len(unconfirmed) <= 1  # only the one whose request was in flight
        assert all(got[s] == 1 for s in STUDENTS if s not in unconfirmed)
        assert f"{len(STUDENTS) - len(unconfirmed)} sent" in final.text
    times = sorted(c.at for c in api.calls if c.chat_id == TEACHER and c.ok and is_message(c))
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.9  # one a second
    assert bot.stop() == 0


def kill_when_delivered(api: FakeBotApi, bot: BotProcess, text: str, nth: int) -> threading.Event:
    """SIGKILL the bot as the API answers the ``nth`` student's message with ``text``."""
    killed = threading.Event()
    delivered = itertools.count(1)

    def on_call(call: Call) -> None:  # on the server's thread, before the bot gets the answer
        if (
            call.method == "sendMessage"
            and text in call.text
            and call.chat_id != TEACHER
            and next(delivered) == nth
            and bot.process is not None
        ):
            bot.process.kill()
            killed.set()

    api.on_call = on_call
    return killed


def is_message(call: Call) -> bool:
    return call.method.startswith(("send", "edit"))


def final_counts(api: FakeBotApi) -> list[Call]:
    return [c for c in api.sent_to(TEACHER) if c.text.startswith("✅ ")]
