"""``tutorbot draft`` run as a teacher would, offline and with a model on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.cli import REPO
from tests.cli import run_tutorbot as tutorbot

NOTES = Path(__file__).parent / "notes" / "origins-of-the-cold-war-1945-1949.txt"


class FakeModel:
    """An OpenAI-compatible chat-completions endpoint: records requests, answers with
    ``status`` and ``content``."""

    def __init__(self) -> None:
        self.requests: list[dict[str, object]] = []
        self.status = 200
        self.content = ""
        model = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                model.requests.append(json.loads(self.rfile.read(length)))
                body = json.dumps({"choices": [{"message": {"content": model.content}}]})
                self.send_response(model.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1/chat/completions"


@pytest.fixture
def model() -> Iterator[FakeModel]:
    fake = FakeModel()
    thread = threading.Thread(target=fake.server.serve_forever, daemon=True)
    thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


def test_it_writes_a_deck_file_and_says_how_to_check_it(tmp_path: Path) -> None:
    result = tutorbot("draft", str(NOTES), "-o", "cold-war.yaml", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    text = (tmp_path / "cold-war.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Drafted by `tutorbot draft` from origins-of-the-cold-war")
    assert "id: origins-of-the-cold-war-1945-1949\n" in text
    assert "tutorbot check cold-war.yaml" in result.stderr


@pytest.mark.parametrize(
    "notes",
    [NOTES, REPO / "content" / "notes" / "stalin-foreign-policy-1924-1929.txt"],
    ids=["cold-war", "stalin"],
)
def test_the_draft_passes_tutorbot_check_with_every_example_agreeing(
    tmp_path: Path, notes: Path
) -> None:
    drafted = tutorbot("draft", str(notes), "-o", "draft.yaml", cwd=tmp_path)
    assert drafted.returncode == 0, drafted.stderr

    checked = tutorbot("check", "draft.yaml", cwd=tmp_path)

    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("OK: 1 deck(s)")
    assert "example(s) agree" in checked.stdout
    assert "error" not in checked.stderr.lower()


def test_without_a_model_setting_nothing_is_sent(tmp_path: Path, model: FakeModel) -> None:
    result = tutorbot("draft", str(NOTES), cwd=tmp_path)

    assert result.returncode == 0
    assert "questions:" in result.stdout
    assert model.requests == []


def test_a_model_that_fails_leaves_the_offline_draft(tmp_path: Path, model: FakeModel) -> None:
    offline = tutorbot("draft", str(NOTES), cwd=tmp_path).stdout
    model.status = 500

    result = tutorbot("draft", str(NOTES), cwd=tmp_path, TUTORBOT_LLM_URL=model.url)

    assert len(model.requests) == 1
    assert result.returncode == 0
    assert result.stdout == offline
    assert "using the offline draft" in result.stderr


def test_a_model_that_times_out_leaves_the_offline_draft(tmp_path: Path) -> None:
    offline = tutorbot("draft", str(NOTES), cwd=tmp_path).stdout
    with ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler) as silent:
        url = f"http://127.0.0.1:{silent.server_port}/v1/chat/completions"

        result = tutorbot(
            "draft", str(NOTES), cwd=tmp_path, TUTORBOT_LLM_URL=url, TUTORBOT_LLM_TIMEOUT="1"
        )

    assert result.returncode == 0
    assert result.stdout == offline


def test_a_models_reworded_question_is_used(tmp_path: Path, model: FakeModel) -> None:
    offline = tutorbot("draft", str(NOTES), cwd=tmp_path).stdout
    first_id = offline.split("  - id: ", 1)[1].split()[0]
    model.content = json.dumps(
        {"questions": [{"id": first_id, "prompt": "Why did the wartime allies fall out?"}]}
    )

    result = tutorbot("draft", str(NOTES), cwd=tmp_path, TUTORBOT_LLM_URL=model.url)

    assert result.returncode == 0
    assert "prompt: Why did the wartime allies fall out?" in result.stdout
    assert model.requests[0]["model"] == "local"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\xff\xfe notes", "not UTF-8"), (None, "cannot read the notes")],
)
def test_notes_it_cannot_read_get_a_plain_error(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    notes = tmp_path / "notes.txt"
    if content is not None:
        notes.write_bytes(content)

    result = tutorbot("draft", str(notes), cwd=tmp_path)

    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
