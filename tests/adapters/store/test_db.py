"""Opening, migrating and transactions on a real temporary SQLite file."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.adapters.store.damage import damaged_database
from tutorbot.adapters.store import DamagedDatabase, Store, StoreError
from tutorbot.adapters.store.db import (
    Migration,
    connect,
    from_text,
    latest_version,
    migrate,
    migrations,
    to_text,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {r[0] for r in rows}


def test_opening_creates_the_folder_and_the_latest_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "tutor.sqlite3"
    with Store.open(path) as store:
        assert path.is_file()
        assert store.schema_version == latest_version()
        assert {"students", "attempts", "cards", "override_reviews"} <= tables(store.connection)


def test_bundled_migrations_start_at_one_and_only_grow() -> None:
    versions = [m.version for m in migrations()]
    assert versions == sorted(set(versions))
    assert versions[:2] == [1, 2]
    assert latest_version() == versions[-1]


def test_a_gap_in_the_numbers_is_applied_in_order(db_path: Path) -> None:
    available = (
        Migration(1, "0001_a.sql", "CREATE TABLE a (x INTEGER);"),
        Migration(3, "0003_c.sql", "CREATE TABLE c (x INTEGER);"),
    )
    connection = connect(db_path)
    assert migrate(connection, available=available) == 3
    assert {"a", "c"} <= tables(connection)


def test_reopening_applies_nothing_twice_and_keeps_data(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.students.enrol(7, "Ann", T0)
    with Store.open(db_path) as store:
        assert store.schema_version == latest_version()
        assert store.students.get(7) is not None
        assert migrate(store.connection) == latest_version()


def test_an_older_database_is_upgraded_on_open_keeping_its_data(db_path: Path) -> None:
    connection = connect(db_path)
    assert migrate(connection, target=1) == 1
    connection.execute(
        "INSERT INTO students (id, name, created_at) VALUES (7, 'Ann', ?)", (to_text(T0),)
    )
    assert "override_reviews" not in tables(connection)
    connection.close()

    with Store.open(db_path) as store:
        assert store.schema_version == latest_version()
        assert "override_reviews" in tables(store.connection)
        student = store.students.get(7)
        assert student is not None
        assert student.name == "Ann"


def test_a_failing_migration_leaves_the_database_as_it_was(db_path: Path) -> None:
    connection = connect(db_path)
    broken = [
        Migration(1, "0001_ok.sql", "CREATE TABLE one (x INTEGER);"),
        Migration(
            2, "0002_bad.sql", "CREATE TABLE two (x INTEGER);\nINSERT INTO nowhere VALUES (1);"
        ),
    ]
    with pytest.raises(sqlite3.OperationalError, match="nowhere"):
        migrate(connection, available=broken)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "one" in tables(connection)
    assert "two" not in tables(connection)
    assert not connection.in_transaction


def test_two_processes_opening_a_new_database_at_once_both_succeed(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    connections = [connect(path) for _ in range(4)]
    start = threading.Barrier(len(connections))

    def open_one(connection: sqlite3.Connection) -> int:
        start.wait()
        return migrate(connection)

    with ThreadPoolExecutor(len(connections)) as pool:
        versions = list(pool.map(open_one, connections))
    assert versions == [latest_version()] * len(connections)
    for connection in connections:
        connection.close()


def test_a_statement_left_unfinished_in_a_migration_is_refused(db_path: Path) -> None:
    connection = connect(db_path)
    with pytest.raises(ValueError, match="unfinished"):
        migrate(connection, available=[Migration(1, "0001_x.sql", "CREATE TABLE one (x INTEGER)")])
    assert "one" not in tables(connection)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 0


def test_connection_uses_wal_foreign_keys_and_a_busy_timeout(store: Store) -> None:
    c = store.connection
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert c.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def enrol_then_fail(store: Store, student_id: int) -> None:
    with store.transaction():
        store.students.enrol(student_id, "Ann", T0)
        raise RuntimeError("boom")


def test_a_failed_transaction_writes_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError):
        enrol_then_fail(store, 1)
    assert store.students.get(1) is None


def test_a_failed_inner_transaction_undoes_only_its_own_writes(store: Store) -> None:
    with store.transaction():
        store.students.enrol(1, "Ann", T0)
        with pytest.raises(RuntimeError):
            enrol_then_fail(store, 2)
    assert store.students.get(1) is not None
    assert store.students.get(2) is None


def test_two_stores_on_one_file_see_each_others_writes(db_path: Path) -> None:
    with Store.open(db_path) as first, Store.open(db_path) as second:
        first.students.enrol(1, "Ann", T0)
        assert second.students.get(1) is not None


@pytest.mark.parametrize(
    "moment",
    [
        T0,
        T0.replace(microsecond=123456),
        datetime(2026, 3, 29, 1, 30, tzinfo=timezone(timedelta(hours=2))),
    ],
)
def test_times_are_stored_as_fixed_width_utc_text(moment: datetime) -> None:
    text = to_text(moment)
    assert text.endswith("+00:00")
    assert len(text) == len("2026-03-02T09:00:00.000000+00:00")
    assert from_text(text) == moment
    assert from_text(text).utcoffset() == timedelta(0)


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_text(datetime(2026, 3, 2, 9, 0))  # naive: the point of the test


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my revision notes, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match=r"notes\.txt"):
        Store.open(notes)
    assert notes.read_text(encoding="utf-8").startswith("my revision notes")


def test_a_database_from_a_newer_tutorbot_is_refused(db_path: Path) -> None:
    connection = connect(db_path)
    connection.execute("PRAGMA user_version = 999")
    connection.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(db_path)


def test_a_damaged_database_is_refused_in_one_line_naming_the_file_and_the_backup(
    tmp_path: Path,
) -> None:
    path = damaged_database(tmp_path / "bot.sqlite3")
    with pytest.raises(DamagedDatabase) as refused:
        Store.open(path)
    message = str(refused.value)
    assert "\n" not in message
    assert str(path) in message
    assert "damaged" in message
    assert "backup" in message
