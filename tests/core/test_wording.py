from __future__ import annotations

import pytest

from tutorbot.core.wording import clipped, counted


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        ("short", 10, "short"),
        ("exactly10!", 10, "exactly10!"),
        ("eleven char", 10, "eleven ch…"),
        ("", 3, ""),
    ],
)
def test_clipped_text_never_exceeds_its_limit_and_says_it_was_cut(
    text: str, limit: int, shown: str
) -> None:
    assert clipped(text, limit) == shown
    assert len(clipped(text, limit)) <= limit


@pytest.mark.parametrize(
    ("count", "shown"), [(0, "0 questions"), (1, "1 question"), (2, "2 questions")]
)
def test_counted_nouns_agree_with_their_number(count: int, shown: str) -> None:
    assert counted(count, "question") == shown
