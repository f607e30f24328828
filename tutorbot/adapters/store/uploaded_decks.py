"""Decks teachers uploaded: their YAML text, owner and version (migration 0007)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from tutorbot.adapters.store.db import Database, to_text
from tutorbot.core.records import UploadedDeck


class UploadedDecks:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, deck_id: str) -> UploadedDeck | None:
        """The deck with this id, retired or not."""
        row = self._db.connection.execute(
            "SELECT id, teacher_id, file_name, version, retired_at IS NOT NULL"
            " FROM uploaded_decks WHERE id = ?",
            (deck_id,),
        ).fetchone()
        return _deck(row) if row is not None else None

    def active(self) -> tuple[UploadedDeck, ...]:
        """Every deck in use, by id."""
        rows = self._db.connection.execute(
            "SELECT id, teacher_id, file_name, version, 0 FROM uploaded_decks"
            " WHERE retired_at IS NULL ORDER BY id"
        ).fetchall()
        return tuple(_deck(row) for row in rows)

    def yaml(self, deck_id: str) -> str | None:
        row = self._db.connection.execute(
            "SELECT yaml FROM uploaded_decks WHERE id = ?", (deck_id,)
        ).fetchone()
        return str(row[0]) if row is not None else None

    def put(
        self, deck_id: str, teacher_id: int, file_name: str, text: str, now: datetime
    ) -> int | None:
        """Install or replace the teacher's deck (in use again if it was retired); its new
        version, or None when the id is another teacher's."""
        with self._db.transaction() as connection:
            connection.execute(
                "INSERT INTO uploaded_decks (id, teacher_id, file_name, yaml, version, uploaded_at)"
                " VALUES (?, ?, ?, ?, 1, ?)"
                " ON CONFLICT (id) DO UPDATE SET file_name = excluded.file_name,"
                " yaml = excluded.yaml, version = version + 1,"
                " uploaded_at = excluded.uploaded_at, retired_at = NULL"
                " WHERE uploaded_decks.teacher_id = excluded.teacher_id",
                (deck_id, teacher_id, file_name, text, to_text(now)),
            )
            row = connection.execute(
                "SELECT version FROM uploaded_decks WHERE id = ? AND teacher_id = ?",
                (deck_id, teacher_id),
            ).fetchone()
        return int(row[0]) if row is not None else None

    def retire(self, deck_id: str, now: datetime) -> bool:
        """False when it was not in use."""
        cursor = self._db.connection.execute(
            "UPDATE uploaded_decks SET retired_at = ?, version = version + 1"
            " WHERE id = ? AND retired_at IS NULL",
            (to_text(now), deck_id),
        )
        return cursor.rowcount > 0

    def teachers_of(self, student_id: int) -> frozenset[int]:
        """The teachers of the classes the student is a member of."""
        rows = self._db.connection.execute(
            "SELECT DISTINCT c.teacher_id FROM class_members m JOIN classes c ON c.id = m.class_id"
            " WHERE m.student_id = ?",
            (student_id,),
        ).fetchall()
        return frozenset(int(row[0]) for row in rows)

    def class_names(self, teacher_id: int) -> tuple[str, ...]:
        rows = self._db.connection.execute(
            "SELECT name FROM classes WHERE teacher_id = ? ORDER BY name", (teacher_id,)
        ).fetchall()
        return tuple(str(row[0]) for row in rows)


def _deck(row: sqlite3.Row) -> UploadedDeck:
    return UploadedDeck(str(row[0]), int(row[1]), str(row[2]), int(row[3]), bool(row[4]))
