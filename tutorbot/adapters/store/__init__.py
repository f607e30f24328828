"""The SQLite store: one connection, numbered migrations, repositories returning frozen values.

    store = Store.open(path)          # creates or upgrades the database
    with store.transaction():         # several writes, all or nothing
        store.students.set_deck(...)
        store.progress.put_card(...)

Every repository is an attribute of the store, built once here; the services are handed the
store (the ports they declare in tutorbot/services/ports.py) and never build one themselves.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from tutorbot.adapters.store.classes import Classes
from tutorbot.adapters.store.daily import DailyPushes
from tutorbot.adapters.store.db import (
    DamagedDatabase,
    Database,
    StoreError,
    connect,
    from_text,
    integrity_problem,
    migrate,
    migrations,
    schema_version,
    to_text,
)
from tutorbot.adapters.store.feedback_sends import FeedbackSends
from tutorbot.adapters.store.inbox import Inbox
from tutorbot.adapters.store.outbox import Outbox
from tutorbot.adapters.store.progress import Progress
from tutorbot.adapters.store.reviews import Reviews
from tutorbot.adapters.store.students import Students
from tutorbot.adapters.store.uploaded_decks import UploadedDecks
from tutorbot.core.records import (
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

logger = logging.getLogger(__name__)

__all__ = [
    "AcceptedPhrasing",
    "Attempt",
    "CardState",
    "DamagedDatabase",
    "Database",
    "MisconceptionMark",
    "OverrideReview",
    "Pending",
    "PointMark",
    "ReviewStatus",
    "Store",
    "StoreError",
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
        self.classes = Classes(self.db)
        self.outbox = Outbox(self.db)
        self.daily_pushes = DailyPushes(self.db)
        self.feedback_sends = FeedbackSends(self.db)
        self.uploaded_decks = UploadedDecks(self.db)
        self.inbox = Inbox(self.db)

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open (creating parent folders and the file), check it for damage and bring the
        schema up to date.

        Raises StoreError when the file cannot be created or is not a tutorbot database,
        DamagedDatabase when SQLite's quick check finds damage.
        """
        try:
            connection = connect(path)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(path, exc) from exc
        try:
            problem = integrity_problem(connection)
            if problem is not None:
                raise DamagedDatabase(path, problem)
            available = migrations()
            version = migrate(connection, available=available)
        except sqlite3.Error as exc:
            connection.close()
            raise StoreError(path, exc) from exc
        except BaseException:
            connection.close()
            raise
        if version > available[-1].version:
            connection.close()
            raise StoreError(path, f"it was made by a newer tutorbot (schema {version})")
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
