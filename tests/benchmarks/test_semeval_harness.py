"""The SemEval-2013 harness: scores, XML reading, deck building, the report (invented data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import tune_marker
from benchmarks.semeval import build_deck, format_table, main, run, tune_threshold
from benchmarks.semeval_data import DataError, Scores, load_all, parse_question, scores
from tutorbot.core import marking
from tutorbot.core.deck import Question

T, F = True, False

QUESTION_XML = """<?xml version="1.0"?>
<question qtype="Q_EXPLAIN_SPECIFIC" id="KETTLE_WHY" module="Kitchen" stype="EVALUATE">
  <questionText>Why did the   kettle switch off?</questionText>
  <referenceAnswers>
    <referenceAnswer category="BEST" id="a1">the water reached boiling point</referenceAnswer>
    <referenceAnswer category="GOOD" id="a2" fileID="K2">the water boiled</referenceAnswer>
    <referenceAnswer category="MINIMAL" id="a3" fileID="K3">it got hot enough</referenceAnswer>
    <referenceAnswer category="KEYWORD" id="a4" fileID="K4">boiling</referenceAnswer>
    <referenceAnswer category="GOOD" id="a5" fileID="NONE">the water boiled</referenceAnswer>
  </referenceAnswers>
  <studentAnswers>
    <studentAnswer count="2" answerMatch="a2" id="s1" accuracy="correct">because the water
      boiled</studentAnswer>
    <studentAnswer count="1" id="s2" accuracy="incorrect">it ran out of power</studentAnswer>
    <studentAnswer count="1" id="s3" accuracy="incorrect">i dont know</studentAnswer>
  </studentAnswers>
