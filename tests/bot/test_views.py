"""Splitting long messages to Telegram's limit without breaking their HTML."""

from __future__ import annotations

import pytest

from tests.fake_bot_api import visible_text
from tutorbot.bot.views import split


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("<b>short</b>\nmessage", ["<b>short</b>\nmessage"]),
        ("a" * 60 + "\n" + "b" * 60, ["a" * 60, "b" * 60]),
        ("a" * 30 + "\n" + "b" * 30 + "\n" + "c" * 60, ["a" * 30 + "\n" + "b" * 30, "c" * 60]),
        ("<i>" + "x" * 200 + "</i>", ["x" * 99 + "…"]),
        ("<i>" + "&amp;" * 60 + "</i>", ["&amp;" * 19 + "…"]),  # not cut inside an entity
        ("🙂" * 80, ["🙂" * 49 + "…"]),
    ],
)
def test_long_text_is_split_between_lines_and_a_huge_line_loses_markup(
    text: str, parts: list[str]
) -> None:
    assert split(text, limit=100) == parts


def test_every_part_fits_and_is_valid_telegram_html() -> None:
    text = "\n".join(f"<b>{i}</b> " + "word &amp; more " * (i % 50) for i in range(400))
    parts = split(text)
    assert len(parts) > 1
    for part in parts:
        assert units(visible_text(part)) <= 4096
