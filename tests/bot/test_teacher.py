"""Teacher commands on the bot: classes, broadcasts, pushes, reports and override reviews."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot.conftest import TOKEN, Chat, FakeRequest, sent
from tests.fake_bot_api import FakeBotApi, FakeBotApiServer
from tests.fakes import START
from tutorbot.bot import build_application
from tutorbot.bot.push import Deliveries, progress_text
from tutorbot.config import Settings
from tutorbot.delivery import BroadcastProgress
from tutorbot.pacing import Pacer, RateLimits
from tutorbot.store import Store
from tutorbot.store.outbox import Counts, Outbox
from tutorbot.tutor import Tutor

TEACHER, STUDENT, OUTSIDER = 900, 1001, 1002
TEACHER_COMMANDS = [
    "/newclass 7A",
    "/classes",
    "/broadcast 9B Test on Friday",
    "/push 9B treaties",
    "/report 9B",
    "/overrides 9B",
]


@pytest.fixture(autouse=True)
def retry_after_as_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """python-telegram-bot's opt-in: RetryAfter.retry_after as a timedelta, no warning."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "bot.sqlite3", token=TOKEN, teachers=frozenset({TEACHER}))


@pytest.fixture
async def chat(api: FakeBotApi, tutor: Tutor, settings: Settings) -> AsyncIterator[Chat]:
    """As tests/bot/conftest.py's, without python-telegram-bot's own 30/s limiter (the
    delivery worker paces by itself; the tests do not wait for it)."""
    application = build_application(settings, tutor, request=FakeRequest(api), send_rate=0)
    async with application:
        yield Chat(application, api)


def deliveries(chat: Chat) -> Deliveries:
    found: Deliveries = chat.application.bot_data["delivery"]
    found.worker.pacer = Pacer(RateLimits(overall=10_000, per_chat_interval=1.0))
    return found


async def new_class(chat: Chat, name: str = "9B") -> str:
    [reply] = sent(await chat.say(f"/newclass {name}", TEACHER))
    match = re.search(r"/join ([A-Z0-9]+)", reply.text)
    assert match is not None, reply.text
    return match.group(1)


async def class_with(chat: Chat, students: list[int]) -> str:
    code = await new_class(chat)
    for student in students:
        [reply] = sent(await chat.say(f"/join {code}", student))
        assert "You joined <b>9B</b>" in reply.text
    return code


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


async def test_broadcast_reaches_every_student_and_reports_progress_and_a_final_count(
    chat: Chat, api: FakeBotApi
) -> None:
    students = list(range(2000, 2010))
    await class_with(chat, students)
    [progress] = sent(await chat.say("/broadcast 9B Test on <Friday> & bring pens", TEACHER))
    assert "Broadcast to <b>9B</b>: 0 of 10 done" in progress.text
    running = deliveries(chat)
    running.worker.progress_every = 0.0
    running.worker.pacer = Pacer(RateLimits(overall=5))  # two seconds: time for an update
    await running.run_due()
    edits = api.calls_of("editMessageText", chat_id=TEACHER)
    assert edits
    assert all(e.params["message_id"] == progress.result["message_id"] for e in edits)
    assert "of 10 done" in edits[0].text
    for student in students:
        [message] = [c for c in api.sent_to(student) if "From your teacher" in c.text]
        assert "Test on &lt;Friday&gt; &amp; bring pens" in message.text
    final = api.sent_to(TEACHER)[-1]
    assert final.text == "✅ Broadcast to <b>9B</b> finished: 10 sent, 0 blocked, 0 failed."


async def test_broadcast_to_200_with_429s_and_403s(
    chat: Chat, api: FakeBotApi, tutor: Tutor
) -> None:
    students = list(range(3000, 3200))
    await class_with(chat, students)
    blocked = students[10:15]
    for student in blocked:
        api.block(student)
    for student in students[50:53]:  # python-telegram-bot retries 3 times, then we do
        api.fail("sendMessage", chat_id=student, status=429, retry_after=1, times=4)
    api.fail(
        "sendMessage", chat_id=students[100], status=400, description="Bad Request: chat not found"
    )
    await chat.say("/broadcast 9B Mock exam tomorrow", TEACHER)
    result = await deliveries(chat).run_due()
    assert (result.sent, result.blocked, result.failed) == (194, 5, 1)
    assert result.retried == 3
    received = Counter(c.chat_id for c in api.calls_of("sendMessage") if "Mock exam" in c.text)
    assert set(received) == set(students) - set(blocked) - {students[100]}
    assert max(received.values()) == 1
    for student in blocked:
        found = tutor.student(student)
        assert found is not None
        assert not found.active
    assert "finished: 194 sent, 5 blocked, 1 failed" in api.sent_to(TEACHER)[-1].text
    await chat.say("/broadcast 9B Second notice", TEACHER)
    await deliveries(chat).run_due()
    tried = [c for c in api.calls if c.chat_id in blocked and "Second notice" in c.text]
    assert tried == []
    assert "finished: 195 sent, 5 blocked, 0 failed" in api.sent_to(TEACHER)[-1].text


async def test_messages_interrupted_by_a_restart_are_counted_apart_from_those_sent(
    chat: Chat, api: FakeBotApi, store: Store
) -> None:
    students = [2000, 2001, 2002]
    await class_with(chat, students)
    await chat.say("/broadcast 9B Bring pens", TEACHER)
    outbox = Outbox(store.db)
    in_flight = outbox.queued(1)[0]
    assert outbox.start_sending(in_flight.id, START)  # the bot was killed during this send
    running = deliveries(chat)
    assert running.worker.recover() == 1  # at start-up: not sent again
    await running.run_due()
    assert api.sent_to(TEACHER)[-1].text == (
        "✅ Broadcast to <b>9B</b> finished: 2 sent, 0 blocked, 0 failed, "
        "1 may not have arrived (the bot restarted while sending it)."
    )


@pytest.mark.parametrize(
    ("counts", "detail"),
    [
        (Counts(sent=9998, blocked=1, unconfirmed=1), "9,998 sent, 1 blocked, 0 failed, "
         "1 may not have arrived (the bot restarted while sending it)"),
        (Counts(sent=5, failed=2, unconfirmed=3), "5 sent, 0 blocked, 2 failed, "
         "3 may not have arrived (the bot restarted while sending them)"),
        (Counts(sent=10_000), "10,000 sent, 0 blocked, 0 failed"),
    ],
)  # fmt: skip
def test_the_final_count_says_how_many_may_not_have_arrived_only_when_some(
    counts: Counts, detail: str
) -> None:
    final = progress_text(BroadcastProgress("9B", "broadcast", counts, done=True))
    assert final == f"✅ Broadcast to <b>9B</b> finished: {detail}."


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
    assert "“nineteen twenty-two”" in item.text
    assert item.buttons() == [("✅ Accept", f"ovr:a:{attempt}"), ("❌ Reject", f"ovr:r:{attempt}")]
    calls = await chat.press(f"ovr:a:{attempt}", TEACHER, message=item)
    assert "✅ Accepted" in api.message(TEACHER, item.result["message_id"])["text"]
    assert store.reviews.phrasings("treaties", "rapallo") == {"year": ("nineteen twenty-two",)}
    [empty] = sent(await chat.say("/overrides 9B", TEACHER))
    assert "No “I was right” answers waiting" in empty.text
    tutor.ask(OUTSIDER, "treaties", "rapallo")
    assert tutor.answer(OUTSIDER, "nineteen twenty-two, I think").verdict.passed


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
        application = build_application(settings, tutor, send_rate=0)
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
