"""The student's conversation, handler by handler, through the real Application and Tutor."""

from __future__ import annotations

import pytest

from tests.bot.conftest import STUDENT, Chat, sent
from tests.fake_bot_api import FakeBotApi
from tutorbot.adapters.store import Store
from tutorbot.bot import daily, student, views
from tutorbot.services.tutor import Tutor

OTHER = 2002
RIGHT_ANSWERS = {
    "Treaty of Berlin": "they would stay neutral, and no boycott either",
    "Rapallo": "in 1922",
    "Locarno": "Germany turned west, the USSR was isolated, eastern borders not guaranteed",
}


def right_answer(question_text: str) -> str:
    return next(a for key, a in RIGHT_ANSWERS.items() if key in question_text)


async def quiz_started(chat: Chat, user: int = STUDENT) -> str:
    """/start, pick the first deck, /quiz: the question's text."""
    await chat.say("/start", user)
    await chat.press("deck:treaties", user)
    [question] = sent(await chat.say("/quiz", user))
    return question.text


async def test_start_welcomes_by_name_and_offers_every_deck_as_a_button(chat: Chat) -> None:
    [welcome] = sent(await chat.say("/start"))
    assert "Hello Student 1001" in welcome.text
    assert welcome.buttons() == [
        ("Treaties of the 1920s", "deck:treaties"),
        ("Treaties of the 1920s", "deck:treaties-2"),
    ]


async def test_a_name_with_markup_is_shown_as_text(chat: Chat, api: FakeBotApi) -> None:
    api.names[STUDENT] = "<b>Bob & Co</b>"
    [welcome] = sent(await chat.say("/start"))
    assert "Hello &lt;b&gt;Bob &amp; Co&lt;/b&gt;" in welcome.text


async def test_picking_a_deck_makes_it_current(chat: Chat, tutor: Tutor) -> None:
    await chat.say("/start")
    calls = await chat.press("deck:treaties-2")
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    assert "Now revising <b>Treaties of the 1920s</b> (3 questions)" in calls[1].text
    assert calls[1].buttons() == [("Start the quiz", "next")]
    current = tutor.current_deck(STUDENT)
    assert current is not None
    assert current.id == "treaties-2"


async def test_decks_shows_the_current_deck_and_the_buttons_again(chat: Chat) -> None:
    await chat.say("/start")
    await chat.press("deck:treaties")
    [reply] = sent(await chat.say("/decks"))
    assert "You are revising <b>Treaties of the 1920s</b>" in reply.text
    assert len(reply.buttons()) == 2


async def test_quiz_without_a_deck_asks_to_choose_one(chat: Chat) -> None:
    [reply] = sent(await chat.say("/quiz"))
    assert "choose what to revise" in reply.text
    assert ("Treaties of the 1920s", "deck:treaties") in reply.buttons()


async def test_quiz_asks_a_question_and_asks_it_again_until_answered(chat: Chat) -> None:
    question = await quiz_started(chat)
    assert any(key in question for key in RIGHT_ANSWERS)
    [again] = sent(await chat.say("/quiz"))
    assert "Still waiting for your answer" in again.text
    assert question.split("\n\n")[1] in again.text


async def test_a_right_answer_is_marked_with_only_a_next_button(chat: Chat, tutor: Tutor) -> None:
    question = await quiz_started(chat)
    [feedback] = sent(await chat.say(right_answer(question)))
    assert feedback.buttons() == [("Next question", "next")]
    [deck] = tutor.progress(STUDENT)
    assert (deck.seen, deck.passed) == (1, 1)


async def test_a_wrong_answer_offers_i_was_right(chat: Chat, tutor: Tutor) -> None:
    await quiz_started(chat)
    [feedback] = sent(await chat.say("no idea, sorry"))
    [(next_label, next_data), (right_label, right_data)] = feedback.buttons()
    assert (next_label, next_data) == ("Next question", "next")
    assert right_label == "I was right"
    assert right_data.startswith("right:")
    [deck] = tutor.progress(STUDENT)
    assert (deck.seen, deck.passed) == (1, 0)


async def test_each_answer_is_stored_once_and_confirmed_as_replied(
    chat: Chat, tutor: Tutor, store: Store
) -> None:
    await quiz_started(chat)
    await chat.say("no idea")
    rows = store.connection.execute(
        "SELECT answer, replied FROM attempts WHERE student_id = ?", (STUDENT,)
    ).fetchall()
    assert [tuple(r) for r in rows] == [("no idea", 1)]


