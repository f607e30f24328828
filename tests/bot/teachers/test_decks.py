"""Teachers' decks through the bot: upload, update, refusals, drafts, /mydecks, /deckfile and
/removedeck, driven through the fake Bot API."""

from __future__ import annotations

import html

import pytest

from tests.bot.conftest import Chat, sent
from tests.bot.teaching import OUTSIDER, STUDENT, TEACHER, class_with
from tests.deck_files import BOMB, TWO_PROBLEMS, VOLCANOES, VOLCANOES_UPDATED
from tests.fake_bot_api import Call, FakeBotApi
from tutorbot.bot import views
from tutorbot.services.deck_library import MAX_BYTES
from tutorbot.services.tutor import Tutor


async def send_file(chat: Chat, name: str, data: bytes, user: int = TEACHER, **kw: int) -> str:
    """The user sends a file; the text of the bot's one reply."""
    chat.api.send_document(user, name, data, **kw)
    [reply] = sent(await chat.deliver())
    return html.unescape(reply.text)


def documents(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendDocument" and c.ok]


async def test_a_valid_deck_is_installed_and_students_of_the_class_see_it(
    chat: Chat, tutor: Tutor
) -> None:
    await class_with(chat, [STUDENT])
    reply = await send_file(chat, "volcanoes.yaml", VOLCANOES.encode())
    assert "Installed <b>Volcanoes</b>: 2 questions" in reply
    [decks] = sent(await chat.say("/decks", STUDENT))
    assert ("Volcanoes", "deck:volcanoes") in decks.buttons()
    [others] = sent(await chat.say("/decks", OUTSIDER))
    assert "deck:volcanoes" not in {data for _, data in others.buttons()}


async def test_a_deck_with_problems_gets_every_problem_by_line(chat: Chat, tutor: Tutor) -> None:
    reply = await send_file(chat, "broken.yaml", TWO_PROBLEMS.encode())
    assert "<b>broken.yaml</b> was not installed: 2 problems" in reply
    assert "line 3: top level: unknown key 'colour'" in reply
    assert "line 13: questions[2].pass: must be a whole number" in reply
    assert "broken" not in {d.id for d in tutor.decks_for(TEACHER)}


async def test_an_update_keeps_progress_on_the_questions_that_remain(
    chat: Chat, tutor: Tutor
) -> None:
    await class_with(chat, [STUDENT])
    await send_file(chat, "volcanoes.yaml", VOLCANOES.encode())
    tutor.ask(STUDENT, "volcanoes", "magma")
    [feedback, *_] = sent(await chat.say("molten rock", STUDENT))
    assert "molten rock" in feedback.text.lower()
    reply = await send_file(chat, "volcanoes.yaml", VOLCANOES_UPDATED.encode())
    assert "Installed <b>Volcanoes and plates</b>: 2 questions" in reply
    assert "students keep their progress" in reply
    [progress] = sent(await chat.say("/progress", STUDENT))
    assert "Volcanoes and plates" in progress.text
    assert "1/2" in progress.text or "1 of 2" in progress.text, progress.text


async def test_a_deck_id_of_a_bundled_deck_is_refused(chat: Chat, tutor: Tutor) -> None:
    clash = VOLCANOES.replace("id: volcanoes", "id: treaties")
    reply = await send_file(chat, "mine.yaml", clash.encode())
    assert "The deck id 'treaties' is used by a deck that comes with the bot" in reply
    assert tutor.deck("treaties").title == "Treaties of the 1920s"


async def test_students_and_non_teachers_sending_documents_get_typed_answers_only(
    chat: Chat, tutor: Tutor
) -> None:
    reply = await send_file(chat, "volcanoes.yaml", VOLCANOES.encode(), STUDENT)
    assert reply == views.TYPED_ONLY
    assert "volcanoes" not in {d.id for d in tutor.decks_for(STUDENT)}


@pytest.mark.parametrize(
    ("name", "data", "size", "expected"),
    [
        ("big.yaml", b"title: x\n", MAX_BYTES + 1, "big.yaml is 1.0 MB: I take files of up to 1"),
        ("latin.yaml", "title: Café\n".encode("latin-1"), None, "latin.yaml is not UTF-8 text"),
        ("bomb.yaml", BOMB.encode(), None, "aliases (*name) expand to more than 100,000"),
        ("deck.pdf", b"%PDF", None, "Send me a deck as a .yaml"),
    ],
)
async def test_files_that_cannot_be_taken_get_a_clear_refusal(
    chat: Chat, name: str, data: bytes, size: int | None, expected: str
) -> None:
    extra = {"file_size": size} if size is not None else {}
    reply = await send_file(chat, name, data, **extra)
    assert expected in reply


async def test_notes_come_back_as_a_draft_deck_document(chat: Chat, api: FakeBotApi) -> None:
    notes = "# Volcanoes\n\n- Magma is molten rock below the surface\n- Lava is magma that erupts\n"
    api.send_document(TEACHER, "volcano notes.md", notes.encode())
    [document] = documents(await chat.deliver())
    assert "send volcano-notes.yaml back to me" in document.text
    [upload] = [u for u in api.uploads if u.field == "document"]
    assert upload.filename == "volcano-notes.yaml"
    assert "Magma is molten rock below the surface" in upload.data.decode()


async def test_mydecks_lists_size_and_classes_and_deckfile_sends_the_yaml(
    chat: Chat, api: FakeBotApi
) -> None:
    await class_with(chat, [STUDENT])
    await send_file(chat, "volcanoes.yaml", VOLCANOES.encode())
    [listing] = sent(await chat.say("/mydecks", TEACHER))
    assert "<b>Volcanoes</b>: 2 questions · classes: 9B" in listing.text
    [document] = documents(await chat.say("/deckfile volcanoes", TEACHER))
    assert document.chat_id == TEACHER
    assert api.uploads[-1].filename == "volcanoes.yaml"
    assert api.uploads[-1].data.decode() == VOLCANOES
    [refused] = sent(await chat.say("/deckfile volcanoes", STUDENT))
    assert "teachers only" in refused.text


async def test_removedeck_asks_first_and_removes_on_confirm(chat: Chat, tutor: Tutor) -> None:
    await class_with(chat, [STUDENT])
    await send_file(chat, "volcanoes.yaml", VOLCANOES.encode())
    [question] = sent(await chat.say("/removedeck volcanoes", TEACHER))
    assert "Remove <b>Volcanoes</b>" in question.text
    [(_, remove), (_, keep)] = question.buttons()
    await chat.press(keep, TEACHER)
    assert "volcanoes" in {d.id for d in tutor.decks_for(STUDENT)}
    await chat.press(remove, TEACHER, message=question)
    edited = chat.api.message(TEACHER, question.result["message_id"])
    assert edited["text"] == "Removed Volcanoes."
    assert "volcanoes" not in {d.id for d in tutor.decks_for(STUDENT)}
    [listing] = sent(await chat.say("/mydecks", TEACHER))
    assert "not uploaded any decks" in listing.text


async def test_a_student_without_a_deck_is_offered_their_teachers_deck_too(chat: Chat) -> None:
    await class_with(chat, [STUDENT])
    await send_file(chat, "volcanoes.yaml", VOLCANOES.encode())
    [pick] = sent(await chat.say("/quiz", STUDENT))
    assert "First, choose what to revise." in pick.text
    assert ("Volcanoes", "deck:volcanoes") in pick.buttons()
    [chosen] = sent(await chat.press("deck:volcanoes", STUDENT))
    assert "Volcanoes" in chosen.text
