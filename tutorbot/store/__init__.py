"""The SQLite store: one connection, numbered migrations, repositories returning frozen values.

    store = Store.open(path)          # creates or upgrades the database
    with store.transaction():         # several writes, all or nothing
        store.students.set_deck(...)
        store.progress.put_card(...)

Other features add their own repositories on ``store.db`` / ``store.connection`` and their own
migrations (0003 onwards) in ``tutorbot/store/migrations/``.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from tutorbot.store.db import Database, connect, from_text, migrate, schema_version, to_text
from tutorbot.store.progress import Progress
from tutorbot.store.records import (
    AcceptedPhrasing,
    Attempt,
    CardState,
    MisconceptionMark,
    OverrideReview,
    Pending,
    PointMark,
    ReviewStatus,
    Student,
)
from tutorbot.store.reviews import Reviews
from tutorbot.store.students import Students

logger = logging.getLogger(__name__)

__all__ = [
    "AcceptedPhrasing",
    "Attempt",
    "CardState",
    "Database",
    "MisconceptionMark",
    "OverrideReview",
    "Pending",
    "PointMark",
    "ReviewStatus",
    "Store",
    "Student",
    "from_text",
    "to_text",
]


class Store:
    def __init__(self, connection: sqlite3.Connection, path: Path | None = None) -> None:
        """Wrap an open, migrated connection; use ``Store.open`` to get one."""
        self.path = path
        self.db = Database(connection)
        self.students = Students(self.db)
        self.progress = Progress(self.db)
        self.reviews = Reviews(self.db)

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open (creating parent folders and the file) and bring the schema up to date."""
        connection = connect(path)
        try:
            version = migrate(connection)
        except BaseException:
            connection.close()
            raise
        logger.info("store %s at schema version %d", path, version)
        return cls(connection, None if str(path) == ":memory:" else Path(path))

    @property
    def connection(self) -> sqlite3.Connection:
        return self.db.connection

    @property
    def schema_version(self) -> int:
        return schema_version(self.connection)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.db.transaction() as connection:
            yield connection

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
