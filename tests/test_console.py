"""``tutorbot console`` driven through a real subprocess with piped stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tutorbot.adapters import deck_files
from tutorbot.adapters.store import Store
from tutorbot.console import progress_text
from tutorbot.core.deck import Deck, Question
from tutorbot.core.tutoring import CONSOLE_STUDENT_ID, DeckProgress

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "content"

SMALL_DECK = """\
id: small
title: Three small questions
questions:
  - id: capital
    prompt: What is the capital of the USSR?
    hint: It is on the Moskva river.
    key_points:
      - id: moscow
        point: Moscow
        accept: [Moscow]
  - id: leader
    prompt: Who led the USSR after Lenin?
    key_points:
      - id: stalin
        point: Stalin
        accept: [Stalin]
  - id: treaty
    prompt: Which treaty did Germany and the USSR sign in 1926?
    key_points:
      - id: berlin
        point: The Treaty of Berlin
        accept: [Treaty of Berlin]
"""

OTHER_DECK = """\
id: other
title: Another deck
questions:
  - id: only
    prompt: Name the German foreign minister at Locarno.
    key_points:
      - id: stresemann
        point: Stresemann
        accept: [Stresemann]
"""


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def console(
    tmp_path: Path,
    lines: list[str] | bytes,
    *,
    content_dir: Path = BUNDLED,
    args: tuple[str, ...] = (),
) -> Run:
    stdin = lines if isinstance(lines, bytes) else "".join(f"{line}\n" for line in lines).encode()
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TUTORBOT_CONTENT": str(content_dir),
        "TUTORBOT_DB": str(tmp_path / "unused.sqlite3"),
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tutorbot",
            "console",
            "--db",
            str(tmp_path / "db" / "x.sqlite3"),
            *args,
        ],
        input=stdin,
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    return Run(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def right_answer(question: Question) -> str:
    return ", and ".join(point.accept[0] for point in question.key_points)


def attempts(tmp_path: Path) -> list[tuple[str, bool]]:
    with Store.open(tmp_path / "db" / "x.sqlite3") as store:
        return [(a.question_id, a.passed) for a in store.progress.attempts(CONSOLE_STUDENT_ID)]


@pytest.fixture(scope="module")
def bundled() -> Deck:
    [deck] = deck_files.load_decks([BUNDLED])
    return deck


@pytest.fixture
def small(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL_DECK, encoding="utf-8")
    return folder


def test_a_full_session_on_the_bundled_deck(tmp_path: Path, bundled: Deck) -> None:
    first, second, third = bundled.questions[:3]
    run = console(
        tmp_path,
        [right_answer(first), "/hint", "/skip", "no idea", "/progress", "/help", "/quit"],
    )

    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    assert "Welcome" in run.out
    assert bundled.title in run.out
    for question in (first, second, third):
        assert question.prompt in run.out
    if second.hint:
        assert second.hint in run.out
    assert "Skipped" in run.out
    assert f"1/{len(bundled.questions)}" in run.out  # passed bar
    assert f"2/{len(bundled.questions)}" in run.out  # seen bar
    assert "/skip" in run.out
    assert "Goodbye" in run.out
    assert attempts(tmp_path) == [(first.id, True), (third.id, False)]


def test_progress_and_the_pending_question_carry_over_to_the_next_session(
    tmp_path: Path, small: Path
) -> None:
    first = console(tmp_path, ["Moscow", "no idea", "Treaty of Berlin"], content_dir=small)
    assert first.code == 0, first.err
    assert attempts(tmp_path) == [("capital", True), ("leader", False), ("treaty", True)]

    second = console(tmp_path, ["/progress"], content_dir=small)
    assert second.code == 0, second.err
    questions = [line for line in second.out.splitlines() if line.startswith("Question")]
    assert questions[0].endswith("Who led the USSR after Lenin?")  # failed before passed
    assert "[" in second.out
    assert "2/3" in second.out  # passed
    assert "3/3" in second.out  # seen

    third = console(tmp_path, ["Stalin"], content_dir=small)
    assert "(still waiting for your answer): Who led the USSR after Lenin?" in third.out
    assert attempts(tmp_path)[-1] == ("leader", True)


@pytest.mark.parametrize(
    "odd",
    [
        "😀🙃🇬🇧" * 10,
        "Moscow " * 600,  # 4,200 characters
        "x" * 4000,
        "   ",
        "/",
        "/HINT please",
        "/nonsense",
        "<b>Moscow</b> & 'quotes' “curly” \\ \t tab",
        "\x00\x1b[31m",
    ],
)
def test_odd_input_gets_an_answer_and_never_a_traceback(
    tmp_path: Path, small: Path, odd: str
) -> None:
    run = console(tmp_path, ["", odd, "", "/quit"], content_dir=small)
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    assert "Goodbye" in run.out


def test_undecodable_bytes_are_read_as_replacement_characters(tmp_path: Path, small: Path) -> None:
    run = console(tmp_path, b"\xff\xfe Moscow \xc3\n", content_dir=small)
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    assert attempts(tmp_path) == [("capital", True)]


def test_several_decks_are_offered_by_number(tmp_path: Path, small: Path) -> None:
    (small / "other.yaml").write_text(OTHER_DECK, encoding="utf-8")
    run = console(tmp_path, ["7", "banana", "2", "Stresemann"], content_dir=small)
    assert run.code == 0, run.err
    assert "1. Another deck (1 question)" in run.out
    assert "2. Three small questions (3 questions)" in run.out
    assert run.out.count("Please type a number from 1 to 2.") == 2
    assert "Question: What is the capital of the USSR?" in run.out
    assert attempts(tmp_path) == [("capital", False)]


def test_a_deck_can_be_given_on_the_command_line(tmp_path: Path, small: Path) -> None:
    (small / "other.yaml").write_text(OTHER_DECK, encoding="utf-8")
    run = console(tmp_path, ["Stresemann"], content_dir=small, args=("--deck", "other"))
    assert run.code == 0, run.err
    assert "Choose a deck" not in run.out
    assert attempts(tmp_path) == [("only", True)]


def test_an_unknown_deck_names_the_decks_there_are(tmp_path: Path, small: Path) -> None:
    run = console(tmp_path, [], content_dir=small, args=("--deck", "nope"))
    assert run.code == 2
    assert "nope" in run.out
    assert "small" in run.out
    assert "Traceback" not in run.err


def test_input_ending_before_a_deck_is_chosen_says_goodbye(tmp_path: Path, small: Path) -> None:
    (small / "other.yaml").write_text(OTHER_DECK, encoding="utf-8")
    run = console(tmp_path, [], content_dir=small)
    assert run.code == 0, run.err
    assert "Goodbye" in run.out
    assert attempts(tmp_path) == []


@pytest.mark.parametrize(
    ("seen", "passed", "total", "bars"),
    [
        (0, 0, 22, ["[--------------------] 0/22", "[--------------------] 0/22"]),
        (11, 5, 22, ["[##########----------] 11/22", "[#####---------------] 5/22"]),
        (3, 3, 3, ["[####################] 3/3", "[####################] 3/3"]),
    ],
)
def test_progress_is_drawn_as_text_bars(
    bundled: Deck, seen: int, passed: int, total: int, bars: list[str]
) -> None:
    point = bundled.questions[0].key_points[0]
    text = progress_text([DeckProgress(bundled, seen, passed, total, ((point, 4),))])
    assert [line.split(maxsplit=1)[1] for line in text.splitlines()[1:3]] == bars
    assert f"{point.point} (4 times)" in text


def test_progress_before_any_answer() -> None:
    assert progress_text([]) == "No answers yet."


def test_started_from_another_folder_it_finds_the_bundled_deck(
    tmp_path: Path, bundled: Deck
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTORBOT_")}
    env["TUTORBOT_DB"] = str(tmp_path / "progress.sqlite3")
    done = subprocess.run(
        [sys.executable, "-m", "tutorbot", "console"],
        input=f"{right_answer(bundled.questions[0])}\n/quit\n".encode(),
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )

    out = done.stdout.decode()
    assert (done.returncode, done.stderr.decode()) == (0, "")
    assert bundled.title in out
    assert "passed" in out


def test_a_missing_content_folder_says_which_setting_to_change(tmp_path: Path) -> None:
    run = console(tmp_path, ["/quit"], content_dir=tmp_path / "nowhere")

    assert run.code == 2
    assert "Traceback" not in run.err
    assert run.err.strip() == (
        f"{tmp_path / 'nowhere'}: no such file or folder "
        "(the content folder: set TUTORBOT_CONTENT or pass --content)"
    )


def test_the_content_option_overrides_the_setting(tmp_path: Path, small: Path) -> None:
    run = console(
        tmp_path,
        ["Moscow", "/quit"],
        content_dir=tmp_path / "nowhere",
        args=("--content", str(small)),
    )

    assert run.code == 0, run.err
    assert "Three small questions" in run.out


def test_right_counts_the_last_answer_as_passed_for_a_teacher_to_review(
    tmp_path: Path, small: Path
) -> None:
    run = console(tmp_path, ["Moskva", "/right", "/right", "/quit"], content_dir=small)

    assert run.code == 0, run.err
    assert "Think you were right? Type /right." in run.out
    assert "Noted: “Moskva” counts as passed. Your teacher will review it." in run.out
    assert "There is no marked answer to claim" in run.out  # the second /right
    with Store.open(tmp_path / "db" / "x.sqlite3") as store:
        [attempt] = store.progress.attempts(CONSOLE_STUDENT_ID)
        assert attempt.overridden
        assert [review.attempt_id for review in store.reviews.pending()] == [attempt.id]


def test_right_before_any_answer_says_there_is_nothing_to_claim(
    tmp_path: Path, small: Path
) -> None:
    run = console(tmp_path, ["/right", "/quit"], content_dir=small)

    assert "There is no marked answer to claim" in run.out
    assert attempts(tmp_path) == []


def test_deck_with_only_one_deck_says_so_and_keeps_the_question(
    tmp_path: Path, small: Path
) -> None:
    run = console(tmp_path, ["/deck", "Moscow", "/quit"], content_dir=small)

    assert "Three small questions is the only deck there is." in run.out
    assert attempts(tmp_path) == [("capital", True)]


def test_the_console_says_where_progress_is_saved(tmp_path: Path, small: Path) -> None:
    run = console(tmp_path, ["/quit"], content_dir=small)
    where = str(tmp_path / "db" / "x.sqlite3")

    assert f"Your progress is saved in {where} (choose another file with --db)." in run.out
    assert f"Goodbye! Your progress is saved in {where}." in run.out
