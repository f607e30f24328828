"""How well the marker agrees with human markers: SemEval-2013 Task 7, 2-way.

Run from the repo root: ``python benchmarks/semeval.py ../shared/data/semeval2013-task7``
(``--corpus beetle``, ``--split test-unseen-answers``, ``--json``).

Each question becomes a one-question deck whose single key point accepts every reference
answer as a phrasing (pass mark 1); every student answer is marked with
``tutorbot.core.marking.mark``, the code path of ``tutorbot mark``, and counts as correct when
the verdict passes. Beside it, in the same run: the majority label of the corpus's training
split, and a plain ``rapidfuzz.fuzz.partial_ratio`` marker (best score over the reference
answers, lowercased) whose threshold is tuned for macro-F1 on that training split only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from rapidfuzz import fuzz

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.semeval_data import (
    CORPORA,
    SPLITS,
    TRAINING,
    DataError,
    Scores,
    SemevalQuestion,
    load_all,
    scores,
)
from tutorbot.core.deck import Deck, KeyPoint, Question
from tutorbot.core.marking import mark

MARKER = "tutorbot"
PARTIAL = "partial_ratio"
MAJORITY = "majority"
THRESHOLDS = range(101)


def build_deck(corpus: str, question: SemevalQuestion) -> Deck:
    """One question, one key point, every accepted reference answer a phrasing."""
    accepted = question.accepted
    point = KeyPoint(id="reference", point=accepted[0], accept=accepted)
    return Deck(
        id=f"semeval-{corpus}-{question.id}",
        title=question.text,
        questions=(
            Question(id=question.id, prompt=question.text, key_points=(point,), pass_mark=1),
        ),
        source="SemEval-2013 Task 7",
    )


def gold(questions: Sequence[SemevalQuestion]) -> list[bool]:
    return [a.correct for q in questions for a in q.answers]


def partial_ratio_scores(questions: Sequence[SemevalQuestion]) -> list[float]:
    """Per student answer: best partial_ratio against the accepted reference answers."""
    out = []
    for question in questions:
        references = [r.lower() for r in question.accepted]
        for answer in question.answers:
            text = answer.text.lower()
            out.append(max(fuzz.partial_ratio(r, text) for r in references))
    return out


def tune_threshold(gold_labels: Sequence[bool], similarity: Sequence[float]) -> int:
    """The lowest threshold in 0..100 with the best macro-F1 of ``similarity >= threshold``."""
    best = max(
        THRESHOLDS,
        key=lambda t: (scores(gold_labels, [s >= t for s in similarity]).macro_f1, -t),
    )
    return best


def marker_predictions(
    corpus: str, questions: Sequence[SemevalQuestion], marker: Callable[[Question, str], bool]
) -> tuple[list[bool], float]:
    """(predictions, seconds spent inside the marker)."""
    predicted = []
    spent = 0.0
    for semeval_question in questions:
        question = build_deck(corpus, semeval_question).questions[0]
        for answer in semeval_question.answers:
            began = time.perf_counter()
            passed = marker(question, answer.text)
            spent += time.perf_counter() - began
            predicted.append(passed)
    return predicted, spent


def passes(question: Question, answer: str) -> bool:
    return mark(question, answer).passed


@dataclass(frozen=True)
class Row:
    corpus: str
    split: str
    marker: str
    scores: Scores | None
    """None when the marker could not run (e.g. not implemented yet)."""


@dataclass(frozen=True)
class Report:
    rows: tuple[Row, ...]
    thresholds: dict[str, int]
    majority: dict[str, str]
    answers_per_second: dict[str, float]
    note: str = ""


def run(
    data: dict[tuple[str, str], list[SemevalQuestion]],
    corpora: Sequence[str],
    splits: Sequence[str],
    marker: Callable[[Question, str], bool] = passes,
) -> Report:
    rows: list[Row] = []
    thresholds: dict[str, int] = {}
    majority: dict[str, str] = {}
    timing = {MARKER: [0.0, 0.0], PARTIAL: [0.0, 0.0]}
    note = ""
    for corpus in corpora:
        training = data.get((corpus, TRAINING))
        if not training:
            raise DataError(f"no training split for {corpus}: the baselines are tuned on it")
        train_gold = gold(training)
        majority_label = sum(train_gold) * 2 > len(train_gold)
        majority[corpus] = "correct" if majority_label else "incorrect"
        thresholds[corpus] = tune_threshold(train_gold, partial_ratio_scores(training))
        for split in splits:
            questions = data.get((corpus, split))
            if not questions:
                continue
            labels = gold(questions)
            result: Scores | None = None
            if not note:
                try:
                    predicted, spent = marker_predictions(corpus, questions, marker)
                except NotImplementedError as exc:
                    note = f"tutorbot.core.marking.mark is not implemented yet ({exc})"
                else:
                    result = scores(labels, predicted)
                    timing[MARKER][0] += len(predicted)
                    timing[MARKER][1] += spent
            began = time.perf_counter()
            similarity = partial_ratio_scores(questions)
            timing[PARTIAL][0] += len(similarity)
            timing[PARTIAL][1] += time.perf_counter() - began
            rows += [
                Row(corpus, split, MARKER, result),
                Row(
                    corpus,
                    split,
                    PARTIAL,
                    scores(labels, [s >= thresholds[corpus] for s in similarity]),
                ),
                Row(corpus, split, MAJORITY, scores(labels, [majority_label] * len(labels))),
            ]
    rates = {name: n / spent for name, (n, spent) in timing.items() if spent > 0}
    return Report(tuple(rows), thresholds, majority, rates, note)


def format_table(report: Report) -> str:
    header = (
        f"{'corpus':<12} {'split':<22} {'marker':<22} {'n':>5} "
        f"{'accuracy':>9} {'macro-F1':>9} {'weighted-F1':>12}"
    )
    lines = [header, "-" * len(header)]
    previous = ("", "")
    for row in report.rows:
        if row.marker == PARTIAL:
            label = f"partial_ratio >= {report.thresholds[row.corpus]}"
        elif row.marker == MAJORITY:
            label = f"majority ({report.majority[row.corpus]})"
        else:
            label = "tutorbot.core.marking.mark"
        place = (row.corpus, row.split)
        corpus, split = place if place != previous else ("", "")
        previous = place
        if row.scores is None:
            lines.append(f"{corpus:<12} {split:<22} {label:<22} {'(not run)':>5}")
            continue
        s = row.scores
        lines.append(
            f"{corpus:<12} {split:<22} {label:<22} {s.n:>5} "
            f"{s.accuracy:>9.3f} {s.macro_f1:>9.3f} {s.weighted_f1:>12.3f}"
        )
    lines.append("")
    for name, rate in report.answers_per_second.items():
        lines.append(f"{name}: {rate:,.0f} answers/second")
    if report.note:
        lines.append(f"note: {report.note}")
    return "\n".join(lines)


def to_json(report: Report) -> str:
    return json.dumps(
        {
            "results": [
                {"corpus": r.corpus, "split": r.split, "marker": r.marker}
                | (asdict(r.scores) if r.scores else {"error": report.note})
                for r in report.rows
            ],
            "partial_ratio_thresholds": report.thresholds,
            "majority_labels": report.majority,
            "answers_per_second": report.answers_per_second,
        },
        indent=2,
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("path", type=Path, help="the semeval2013-task7 directory")
    parser.add_argument(
        "--corpus", choices=CORPORA, action="append", help="only this corpus (repeatable)"
    )
    parser.add_argument(
        "--split", choices=SPLITS, action="append", help="only this split (repeatable)"
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    splits = args.split or list(SPLITS)
    try:
        data = load_all(
            args.path, args.corpus or CORPORA, sorted({TRAINING, *splits}, key=SPLITS.index)
        )
        corpora = args.corpus or [c for c in CORPORA if any(corpus == c for corpus, _ in data)]
        report = run(data, corpora, splits)
    except DataError as exc:
        print(f"semeval: error: {exc}", file=sys.stderr)
        return 2
    print(to_json(report) if args.json else format_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
