"""End to end: a teacher goes from notes to students answering a new deck, entirely through
Telegram (the fake Bot API), and the deck is still there after a restart."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.e2e.conftest import BotProcess, Student, bot_env, visible
from tests.fake_bot_api import Call, FakeBotApi, FakeBotApiServer

TEACHER, STUDENT = 900, 1001
NOTES = """\
# Volcanoes

- Magma is molten rock below the surface of the Earth
- Lava is magma that erupts onto the surface
- Most volcanoes form where tectonic plates meet
"""


def sent_document(api: FakeBotApi, chat_id: int, seen: int) -> Call:
    documents: list[Call] = api.wait_for(
        lambda: (
            len(api.calls_of("sendDocument", chat_id=chat_id)) > seen
            and api.calls_of("sendDocument", chat_id=chat_id)
        )
    )
    return documents[seen]


def test_notes_to_a_draft_to_an_installed_deck_that_a_class_answers_and_keeps(
    api: FakeBotApi, server: FakeBotApiServer, tmp_path: Path
) -> None:
    env = bot_env(tmp_path, server, TUTORBOT_TEACHERS=str(TEACHER))
    bot = BotProcess(env, tmp_path).start(api)
    try:
        teacher, student = Student(api, TEACHER), Student(api, STUDENT)
        code = re.search(r"/join (\w+)", teacher.say("/newclass 9B").text)
        assert code is not None
        assert "You joined" in visible(student.say(f"/join {code.group(1)}"))

        api.send_document(TEACHER, "volcanoes.md", NOTES.encode())
        draft = sent_document(api, TEACHER, 0)
        assert "send volcanoes.yaml back to me" in visible(draft)
        [upload] = [u for u in api.uploads if u.field == "document"]
        assert upload.filename == "volcanoes.yaml"
        deck = yaml.safe_load(upload.data)
        first = deck["questions"][0]

        seen = len(api.sent_to(TEACHER))
        api.send_document(TEACHER, upload.filename, upload.data)
        installed = teacher.next_message(seen)
        assert visible(installed).startswith(f"Installed {deck['title']}: ")

        seen_student = len(api.sent_to(STUDENT))
        teacher.say(f"/push 9B volcanoes {first['id']}")
        question = student.next_message(seen_student)
        assert "A question from your teacher" in visible(question)
        assert first["prompt"] in visible(question)
        answer = " and ".join(p["point"] for p in first["key_points"])
        feedback = student.say(answer)
        assert "— passed" in visible(feedback), visible(feedback)

        assert bot.stop() == 0, bot.output()[-3000:]
        bot.start(api)
        assert "Volcanoes" in visible(teacher.say("/mydecks"))
        decks = student.say("/decks")
        assert "deck:volcanoes" in {data for _, data in decks.buttons()}
        assert bot.stop() == 0, bot.output()[-3000:]
    finally:
        if bot.running():
            bot.kill()
