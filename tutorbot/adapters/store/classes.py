"""Classes, their join codes and members, and what a class report or review needs from them."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from tutorbot.adapters.store.db import Database, from_text, to_text
from tutorbot.core.records import ClassInfo, ClassSize, Member
from tutorbot.core.reports import AttemptFact


class Classes:
    def __init__(self, db: Database) -> None:
        self._db = db

    def create(self, teacher_id: int, name: str, join_code: str, now: datetime) -> ClassInfo | None:
        """The new class; None if the teacher has one of that name or the code is taken."""
        try:
            cursor = self._db.connection.execute(
                "INSERT INTO classes (teacher_id, name, join_code, created_at) VALUES (?, ?, ?, ?)",
                (teacher_id, name, join_code, to_text(now)),
            )
        except sqlite3.IntegrityError:
            return None
        assert cursor.lastrowid is not None  # an INSERT that added a row has one
        return ClassInfo(cursor.lastrowid, teacher_id, name, join_code, now)

    def named(self, teacher_id: int, name: str) -> ClassInfo | None:
        """The teacher's class of that name, ignoring case."""
        row = self._db.connection.execute(
            f"SELECT {_COLUMNS} FROM classes WHERE teacher_id = ? AND name = ? COLLATE NOCASE",
            (teacher_id, name),
        ).fetchone()
        return _class(row) if row else None

    def by_code(self, join_code: str) -> ClassInfo | None:
        row = self._db.connection.execute(
            f"SELECT {_COLUMNS} FROM classes WHERE join_code = ?", (join_code,)
        ).fetchone()
        return _class(row) if row else None

    def of_teacher(self, teacher_id: int) -> tuple[ClassSize, ...]:
        rows = self._db.connection.execute(
            "SELECT c.id, c.teacher_id, c.name, c.join_code, c.created_at,"
            " count(s.id) AS members, coalesce(sum(s.active), 0) AS active"
            " FROM classes c LEFT JOIN class_members m ON m.class_id = c.id"
            " LEFT JOIN students s ON s.id = m.student_id"
            " WHERE c.teacher_id = ? GROUP BY c.id ORDER BY c.name COLLATE NOCASE",
            (teacher_id,),
        )
        return tuple(ClassSize(_class(r), r["members"], r["active"]) for r in rows)

    def join(self, class_id: int, student_id: int, now: datetime) -> bool:
        """Add the (existing) student to the class; False if they were in it already."""
        cursor = self._db.connection.execute(
            "INSERT INTO class_members (class_id, student_id, joined_at) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (class_id, student_id, to_text(now)),
        )
        return cursor.rowcount > 0

    def members(self, class_id: int) -> tuple[Member, ...]:
        rows = self._db.connection.execute(
            "SELECT s.id, s.name, s.active FROM class_members m JOIN students s"
            " ON s.id = m.student_id WHERE m.class_id = ? ORDER BY s.id",
            (class_id,),
        )
        return tuple(Member(r[0], r[1], bool(r[2])) for r in rows)

    def attempt_facts(self, class_id: int) -> tuple[AttemptFact, ...]:
        """Every answer by the class's members, oldest first, with the key points missed (none
        for an "I was right" the teacher has not rejected)."""
        rows = self._db.connection.execute(
            "SELECT a.student_id, a.deck_id, a.question_id, a.created_at, a.score, a.verdict,"
            " a.overridden AND coalesce(r.status, '') != 'rejected' AS excused"
            " FROM attempts a JOIN class_members m ON m.student_id = a.student_id"
            " LEFT JOIN override_reviews r ON r.attempt_id = a.id"
            " WHERE m.class_id = ? ORDER BY a.id",
            (class_id,),
        )
        return tuple(_fact(r) for r in rows)

    def pending_overrides(self, class_id: int) -> tuple[int, ...]:
        """Ids of attempts by members whose "I was right" waits for review, oldest first."""
        rows = self._db.connection.execute(
            "SELECT r.attempt_id FROM override_reviews r JOIN attempts a ON a.id = r.attempt_id"
            " JOIN class_members m ON m.student_id = a.student_id"
            " WHERE m.class_id = ? AND r.status = 'pending' ORDER BY r.created_at, r.attempt_id",
            (class_id,),
        )
        return tuple(r[0] for r in rows)

    def teaches(self, teacher_id: int, student_id: int) -> bool:
        """Whether the student is in one of the teacher's classes."""
        row = self._db.connection.execute(
            "SELECT 1 FROM class_members m JOIN classes c ON c.id = m.class_id"
            " WHERE c.teacher_id = ? AND m.student_id = ? LIMIT 1",
            (teacher_id, student_id),
        ).fetchone()
        return row is not None


_COLUMNS = "id, teacher_id, name, join_code, created_at"


def _class(row: sqlite3.Row) -> ClassInfo:
    return ClassInfo(row[0], row[1], row[2], row[3], from_text(row[4]))


def _fact(row: sqlite3.Row) -> AttemptFact:
    verdict = json.loads(row["verdict"])
    missed = (
        ()
        if row["excused"]
        else tuple(p["id"] for p in verdict.get("points", []) if not p.get("hit"))
    )
    return AttemptFact(
        student_id=row["student_id"],
        deck_id=row["deck_id"],
        question_id=row["question_id"],
        at=from_text(row["created_at"]),
        score=float(row["score"]),
        missed=missed,
    )
