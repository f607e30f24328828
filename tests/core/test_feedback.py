"""Feedback text: what was credited, what was missed, corrections; escaped, and short enough."""

from __future__ import annotations

import re

import pytest

from tutorbot.core.deck import KeyPoint, Misconception, Question
from tutorbot.core.feedback import render
from tutorbot.core.limits import MESSAGE_LENGTH
from tutorbot.core.marking import MisconceptionFound, PointResult, Verdict, mark

QUESTION = Question(
    id="berlin",
    prompt="What did Articles 2 and 3 of the Treaty of Berlin say?",
    key_points=(
        KeyPoint(
            "neutral",
            "Article 2 - if either was attacked, the other would stay neutral",
            ("stay neutral", "remain neutral"),
            "Article 2 - if one of the two countries was attacked by a third,"
            " the other would stay neutral",
        ),
        KeyPoint(
            "boycott",
            "Article 3 - neither would join an economic boycott of the other",
            ("no economic boycott", "no boycott"),
            "Article 3 - neither country would join an economic boycott against the other",
        ),
        KeyPoint("credits", "Huge credits from German banks", ("huge credits",)),
    ),
    pass_mark=2,
    misconceptions=(
        Misconception(
            "alliance", ("military alliance",), "It was a neutrality pact, not an alliance."
        ),
    ),
)

TAG = re.compile(r"</?(b|i)>")


def _verdict(hits: dict[str, str], misconceptions: tuple[MisconceptionFound, ...] = ()) -> Verdict:
    points = tuple(
        PointResult(p, p.id in hits, 1.0 if p.id in hits else 0.0, hits.get(p.id, ""))
        for p in QUESTION.key_points
    )
    return Verdict(QUESTION, points, misconceptions)


@pytest.mark.parametrize("html", [False, True], ids=["plain", "html"])
@pytest.mark.parametrize(
    ("answer", "result"),
    [
        pytest.param(
            "they would stay neutrel and promised no boycott",
            "2/3 key points — passed",
            id="passed",
        ),
        pytest.param("they would stay neutral", "1/3 key points — not passed yet", id="not-passed"),
        pytest.param("", "0/3 key points — not passed yet", id="empty"),
    ],
)
def test_first_line_gives_the_result(answer: str, result: str, html: bool) -> None:
    text = render(mark(QUESTION, answer), html=html)
    assert TAG.sub("", text.splitlines()[0]) == result


@pytest.mark.parametrize("html", [False, True], ids=["plain", "html"])
def test_credited_points_quote_the_students_words(html: bool) -> None:
    text = render(mark(QUESTION, "Well, the other would stay neutrel."), html=html)
    credited = text.split("Missed:")[0]
    assert "Article 2 - if either was attacked" in credited
    assert "“stay neutrel”" in credited
    assert "Article 3" not in credited


@pytest.mark.parametrize("html", [False, True], ids=["plain", "html"])
def test_missed_points_give_the_point_then_the_evidence(html: bool) -> None:
    text = TAG.sub("", render(mark(QUESTION, "they would stay neutral"), html=html))
    missed = text.split("Missed:")[1]
    point = missed.index("Article 3 - neither would join an economic boycott of the other")
    evidence = missed.index("From the notes: Article 3 - neither country would join")
    assert point < evidence
    assert "Huge credits from German banks" in missed


@pytest.mark.parametrize("html", [False, True], ids=["plain", "html"])
def test_misconception_correction_is_shown_with_the_students_words(html: bool) -> None:
    text = render(mark(QUESTION, "it was a military alliance"), html=html)
    assert "It was a neutrality pact, not an alliance." in text
    assert "“military alliance”" in text
    assert "misconception" in text.splitlines()[0]


@pytest.mark.parametrize(
    ("hits", "misconceptions", "must_contain"),
    [
        pytest.param(
            {"neutral": "stay <b>neutral</b> & calm"},
            (),
            "stay &lt;b&gt;neutral&lt;/b&gt; &amp; calm",
            id="student-words",
        ),
        pytest.param(
            {},
            (
                MisconceptionFound(
                    Misconception("m", ("x",), "Use <i> & </i> carefully"), "<script>"
                ),
            ),
            "Use &lt;i&gt; &amp; &lt;/i&gt; carefully",
            id="correction-and-quote",
        ),
    ],
)
def test_html_escapes_every_piece_of_deck_and_student_text(
    hits: dict[str, str], misconceptions: tuple[MisconceptionFound, ...], must_contain: str
) -> None:
    text = render(_verdict(hits, misconceptions), html=True)
    assert must_contain in text
    assert "<script>" not in text
    assert set(re.findall(r"</?[a-z]+>", text)) <= {"<b>", "</b>", "<i>", "</i>"}


def test_html_escapes_deck_point_and_evidence() -> None:
    point = KeyPoint("p", "A <b>bold</b> & point", ("zzz",), "Evidence with <tags> & ampersands")
    question = Question("q", "Q?", (point,), pass_mark=1)
    text = render(mark(question, "nothing"), html=True)
    assert "A &lt;b&gt;bold&lt;/b&gt; &amp; point" in text
    assert "Evidence with &lt;tags&gt; &amp; ampersands" in text


def test_plain_text_is_not_escaped() -> None:
    text = render(_verdict({"neutral": "stay <neutral> & calm"}), html=False)
    assert "stay <neutral> & calm" in text


