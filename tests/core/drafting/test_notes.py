"""Reading notes as a teacher types them: wrapped lines, bullets, headings."""

from __future__ import annotations

import pytest

from tutorbot.core.drafting.notes import Kind, read_notes, sentences

NOTES = """\
1924-1929: Foreign Policy
Why was Stalin cautious? As this was during the power
struggle, there was division within the Party.
Articles
o Article 2 \u2013 if one of the two countries was attacked by a third, the other
would stay neutral
- Article 3 - neither country would join a boycott
## Comintern
* Before 1929, had been a low priority for Stalin
"""


def test_wrapped_lines_are_joined_and_keep_their_first_line_number() -> None:
    lines = read_notes(NOTES)

    prose = lines[1]
    assert prose.text == (
        "Why was Stalin cautious? As this was during the power struggle, there was division "
        "within the Party."
    )
    assert (prose.number, prose.kind) == (2, Kind.TEXT)


def test_bullet_markers_are_dropped_and_a_wrapped_bullet_is_one_line() -> None:
    bullets = [line for line in read_notes(NOTES) if line.kind is Kind.BULLET]

    assert [b.text for b in bullets] == [
        "Article 2 \u2013 if one of the two countries was attacked by a third, the other would "
        "stay neutral",
        "Article 3 - neither country would join a boycott",
        "Before 1929, had been a low priority for Stalin",
    ]
    assert [b.number for b in bullets] == [5, 7, 9]


def test_the_first_line_is_the_title_and_short_lines_before_bullets_are_headings() -> None:
    lines = read_notes(NOTES)

    assert (lines[0].kind, lines[0].text) == (Kind.TITLE, "1924-1929: Foreign Policy")
    headings = [line.text for line in lines if line.kind is Kind.HEADING]
    assert headings == ["Articles", "Comintern"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two three.", ["One.", "Two three."]),
        (
            "Overall, largely successful. Stalin managed it.",
            ["Overall, largely successful.", "Stalin managed it."],
        ),
        ("It cost $1.5 million. Then it ended", ["It cost $1.5 million.", "Then it ended"]),
    ],
)
def test_sentences_split_after_a_full_stop_before_a_capital(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_blank_lines_and_stray_punctuation_are_not_lines() -> None:
    assert [line.text for line in read_notes("Title\n\n  \n-\n, Articles\n")] == [
        "Title",
        "Articles",
    ]


def test_markdown_headings_and_emphasis_are_read_as_plain_text() -> None:
    lines = read_notes("# The Cell\n## Organelles\n- The **nucleus** holds the `DNA`.\n")

    assert [(line.kind, line.text) for line in lines] == [
        (Kind.TITLE, "The Cell"),
        (Kind.HEADING, "Organelles"),
        (Kind.BULLET, "The nucleus holds the DNA."),
    ]


def test_a_line_after_a_short_unfinished_line_starts_anew() -> None:
    notes = (
        "Benefits of the treaty\n"
        "o Economically - USSR received huge financial credits from German banks in\n"
        "June 1926\n"
        "Continued until Stresemann died - no intention to change it from either side\n"
        "shows it was effective.\n"
    )

    assert [line.text for line in read_notes(notes)[1:]] == [
        "Economically - USSR received huge financial credits from German banks in June 1926",
        "Continued until Stresemann died - no intention to change it from either side shows "
        "it was effective.",
    ]
