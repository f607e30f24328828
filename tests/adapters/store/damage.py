"""A tutorbot database with one page zeroed, as a disk fault leaves it."""

from __future__ import annotations

from pathlib import Path

from tests.fakes import START
from tutorbot.adapters.store import Store


def damaged_database(path: Path) -> Path:
    """A database of 300 students (several pages), its third page overwritten with zeros."""
    with Store.open(path) as store, store.transaction():
        for n in range(300):
            store.students.enrol(n + 1, f"student {n} " + "x" * 60, START)
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    page = 4096
    with path.open("r+b") as file:
        file.seek(2 * page)
        file.write(b"\0" * page)
    return path
