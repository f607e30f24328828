"""Teacher commands through a real ``tutorbot run`` process: classes, broadcasts, pushes,
reports and override reviews, and a non-teacher trying each of them.

One bot process serves this module. Each test has its own teacher (all listed in
TUTORBOT_TEACHERS) and students, so every test makes its own class 9B.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import Served, Student, query, settles_to, visible
from tests.fake_bot_api import Call, FakeBotApi
from tutorbot.bot import views

TEACHERS = range(900, 906)
OUTSIDER = 1999
TEACHERS_ONLY = "Sorry, that command is for teachers only."
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


pytestmark = pytest.mark.shared_bot(TUTORBOT_TEACHERS=",".join(str(t) for t in TEACHERS))


def new_class(teacher: Student, name: str = "9B") -> str:
    """The join code of a class the teacher creates."""
    reply = teacher.say(f"/newclass {name}")
    assert f"Class <b>{name}</b> created" in reply.text
    match = re.search(r"<code>/join (\S+)</code>", reply.text)
    assert match is not None, reply.text
    return match.group(1)


def class_of(api: FakeBotApi, teacher_id: int, student_ids: list[int]) -> list[Student]:
    """Class 9B of the teacher, joined by these students (in that order)."""
    code = new_class(Student(api, teacher_id))
    students = [Student(api, s) for s in student_ids]
    for student in students:
        assert "You joined <b>9B</b>" in student.say(f"/join {code}").text
    return students


def finals(api: FakeBotApi, teacher_id: int) -> list[Call]:
    """The final counts of broadcasts and pushes the teacher has been sent."""
    return [c for c in api.sent_to(teacher_id) if c.text.startswith("✅ ")]


def run_to_the_end(api: FakeBotApi, teacher_id: int, command: str) -> tuple[Call, Call]:
    """The teacher sends a /broadcast or /push: the progress message and the final count."""
    before = len(finals(api, teacher_id))
    progress = Student(api, teacher_id).say(command)
    assert progress.text.startswith("📣 "), progress.text
    done = api.wait_for(lambda: finals(api, teacher_id)[before:], timeout=20)
    return progress, done[0]


def received(api: FakeBotApi, chat_id: int, words: str, *, tried: bool = False) -> list[Call]:
    """Messages with ``words`` delivered to a chat (``tried``: or refused, e.g. with a 403)."""
    calls = api.calls_of("sendMessage", chat_id=chat_id, ok=not tried)
    return [c for c in calls if words in c.text]


def test_a_teacher_makes_a_class_and_students_join_it_with_its_code(
    api: FakeBotApi, served: Served
) -> None:
    teacher = Student(api, 900)
    code = new_class(teacher)
    assert re.fullmatch(r"[A-Z0-9]{8,}", code)
    for student in (Student(api, 1001), Student(api, 1002)):
        assert "You joined <b>9B</b>" in student.say(f"/join {code.lower()}").text
    assert "not a join code I know" in Student(api, 1003).say("/join WRONGCODE9").text

    classes = teacher.say("/classes")
    assert f"<b>9B</b>: 2 students (2 active) · join code <code>{code}</code>" in classes.text
    members = query(
        served.env,
        "SELECT student_id FROM class_members JOIN classes ON classes.id = class_id"
        " WHERE teacher_id = 900 ORDER BY student_id",
    )
    assert members == [(1001,), (1002,)]


def test_teachers_get_their_commands_in_help_and_in_their_own_menu(api: FakeBotApi) -> None:
    help_text = visible(Student(api, 900).say("/help"))
    assert "Teacher commands" in help_text
    assert "/broadcast CLASS TEXT" in help_text
    assert "Teacher commands" not in visible(Student(api, OUTSIDER).say("/help"))
    menus = {
        call.params["scope"]["chat_id"]: {c["command"] for c in call.params["commands"]}
        for call in api.calls_of("setMyCommands")
        if call.params.get("scope", {}).get("type") == "chat"
    }
    assert set(menus) == set(TEACHERS)
    teacher_menu = {"quiz", "newclass", "classes", "broadcast", "push", "report", "overrides"}
    assert all(teacher_menu <= menu for menu in menus.values())
    [everyone] = [c for c in api.calls_of("setMyCommands") if not c.params.get("scope")]
    assert {c["command"] for c in everyone.params["commands"]} & teacher_menu == {"quiz"}


def test_a_broadcast_reaches_each_student_once_and_a_blocked_one_not_again_until_start(
    api: FakeBotApi,
) -> None:
    reader, blocker = class_of(api, 901, [1011, 1012])
    api.block(blocker.id)

    _, done = run_to_the_end(api, 901, "/broadcast 9B Test on <Friday> & bring pens")
    assert done.text == "✅ Broadcast to <b>9B</b> finished: 1 sent, 1 blocked, 0 failed."
    [message] = received(api, reader.id, "Test on")
    assert visible(message) == "📣 From your teacher (9B):\n\nTest on <Friday> & bring pens"
    refused = received(api, blocker.id, "Test on", tried=True)
    assert [c.status for c in refused] == [403]  # tried once, not retried
    assert "2 students (1 active)" in Student(api, 901).say("/classes").text

    api.unblock(blocker.id)  # unblocked, but the bot only knows once they send /start
    _, done = run_to_the_end(api, 901, "/broadcast 9B Second notice")
    assert done.text == "✅ Broadcast to <b>9B</b> finished: 1 sent, 1 blocked, 0 failed."
    assert len(received(api, reader.id, "Second notice")) == 1
    assert received(api, blocker.id, "Second notice", tried=True) == []
    _, done = run_to_the_end(api, 901, "/push 9B treaties berlin")
    assert done.text == "✅ Question pushed to <b>9B</b> finished: 1 sent, 1 blocked, 0 failed."
    assert received(api, blocker.id, "A question from your teacher", tried=True) == []

    assert "Hello Student 1012!" in blocker.say("/start").text
    _, done = run_to_the_end(api, 901, "/broadcast 9B Third notice")
    assert done.text == "✅ Broadcast to <b>9B</b> finished: 2 sent, 0 blocked, 0 failed."
    for student in (reader, blocker):
        assert len(received(api, student.id, "Third notice", tried=True)) == 1
    assert len(received(api, reader.id, "Test on", tried=True)) == 1


def test_a_pushed_question_reaches_every_student_and_their_answers_are_marked(
    api: FakeBotApi, served: Served
) -> None:
    right, wrong = class_of(api, 902, [1021, 1022])
    progress, done = run_to_the_end(api, 902, "/push 9B treaties rapallo")
    assert "Question pushed to <b>9B</b>" in progress.text
    assert done.text == "✅ Question pushed to <b>9B</b> finished: 2 sent, 0 blocked, 0 failed."
    for student in (right, wrong):
        [question] = received(api, student.id, "A question from your teacher")
        assert "When was the Treaty of <Rapallo> signed?" in visible(question)

    credited = right.say("It was 1922")
    assert visible(credited).startswith("1/1 key point — passed")
    assert credited.buttons() == [("Next question", "next")]
    missed = wrong.say("no idea")
    assert visible(missed).startswith("0/1 key point — not passed yet")
    assert [label for label, _ in missed.buttons()] == ["Next question", "I was right"]
    settles_to(  # replied is recorded just after the reply is sent
        api,
        lambda: query(
            served.env,
            "SELECT student_id, question_id, answer, passed, replied FROM attempts"
            " WHERE student_id IN (1021, 1022) ORDER BY student_id",
        ),
        [(1021, "rapallo", "It was 1922", 1, 1), (1022, "rapallo", "no idea", 0, 1)],
    )


def test_a_report_is_sent_as_text_and_as_a_png_chart(api: FakeBotApi) -> None:
    right, wrong = class_of(api, 903, [1031, 1032])
    run_to_the_end(api, 903, "/push 9B treaties berlin")
    right.say("the other would stay neutral")
    wrong.say("they would fight together")

    teacher = Student(api, 903)
    uploads = len(api.uploads)
    report = visible(teacher.say("/report 9B"))
    assert report.startswith(
        "Class 9B\nParticipation, last 7 days: 2 of 2 students (100%), 2 answers"
    )
    assert 'Treaties <of> the 1920s & "more": 50% (2 answers)' in report
    assert "1. If either was attacked, the other would stay neutral — missed 1 times" in report
    [photo] = api.wait_for(lambda: api.calls_of("sendPhoto", chat_id=903))
    assert photo.params["caption"] == "9B: most-missed key points"
    [upload] = api.uploads[uploads:]
    assert upload.field == "photo"
    assert upload.data.startswith(PNG_SIGNATURE)
    assert len(upload.data) > 1000


def test_an_accepted_i_was_right_answer_credits_the_same_words_from_another_student(
    api: FakeBotApi, served: Served
) -> None:
    api.names[1041] = "<i>Ann</i> & Co"
    first, second = class_of(api, 904, [1041, 1042])
    run_to_the_end(api, 904, "/push 9B treaties rapallo")
    feedback = first.say("nineteen twenty-two")
    assert visible(feedback).startswith("0/1 key point — not passed yet")
    [(_, _), (_, right_data)] = feedback.buttons()
    first.press(right_data, feedback)
    api.wait_for(
        lambda: views.OVERRIDE_NOTED in api.message(1041, feedback.result["message_id"])["text"]
    )

    teacher = Student(api, 904)
    seen = len(api.sent_to(904))
    api.send_text(904, "/overrides 9B")
    assert teacher.next_message(seen).text == "1 answer(s) waiting for review."
    item = teacher.next_message(seen + 1)
    shown = visible(item)
    assert shown.startswith('<i>Ann</i> & Co on Treaties <of> the 1920s & "more"\n')
    assert "A: “nineteen twenty-two”" in shown
    assert "Marked as missing: It was signed in 1922" in shown
    attempt = right_data.split(":")[1]
    assert item.buttons() == [("✅ Accept", f"ovr:a:{attempt}"), ("❌ Reject", f"ovr:r:{attempt}")]

    teacher.press(f"ovr:a:{attempt}", item)
    api.wait_for(lambda: "✅ Accepted" in api.message(904, item.result["message_id"])["text"])
    assert [c.params.get("text") for c in api.calls_of("answerCallbackQuery")][-1] == "Accepted"
    assert query(
        served.env, "SELECT deck_id, question_id, point_id, phrasing FROM accepted_phrasings"
    ) == [("treaties", "rapallo", "year", "nineteen twenty-two")]

    credited = visible(second.say("nineteen twenty-two"))
    assert credited.startswith("1/1 key point — passed")
    assert "✓ It was signed in 1922 — you wrote “nineteen twenty-two”" in credited
    empty = teacher.say("/overrides 9B")
    assert empty.text == "No “I was right” answers waiting for review in 9B."


TEACHER_COMMANDS = [
    "/newclass 7A",
    "/classes",
    "/broadcast 9B Test on Friday",
    "/push 9B treaties rapallo",
    "/report 9B",
    "/overrides 9B",
]
TABLES = (
    "classes",
    "class_members",
    "broadcasts",
    "outbox",
    "override_reviews",
    "accepted_phrasings",
    "pending_questions",
)


def test_a_non_teacher_gets_teachers_only_for_every_teacher_command_and_nothing_changes(
    api: FakeBotApi, served: Served
) -> None:
    [member] = class_of(api, 905, [1051])
    member.say("/start")
    before = {table: query(served.env, f"SELECT * FROM {table} ORDER BY 1") for table in TABLES}
    others = {chat: len(api.sent_to(chat)) for chat in (905, 1051)}

    outsider = Student(api, OUTSIDER)
    seen = len(api.sent_to(OUTSIDER))
    for command in TEACHER_COMMANDS:
        assert outsider.say(command).text == TEACHERS_ONLY, command
    pressed = len(api.calls_of("answerCallbackQuery"))
    outsider.press("ovr:a:1")  # a forged review button
    answered = api.wait_for(lambda: api.calls_of("answerCallbackQuery")[pressed:])
    assert [c.params.get("text") for c in answered] == [TEACHERS_ONLY]

    assert len(api.sent_to(OUTSIDER)) == seen + len(TEACHER_COMMANDS)
    assert api.calls_of("sendPhoto", chat_id=OUTSIDER, ok=False) == []
    after = {table: query(served.env, f"SELECT * FROM {table} ORDER BY 1") for table in TABLES}
    assert after == before
    assert {chat: len(api.sent_to(chat)) for chat in others} == others