async def test_i_was_right_counts_the_answer_as_passed_and_updates_the_message(
    chat: Chat, tutor: Tutor, api: FakeBotApi
) -> None:
    await quiz_started(chat)
    [feedback] = sent(await chat.say("no idea"))
    calls = await chat.press(feedback.buttons()[1][1])
    [answered] = [c for c in calls if c.method == "answerCallbackQuery"]
    assert answered.params["text"] == views.OVERRIDE_NOTED
    edited = api.message(STUDENT, feedback.result["message_id"])
    assert views.OVERRIDE_NOTED in edited["text"]
    assert [b["callback_data"] for b in edited["reply_markup"]["inline_keyboard"][0]] == ["next"]
    [deck] = tutor.progress(STUDENT)
    assert deck.passed == 1


async def test_pressing_i_was_right_twice_changes_nothing_more(chat: Chat) -> None:
    await quiz_started(chat)
    [feedback] = sent(await chat.say("no idea"))
    await chat.press(feedback.buttons()[1][1], message=feedback)
    calls = await chat.press(feedback.buttons()[1][1], message=feedback)
    assert [c.method for c in calls if c.ok] == ["answerCallbackQuery"]
    assert not sent(calls)


async def test_i_was_right_on_someone_elses_answer_does_nothing(
    chat: Chat, tutor: Tutor, api: FakeBotApi
) -> None:
    await quiz_started(chat)
    [feedback] = sent(await chat.say("no idea"))
    await chat.say("/start", OTHER)
    api.press(OTHER, api.sent_to(OTHER)[-1], feedback.buttons()[1][1])
    calls = await chat.deliver()
    assert [(c.method, c.params.get("text")) for c in calls] == [
        ("answerCallbackQuery", views.NOT_YOURS)
    ]
    [deck] = tutor.progress(STUDENT)
    assert deck.passed == 0


@pytest.mark.parametrize("data", ["right:x1", "deck:", "next:1", "forget:maybe", "nonsense"])
async def test_a_forged_or_stale_button_gets_a_polite_answer(chat: Chat, data: str) -> None:
    await chat.say("/start")
    calls = await chat.press(data)
    assert [(c.method, c.params.get("text")) for c in calls] == [
        ("answerCallbackQuery", views.EXPIRED)
    ]


async def test_a_deck_that_is_gone_is_explained_and_the_decks_offered(chat: Chat) -> None:
    await chat.say("/start")
    [reply] = sent(await chat.press("deck:old-deck"))
    assert "not available any more" in reply.text
    assert len(reply.buttons()) == 2


async def test_next_question_answers_the_button_and_asks(chat: Chat) -> None:
    question = await quiz_started(chat)
    await chat.say(right_answer(question))
    calls = await chat.press("next")
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    assert any(key in calls[1].text for key in RIGHT_ANSWERS)
    assert "Still waiting" not in calls[1].text


async def test_hint_gives_the_questions_hint_or_says_there_is_none(chat: Chat) -> None:
    question = await quiz_started(chat)
    [reply] = sent(await chat.say("/hint"))
    if "Berlin" in question:
        assert reply.text == "💡 Think about neutrality and trade."
    else:
        assert "No hint for this one" in reply.text


async def test_hint_skip_and_text_without_a_question_nudge_towards_quiz(chat: Chat) -> None:
    await chat.say("/start")
    for text in ("/hint", "/skip", "what is this?"):
        [reply] = sent(await chat.say(text))
        assert reply.text == views.NUDGE


async def test_skip_drops_the_question_and_offers_the_next(chat: Chat, tutor: Tutor) -> None:
    question = await quiz_started(chat)
    [reply] = sent(await chat.say("/skip"))
    assert reply.buttons() == [("Next question", "next")]
    [nudge] = sent(await chat.say("an answer to nothing"))
    assert nudge.text == views.NUDGE
    [following] = sent(await chat.press("next"))
    assert question.split("\n\n")[1] not in following.text


async def test_progress_draws_seen_passed_and_most_missed_as_bars(chat: Chat) -> None:
    [empty] = sent(await chat.say("/progress"))
    assert empty.text == views.NO_PROGRESS
    await quiz_started(chat)
    await chat.say("no idea")
    [reply] = sent(await chat.say("/progress"))
    assert "<b>Treaties of the 1920s</b>" in reply.text
    assert "<code>Seen   ███░░░░░░░</code> 1/3" in reply.text
    assert "<code>Passed ░░░░░░░░░░</code> 0/3" in reply.text
    assert "Most missed:" in reply.text
    assert (
        "<code>█████</code> If either was attacked, the other would stay neutral (1)" in reply.text
    )


