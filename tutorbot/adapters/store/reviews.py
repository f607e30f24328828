""" "I was right" overrides waiting for a teacher, and the phrasings teachers accepted."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from tutorbot.adapters.store.db import Database, from_text, to_text
from tutorbot.core.records import AcceptedPhrasing, OverrideReview, ReviewStatus


class Reviews:
    def __init__(self, db: Database) -> None:
        self._db = db

    def queue(self, attempt_id: int, now: datetime) -> None:
        """Queue an override for review; nothing if it is queued (or decided) already."""
        self._db.connection.execute(
            "INSERT INTO override_reviews (attempt_id, created_at) VALUES (?, ?)"
            " ON CONFLICT (attempt_id) DO NOTHING",
            (attempt_id, to_text(now)),
        )

    def get(self, attempt_id: int) -> OverrideReview | None:
        row = self._db.connection.execute(
            "SELECT attempt_id, status, created_at, decided_at, decided_by FROM override_reviews"
            " WHERE attempt_id = ?",
            (attempt_id,),
        ).fetchone()
        return _review(row) if row else None

    def pending(self, deck_id: str | None = None) -> tuple[OverrideReview, ...]:
        """Overrides still to review, oldest first (only for one deck if given)."""
        sql = (
            "SELECT r.attempt_id, r.status, r.created_at, r.decided_at, r.decided_by"
            " FROM override_reviews r JOIN attempts a ON a.id = r.attempt_id"
            " WHERE r.status = 'pending'"
        )
        params: tuple[object, ...] = ()
        if deck_id is not None:
            sql += " AND a.deck_id = ?"
            params = (deck_id,)
        rows = self._db.connection.execute(sql + " ORDER BY r.created_at, r.attempt_id", params)
        return tuple(_review(r) for r in rows)

    def decide(self, attempt_id: int, status: ReviewStatus, teacher_id: int, now: datetime) -> bool:
        """Accept or reject a pending override; False if it was not pending."""
        cursor = self._db.connection.execute(
            "UPDATE override_reviews SET status = ?, decided_at = ?, decided_by = ?"
            " WHERE attempt_id = ? AND status = 'pending'",
            (status, to_text(now), teacher_id, attempt_id),
        )
        return cursor.rowcount > 0

    def add_phrasing(
        self,
        teacher_id: int,
        deck_id: str,
        question_id: str,
        point_id: str,
        phrasing: str,
        now: datetime,
        attempt_id: int | None = None,
    ) -> None:
        """A phrasing the teacher accepted: it credits the students of their classes."""
        self._db.connection.execute(
            "INSERT INTO accepted_phrasings"
            " (teacher_id, deck_id, question_id, point_id, phrasing, attempt_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (teacher_id, deck_id, question_id, point_id, phrasing, attempt_id, to_text(now)),
        )

    def phrasings(
        self, deck_id: str, question_id: str, student_id: int
    ) -> dict[str, tuple[str, ...]]:
        """Key point id -> the phrasings accepted by the teachers of the student's classes,
        oldest first, each once (for Question.with_extra_phrasings)."""
        found: dict[str, dict[str, None]] = {}
        for row in self._db.connection.execute(
            "SELECT point_id, phrasing FROM accepted_phrasings"
            " WHERE deck_id = ? AND question_id = ? AND teacher_id IN"
            " (SELECT c.teacher_id FROM class_members m JOIN classes c ON c.id = m.class_id"
            " WHERE m.student_id = ?) ORDER BY id",
            (deck_id, question_id, student_id),
        ):
            found.setdefault(row[0], {})[row[1]] = None
        return {point: tuple(items) for point, items in found.items()}

    def all_phrasings(self, deck_id: str | None = None) -> tuple[AcceptedPhrasing, ...]:
        """Every accepted phrasing (of one deck if given), by any teacher, oldest first."""
        sql = (
            "SELECT deck_id, question_id, point_id, phrasing, attempt_id, created_at, teacher_id"
            " FROM accepted_phrasings"
        )
        params: tuple[object, ...] = ()
        if deck_id is not None:
            sql += " WHERE deck_id = ?"
            params = (deck_id,)
        rows = self._db.connection.execute(sql + " ORDER BY id", params)
        return tuple(
            AcceptedPhrasing(r[0], r[1], r[2], r[3], r[4], from_text(r[5]), r[6]) for r in rows
        )


def _review(row: sqlite3.Row) -> OverrideReview:
    return OverrideReview(
        attempt_id=row[0],
        status=row[1],
        created_at=from_text(row[2]),
        decided_at=from_text(row[3]) if row[3] else None,
        decided_by=row[4],
    )
