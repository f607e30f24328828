"""``tutorbot backup``, ``tutorbot phrasings`` and a damaged database at ``tutorbot run``,
run as a teacher would: exit code and one clear line, never a traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from tests.adapters.store.damage import damaged_database
from tests.cli import REPO, run_tutorbot
from tests.fakes import START
from tutorbot.adapters.deck_files import load_decks
from tutorbot.adapters.store import Store
from tutorbot.core.marking import mark

DECK = REPO / "content" / "stalin-foreign-policy-1924-1929.yaml"
TOKEN = "123456:" + "A" * 35


def tutorbot(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return run_tutorbot(*args, cwd=cwd, **{"TUTORBOT_CONTENT": str(REPO / "content"), **env})


def test_backup_writes_a_copy_and_says_where(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    with Store.open(db) as store:
        store.students.enrol(7, "Ann", START)
    done = tutorbot("backup", "saved/b.sqlite3", cwd=tmp_path, TUTORBOT_DB=str(db))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"Backed up {db} to saved/b.sqlite3 (")
    with Store.open(tmp_path / "saved" / "b.sqlite3") as copy:
        assert copy.students.get(7) is not None


def test_backup_without_a_database_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = tutorbot("backup", "b.sqlite3", cwd=tmp_path, TUTORBOT_DB=str(tmp_path / "none.db"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "none.db" in done.stderr
    assert "no database" in done.stderr


def test_run_on_a_damaged_database_stops_with_one_line_naming_it(tmp_path: Path) -> None:
    db = damaged_database(tmp_path / "bot.sqlite3")
    done = tutorbot("run", cwd=tmp_path, TUTORBOT_DB=str(db), TUTORBOT_TOKEN=TOKEN)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr
    assert str(db) in done.stderr
    assert "damaged" in done.stderr
    assert "backup" in done.stderr
    assert "Traceback" not in done.stderr


def test_phrasings_print_yaml_that_pasted_into_the_deck_credits_everyone(tmp_path: Path) -> None:
    [deck] = load_decks([DECK])
    question = deck.questions[0]
    point = question.key_points[0]
    answer = "zebra crossing sandwich"
    assert point.id not in [p.point.id for p in mark(question, answer).hit]
    db = tmp_path / "bot.sqlite3"
    with Store.open(db) as store:
        store.reviews.add_phrasing(900, deck.id, question.id, point.id, answer, START)

    done = tutorbot("phrasings", str(DECK), "--db", str(db), cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    printed = yaml.safe_load(done.stdout)
    [entry] = printed["questions"]
    [new_point] = entry["key_points"]
    assert (entry["id"], new_point["id"]) == (question.id, point.id)
    assert new_point["accept"] == [*point.accept, answer]

    source = yaml.safe_load(DECK.read_text(encoding="utf-8"))
    source["questions"][0]["key_points"][0]["accept"] = new_point["accept"]
    pasted = tmp_path / "pasted.yaml"
    pasted.write_text(yaml.safe_dump(source, allow_unicode=True), encoding="utf-8")
    assert tutorbot("check", str(pasted), cwd=tmp_path).returncode == 0
    [updated] = load_decks([pasted])
    assert point.id in [p.point.id for p in mark(updated.questions[0], answer).hit]


def test_phrasings_of_an_unknown_deck_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with Store.open(tmp_path / "bot.sqlite3"):
        pass
    done = tutorbot(
        "phrasings", "no-such-deck", "--db", str(tmp_path / "bot.sqlite3"), cwd=tmp_path
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "no-such-deck" in done.stderr
