"""Students, their current deck and the question each is waiting to answer."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from tutorbot.adapters.store.db import Database, from_text, to_text
from tutorbot.core.records import Pending, Student


class Students:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, student_id: int) -> Student | None:
        row = self._db.connection.execute(
            "SELECT id, name, deck_id, active FROM students WHERE id = ?", (student_id,)
        ).fetchone()
        return _student(row) if row else None

    def all(self, *, active_only: bool = False) -> tuple[Student, ...]:
        sql = "SELECT id, name, deck_id, active FROM students"
        if active_only:
            sql += " WHERE active = 1"
        return tuple(_student(r) for r in self._db.connection.execute(sql + " ORDER BY id"))

    def enrol(self, student_id: int, name: str, now: datetime) -> Student:
        """Create the student, or update the name and mark them active again."""
        with self._db.transaction() as c:
            c.execute(
                "INSERT INTO students (id, name, active, created_at) VALUES (?, ?, 1, ?)"
                " ON CONFLICT (id) DO UPDATE SET name = excluded.name, active = 1",
                (student_id, name, to_text(now)),
            )
        return self._require(student_id)

    def ensure(self, student_id: int, now: datetime) -> None:
        """Create the student with no name if they do not exist yet; nothing otherwise."""
        self._db.connection.execute(
            "INSERT INTO students (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
            (student_id, to_text(now)),
        )

    def set_deck(self, student_id: int, deck_id: str | None) -> None:
        self._db.connection.execute(
            "UPDATE students SET deck_id = ? WHERE id = ?", (deck_id, student_id)
        )

    def set_active(self, student_id: int, active: bool) -> None:
        self._db.connection.execute(
            "UPDATE students SET active = ? WHERE id = ?", (int(active), student_id)
        )

    def last_question(self, student_id: int) -> tuple[str, str] | None:
        """(deck id, question id) answered or skipped last."""
        row = self._db.connection.execute(
            "SELECT last_deck_id, last_question_id FROM students WHERE id = ?", (student_id,)
        ).fetchone()
        if row is None or row["last_question_id"] is None:
            return None
        return row["last_deck_id"], row["last_question_id"]

    def set_last_question(self, student_id: int, deck_id: str, question_id: str) -> None:
        self._db.connection.execute(
            "UPDATE students SET last_deck_id = ?, last_question_id = ? WHERE id = ?",
            (deck_id, question_id, student_id),
        )

    def pending(self, student_id: int) -> Pending | None:
        row = self._db.connection.execute(
            "SELECT student_id, deck_id, question_id, asked_at FROM pending_questions"
            " WHERE student_id = ?",
            (student_id,),
        ).fetchone()
        if row is None:
            return None
        return Pending(row[0], row[1], row[2], from_text(row[3]))

    def set_pending(self, student_id: int, deck_id: str, question_id: str, now: datetime) -> None:
        self._db.connection.execute(
            "INSERT INTO pending_questions (student_id, deck_id, question_id, asked_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (student_id) DO UPDATE SET"
            " deck_id = excluded.deck_id, question_id = excluded.question_id,"
            " asked_at = excluded.asked_at",
            (student_id, deck_id, question_id, to_text(now)),
        )

    def clear_pending(self, student_id: int) -> None:
        self._db.connection.execute(
            "DELETE FROM pending_questions WHERE student_id = ?", (student_id,)
        )

    def delete(self, student_id: int) -> None:
        """Forget the student: every table referencing students cascades, and phrasings a
        teacher accepted from the student's answers go too (they are the student's words)."""
        with self._db.transaction() as c:
            c.execute(
                "DELETE FROM accepted_phrasings WHERE attempt_id IN"
                " (SELECT id FROM attempts WHERE student_id = ?)",
                (student_id,),
            )
            c.execute("DELETE FROM students WHERE id = ?", (student_id,))

    def _require(self, student_id: int) -> Student:
        student = self.get(student_id)
        if student is None:
            raise LookupError(f"student {student_id} vanished")
        return student


def _student(row: sqlite3.Row) -> Student:
    return Student(
        id=row["id"], name=row["name"], deck_id=row["deck_id"], active=bool(row["active"])
    )
