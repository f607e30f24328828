"""Migration 0006 on a database written by the previous schema: the per-question results and
per-point miss counts are built from the stored answers, phrasings get their teacher."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.fakes import START
from tutorbot.adapters.store import Store
from tutorbot.adapters.store.db import connect, migrate, to_text

TEACHER = 900


def _attempt(
    connection: sqlite3.Connection,
    question_id: str,
    hits: dict[str, bool],
    *,
    passed: bool,
    overridden: bool = False,
    deck_id: str = "treaties",
) -> int:
    verdict = {
        "points": [
            {"id": p, "point": p, "hit": hit, "score": 1.0 if hit else 0.0, "matched": ""}
            for p, hit in hits.items()
        ],
        "misconceptions": [],
        "score": 0.0,
        "passed": passed,
    }
    cursor = connection.execute(
        "INSERT INTO attempts (student_id, deck_id, question_id, answer, message_id, verdict,"
        " score, passed, created_at, overridden)"
        " VALUES (5, ?, ?, 'an answer', NULL, ?, 0, ?, ?, ?)",
        (deck_id, question_id, json.dumps(verdict), int(passed), to_text(START), int(overridden)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def test_history_written_before_is_summed_up_and_phrasings_keep_their_teacher(
    db_path: Path,
) -> None:
    connection = connect(db_path)
    migrate(connection, target=4)
    connection.execute("INSERT INTO students (id, created_at) VALUES (5, ?)", (to_text(START),))
    _attempt(connection, "berlin", {"neutral": False, "boycott": False}, passed=False)
    _attempt(connection, "berlin", {"neutral": True, "boycott": False}, passed=True)
    _attempt(connection, "rapallo", {"year": False}, passed=False)
    excused = _attempt(connection, "locarno", {"west": False}, passed=False, overridden=True)
    _attempt(connection, "berlin", {"neutral": False}, passed=False, deck_id="other")
    connection.execute(
        "INSERT INTO override_reviews (attempt_id, status, created_at, decided_by)"
        " VALUES (?, 'accepted', ?, ?)",
        (excused, to_text(START), TEACHER),
    )
    connection.execute(
        "INSERT INTO accepted_phrasings (deck_id, question_id, point_id, phrasing, attempt_id,"
        " created_at) VALUES ('treaties', 'locarno', 'west', 'looked west', ?, ?)",
        (excused, to_text(START)),
    )
    connection.close()

    with Store.open(db_path) as store:
        progress = store.progress
        assert progress.latest_results(5, "treaties") == {
            "berlin": True,
            "rapallo": False,
            "locarno": True,
        }
        assert progress.point_misses(5, "treaties") == {
            ("berlin", "neutral"): 1,
            ("berlin", "boycott"): 2,
            ("rapallo", "year"): 1,
        }
        assert progress.failed_questions(5, "treaties") == {"rapallo"}
        assert progress.decks_answered(5) == ("other", "treaties")
        [phrasing] = store.reviews.all_phrasings()
        assert (phrasing.phrasing, phrasing.teacher_id) == ("looked west", TEACHER)
