"""The SQLite connection: opening, numbered migrations, transactions, time as text."""

from __future__ import annotations

import itertools
import logging
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from tutorbot.core.errors import TutorError

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class StoreError(TutorError):
    """The database file cannot be opened or used."""

    def __init__(self, path: Path | str, reason: object) -> None:
        self.path = str(path)
        super().__init__(f"cannot use the database {self.path}: {reason}")


class DamagedDatabase(StoreError):
    """``PRAGMA quick_check`` found damage: the bot must not run on (and add to) it."""

    def __init__(self, path: Path | str, finding: str) -> None:
        first = finding.splitlines()[0] if finding.strip() else "unknown damage"
        super().__init__(
            path,
            f"the file is damaged ({first[:200]}); restore it from your latest backup "
            "(tutorbot backup PATH makes one)",
        )


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> tuple[Migration, ...]:
    """Every bundled migration, in version order.

    Versions start at 1 and only ever grow; a gap is allowed (branches developed side by side
    each add their own number), but a version used twice is refused. A database records only
    the highest version applied, so a gap must be filled before any database is upgraded
    past it.
    """
    found = []
    for entry in (resources.files("tutorbot.adapters.store") / "migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for earlier, later in itertools.pairwise(found):
        if earlier.version == later.version:
            raise RuntimeError(
                f"two migrations numbered {later.version:04d}: {earlier.name}, {later.name}"
            )
    if found and found[0].version != 1:
        raise RuntimeError(f"migration 0001 is missing (found {found[0].name})")
    return tuple(found)


def latest_version() -> int:
    """The schema version the bundled migrations lead to."""
    return migrations()[-1].version


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, foreign keys on."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    return connection


def integrity_problem(connection: sqlite3.Connection) -> str | None:
    """What SQLite's quick check finds wrong with the file (its first finding), or None."""
    try:
        findings = [row[0] for row in connection.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:  # damage bad enough to stop the check itself
        return str(exc)
    return None if findings == ["ok"] else "; ".join(findings[:3])


def schema_version(connection: sqlite3.Connection) -> int:
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(
    connection: sqlite3.Connection,
    target: int | None = None,
    available: Sequence[Migration] | None = None,
) -> int:
    """Apply the migrations newer than the database's user_version, each in its own transaction.

    Returns the version reached. ``target`` stops early (tests build older databases with it);
    ``available`` replaces the bundled migrations.
    """
    for migration in migrations() if available is None else available:
        if target is not None and migration.version > target:
            break
        if schema_version(connection) >= migration.version:
            continue
        # The version is read under the write lock, so two processes opening one new
        # database cannot both apply a migration.
        connection.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(connection) < migration.version:
                logger.info("applying migration %s", migration.name)
                for statement in _statements(migration.sql):
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {migration.version:d}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    return schema_version(connection)


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, split where SQLite itself sees them end."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""
    if pending.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in pending.splitlines()
    ):
        raise ValueError(f"unfinished SQL statement at the end of a migration: {pending!r}")


class Database:
    """One connection shared by every repository, with nestable transactions."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self._lock = threading.RLock()
        self._depth = 0

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Commit on success, roll back on any exception; inner calls become savepoints."""
        with self._lock:
            depth = self._depth
            begin, commit, rollback = (
                ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
                if depth == 0
                else (f"SAVEPOINT s{depth}", f"RELEASE s{depth}", f"ROLLBACK TO s{depth}")
            )
            self.connection.execute(begin)
            self._depth += 1
            try:
                yield self.connection
            except BaseException:
                self.connection.execute(rollback)
                if depth:
                    self.connection.execute(f"RELEASE s{depth}")
                raise
            else:
                self.connection.execute(commit)
            finally:
                self._depth -= 1


def to_text(moment: datetime) -> str:
    """Fixed-width ISO-8601 UTC text, so that text order is time order."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: pass an aware UTC datetime")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_text(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)
