"""Settings from the environment and ``.env``: where decks come from (TUTORBOT_CONTENT, else
./content, else the deck bundled in the package); bad values are refused with a message
naming the setting; the bot token never appears in full in an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutorbot.adapters.deck_files import load_decks
from tutorbot.config import BUNDLED_CONTENT, SettingsError, load_settings, redact

TOKEN = "123456:" + "S3cret-token_abcdefghijklmnopqrstu"


def test_teachers_are_positive_user_ids() -> None:
    settings = load_settings({"TUTORBOT_TEACHERS": " 42, 7 ,"})
    assert settings.teachers == frozenset({42, 7})


@pytest.mark.parametrize("raw", ["-5", "42,-100123456", "0", "abc", "4 2", "٣", "1e3"])
def test_a_teacher_id_that_is_not_a_user_id_is_refused(raw: str) -> None:
    with pytest.raises(SettingsError) as refused:
        load_settings({"TUTORBOT_TEACHERS": raw})
    message = str(refused.value)
    assert message.startswith("TUTORBOT_TEACHERS must be comma-separated Telegram user ids")
    assert "\n" not in message


def test_a_long_bad_teacher_list_is_quoted_only_in_part() -> None:
    with pytest.raises(SettingsError) as refused:
        load_settings({"TUTORBOT_TEACHERS": ",".join(["x" * 500] * 50)})
    assert len(str(refused.value)) < 400


def test_redact_keeps_the_bot_id_and_hides_the_secret() -> None:
    text = f"The token `{TOKEN}` was rejected by the server."
    assert redact(text, TOKEN) == "The token `123456:<token hidden>` was rejected by the server."
    assert redact("nothing to hide", TOKEN) == "nothing to hide"
    assert redact(text, None) == text


def test_without_a_setting_or_a_content_folder_the_bundled_deck_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    settings = load_settings({})

    assert settings.content_dir == BUNDLED_CONTENT
    [deck] = load_decks([settings.content_dir])
    assert deck.id == "stalin-foreign-policy-1924-1929"


def test_a_content_folder_in_the_current_folder_comes_before_the_bundled_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)

    assert load_settings({}).content_dir == Path("content")


def test_tutorbot_content_overrides_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)

    assert load_settings({"TUTORBOT_CONTENT": "~/decks"}).content_dir == Path.home() / "decks"


def test_the_bundled_deck_ships_with_its_notes() -> None:
    assert (BUNDLED_CONTENT / "notes" / "stalin-foreign-policy-1924-1929.txt").is_file()
