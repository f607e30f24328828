"""``tutorbot check``, run as a teacher would: exit code, file and line, never a traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.cli import REPO, run_tutorbot
from tutorbot.adapters.deck_files import load_decks

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
    return run_tutorbot("check", *args, cwd=cwd)


def test_the_bundled_content_passes_strict_with_every_example_agreeing(tmp_path: Path) -> None:
    [deck] = load_decks([REPO / "content"])
    examples = sum(len(question.examples) for question in deck.questions)

    result = check("--strict", str(REPO / "content"), cwd=tmp_path)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == (
        f"OK: 1 deck(s), {len(deck.questions)} question(s), {examples} example(s) agree"
    )


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


EXAMPLED = """\
title: China
synonyms:
  GMD: [Guomindang, Kuomintang]
questions:
  - id: side
    prompt: Which side did Stalin support in China?
    key_points:
      - id: supported-gmd
        point: Stalin supported the GMD
        accept: [supported the GMD, backed the GMD]
    examples:
      - answer: He backed the Kuomintang
        credit: [supported-gmd]
      - answer: He backed the CCP
        credit: [supported-gmd]
"""


def test_a_wrong_example_names_file_line_and_both_sets_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "china.yaml").write_text(EXAMPLED, encoding="utf-8")

    result = check("china.yaml", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "china.yaml:14: example 2: credited [], expected [supported-gmd]",
        "1 problem(s) in 1 deck(s)",
    ]


def test_no_examples_skips_them(tmp_path: Path) -> None:
    (tmp_path / "china.yaml").write_text(EXAMPLED, encoding="utf-8")

    result = check("--no-examples", "china.yaml", cwd=tmp_path)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "OK: 1 deck(s), 1 question(s)"


def test_an_over_broad_phrasing_is_a_warning_and_strict_makes_it_an_error(tmp_path: Path) -> None:
    text = EXAMPLED.replace("[supported the GMD, backed the GMD]", "[supported the GMD, the GMD]")
    text = text.replace("He backed the CCP", "He supported the Guomindang")
    (tmp_path / "china.yaml").write_text(text, encoding="utf-8")
    warning = (
        "china.yaml:10: warning: 'the GMD': only a name: naming it is not saying what happened"
    )

    relaxed = check("china.yaml", cwd=tmp_path)
    strict = check("--strict", "china.yaml", cwd=tmp_path)

    assert relaxed.returncode == 0
    assert relaxed.stderr.splitlines() == [warning]
    assert "1 warning(s)" in relaxed.stdout
    assert strict.returncode == 1
    assert strict.stderr.splitlines() == [warning, "1 problem(s) in 1 deck(s)"]


def test_an_unknown_synonym_names_file_and_line(tmp_path: Path) -> None:
    text = EXAMPLED.replace("  GMD: [Guomindang, Kuomintang]", "  GDM: [Guomindang, Kuomintang]")
    (tmp_path / "china.yaml").write_text(text, encoding="utf-8")

    result = check("china.yaml", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.startswith("china.yaml:3: synonyms.GDM: no phrasing of the deck uses")


def test_a_deck_nested_a_thousand_levels_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    text = "title: Deep\nquestions:\n" + "".join("  " * i + "- \n" for i in range(1, 1001))
    (tmp_path / "deep.yaml").write_text(text, encoding="utf-8")

    result = check("deep.yaml", cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "deep.yaml:42: lists and mappings nest more than 40 levels deep here"
    ]


def test_mark_with_an_unknown_question_lists_the_valid_ids(tmp_path: Path) -> None:
    (tmp_path / "china.yaml").write_text(EXAMPLED, encoding="utf-8")

    result = run_tutorbot("mark", "china.yaml", "sides", "--answer", "x", cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.strip() == (
        "tutorbot: deck 'china' has no question with id 'sides'; its questions: side"
    )


def test_mark_finds_a_bundled_deck_by_id_from_any_folder(tmp_path: Path) -> None:
    result = run_tutorbot(
        "mark", "stalin-foreign-policy-1924-1929", "china-gmd", "--answer", "x", cwd=tmp_path
    )

    assert result.returncode == 0, result.stderr
    assert '"question": "china-gmd"' in result.stdout


def test_mark_with_an_unknown_deck_names_the_setting_to_change(tmp_path: Path) -> None:
    result = run_tutorbot("mark", "nope", "q", "--answer", "x", cwd=tmp_path)

    assert result.returncode == 2
    assert "no deck with id 'nope'" in result.stderr
    assert "TUTORBOT_CONTENT or --content" in result.stderr


def test_the_format_docs_example_deck_passes_its_own_check(tmp_path: Path) -> None:
    doc = (REPO / "docs" / "content-format.md").read_text(encoding="utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "example.yaml").write_text(example, encoding="utf-8")

    result = check("example.yaml", cwd=tmp_path)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("OK: 1 deck(s), 1 question(s), 2 example(s) agree")


def test_run_with_a_deck_nested_a_thousand_levels_exits_with_one_line(tmp_path: Path) -> None:
    text = "title: Deep\nquestions:\n" + "".join("  " * i + "- \n" for i in range(1, 1001))
    (tmp_path / "deep.yaml").write_text(text, encoding="utf-8")
    result = run_tutorbot(
        "run",
        "--content",
        "deep.yaml",
        cwd=tmp_path,
        TUTORBOT_TOKEN="123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        TUTORBOT_DB=str(tmp_path / "bot.sqlite3"),
        TUTORBOT_API_BASE_URL="http://127.0.0.1:9/bot",
    )

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "deep.yaml:42: lists and mappings nest more than 40 levels deep here"
    ]


def test_a_second_subjects_deck_written_with_the_tools_passes_strict(tmp_path: Path) -> None:
    """The Cold War deck in tests/content/decks: synonyms, require, misconceptions, examples."""
    result = check("--strict", str(REPO / "tests" / "content" / "decks"), cwd=tmp_path)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "OK: 1 deck(s), 4 question(s), 24 example(s) agree"
