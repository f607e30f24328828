"""The delivery queue: one row per message to a student, and the broadcasts they belong to.

A row goes queued -> sending -> sent | blocked | failed. It is marked 'sending' (committed)
before the Bot API call and its outcome after, so a restart knows exactly which rows might
have been sent: those left 'sending'. ``recover_interrupted`` turns them into 'unconfirmed'
and they are never sent again (at most once; see tutorbot/services/delivery.py).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from tutorbot.adapters.store.db import Database, from_text, to_text
from tutorbot.core.deliveries import Broadcast, Counts, NewMessage, OutboxMessage, Status

logger = logging.getLogger(__name__)


class Outbox:
    def __init__(self, db: Database) -> None:
        self._db = db

    def new_broadcast(
        self, teacher_id: int, class_name: str, kind: Literal["broadcast", "push"], now: datetime
    ) -> int:
        cursor = self._db.connection.execute(
            "INSERT INTO broadcasts (teacher_id, class_name, kind, created_at) VALUES (?, ?, ?, ?)",
            (teacher_id, class_name, kind, to_text(now)),
        )
        assert cursor.lastrowid is not None  # an INSERT that added a row has one
        return cursor.lastrowid

    def broadcast(self, broadcast_id: int) -> Broadcast | None:
        row = self._db.connection.execute(
            "SELECT id, teacher_id, class_name, kind, progress_message_id, created_at, finished_at"
            " FROM broadcasts WHERE id = ?",
            (broadcast_id,),
        ).fetchone()
        if row is None:
            return None
        return Broadcast(
            row[0], row[1], row[2], row[3], row[4], from_text(row[5]),
            from_text(row[6]) if row[6] else None,
        )  # fmt: skip

    def set_progress_message(self, broadcast_id: int, message_id: int) -> None:
        self._db.connection.execute(
            "UPDATE broadcasts SET progress_message_id = ? WHERE id = ?", (message_id, broadcast_id)
        )

    def claim_finish(self, broadcast_id: int, now: datetime) -> bool:
        """Mark the broadcast finished; True only for the one caller that did it."""
        cursor = self._db.connection.execute(
            "UPDATE broadcasts SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
            (to_text(now), broadcast_id),
        )
        return cursor.rowcount > 0

    def unfinished_broadcasts(self) -> tuple[int, ...]:
        rows = self._db.connection.execute(
            "SELECT id FROM broadcasts WHERE finished_at IS NULL ORDER BY id"
        )
        return tuple(r[0] for r in rows)

    def enqueue(self, messages: Iterable[NewMessage], now: datetime) -> int:
        """Queue the messages whose key is new; returns how many were added."""
        stamp = to_text(now)
        added = 0
        with self._db.transaction() as c:
            for m in messages:
                cursor = c.execute(
                    "INSERT INTO outbox (key, student_id, kind, text, deck_id, question_id,"
                    " broadcast_id, status, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
                    (
                        m.key, m.student_id, m.kind, m.text, m.deck_id, m.question_id,
                        m.broadcast_id, m.status, stamp, stamp,
                    ),
                )  # fmt: skip
                added += cursor.rowcount
        return added

    def queued(self, limit: int) -> tuple[OutboxMessage, ...]:
        """Queued messages in the order to send them: daily quizzes first (they are due at a
        time of day; a long broadcast must not hold them up), then oldest first."""
        rows = self._db.connection.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE status = 'queued'"
            " ORDER BY kind != 'quiz', id LIMIT ?",
            (limit,),
        )
        return tuple(_message(r) for r in rows)

    def get(self, message_id: int) -> OutboxMessage | None:
        row = self._db.connection.execute(
            f"SELECT {_COLUMNS} FROM outbox WHERE id = ?", (message_id,)
        ).fetchone()
        return _message(row) if row else None

    def start_sending(self, message_id: int, now: datetime) -> bool:
        """queued -> sending; False if another worker took it or it is no longer queued."""
        cursor = self._db.connection.execute(
            "UPDATE outbox SET status = 'sending', tries = tries + 1, updated_at = ?"
            " WHERE id = ? AND status = 'queued'",
            (to_text(now), message_id),
        )
        return cursor.rowcount > 0

    def finish(
        self, message_id: int, status: Status, now: datetime, error: str | None = None
    ) -> None:
        self._db.connection.execute(
            "UPDATE outbox SET status = ?, error = ?, updated_at = ? WHERE id = ?",
            (status, error, to_text(now), message_id),
        )

    def requeue(self, message_id: int, now: datetime, error: str) -> None:
        """sending -> queued, to be tried again (after a 429 or a network failure)."""
        self._db.connection.execute(
            "UPDATE outbox SET status = 'queued', error = ?, updated_at = ?"
            " WHERE id = ? AND status = 'sending'",
            (error, to_text(now), message_id),
        )

    def drop_queued_for(self, student_id: int, now: datetime, status: Status) -> int:
        """Finish every queued message to the student with ``status`` (they blocked the bot)."""
        cursor = self._db.connection.execute(
            "UPDATE outbox SET status = ?, updated_at = ?"
            " WHERE student_id = ? AND status = 'queued'",
            (status, to_text(now), student_id),
        )
        return cursor.rowcount

    def recover_interrupted(self, now: datetime) -> int:
        """Rows left 'sending' by a process that stopped mid-send become 'unconfirmed'."""
        cursor = self._db.connection.execute(
            "UPDATE outbox SET status = 'unconfirmed', updated_at = ?,"
            " error = 'interrupted while sending' WHERE status = 'sending'",
            (to_text(now),),
        )
        if cursor.rowcount:
            logger.warning("%d message(s) were interrupted mid-send: not resent", cursor.rowcount)
        return cursor.rowcount

    def counts(self, broadcast_id: int | None = None) -> Counts:
        sql = "SELECT status, count(*) FROM outbox"
        params: tuple[object, ...] = ()
        if broadcast_id is not None:
            sql += " WHERE broadcast_id = ?"
            params = (broadcast_id,)
        found = {r[0]: r[1] for r in self._db.connection.execute(sql + " GROUP BY status", params)}
        return Counts(**found)


_COLUMNS = "id, key, student_id, kind, text, deck_id, question_id, broadcast_id, status, tries"


def _message(row: sqlite3.Row) -> OutboxMessage:
    return OutboxMessage(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9]
    )
