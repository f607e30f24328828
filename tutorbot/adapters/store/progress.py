"""Attempts (each answer with its marks, stored once) and FSRS cards per student and question."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime

from tutorbot.adapters.store.db import Database, from_text, to_text
from tutorbot.core.records import Attempt, CardState, MisconceptionMark, PointMark

_ATTEMPT_COLUMNS = (
    "id, student_id, deck_id, question_id, answer, message_id, verdict, score, passed,"
    " card_before, created_at, overridden, replied"
)


class Progress:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add_attempt(
        self,
        *,
        student_id: int,
        deck_id: str,
        question_id: str,
        answer: str,
        message_id: int | None,
        points: Sequence[PointMark],
        misconceptions: Sequence[MisconceptionMark],
        score: float,
        passed: bool,
        card_before: str | None,
        now: datetime,
    ) -> Attempt | None:
        """The new attempt, or None if (student, message id) was stored already.

        The question's latest result and the student's per-point miss counts are updated with
        it, so picking a question and /progress never read the whole history."""
        verdict = {
            "points": [
                {"id": p.id, "point": p.point, "hit": p.hit, "score": p.score, "matched": p.matched}
                for p in points
            ],
            "misconceptions": [{"id": m.id, "matched": m.matched} for m in misconceptions],
            "score": score,
            "passed": passed,
        }
        with self._db.transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO attempts (student_id, deck_id, question_id, answer, message_id,"
                " verdict, score, passed, card_before, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (student_id, message_id) DO NOTHING",
                (
                    student_id,
                    deck_id,
                    question_id,
                    answer,
                    message_id,
                    json.dumps(verdict, ensure_ascii=False),
                    score,
                    int(passed),
                    card_before,
                    to_text(now),
                ),
            )
            if cursor.rowcount == 0:
                return None
            attempt_id = cursor.lastrowid
            assert attempt_id is not None  # an INSERT that added a row has one
            key = (student_id, deck_id, question_id)
            connection.execute(
                "INSERT INTO question_results"
                " (student_id, deck_id, question_id, last_attempt_id, last_passed)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (student_id, deck_id, question_id)"
                " DO UPDATE SET last_attempt_id = excluded.last_attempt_id,"
                " last_passed = excluded.last_passed",
                (*key, attempt_id, int(passed)),
            )
            _count_misses(connection, key, [p.id for p in points if not p.hit], +1)
        return self.attempt(attempt_id)

    def attempt(self, attempt_id: int) -> Attempt | None:
        row = self._db.connection.execute(
            f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE id = ?", (attempt_id,)
        ).fetchone()
        return _attempt(row) if row else None

    def attempt_for_message(self, student_id: int, message_id: int) -> Attempt | None:
        row = self._db.connection.execute(
            f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE student_id = ? AND message_id = ?",
            (student_id, message_id),
        ).fetchone()
        return _attempt(row) if row else None

    def attempts(self, student_id: int, deck_id: str | None = None) -> tuple[Attempt, ...]:
        """The student's attempts, oldest first (in one deck if given)."""
        sql = f"SELECT {_ATTEMPT_COLUMNS} FROM attempts WHERE student_id = ?"
        params: tuple[object, ...] = (student_id,)
        if deck_id is not None:
            sql += " AND deck_id = ?"
            params += (deck_id,)
        rows = self._db.connection.execute(sql + " ORDER BY id", params)
        return tuple(_attempt(r) for r in rows)

    def latest_attempt_id(self, student_id: int, deck_id: str, question_id: str) -> int | None:
        row = self._db.connection.execute(
            "SELECT max(id) FROM attempts WHERE student_id = ? AND deck_id = ? AND question_id = ?",
            (student_id, deck_id, question_id),
        ).fetchone()
        return int(row[0]) if row[0] is not None else None

    def failed_questions(self, student_id: int, deck_id: str) -> frozenset[str]:
        """Ids of the questions whose latest answer failed (and was not overridden)."""
        rows = self._db.connection.execute(
            "SELECT question_id FROM question_results"
            " WHERE student_id = ? AND deck_id = ? AND last_passed = 0",
            (student_id, deck_id),
        )
        return frozenset(r[0] for r in rows)

    def latest_results(self, student_id: int, deck_id: str) -> dict[str, bool]:
        """Question id -> whether its latest answer passed (or was overridden), for every
        question of the deck the student answered."""
        rows = self._db.connection.execute(
            "SELECT question_id, last_passed FROM question_results"
            " WHERE student_id = ? AND deck_id = ?",
            (student_id, deck_id),
        )
        return {r[0]: bool(r[1]) for r in rows}

    def point_misses(self, student_id: int, deck_id: str) -> dict[tuple[str, str], int]:
        """(question id, key point id) -> how often the student's answers missed it, answers
        overridden ("I was right") not counted."""
        rows = self._db.connection.execute(
            "SELECT question_id, point_id, misses FROM point_misses"
            " WHERE student_id = ? AND deck_id = ? AND misses > 0",
            (student_id, deck_id),
        )
        return {(r[0], r[1]): r[2] for r in rows}

    def decks_answered(self, student_id: int) -> tuple[str, ...]:
        """Deck ids the student answered in, most recently answered first."""
        rows = self._db.connection.execute(
            "SELECT deck_id FROM question_results WHERE student_id = ? GROUP BY deck_id"
            " ORDER BY max(last_attempt_id) DESC",
            (student_id,),
        )
        return tuple(r[0] for r in rows)

    def unreplied(self, student_id: int) -> tuple[Attempt, ...]:
        """The student's answers sent as chat messages whose feedback was not confirmed
        delivered (``mark_replied``), oldest first. Console answers have no message id."""
        rows = self._db.connection.execute(
            f"SELECT {_ATTEMPT_COLUMNS} FROM attempts"
            " WHERE student_id = ? AND replied = 0 AND message_id IS NOT NULL ORDER BY id",
            (student_id,),
        )
        return tuple(_attempt(r) for r in rows)

    def mark_replied(self, attempt_id: int) -> bool:
        cursor = self._db.connection.execute(
            "UPDATE attempts SET replied = 1 WHERE id = ?", (attempt_id,)
        )
        return cursor.rowcount > 0

    def mark_overridden(self, attempt_id: int) -> None:
        """The attempt counts as passed: its question's result if it is the latest, and its
        missed key points no longer count as misses."""
        attempt = self.attempt(attempt_id)
        if attempt is None or attempt.overridden:
            return
        with self._db.transaction() as connection:
            connection.execute("UPDATE attempts SET overridden = 1 WHERE id = ?", (attempt_id,))
            connection.execute(
                "UPDATE question_results SET last_passed = 1"
                " WHERE student_id = ? AND deck_id = ? AND question_id = ?"
                " AND last_attempt_id = ?",
                (attempt.student_id, attempt.deck_id, attempt.question_id, attempt_id),
            )
            key = (attempt.student_id, attempt.deck_id, attempt.question_id)
            _count_misses(connection, key, [p.id for p in attempt.points if not p.hit], -1)

    def card(self, student_id: int, deck_id: str, question_id: str) -> CardState | None:
        row = self._db.connection.execute(
            "SELECT student_id, deck_id, question_id, card, due FROM cards"
            " WHERE student_id = ? AND deck_id = ? AND question_id = ?",
            (student_id, deck_id, question_id),
        ).fetchone()
        return _card(row) if row else None

    def cards(self, student_id: int, deck_id: str) -> tuple[CardState, ...]:
        rows = self._db.connection.execute(
            "SELECT student_id, deck_id, question_id, card, due FROM cards"
            " WHERE student_id = ? AND deck_id = ? ORDER BY due",
            (student_id, deck_id),
        )
        return tuple(_card(r) for r in rows)

    def due_dates(self, student_id: int, deck_id: str) -> dict[str, datetime]:
        """Question id -> when it is due, for every question the student has a card for."""
        return {c.question_id: c.due for c in self.cards(student_id, deck_id)}

    def put_card(
        self, student_id: int, deck_id: str, question_id: str, card_json: str, due: datetime
    ) -> None:
        self._db.connection.execute(
            "INSERT INTO cards (student_id, deck_id, question_id, card, due) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (student_id, deck_id, question_id) DO UPDATE SET"
            " card = excluded.card, due = excluded.due",
            (student_id, deck_id, question_id, card_json, to_text(due)),
        )


