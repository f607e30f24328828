"""Feedback sends whose outcome is not known: see tutorbot/services/feedback_delivery.py."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from tutorbot.adapters.store.db import Database, to_text
from tutorbot.core.deliveries import SendState


class FeedbackSends:
    def __init__(self, db: Database) -> None:
        self._db = db

    def states(self, attempt_ids: Iterable[int]) -> dict[int, SendState]:
        ids = tuple(attempt_ids)
        if not ids:
            return {}
        rows = self._db.connection.execute(
            "SELECT attempt_id, state FROM feedback_sends"
            f" WHERE attempt_id IN ({', '.join('?' * len(ids))})",
            ids,
        )
        return {r[0]: r[1] for r in rows}

    def put(self, attempt_id: int, state: SendState, now: datetime) -> None:
        self._db.connection.execute(
            "INSERT INTO feedback_sends (attempt_id, state, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (attempt_id) DO UPDATE SET state = excluded.state,"
            " updated_at = excluded.updated_at",
            (attempt_id, state, to_text(now)),
        )

    def clear(self, attempt_id: int) -> None:
        self._db.connection.execute(
            "DELETE FROM feedback_sends WHERE attempt_id = ?", (attempt_id,)
        )
