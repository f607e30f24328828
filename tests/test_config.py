"""Settings from the environment: bad values are refused with a message naming the setting;
the bot token never appears in full in an error."""

from __future__ import annotations

import pytest

from tutorbot.config import SettingsError, load_settings, redact

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