def _count_misses(
    connection: sqlite3.Connection, key: tuple[int, str, str], point_ids: list[str], step: int
) -> None:
    """Add ``step`` (1 or -1) to the miss count of each of the question's key points."""
    rows = [(*key, point_id) for point_id in point_ids]
    if step > 0:
        connection.executemany(
            "INSERT INTO point_misses (student_id, deck_id, question_id, point_id, misses)"
            " VALUES (?, ?, ?, ?, 1) ON CONFLICT (student_id, deck_id, question_id, point_id)"
            " DO UPDATE SET misses = misses + 1",
            rows,
        )
    else:
        connection.executemany(
            "UPDATE point_misses SET misses = max(misses - 1, 0)"
            " WHERE student_id = ? AND deck_id = ? AND question_id = ? AND point_id = ?",
            rows,
        )


def _attempt(row: sqlite3.Row) -> Attempt:
    verdict = json.loads(row["verdict"])
    return Attempt(
        id=row["id"],
        student_id=row["student_id"],
        deck_id=row["deck_id"],
        question_id=row["question_id"],
        answer=row["answer"],
        message_id=row["message_id"],
        points=tuple(
            PointMark(p["id"], p["point"], bool(p["hit"]), float(p["score"]), p["matched"])
            for p in verdict["points"]
        ),
        misconceptions=tuple(
            MisconceptionMark(m["id"], m["matched"]) for m in verdict["misconceptions"]
        ),
        score=float(row["score"]),
        passed=bool(row["passed"]),
        card_before=row["card_before"],
        created_at=from_text(row["created_at"]),
        overridden=bool(row["overridden"]),
        replied=bool(row["replied"]),
    )


def _card(row: sqlite3.Row) -> CardState:
    return CardState(row[0], row[1], row[2], row[3], from_text(row[4]))
