"""Small pieces of English that the bot, the console and the core's messages share."""

from __future__ import annotations


def clipped(text: str, limit: int) -> str:
    """``text``, or its first ``limit - 1`` characters and "…": never over ``limit``."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def counted(count: int, noun: str) -> str:
    """``1 question``, ``2 questions`` (for nouns that take an ``s``)."""
    return f"{count} {noun}{'s' * (count != 1)}"