def _huge_question(points: int, text_size: int) -> Question:
    key_points = tuple(
        KeyPoint(
            f"p{i}",
            f"Point {i} " + "&<b>" * (text_size // 4),
            (f"phrasing {i}",),
            f"Evidence {i} " + "x&y<z> " * (text_size // 7),
        )
        for i in range(points)
    )
    return Question("huge", "Q?", key_points, pass_mark=1)


@pytest.mark.parametrize("html", [False, True], ids=["plain", "html"])
@pytest.mark.parametrize(
    ("points", "text_size", "answer_size"),
    [
        pytest.param(3, 20_000, 0, id="very-long-evidence"),
        pytest.param(3, 50, 40_000, id="very-long-answer-quoted"),
        pytest.param(60, 3_000, 4_000, id="many-long-points"),
        pytest.param(400, 10, 0, id="hundreds-of-points"),
    ],
)
def test_message_always_fits_telegram_limit(
    points: int, text_size: int, answer_size: int, html: bool
) -> None:
    question = _huge_question(points, text_size)
    quote = "<&>" * (answer_size // 3)
    results = tuple(
        PointResult(p, i % 2 == 0, 1.0, quote or "phrasing")
        if i % 2 == 0
        else PointResult(p, False, 0.0, "")
        for i, p in enumerate(question.key_points)
    )
    text = render(Verdict(question, results, ()), html=html)
    assert len(text) <= MESSAGE_LENGTH
    assert TAG.sub("", text.splitlines()[0]).startswith(f"{(points + 1) // 2}/{points} key points")
    if html:
        _assert_well_formed_html(text)


def test_shortened_text_keeps_a_readable_start() -> None:
    question = _huge_question(3, 20_000)
    text = render(mark(question, "nothing"), html=False)
    assert "Evidence 0 x&y<z>" in text
    assert "…" in text


def _assert_well_formed_html(text: str) -> None:
    """No entity or tag cut in half, and tags balanced on every line."""
    without_entities = re.sub(r"&(amp|lt|gt|quot|#x27);", "", text)
    assert "&" not in without_entities
    without_tags = TAG.sub("", without_entities)
    assert "<" not in without_tags
    assert ">" not in without_tags
    for line in text.splitlines():
        assert line.count("<b>") == line.count("</b>")
        assert line.count("<i>") == line.count("</i>")


SHARED = (
    "Stresemann - no intention to change it shows it was effective, each country focused inward"
)
ESSAY = Question(
    id="essay",
    prompt="Assess the view.",
    key_points=(
        KeyPoint("until", "It lasted until Stresemann died", ("until Stresemann died",), SHARED),
        KeyPoint(
            "effective", "Neither side wanted to change it", ("no intention to change",), SHARED
        ),
        KeyPoint(
            "inward", "Each focused on internal affairs", ("focus on internal affairs",), SHARED
        ),
        KeyPoint("judgement", "Judgement: largely valid", ("largely valid",), "The conclusion"),
    ),
    pass_mark=1,
    require=("judgement",),
)


@pytest.mark.parametrize("html", [False, True], ids=["plain", "html"])
def test_evidence_shared_by_several_missed_points_is_quoted_once_under_them(html: bool) -> None:
    text = TAG.sub("", render(mark(ESSAY, "nothing relevant"), html=html))
    missed = text.split("Missed:")[1].splitlines()[1:]

    assert text.count("From the notes: Stresemann - no intention") == 1
    assert [line.split(" (")[0] for line in missed] == [
        "✗ It lasted until Stresemann died",
        "✗ Neither side wanted to change it",
        "✗ Each focused on internal affairs",
        "   From the notes: Stresemann - no intention to change it shows it was effective, each"
        " country focused inward",
        "✗ Judgement: largely valid",
        "   From the notes: The conclusion",
    ]


def test_a_required_point_that_was_missing_is_named_as_what_failed_the_answer() -> None:
    text = render(mark(ESSAY, "it went on until Stresemann died"), html=False)
    lines = text.splitlines()

    assert lines[0] == "1/4 key points — not passed yet (a point you must make is missing)"
    assert "✗ Judgement: largely valid (needed to pass)" in lines


def test_a_required_point_shown_passes_and_is_not_flagged() -> None:
    text = render(mark(ESSAY, "largely valid"), html=False)
    assert text.splitlines()[0] == "1/4 key points — passed"
    assert "needed to pass" not in text


@pytest.mark.parametrize("words", ["support", "the", "it shows"])
def test_a_lone_function_or_common_word_is_never_quoted_as_what_the_student_wrote(
    words: str,
) -> None:
    text = render(_verdict({"neutral": words}), html=False)
    credited = [line for line in text.splitlines() if line.startswith("✓")]
    assert credited == ["✓ Article 2 - if either was attacked, the other would stay neutral"]


@pytest.mark.parametrize("words", ["USSR", "1926", "stay neutral"])
def test_an_acronym_a_number_or_two_words_are_quoted(words: str) -> None:
    text = render(_verdict({"neutral": words}), html=False)
    assert f"you wrote “{words}”" in text


def test_a_misconception_found_in_one_common_word_gives_the_correction_without_the_quote() -> None:
    found = (MisconceptionFound(QUESTION.misconceptions[0], "alliance"),)
    text = render(_verdict({}, found), html=False)
    assert "! It was a neutrality pact, not an alliance." in text.splitlines()
