"""``tutorbot run`` refuses to start with one clear line, no traceback, when it cannot serve."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.conftest import bot_env
from tests.fake_bot_api import FakeBotApi, FakeBotApiServer


def run(env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tutorbot", "run"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.mark.parametrize(
    ("token", "says"),
    [
        ("", "TUTORBOT_TOKEN is not set"),
        ("not-a-token", "TUTORBOT_TOKEN does not look like a bot token"),
        ("123456:short", "TUTORBOT_TOKEN does not look like a bot token"),
    ],
)
def test_without_a_usable_token_it_says_what_to_set(tmp_path: Path, token: str, says: str) -> None:
    result = run(bot_env(tmp_path, None, TUTORBOT_TOKEN=token), tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert says in result.stderr
    assert "Traceback" not in result.stderr


def test_a_token_from_dotenv_is_used(tmp_path: Path) -> None:
    env = bot_env(tmp_path, None)
    del env["TUTORBOT_TOKEN"]
    (tmp_path / ".env").write_text("TUTORBOT_TOKEN=not-a-token\n")
    result = run(env, tmp_path)
    assert "TUTORBOT_TOKEN does not look like a bot token" in result.stderr


def test_bad_content_stops_it_with_file_and_line(tmp_path: Path) -> None:
    env = bot_env(tmp_path, None)
    deck = Path(env["TUTORBOT_CONTENT"]) / "treaties.yaml"
    deck.write_text("id: broken\ntitle: Broken\nquestions:\n  - id: q1\n    promt: typo\n")
    result = run(env, tmp_path)
    assert result.returncode == 2
    assert f"{deck}:5" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_refused_token_is_one_line(tmp_path: Path) -> None:
    with FakeBotApiServer(FakeBotApi("999999:" + "x" * 35)) as server:
        result = run(bot_env(tmp_path, server), tmp_path)
    assert result.returncode == 2
    assert "TUTORBOT_TOKEN was refused" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_bot_api_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = bot_env(tmp_path, None, TUTORBOT_API_BASE_URL=f"http://127.0.0.1:{port}/bot")
    result = run(env, tmp_path)
    assert result.returncode == 2
    assert f"cannot reach the Bot API at http://127.0.0.1:{port}/bot" in result.stderr
    assert "Traceback" not in result.stderr
