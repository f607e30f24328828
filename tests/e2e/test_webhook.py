"""Webhook mode: with TUTORBOT_WEBHOOK_URL set, the bot registers its URL and serves there."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

from tests.e2e.conftest import BotProcess, Student, attempts, bot_env, query, right_answer
from tests.fake_bot_api import Call, FakeBotApi, FakeBotApiServer

SECRET = "webhook-secret_0123"
STUDENT = 21


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_webhook_mode_registers_the_url_with_its_secret_and_serves_students(
    api: FakeBotApi, server: FakeBotApiServer, tmp_path: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    env = bot_env(
        tmp_path,
        server,
        TUTORBOT_WEBHOOK_URL=url,
        TUTORBOT_WEBHOOK_LISTEN="127.0.0.1",
        TUTORBOT_WEBHOOK_PORT=str(port),
        TUTORBOT_WEBHOOK_SECRET=SECRET,
    )
    bot = BotProcess(env, tmp_path).start(api, wait=False)
    try:
        api.wait_for(lambda: api.calls_of("setWebhook"), timeout=15)
        assert (api.webhook_url, api.webhook_secret) == (url, SECRET)
        api.wait_for(lambda: _listening(port), timeout=15)

        student = Student(api, STUDENT)
        api.send_text(STUDENT, "/start")
        assert api.push_to_webhook(secret="wrong-secret") == [403]  # not from Telegram: ignored
        assert api.sent_to(STUDENT) == []

        welcome = via_webhook(api, student, lambda: api.send_text(STUDENT, "/start"), env)
        assert "Pick a deck" in welcome.text
        via_webhook(api, student, lambda: student.press("deck:treaties"), env)
        question = via_webhook(api, student, lambda: api.send_text(STUDENT, "/quiz"), env)
        answer = right_answer(question)
        feedback = via_webhook(api, student, lambda: api.send_text(STUDENT, answer), env)
        assert feedback.buttons() == [("Next question", "next")]
        api.wait_for(lambda: attempts(env, STUDENT) == [(right_answer(question), 1)])
        assert api.calls_of("getUpdates", ok=False) == []
        assert bot.stop() == 0
    finally:
        if bot.running():
            bot.kill()


def via_webhook(
    api: FakeBotApi, student: Student, act: Callable[[], int], env: dict[str, str]
) -> Call:
    """Do something as the student (``act`` returns the update's id), push it to the bot's
    webhook: the bot's reply. The bot answers 200 only once the update is stored."""
    seen = len(api.sent_to(student.id))
    update_id = act()
    assert api.push_to_webhook() == [200]
    assert query(env, "SELECT count(*) FROM inbox WHERE update_id = ?", update_id) == [(1,)]
    return student.next_message(seen)


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0
