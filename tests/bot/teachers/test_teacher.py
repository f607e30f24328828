"""Teacher commands on the bot: classes, pushes, reports and override reviews (broadcasts:
test_broadcast.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.bot.conftest import TOKEN, Chat, sent, services_for
from tests.bot.teaching import (
    OUTSIDER,
    STUDENT,
    TEACHER,
    class_with,
    deliveries,
    new_class,
)
from tests.fake_bot_api import FakeBotApi, FakeBotApiServer
from tutorbot.adapters.store import Store
from tutorbot.bot import build_application
from tutorbot.config import Settings
from tutorbot.services.tutor import Tutor

TEACHER_COMMANDS = [
    "/newclass 7A",
    "/classes",
    "/broadcast 9B Test on Friday",
    "/push 9B treaties",
    "/report 9B",
    "/overrides 9B",
]


def snapshot(store: Store) -> tuple[object, ...]:
    c = store.connection
    return tuple(
        c.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        for table in ("classes", "class_members", "outbox", "broadcasts", "override_reviews",
                      "accepted_phrasings", "pending_questions")
    )  # fmt: skip


async def test_new_class_gives_a_join_code_and_classes_lists_sizes(chat: Chat) -> None:
    code = await class_with(chat, [STUDENT, OUTSIDER])
    assert len(code) >= 8
    [reply] = sent(await chat.say("/classes", TEACHER))
    assert "<b>9B</b>: 2 students (2 active)" in reply.text
    assert code in reply.text


async def test_codes_of_two_classes_differ(chat: Chat) -> None:
    assert await new_class(chat, "9B") != await new_class(chat, "9C")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/newclass", "Send /newclass NAME"),
        ("/newclass two words", "cannot be a class name"),
        ("/broadcast 9B", "Send /broadcast CLASS TEXT"),
        ("/broadcast 7Z hello", "no class called"),
        ("/push 9B", "Send /push CLASS DECK"),
        ("/push 9B nodeck", "That deck is not available"),
        ("/report", "Send /report CLASS"),
        ("/overrides", "Send /overrides CLASS"),
    ],
)
async def test_teacher_mistakes_get_a_clear_answer(chat: Chat, text: str, expected: str) -> None:
    await new_class(chat)
    [reply] = sent(await chat.say(text, TEACHER))
    assert expected in reply.text


@pytest.mark.parametrize("command", TEACHER_COMMANDS)
async def test_non_teachers_get_teachers_only_and_nothing_changes(
    chat: Chat, store: Store, command: str
) -> None:
    await class_with(chat, [STUDENT])
    before = snapshot(store)
    calls = await chat.say(command, OUTSIDER)
    assert [c.text for c in sent(calls)] == ["Sorry, that command is for teachers only."]
    assert not [c for c in calls if c.method == "sendPhoto"]
    await deliveries(chat).run_due()
    assert snapshot(store) == before


async def test_non_teachers_cannot_press_review_buttons(
    chat: Chat, store: Store, tutor: Tutor, api: FakeBotApi
) -> None:
    await class_with(chat, [STUDENT])
    tutor.ask(STUDENT, "treaties", "rapallo")
    attempt = tutor.answer(STUDENT, "nineteen twenty-two").attempt_id
    tutor.override(STUDENT, attempt)
    before = snapshot(store)
    [overview] = sent(await chat.say("/overrides 9B", OUTSIDER))
    api.send_text(OUTSIDER, "hello")  # a chat the outsider can press a forged button in
    await chat.deliver()
    calls = await chat.press(f"ovr:a:{attempt}", OUTSIDER, message=overview)
    answers = [c for c in calls if c.method == "answerCallbackQuery"]
    assert answers[0].params.get("text") == "Sorry, that command is for teachers only."
    assert snapshot(store) == before


async def test_push_sends_a_question_that_is_marked_like_any_other(
    chat: Chat, api: FakeBotApi
) -> None:
    await class_with(chat, [STUDENT])
    await chat.say("/push 9B treaties rapallo", TEACHER)
    await deliveries(chat).run_due()
    question = chat.last(STUDENT)
    assert "A question from your teacher" in question.text
    assert "When was the Treaty of Rapallo signed?" in question.text
    [feedback, *_] = sent(await chat.say("It was 1922", STUDENT))
    assert "1922" in feedback.text
    assert "Question pushed to <b>9B</b> finished: 1 sent" in api.sent_to(TEACHER)[-1].text


async def test_report_sends_text_and_a_chart(chat: Chat, api: FakeBotApi, tutor: Tutor) -> None:
    await class_with(chat, [STUDENT, OUTSIDER])
    for student, answer in ((STUDENT, "they would stay neutral"), (OUTSIDER, "no idea")):
        tutor.ask(student, "treaties", "berlin")
        tutor.answer(student, answer)
    calls = await chat.say("/report 9B", TEACHER)
    [text] = sent(calls)
    assert "Participation, last 7 days: 2 of 2 students (100%), 2 answers" in text.text
    assert "Treaties of the 1920s: 25% (2 answers)" in text.text
    assert "Neither would join an economic boycott of the other — missed 2 times" in text.text
    [photo] = [c for c in calls if c.method == "sendPhoto"]
    assert photo.ok
    assert photo.params["caption"] == "9B: most-missed key points"


async def test_overrides_are_reviewed_with_buttons_and_teach_the_marker(
    chat: Chat, api: FakeBotApi, tutor: Tutor, store: Store
) -> None:
    await class_with(chat, [STUDENT])
    tutor.ask(STUDENT, "treaties", "rapallo")
    attempt = tutor.answer(STUDENT, "nineteen twenty-two").attempt_id
    tutor.override(STUDENT, attempt)
    calls = sent(await chat.say("/overrides 9B", TEACHER))
    assert "1 answer(s) waiting for review" in calls[0].text
    item = calls[1]
    assert "for the students of your classes only" in item.text
    assert "“nineteen twenty-two”" in item.text
    assert item.buttons() == [("✅ Accept", f"ovr:a:{attempt}"), ("❌ Reject", f"ovr:r:{attempt}")]
    calls = await chat.press(f"ovr:a:{attempt}", TEACHER, message=item)
    assert (
        "✅ Accepted: this answer now counts for the missing point(s) in your classes."
        in (api.message(TEACHER, item.result["message_id"])["text"])
    )
    assert store.reviews.phrasings("treaties", "rapallo", STUDENT) == {
        "year": ("nineteen twenty-two",)
    }
    [empty] = sent(await chat.say("/overrides 9B", TEACHER))
    assert "No “I was right” answers waiting" in empty.text
    tutor.ask(STUDENT, "treaties", "rapallo")
    assert tutor.answer(STUDENT, "nineteen twenty-two, I think").verdict.passed
    tutor.ask(OUTSIDER, "treaties", "rapallo")  # in none of this teacher's classes
    assert not tutor.answer(OUTSIDER, "nineteen twenty-two, I think").verdict.passed


async def test_the_report_chart_is_uploaded_as_a_png_over_http(
    api: FakeBotApi, tutor: Tutor, tmp_path: Path
) -> None:
    """Through the fake Bot API's HTTP server, as ``tutorbot run`` talks to Telegram."""
    with FakeBotApiServer(api) as server:
        settings = Settings(
            db_path=tmp_path / "http.sqlite3",
            token=TOKEN,
            api_base_url=server.base_url,
            teachers=frozenset({TEACHER}),
        )
        application = build_application(settings, services_for(tutor, settings), send_rate=0)
        async with application:
            chat = Chat(application, api)
            await class_with(chat, [STUDENT])
            tutor.ask(STUDENT, "treaties", "berlin")
            tutor.answer(STUDENT, "no idea")
            calls = await chat.say("/report 9B", TEACHER)
    [photo] = [c for c in calls if c.method == "sendPhoto"]
    assert photo.ok
    match = re.fullmatch(r"<file (\d+) bytes>", photo.params["photo"])
    assert match is not None
    assert int(match.group(1)) > 1000
