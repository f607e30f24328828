"""From notes to questions: which question each kind of note becomes."""

from __future__ import annotations

from tutorbot.core.drafting.notes import read_notes
from tutorbot.core.drafting.outline import Outlined, outline

NOTES = """\
Origins of the Cold War
"The USSR was mainly responsible for the Cold War." Assess the validity of this view.
Why did the alliance break down? They had only been united by the need to defeat
Germany. Once Germany was defeated, the differences in ideology came back to the surface.
Conferences
Yalta (February 1945)
o Germany would be divided into four zones of occupation
o Stalin agreed to free elections in Eastern Europe
Factors Within Theme
Domestic Policy \u2013 finance (means to support a war), military, resources
Conclusion: The USSR was partly responsible for its expansion in Europe, but the USA made
Stalin fear encirclement, so the view is only partly valid.
"""


def questions() -> dict[str, Outlined]:
    return {q.kind + ":" + q.prompt: q for q in outline(read_notes(NOTES)).questions}


def test_a_line_that_asks_and_answers_becomes_that_question() -> None:
    why = questions()["why:Why did the alliance break down?"]

    assert [p.text for p in why.points] == [
        "They had only been united by the need to defeat Germany.",
        "Once Germany was defeated, the differences in ideology came back to the surface.",
    ]


def test_a_heading_with_bullets_is_a_recall_question_and_its_date_a_when_question() -> None:
    found = questions()

    recall = found["recall:What do you know about Yalta (February 1945)?"]
    assert [p.text for p in recall.points] == [
        "Germany would be divided into four zones of occupation",
        "Stalin agreed to free elections in Eastern Europe",
    ]
    assert recall.hint == "From your notes on Conferences."
    when = found["when:When was Yalta?"]
    assert [(p.text, p.evidence) for p in when.points] == [
        ("February 1945", "Yalta (February 1945)")
    ]


def test_a_labelled_list_under_a_factors_heading_is_a_which_factors_question() -> None:
    factors = questions()["factors:Which factors come under Domestic Policy?"]

    assert [p.text for p in factors.points] == [
        "finance (means to support a war)",
        "military",
        "resources",
    ]
    assert {p.evidence for p in factors.points} == {
        "Domestic Policy \u2013 finance (means to support a war), military, resources"
    }


def test_the_essay_asks_the_statement_and_requires_the_judgement() -> None:
    (essay,) = [q for q in questions().values() if q.kind == "essay"]

    assert essay.prompt.startswith(
        'Plan this essay: "The USSR was mainly responsible for the Cold War." Assess the validity'
    )
    assert [p.text for p in essay.points] == [
        "The USSR was partly responsible for its expansion in Europe",
        "The USA made Stalin fear encirclement",
        "The view is only partly valid.",
    ]
    assert essay.required == (2,)
    assert essay.pass_mark >= 1


def test_a_long_section_is_split_so_no_question_has_more_than_six_points() -> None:
    notes = "Title\nTreaties\n" + "".join(f"o Treaty number {n} was signed\n" for n in range(9))

    parts = outline(read_notes(notes)).questions

    assert [len(q.points) for q in parts] == [5, 4]
    assert parts[0].prompt == "What do you know about Treaties? (part 1 of 2)"


def test_a_question_heading_over_prose_asks_it_with_a_point_per_sentence() -> None:
    notes = (
        "# The Cell\n## Why do plant cells have a cell wall?\n"
        "The cell wall is made of cellulose. It stops the cell bursting.\n"
    )

    (question,) = outline(read_notes(notes)).questions

    assert (question.kind, question.prompt) == ("why", "Why do plant cells have a cell wall?")
    assert [p.text for p in question.points] == [
        "The cell wall is made of cellulose.",
        "It stops the cell bursting.",
    ]