@pytest.mark.parametrize("command", ["/help", "/frobnicate", "/help@tutorbot_test_bot"])
async def test_help_and_unknown_commands_explain_the_commands(chat: Chat, command: str) -> None:
    [reply] = sent(await chat.say(command))
    assert reply.text == views.help_text([*student.HELP_LINES, *daily.HELP_LINES])


async def test_forget_deletes_everything_after_confirming(chat: Chat, tutor: Tutor) -> None:
    await quiz_started(chat)
    await chat.say("no idea")
    [confirm] = sent(await chat.say("/forget"))
    assert [data for _, data in confirm.buttons()] == ["forget:yes", "forget:no"]
    assert tutor.progress(STUDENT)  # nothing deleted before the button
    calls = await chat.press("forget:yes")
    assert [c.method for c in calls] == ["answerCallbackQuery", "editMessageText"]
    assert calls[1].text == views.FORGOTTEN
    assert tutor.progress(STUDENT) == ()
    assert tutor.student(STUDENT) is None


async def test_forget_kept_when_the_student_says_no(chat: Chat, tutor: Tutor) -> None:
    await quiz_started(chat)
    await chat.say("no idea")
    await chat.say("/forget")
    calls = await chat.press("forget:no")
    assert calls[-1].text == views.KEPT
    assert tutor.progress(STUDENT)


@pytest.mark.parametrize("kind", ["send_sticker", "send_photo", "send_voice"])
async def test_non_text_gets_answers_are_typed(chat: Chat, api: FakeBotApi, kind: str) -> None:
    await quiz_started(chat)
    getattr(api, kind)(STUDENT)
    [reply] = sent(await chat.deliver())
    assert reply.text == views.TYPED_ONLY


@pytest.mark.parametrize("text", ["/quiz", "hello bot", "/start"])
async def test_group_chats_are_told_the_bot_works_in_private(
    chat: Chat, api: FakeBotApi, tutor: Tutor, text: str
) -> None:
    api.send_text(STUDENT, text, group_id=-100)
    [reply] = sent(await chat.deliver())
    assert (reply.chat_id, reply.text) == (-100, views.PRIVATE_ONLY)
    assert tutor.student(STUDENT) is None


@pytest.mark.parametrize(
    "answer",
    [
        "stay neutral " * 330,  # about 4,000 characters
        "🙂🙃 stay neutral 🎉" * 200,
        "Они бы остались нейтральными; 中立を保つ; محايد",
        "<b>&</b> </i> &amp; <script>stay neutral",
    ],
)
async def test_long_emoji_foreign_and_markup_answers_are_marked(
    chat: Chat, tutor: Tutor, store: Store, answer: str
) -> None:
    await quiz_started(chat)
    replies = sent(await chat.say(answer))
    assert replies
    assert replies[-1].buttons()[0] == ("Next question", "next")
    rows = store.connection.execute("SELECT answer, replied FROM attempts").fetchall()
    assert [tuple(r) for r in rows] == [(answer, 1)]


async def test_a_message_too_old_to_edit_gets_the_new_text_as_a_new_message(
    chat: Chat, api: FakeBotApi
) -> None:
    await quiz_started(chat)
    await chat.say("/forget")
    api.fail("editMessageText", status=400, description="Bad Request: message can't be edited")
    calls = await chat.press("forget:no")
    assert [(c.method, c.status) for c in calls] == [
        ("answerCallbackQuery", 200),
        ("editMessageText", 400),
        ("sendMessage", 200),
    ]
    assert calls[-1].text == views.KEPT


async def test_an_edited_answer_is_not_marked_again(
    chat: Chat, api: FakeBotApi, tutor: Tutor, store: Store
) -> None:
    await quiz_started(chat)
    await chat.say("no idea")
    answer_id = chat.delivered[-1]["message"]["message_id"]
    api.edit_text(STUDENT, answer_id, "they would stay neutral")
    [reply] = sent(await chat.deliver())
    assert reply.text == views.EDITS_NOT_MARKED
    rows = store.connection.execute("SELECT answer FROM attempts").fetchall()
    assert [tuple(r) for r in rows] == [("no idea",)]