</question>
"""


def xml_question(qid: str, labels: list[tuple[str, str]]) -> str:
    answers = "".join(
        f'<studentAnswer id="{qid}.{i}" accuracy="{label}">{text}</studentAnswer>'
        for i, (text, label) in enumerate(labels)
    )
    return (
        f'<question id="{qid}"><questionText>What melts ice?</questionText>'
        '<referenceAnswers><referenceAnswer id="r1">heat melts the ice</referenceAnswer>'
        f"</referenceAnswers><studentAnswers>{answers}</studentAnswers></question>"
    )


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """An invented corpus laid out like the real one: training, mostly incorrect; one test split."""
    training = tmp_path / "data" / "training" / "2way" / "beetle"
    test = tmp_path / "data" / "test" / "2way" / "beetle" / "test-unseen-answers"
    for directory in (training, test):
        directory.mkdir(parents=True)
    (training / "ICE.xml").write_text(
        xml_question(
            "ICE",
            [
                ("heat melts the ice", "correct"),
                ("the sun", "incorrect"),
                ("cold", "incorrect"),
                ("no idea", "incorrect"),
            ],
        )
    )
    (test / "ICE.xml").write_text(
        xml_question("ICE", [("heat melts it", "correct"), ("wind", "incorrect")])
    )
    return tmp_path


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ([T, F, T, F], [T, F, T, F], Scores(4, 1.0, 1.0, 1.0)),
        ([T, F], [F, T], Scores(2, 0.0, 0.0, 0.0)),
        # F1(correct) = 4/6, F1(incorrect) = 2/4; weighted by support 3 and 2.
        (
            [T, T, T, F, F],
            [T, T, F, T, F],
            Scores(5, 0.6, (4 / 6 + 0.5) / 2, (4 / 6 * 3 + 0.5 * 2) / 5),
        ),
        # Always "incorrect": F1(incorrect) = 6/7, F1(correct) = 0.
        ([T, F, F, F], [F, F, F, F], Scores(4, 0.75, 3 / 7, 6 / 7 * 3 / 4)),
        # Only one label anywhere: averaged over that label alone.
        ([F, F], [F, F], Scores(2, 1.0, 1.0, 1.0)),
        ([], [], Scores(0, 0.0, 0.0, 0.0)),
    ],
)
def test_scores_match_hand_computed_tables(
    gold: list[bool], predicted: list[bool], expected: Scores
) -> None:
    got = scores(gold, predicted)
    assert got.n == expected.n
    assert got.accuracy == pytest.approx(expected.accuracy)
    assert got.macro_f1 == pytest.approx(expected.macro_f1)
    assert got.weighted_f1 == pytest.approx(expected.weighted_f1)


def test_scores_refuse_predictions_of_another_length() -> None:
    with pytest.raises(ValueError, match="3 gold labels but 2 predictions"):
        scores([T, F, T], [T, F])


def test_parse_reads_question_references_and_labelled_answers() -> None:
    question = parse_question(QUESTION_XML)
    assert question.id == "KETTLE_WHY"
    assert question.text == "Why did the kettle switch off?"
    assert [r.category for r in question.references] == [
        "BEST",
        "GOOD",
        "MINIMAL",
        "KEYWORD",
        "GOOD",
    ]
    assert question.accepted == (
        "the water reached boiling point",
        "the water boiled",
        "it got hot enough",
        "boiling",
    )
    assert [(a.id, a.text, a.correct) for a in question.answers] == [
        ("s1", "because the water boiled", True),
        ("s2", "it ran out of power", False),
        ("s3", "i dont know", False),
    ]


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<question id='q'><referenceAnswers>", "not XML"),
        ("<answers id='q'/>", "expected a <question"),
        (xml_question("Q", [("x", "partially_correct")]), "accuracy='partially_correct'"),
        ("<question id='q'><questionText>?</questionText></question>", "no usable reference"),
    ],
)
def test_parse_rejects_files_that_are_not_two_way_questions(xml: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        parse_question(xml, "q.xml")


def test_deck_has_one_key_point_accepting_every_reference_answer() -> None:
    deck = build_deck("beetle", parse_question(QUESTION_XML))
    (question,) = deck.questions
    (point,) = question.key_points
    assert isinstance(question, Question)
    assert question.pass_mark == 1
    assert question.prompt == "Why did the kettle switch off?"
    assert point.accept == (
        "the water reached boiling point",
        "the water boiled",
        "it got hot enough",
        "boiling",
    )


def test_threshold_is_the_lowest_that_best_separates_training() -> None:
    assert tune_threshold([T, T, F, F], [90, 80, 60, 50]) == 61


def test_load_finds_each_corpus_and_split_present(data_root: Path) -> None:
    data = load_all(data_root)
    assert sorted(data) == [("beetle", "test-unseen-answers"), ("beetle", "training")]
    assert len(data["beetle", "training"][0].answers) == 4


def test_report_scores_every_split_beside_baselines_tuned_on_training(data_root: Path) -> None:
    report = run(
        load_all(data_root), ["beetle"], ["test-unseen-answers"], marker=lambda q, a: "heat" in a
    )
    by_marker = {row.marker: row.scores for row in report.rows}
    assert report.majority == {"beetle": "incorrect"}
    assert by_marker["tutorbot"] == Scores(2, 1.0, 1.0, 1.0)
    assert by_marker["majority"] is not None
    assert by_marker["majority"].accuracy == 0.5
    assert set(report.answers_per_second) == {"tutorbot", "partial_ratio"}
    table = format_table(report)
    assert "partial_ratio >= " in table
    assert "majority (incorrect)" in table


def test_report_still_gives_baselines_when_the_marker_is_not_written(data_root: Path) -> None:
    def unwritten(question: Question, answer: str) -> bool:
        raise NotImplementedError("mark")

    report = run(load_all(data_root), ["beetle"], ["test-unseen-answers"], marker=unwritten)
    rows = {row.marker: row.scores for row in report.rows}
    assert rows["tutorbot"] is None
    assert rows["partial_ratio"] is not None
    assert "not implemented" in format_table(report)


def test_json_output_lists_scores_per_corpus_split_and_marker(
    data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(data_root), "--json", "--split", "test-unseen-answers"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {(r["corpus"], r["split"], r["marker"]) for r in printed["results"]} == {
        ("beetle", "test-unseen-answers", m) for m in ("tutorbot", "partial_ratio", "majority")
    }
    assert printed["majority_labels"] == {"beetle": "incorrect"}


@pytest.mark.parametrize("name", ["missing", "."])
def test_a_path_without_data_is_one_line_error_and_exit_2(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("semeval: error: ")
    assert err.count("\n") == 1


def test_a_corpus_without_training_split_is_refused(data_root: Path) -> None:
    with pytest.raises(DataError, match="no training split for sciEntsBank"):
        run(load_all(data_root), ["sciEntsBank"], ["training"])


def _question(qid: str, prompt: str, references: list[str], labels: list[tuple[str, str]]) -> str:
    refs = "".join(
        f'<referenceAnswer id="r{i}">{text}</referenceAnswer>' for i, text in enumerate(references)
    )
    answers = "".join(
        f'<studentAnswer id="{qid}.{i}" accuracy="{label}">{text}</studentAnswer>'
        for i, (text, label) in enumerate(labels)
    )
    return (
        f'<question id="{qid}"><questionText>{prompt}</questionText>'
        f"<referenceAnswers>{refs}</referenceAnswers><studentAnswers>{answers}</studentAnswers>"
        "</question>"
    )


def test_the_lone_phrasing_grid_picks_a_setting_that_lifts_one_reference_questions_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    spoon = _question(
        "SPOON",
        "Jo put a metal spoon and a wooden spoon in hot soup. Why did the metal spoon get hot"
        " first?",
        ["The metal spoon got hot first because metal is a good conductor of heat."],
        [
            ("it's a good conductor of heat", "correct"),
            ("it is a good conductor of heat energy", "correct"),
            ("the soup is hot", "incorrect"),
            ("wood", "incorrect"),
        ],
    )
    kettle = parse_question(QUESTION_XML)
    in_use = marking.TUNING
    tune_marker._lone_grid(
        [kettle], [parse_question(spoon)], {kettle.id: "Kitchen"}, marking.Tuning()
    )
    lines = capsys.readouterr().out.splitlines()
    (picked,) = [line for line in lines if line.startswith("*")]
    assert "lone_share 0.00" not in picked
    assert "sciEntsBank 1.000" in picked
    assert any("lone_share 0.00" in line and "sciEntsBank 0.333" in line for line in lines)
    assert marking.TUNING is in_use
