"""The inbox: every update from Telegram, stored before it is confirmed, until it is handled.

An update is stored (``receive``) before python-telegram-bot confirms its offset with the next
getUpdates, or before a webhook request is answered, so a process killed at any moment loses
none: at start-up the bot runs again those it had not finished (``unfinished``). Telegram
hands an update out again until it is confirmed; ``receive`` says which ones are new, so none
is run twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from tutorbot.adapters.store.db import Database, to_text

State = Literal["new", "started", "done", "abandoned"]


@dataclass(frozen=True)
class Stored:
    update_id: int
    body: str
    """The update as JSON."""
    state: State


class Inbox:
    def __init__(self, db: Database) -> None:
        self._db = db

    def receive(self, update_id: int, body: str, now: datetime) -> bool:
        """Store an update (committed); False when it was stored before (a repeat)."""
        with self._db.transaction() as c:
            cursor = c.execute(
                "INSERT INTO inbox (update_id, body, received_at) VALUES (?, ?, ?)"
                " ON CONFLICT (update_id) DO NOTHING",
                (update_id, body, to_text(now)),
            )
        return cursor.rowcount > 0

    def start(self, update_id: int) -> None:
        self._set(update_id, "started", "new")

    def finish(self, update_id: int) -> None:
        """Handled: only its id is kept (to recognise a repeat), not its body."""
        self._set(update_id, "done", "new", "started")

    def abandon(self, update_id: int) -> None:
        self._set(update_id, "abandoned", "new", "started")

    def unfinished(self) -> tuple[Stored, ...]:
        """Updates stored and not handled to the end, in the order they came."""
        rows = self._db.connection.execute(
            "SELECT update_id, body, state FROM inbox WHERE state IN ('new', 'started')"
            " ORDER BY received_at, update_id"
        )
        return tuple(Stored(r[0], r[1], r[2]) for r in rows)

    def state(self, update_id: int) -> State | None:
        row = self._db.connection.execute(
            "SELECT state FROM inbox WHERE update_id = ?", (update_id,)
        ).fetchone()
        return row[0] if row else None

    def prune(self, before: datetime) -> int:
        """Forget handled updates received before ``before`` (Telegram keeps an unconfirmed
        update for a day at most: older ones cannot come again)."""
        cursor = self._db.connection.execute(
            "DELETE FROM inbox WHERE received_at < ? AND state IN ('done', 'abandoned')",
            (to_text(before),),
        )
        return cursor.rowcount

    def _set(self, update_id: int, state: State, *sources: State) -> None:
        marks = ", ".join("?" * len(sources))
        body = "" if state in ("done", "abandoned") else None
        self._db.connection.execute(
            f"UPDATE inbox SET state = ?, body = coalesce(?, body)"
            f" WHERE update_id = ? AND state IN ({marks})",
            (state, body, update_id, *sources),
        )
