"""``tutorbot check``, run as a teacher would: exit code, file and line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tutorbot.content import load_decks

REPO = Path(__file__).resolve().parents[2]

BROKEN = """\
title: Treaties
questions:
  - id: berlin
    prompt: What did Article 2 say?
    pass: 3
    key_points:
      - id: neutral
        point: The other would stay neutral
        acept: [stay neutral]
"""


def check(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTORBOT_")}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "tutorbot", "check", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_bundled_content_passes(tmp_path: Path) -> None:
    questions = sum(len(deck.questions) for deck in load_decks([REPO / "content"]))

    result = check(str(REPO / "content"), cwd=tmp_path)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == f"OK: 1 deck(s), {questions} question(s)"


def test_without_paths_it_checks_the_content_folder(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "broken.yaml").write_text(BROKEN, encoding="utf-8")

    result = check(cwd=tmp_path)

    assert result.returncode == 1
    assert "content/broken.yaml:5:" in result.stderr


def test_a_broken_deck_names_file_line_and_problem_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")

    result = check("broken.yaml", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "broken.yaml:5: questions[1].pass: 3 is more than the question's 1 key point(s)",
        "broken.yaml:9: questions[1].key_points[1]: unknown key 'acept' "
        "(allowed: id, point, accept, evidence); did you mean 'accept'?",
    ]


def test_a_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    text = BROKEN.replace("prompt: What did Article 2 say?", "prompt: Article 2: what?")
    (tmp_path / "syntax.yaml").write_text(text, encoding="utf-8")

    result = check("syntax.yaml", str(REPO / "content"), cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.startswith("syntax.yaml:4: YAML syntax error: mapping values")
    assert "Traceback" not in result.stderr


def test_a_missing_path_or_binary_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "image.yaml").write_bytes(bytes(range(256)))

    result = check("missing.yaml", "image.yaml", cwd=tmp_path)

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == "missing.yaml: no such file or folder"
    assert result.stderr.splitlines()[1].startswith("image.yaml:")
