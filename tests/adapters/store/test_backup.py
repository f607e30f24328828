"""``backup``: a consistent single-file copy through SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.adapters.store.damage import damaged_database
from tests.fakes import START
from tutorbot.adapters.store import DamagedDatabase, Store, StoreError
from tutorbot.adapters.store.backup import backup


@pytest.fixture
def live(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        store.students.enrol(7, "Ann", START)
    return db_path


def test_the_copy_holds_the_data_in_one_file(live: Path, tmp_path: Path) -> None:
    target = tmp_path / "backups" / "monday.sqlite3"
    size = backup(live, target)
    assert size == target.stat().st_size > 0
    assert [p.name for p in target.parent.iterdir()] == ["monday.sqlite3"]
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    with Store.open(target) as restored:
        student = restored.students.get(7)
        assert student is not None
        assert student.name == "Ann"


def test_a_backup_while_the_bot_holds_a_write_has_only_committed_data(
    live: Path, tmp_path: Path
) -> None:
    with Store.open(live) as running:
        running.students.enrol(8, "Bob", START)
        with running.transaction():
            running.students.enrol(9, "Cy", START)
            backup(live, tmp_path / "copy.sqlite3")
    with Store.open(tmp_path / "copy.sqlite3") as copy:
        assert [s.id for s in copy.students.all()] == [7, 8]


def test_an_older_backup_is_replaced(live: Path, tmp_path: Path) -> None:
    target = tmp_path / "b.sqlite3"
    target.write_bytes(b"yesterday's backup")
    backup(live, target)
    with Store.open(target) as copy:
        assert copy.students.get(7) is not None


@pytest.mark.parametrize("where", ["missing", "itself", "folder", "under a file"])
def test_a_backup_that_cannot_be_made_is_a_clear_error(
    live: Path, tmp_path: Path, where: str
) -> None:
    source, target = {
        "missing": (tmp_path / "nope.sqlite3", tmp_path / "b.sqlite3"),
        "itself": (live, live),
        "folder": (live, tmp_path),
        "under a file": (live, live / "b.sqlite3"),
    }[where]
    with pytest.raises(StoreError) as refused:
        backup(source, target)
    assert "\n" not in str(refused.value)
    assert not (tmp_path / "b.sqlite3").exists()


def test_a_damaged_database_is_not_backed_up(tmp_path: Path) -> None:
    source = damaged_database(tmp_path / "bot.sqlite3")
    with pytest.raises(DamagedDatabase):
        backup(source, tmp_path / "b.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bot.sqlite3"]
