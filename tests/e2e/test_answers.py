"""What a student is told about an answer, and what the real ``tutorbot run`` process keeps:
the feedback's content, escaping, "I was right", /forget, the stored attempts, and the error
handler.

One bot process serves this module; each test is a different student. The deck (conftest's)
is asked in a fixed order: Rapallo first, then Berlin (unseen before failed), then Rapallo.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.conftest import (
    Served,
    Student,
    far_from_now,
    query,
    settles_to,
    visible,
)
from tests.fake_bot_api import FakeBotApi
from tutorbot.bot import views

pytestmark = pytest.mark.shared_bot()


def asked(student: Student, name: str) -> None:
    """The student sends /quiz and is asked the question about ``name``."""
    question = visible(student.say("/quiz"))
    assert name in question, question


def stored(served: Served, student: int) -> list[tuple[Any, ...]]:
    return query(
        served.env,
        "SELECT question_id, answer, message_id, verdict, score, passed, replied, overridden"
        " FROM attempts WHERE student_id = ? ORDER BY id",
        student,
    )


def test_feedback_credits_points_in_the_students_words_and_gives_evidence_and_corrections(
    api: FakeBotApi,
) -> None:
    student = Student(api, 31)
    student.start_revising()
    asked(student, "Rapallo")
    missed = visible(student.say("no idea"))
    assert missed == (
        "0/1 key point — not passed yet\n\n"
        "Missed:\n"
        "✗ It was signed in 1922\n"
        "   From the notes: The Treaty of Rapallo was signed in 1922 by Germany & the USSR."
    )

    asked(student, "Berlin")
    careful = visible(student.say("I think they would fight together"))
    assert careful == (
        "0/1 key point — not passed yet (1 misconception to fix)\n\n"
        "Missed:\n"
        "✗ If either was attacked, the other would stay neutral\n"
        "   From the notes: Article 2 - the other stays neutral.\n\n"
        "Careful:\n"
        "! You wrote “fight together”: No - it was a neutrality pact <not> an alliance & "
        "neither had to fight."
    )

    asked(student, "Rapallo")
    credited = student.say("It was 1922, I am sure")
    assert visible(credited) == (
        "1/1 key point — passed\n\nCredited:\n✓ It was signed in 1922 — you wrote “1922”"
    )
    assert "<b>Credited:</b>" in credited.text
    assert "<i>“1922”</i>" in credited.text


def test_each_answer_is_stored_once_with_its_marks(api: FakeBotApi, served: Served) -> None:
    student = Student(api, 32)
    student.start_revising()
    answers = [
        ("Rapallo", "no idea"),
        ("Berlin", "a military alliance but they'd stay neutral"),
        ("Rapallo", "1922"),
    ]
    for name, answer in answers:
        asked(student, name)
        student.say(answer)
    assert student.say("1922 again, with no question pending").text == views.NUDGE

    settles_to(api, lambda: [row[-2] for row in stored(served, 32)], [1, 1, 1])
    rows = stored(served, 32)
    assert [(row[0], row[1]) for row in rows] == [(q.lower(), a) for q, a in answers]
    assert len({row[2] for row in rows}) == 3  # each from its own message
    verdicts = [json.loads(row[3]) for row in rows]
    assert [[(p["id"], p["hit"], p["matched"]) for p in v["points"]] for v in verdicts] == [
        [("year", False, "")],
        [("neutral", True, "stay neutral")],
        [("year", True, "1922")],
    ]
    alliance = {"id": "alliance", "matched": "military alliance"}
    assert [v["misconceptions"] for v in verdicts] == [[], [alliance], []]
    assert [(row[4], row[5], row[7]) for row in rows] == [(0.0, 0, 0), (1.0, 0, 0), (1.0, 1, 0)]


def test_i_was_right_counts_the_attempt_as_passed_in_progress(
    api: FakeBotApi, served: Served
) -> None:
    student = Student(api, 33)
    student.start_revising()
    asked(student, "Rapallo")
    feedback = student.say("nineteen twenty-two")
    before = visible(student.say("/progress"))
    assert "Passed ░░░░░░░░░░ 0/2" in before
    assert "It was signed in 1922 (1)" in before

    [(_, next_data), (label, right_data)] = feedback.buttons()
    assert (next_data, label) == ("next", "I was right")
    student.press(right_data, feedback)
    api.wait_for(
        lambda: views.OVERRIDE_NOTED in api.message(33, feedback.result["message_id"])["text"]
    )
    edited = api.message(33, feedback.result["message_id"])
    assert [b["text"] for b in edited["reply_markup"]["inline_keyboard"][0]] == ["Next question"]
    after = visible(student.say("/progress"))
    assert "Passed █████░░░░░ 1/2" in after
    assert "Most missed" not in after
    reviews = query(
        served.env,
        "SELECT status FROM override_reviews JOIN attempts ON attempts.id = attempt_id"
        " WHERE student_id = 33",
    )
    assert reviews == [("pending",)]


def test_forget_keeps_everything_on_no_and_deletes_it_all_on_yes(
    api: FakeBotApi, served: Served
) -> None:
    student = Student(api, 34)
    student.start_revising()
    asked(student, "Rapallo")
    student.say("It was 1922")
    student.say(f"/daily {far_from_now()}")
    tables = ("students", "attempts", "cards", "daily_settings")
    mine = {t: query(served.env, f"SELECT * FROM {t} WHERE {_who(t)} = 34") for t in tables}
    assert all(mine.values())

    confirm = student.say("/forget")
    assert confirm.text == views.FORGET_CONFIRM
    assert [data for _, data in confirm.buttons()] == ["forget:yes", "forget:no"]
    student.press("forget:no", confirm)
    api.wait_for(lambda: api.message(34, confirm.result["message_id"])["text"] == views.KEPT)
    assert {t: query(served.env, f"SELECT * FROM {t} WHERE {_who(t)} = 34") for t in tables} == mine
    assert "1/2" in student.say("/progress").text

    confirm = student.say("/forget")
    student.press("forget:yes", confirm)
    api.wait_for(lambda: api.message(34, confirm.result["message_id"])["text"] == views.FORGOTTEN)
    for table in (*tables, "pending_questions"):
        assert query(served.env, f"SELECT * FROM {table} WHERE {_who(table)} = 34") == []
    assert student.say("/progress").text == views.NO_PROGRESS


def _who(table: str) -> str:
    return "id" if table == "students" else "student_id"


def test_html_in_a_students_name_and_answer_is_shown_as_typed(
    api: FakeBotApi, served: Served
) -> None:
    api.names[35] = "<b>Bo</b> & <i>Co"
    student = Student(api, 35)
    welcome = student.say("/start")
    assert visible(welcome).startswith("Hello <b>Bo</b> & <i>Co! I am your revision tutor.")
    student.press_and_read("deck:treaties")
    asked(student, "Rapallo")
    student.say("/skip")
    asked(student, "Berlin")
    answer = "the other would <b>stay</b> &amp; neutral"
    feedback = student.say(answer)
    assert "you wrote “stay</b> &amp; neutral”" in visible(feedback)
    assert "&lt;/b&gt; &amp;amp; neutral" in feedback.text
    settles_to(api, lambda: [row[1] for row in stored(served, 35)], [answer])


def test_a_failing_update_gets_an_apology_is_logged_with_its_id_and_the_bot_carries_on(
    api: FakeBotApi, served: Served
) -> None:
    student = Student(api, 36)
    student.start_revising()
    api.fail("sendMessage", chat_id=36, status=500, description="Internal Server Error")
    seen = len(api.sent_to(36))
    update_id = api.send_text(36, "/quiz")
    apology = student.next_message(seen)
    assert apology.text == views.APOLOGY
    assert [c.status for c in api.calls_of("sendMessage", chat_id=36, ok=False)][-2:] == [500, 200]
    api.wait_for(lambda: f"update {update_id} failed" in served.bot.output())

    again = student.say("/quiz")
    assert "Still waiting for your answer" in again.text
    assert "Rapallo" in again.text
    assert student.say("It was 1922").buttons() == [("Next question", "next")]
