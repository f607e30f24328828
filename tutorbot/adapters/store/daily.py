"""Each student's daily push: local time and zone, the next push instant, the quiz in progress."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, time

from tutorbot.adapters.store.db import Database, from_text, to_text
from tutorbot.core.records import DailySettings, QuizState


class DailyPushes:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, student_id: int) -> DailySettings | None:
        row = self._db.connection.execute(
            f"SELECT {_SETTINGS} FROM daily_settings WHERE student_id = ?", (student_id,)
        ).fetchone()
        return _settings(row) if row else None

    def set_time(self, student_id: int, at: time | None, next_fire: datetime | None) -> None:
        self._db.connection.execute(
            "INSERT INTO daily_settings (student_id, local_time, next_fire) VALUES (?, ?, ?)"
            " ON CONFLICT (student_id) DO UPDATE SET local_time = excluded.local_time,"
            " next_fire = excluded.next_fire",
            (student_id, _time_text(at), _instant_text(next_fire)),
        )

    def set_zone(self, student_id: int, zone: str, next_fire: datetime | None) -> None:
        self._db.connection.execute(
            "INSERT INTO daily_settings (student_id, zone, next_fire) VALUES (?, ?, ?)"
            " ON CONFLICT (student_id) DO UPDATE SET zone = excluded.zone,"
            " next_fire = excluded.next_fire",
            (student_id, zone, _instant_text(next_fire)),
        )

    def due(self, now: datetime, limit: int = 500) -> tuple[DailySettings, ...]:
        """Pushes whose instant has come, oldest first."""
        rows = self._db.connection.execute(
            f"SELECT {_SETTINGS} FROM daily_settings WHERE next_fire IS NOT NULL"
            " AND next_fire <= ? ORDER BY next_fire, student_id LIMIT ?",
            (to_text(now), limit),
        )
        return tuple(_settings(r) for r in rows)

    def advance(self, student_id: int, fired: datetime, next_fire: datetime) -> bool:
        """Move the push on from ``fired``; False if someone else already did (fire once)."""
        cursor = self._db.connection.execute(
            "UPDATE daily_settings SET next_fire = ? WHERE student_id = ? AND next_fire = ?",
            (to_text(next_fire), student_id, to_text(fired)),
        )
        return cursor.rowcount > 0

    def quiz(self, student_id: int) -> QuizState | None:
        row = self._db.connection.execute(
            "SELECT student_id, quiz_total, quiz_remaining, quiz_deck_id, quiz_question_id,"
            " quiz_questions FROM daily_settings WHERE student_id = ?",
            (student_id,),
        ).fetchone()
        if row is None:
            return None
        questions = tuple(json.loads(row[5])) if row[5] else ()
        return QuizState(row[0], row[1], row[2], row[3], row[4], questions)

    def set_quiz(
        self,
        student_id: int,
        total: int,
        remaining: int,
        deck_id: str | None,
        question_id: str | None,
        questions: tuple[str, ...] = (),
    ) -> None:
        self._db.connection.execute(
            "INSERT INTO daily_settings (student_id, quiz_total, quiz_remaining, quiz_deck_id,"
            " quiz_question_id, quiz_questions) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (student_id) DO UPDATE SET"
            " quiz_total = excluded.quiz_total, quiz_remaining = excluded.quiz_remaining,"
            " quiz_deck_id = excluded.quiz_deck_id, quiz_question_id = excluded.quiz_question_id,"
            " quiz_questions = excluded.quiz_questions",
            (
                student_id,
                total,
                remaining,
                deck_id,
                question_id,
                json.dumps(list(questions)) if questions else None,
            ),
        )

    def end_quiz(self, student_id: int) -> None:
        self.set_quiz(student_id, 0, 0, None, None)


_SETTINGS = "student_id, zone, local_time, next_fire"


def _settings(row: sqlite3.Row) -> DailySettings:
    return DailySettings(
        student_id=row[0],
        zone=row[1],
        at=time.fromisoformat(row[2]) if row[2] else None,
        next_fire=from_text(row[3]) if row[3] else None,
    )


def _time_text(at: time | None) -> str | None:
    return f"{at.hour:02d}:{at.minute:02d}" if at is not None else None


def _instant_text(moment: datetime | None) -> str | None:
    return to_text(moment) if moment is not None else None
