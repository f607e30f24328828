"""Loading decks: every problem a teacher can make is reported with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutorbot.adapters.deck_files import load_deck, load_decks
from tutorbot.core.errors import ContentError, Problem

# Line numbers of VALID, used by the cases below:
#  1 title   2 evidence   3 berlin   4 questions   5 - id: berlin   6 prompt   7 key_points
#  8 - id: neutral   9 point   10 accept   11 evidence   12 - id: attacked   13 point
VALID = """\
title: Treaties
evidence:
  berlin: Article 2 - the other would stay neutral.
questions:
  - id: berlin
    prompt: What did Article 2 say?
    key_points:
      - id: neutral
        point: The other would stay neutral
        accept: [stay neutral, remain neutral]
        evidence: berlin
      - id: attacked
        point: If one was attacked by a third country
"""

MISCONCEPTIONS = """\
    misconceptions:
      - id: alliance
        accept: [military alliance]
        correction: It was not an alliance.
"""


def edit(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(*paths: Path) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        load_decks(list(paths))
    return list(caught.value.problems)


ONE_PROBLEM_CASES = [
    pytest.param(
        edit("What did Article 2 say?", "Article 2: what did it say?"),
        6,
        ["YAML syntax error", "mapping values are not allowed", "quotes"],
        id="yaml-syntax-colon-in-text",
    ),
    pytest.param(
        edit("    prompt:", "\tprompt:"), 6, ["YAML syntax error", "tabs"], id="yaml-syntax-tab"
    ),
    pytest.param(
        edit("        accept:", "       accept:"),
        10,
        ["YAML syntax error", "check this line's indentation"],
        id="yaml-syntax-indentation",
    ),
    pytest.param(
        VALID + "---\ntitle: Another\n", 14, ["YAML syntax error", "one deck"], id="two-documents"
    ),
    pytest.param(
        edit("title: Treaties\n", "title: Treaties\ncolour: red\n"),
        2,
        [
            "top level: unknown key 'colour'",
            "allowed: id, title, subject, synonyms, evidence, questions",
        ],
        id="unknown-deck-key",
    ),
    pytest.param(
        edit("    key_points:", "    hnit: Think of neutrality\n    key_points:"),
        7,
        ["questions[1]: unknown key 'hnit'", "did you mean 'hint'"],
        id="unknown-question-key",
    ),
    pytest.param(
        edit("        accept:", "        acept:"),
        10,
        [
            "questions[1].key_points[1]: unknown key 'acept'",
            "(allowed: id, point, accept, evidence)",
            "did you mean 'accept'",
        ],
        id="unknown-key-point-key",
    ),
    pytest.param(
        edit("    prompt: What did Article 2 say?\n", ""),
        5,
        ["questions[1]: missing required key 'prompt'"],
        id="missing-prompt",
    ),
    pytest.param(
        edit("title: Treaties\n", ""), 1, ["missing required key 'title'"], id="missing-title"
    ),
    pytest.param(
        edit("        point: If one was attacked by a third country\n", ""),
        12,
        ["questions[1].key_points[2]: missing required key 'point'"],
        id="missing-point",
    ),
    pytest.param(
        VALID + MISCONCEPTIONS.replace("        correction: It was not an alliance.\n", ""),
        15,
        ["questions[1].misconceptions[1]: missing required key 'correction'"],
        id="missing-correction",
    ),
    pytest.param(
        "title: Treaties\n", 1, ["missing required key 'questions'"], id="missing-questions"
    ),
    pytest.param(
        "title: Treaties\nquestions: []\n",
        2,
        ["questions: a deck needs at least one question"],
        id="no-questions",
    ),
    pytest.param(
        edit("    key_points:", "    pass: two\n    key_points:"),
        7,
        ["questions[1].pass: must be a whole number", "'two'"],
        id="pass-not-a-number",
    ),
    pytest.param(
        edit("    key_points:", "    pass: 0\n    key_points:"),
        7,
        ["questions[1].pass: must be at least 1"],
        id="pass-zero",
    ),
    pytest.param(
        edit("    key_points:", "    pass: 3\n    key_points:"),
        7,
        ["questions[1].pass: 3 is more than the question's 2 key point(s)"],
        id="pass-above-key-points",
    ),
    pytest.param(
        edit("[stay neutral, remain neutral]", "stay neutral"),
        10,
        ["questions[1].key_points[1].accept: must be a list", "'stay neutral'"],
        id="accept-not-a-list",
    ),
    pytest.param(
        edit("[stay neutral, remain neutral]", "[]"),
        10,
        ["questions[1].key_points[1].accept: must list at least one phrasing"],
        id="accept-empty-list",
    ),
    pytest.param(
        edit(" [stay neutral, remain neutral]", ""),
        10,
        ["questions[1].key_points[1].accept: must list at least one phrasing"],
        id="accept-empty-value",
    ),
    pytest.param(
        edit("[stay neutral, remain neutral]", "[stay neutral, '  ']"),
        10,
        ["questions[1].key_points[1].accept[2]: must not be empty"],
        id="accept-blank-phrasing",
    ),
    pytest.param(
        edit("The other would stay neutral", '"   "'),
        9,
        ["questions[1].key_points[1].point: must not be empty"],
        id="blank-point",
    ),
    pytest.param(
        edit("    prompt: What did Article 2 say?", "    prompt:"),
        6,
        ["questions[1].prompt: must not be empty"],
        id="empty-prompt",
    ),
    pytest.param(
        edit("What did Article 2 say?", "[What, did, it, say]"),
        6,
        ["questions[1].prompt: must be text, not a list"],
        id="prompt-is-a-list",
    ),
    pytest.param(
        VALID + "  - Which treaty came first?\n",
        14,
        ["questions[2]: must be a mapping of keys", "'Which treaty came first?'"],
        id="question-not-a-mapping",
    ),
    pytest.param(
        VALID.replace("  - id: berlin", "  - id: berlin treaty"),
        5,
        ["questions[1].id: 'berlin treaty' is not a valid id", "no spaces"],
        id="id-with-space",
    ),
    pytest.param(
        VALID + "  - id: berlin\n    prompt: Again?\n    key_points: [{id: a, point: A}]\n",
        14,
        ["questions[2].id: duplicate question id 'berlin' (first used on line 5)"],
        id="duplicate-question-id",
    ),
    pytest.param(
        edit("      - id: attacked", "      - id: neutral"),
        12,
        ["questions[1].key_points[2].id: duplicate key point id 'neutral' (first used on line 8)"],
        id="duplicate-key-point-id",
    ),
    pytest.param(
        VALID + MISCONCEPTIONS + MISCONCEPTIONS.split("\n", 1)[1],
        18,
        ["questions[1].misconceptions[2].id: duplicate misconception id 'alliance'", "line 15"],
        id="duplicate-misconception-id",
    ),
    pytest.param(
        edit("        evidence: berlin", "        evidence: berln"),
        11,
        [
            "questions[1].key_points[1].evidence: 'berln' is not an id in `evidence:`",
            "did you mean 'berlin'",
        ],
        id="unknown-evidence-id",
    ),
    pytest.param(
        edit("evidence:\n  berlin: Article 2 - the other would stay neutral.\n", ""),
        9,
        ["'berlin' looks like an evidence id, but the deck has no `evidence:` map"],
        id="evidence-id-without-evidence-map",
    ),
    pytest.param(
        edit("    prompt: What did Article 2 say?\n", "    prompt: One\n    prompt: Two\n"),
        7,
        ["questions[1]: key 'prompt' appears twice", "first on line 6"],
        id="duplicate-mapping-key",
    ),
    pytest.param(
        "- title: Treaties\n", 1, ["top level must be a mapping of keys", "not a list"], id="list"
    ),
    pytest.param("", 1, ["the file is empty"], id="empty-file"),
    pytest.param("# only a comment\n", 1, ["the file is empty"], id="comment-only-file"),
]


@pytest.mark.parametrize(("text", "line", "fragments"), ONE_PROBLEM_CASES)
def test_each_mistake_is_reported_once_with_file_line_and_what_is_wrong(
    tmp_path: Path, text: str, line: int, fragments: list[str]
) -> None:
    path = write(tmp_path, "deck.yaml", text)

    [problem] = problems_of(path)

    assert problem.file == str(path)
    assert problem.line == line
    for fragment in fragments:
        assert fragment in problem.message


def test_the_valid_example_loads(tmp_path: Path) -> None:
    [deck] = load_decks([write(tmp_path, "treaties.yaml", VALID)])
    assert [q.id for q in deck.questions] == ["berlin"]


def test_every_problem_in_a_file_is_reported_in_line_order(tmp_path: Path) -> None:
    text = (
        edit("        accept:", "        acept:")
        .replace("evidence: berlin", "evidence: berln")
        .replace("      - id: attacked", "      - id: neutral")
        .replace("    key_points:", "    pass: 5\n    key_points:")
    )
    path = write(tmp_path, "deck.yaml", text)

    problems = problems_of(path)

    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (7, "questions[1].pass"),
        (11, "questions[1].key_points[1]"),
        (12, "questions[1].key_points[1].evidence"),
        (13, "questions[1].key_points[2].id"),
    ]


def test_problems_in_several_files_are_all_reported(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", edit("    prompt: What did Article 2 say?\n", ""))
    second = write(tmp_path, "b.yml", "title: [broken\n")

    problems = problems_of(tmp_path)

    assert [p.file for p in problems] == [str(first), str(second)]


def test_the_same_deck_id_in_two_files_is_reported_on_the_second(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "id: treaties\n" + VALID)
    second = write(tmp_path, "b.yaml", "title: Other\nid: treaties\n" + VALID.split("\n", 1)[1])

    [problem] = problems_of(tmp_path)

    assert (problem.file, problem.line) == (str(second), 2)
    assert "deck id 'treaties' is also used by" in problem.message
    assert "a.yaml" in problem.message


def test_a_file_name_that_is_not_a_valid_id_needs_an_id_line(tmp_path: Path) -> None:
    [problem] = problems_of(write(tmp_path, "my deck.yaml", VALID))
    assert problem.line == 1
    assert "file name 'my deck' is not a valid id" in problem.message

    assert load_deck(write(tmp_path, "my deck.yaml", "id: my-deck\n" + VALID)).id == "my-deck"


def test_a_missing_path_and_an_empty_folder_are_problems(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "nope.yaml"

    problems = problems_of(missing, empty)

    assert [(p.file, p.line) for p in problems] == [(str(missing), None), (str(empty), None)]
    assert "no such file or folder" in problems[0].message
    assert "no deck files" in problems[1].message


def test_a_file_that_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    path.write_bytes(VALID.replace("Treaties", "Trait\xe9s").encode("latin-1"))

    [problem] = problems_of(path)

    assert (problem.line, problem.message) == (1, "the file is not UTF-8 text: save it as UTF-8")


def test_content_error_text_lists_file_and_line_of_each_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "deck.yaml", edit("        accept:", "        acept:"))
    with pytest.raises(ContentError) as caught:
        load_deck(path)
    assert str(caught.value).startswith(f"{path}:10: questions[1].key_points[1]: unknown key")


def test_a_folder_loads_its_yaml_and_yml_files_in_name_order(tmp_path: Path) -> None:
    write(tmp_path, "b.yml", VALID)
    write(tmp_path, "a.yaml", VALID)
    write(tmp_path, "c.txt", "not a deck")
    write(tmp_path, ".#a.yaml", "an editor's lock file")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "d.yaml", "not loaded: folders are not searched recursively")

    decks = load_decks([tmp_path])

    assert [deck.id for deck in decks] == ["a", "b"]
    assert [deck.source for deck in decks] == [str(tmp_path / "a.yaml"), str(tmp_path / "b.yml")]


def test_a_file_named_twice_is_loaded_once(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", VALID)
    assert [deck.id for deck in load_decks([tmp_path, path])] == ["a"]


def test_defaults_id_from_file_pass_all_points_accept_the_point(tmp_path: Path) -> None:
    deck = load_deck(write(tmp_path, "treaties-1926.yaml", VALID))
    question = deck.question("berlin")

    assert deck.id == "treaties-1926"
    assert (deck.title, deck.subject) == ("Treaties", None)
    assert question.pass_mark == 2
    assert question.hint is None
    assert question.misconceptions == ()
    assert question.key_point("attacked").accept == ("If one was attacked by a third country",)
    assert question.key_point("attacked").evidence is None


def test_given_values_are_kept(tmp_path: Path) -> None:
    text = (
        "id: germany\nsubject: History\n"
        + edit("    key_points:", "    pass: 1\n    hint: Neutrality.\n    key_points:")
        + MISCONCEPTIONS
    )
    deck = load_deck(write(tmp_path, "treaties.yaml", text))
    question = deck.question("berlin")

    assert (deck.id, deck.subject) == ("germany", "History")
    assert (question.pass_mark, question.hint) == (1, "Neutrality.")
    assert question.key_point("neutral").accept == ("stay neutral", "remain neutral")
    [misconception] = question.misconceptions
    assert (misconception.id, misconception.accept) == ("alliance", ("military alliance",))
    assert misconception.correction == "It was not an alliance."


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        ("berlin", "Article 2 - the other would stay neutral."),
        ("  berlin  ", "Article 2 - the other would stay neutral."),
        ("Article 2 said the other stays neutral", "Article 2 said the other stays neutral"),
    ],
)
def test_evidence_is_an_id_from_the_evidence_map_or_the_text_itself(
    tmp_path: Path, evidence: str, expected: str
) -> None:
    text = edit("        evidence: berlin", f'        evidence: "{evidence}"')
    deck = load_deck(write(tmp_path, "deck.yaml", text))
    assert deck.question("berlin").key_point("neutral").evidence == expected


def test_text_is_stripped_and_yaml_words_stay_text(tmp_path: Path) -> None:
    text = edit("[stay neutral, remain neutral]", "['  stay   neutral ', no, yes, on, 1926, 1.10]")
    text = text.replace(
        "prompt: What did Article 2 say?", "prompt: >\n      What did\n      it say?"
    )
    text = text.replace("  - id: berlin", "  - id: 1926")

    question = load_deck(write(tmp_path, "deck.yaml", text)).questions[0]

    assert question.id == "1926"
    assert question.prompt == "What did it say?"
    assert question.key_points[0].accept == ("stay neutral", "no", "yes", "on", "1926", "1.10")


def test_yaml_anchors_can_share_phrasings_but_not_contain_themselves(tmp_path: Path) -> None:
    shared = edit("[stay neutral, remain neutral]", "&neutral [stay neutral, remain neutral]")
    shared = shared.replace(
        "point: If one was attacked by a third country",
        "point: If one was attacked by a third country\n        accept: *neutral",
    )
    question = load_deck(write(tmp_path, "deck.yaml", shared)).questions[0]
    assert question.key_point("attacked").accept == ("stay neutral", "remain neutral")

    [problem] = problems_of(write(tmp_path, "deck.yaml", "title: &loop [*loop]\n"))
    assert (problem.line, problem.message) == (
        1,
        "an alias (*name) refers to a value that contains it",
    )


def test_the_example_in_the_format_documentation_loads(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "content-format.md").read_text("utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]

    deck = load_deck(write(tmp_path, "documented.yaml", example))

    question = deck.question("berlin-articles")
    assert deck.id == "stalin-foreign-policy-1924-1929"
    assert question.pass_mark == 1
    assert question.key_point("no-boycott").evidence == (
        "Article 3 - neither country would join an economic boycott against the other"
    )
