"""How well the marker marks answers like real students': labelled answers, then SemEval-2013.

Run from the repo root: ``python -m benchmarks.marking_quality`` (``--split dev|test|both``,
``--show-errors``, ``--semeval ../shared/data/semeval2013-task7``).

The labelled answers (``benchmarks/data/stalin-{dev,test}.yaml``, labelling rules in
``benchmarks/data/README.md``) are marked with ``tutorbot.core.marking.mark`` against the bundled
deck. Printed overall and per kind: key-point precision / recall / F1, micro over
(answer, key point) pairs; misconception precision / recall; pass/fail agreement, where the
expected verdict passes when the labelled points reach the question's pass mark, include
its required points, and no misconception is labelled. Tune on the dev half only.

With ``--semeval``: the 2-way figures of ``benchmarks/semeval.py`` on every split, then a
cross-corpus check: a small grid of ``Tuning`` knobs is chosen on one corpus's training
split only and scored on the other corpus's test splits.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks import semeval, tune_marker
from benchmarks.semeval_data import CORPORA, SPLITS, TRAINING, DataError, load_all
from tutorbot.adapters.deck_files.loading import load_deck
from tutorbot.core import marking
from tutorbot.core.deck import Deck, Question

REPO = Path(__file__).resolve().parent.parent
DECK = REPO / "content" / "stalin-foreign-policy-1924-1929.yaml"
DATA = REPO / "benchmarks" / "data"
HALVES = ("dev", "test")
KINDS = (
    "notes-words",
    "paraphrase",
    "slang",
    "typos",
    "keywords",
    "denial",
    "not-x-but-y",
    "misconception",
    "partial",
    "off-topic",
    "rambling",
    "who-did-what",
)
CROSS_GRID: dict[str, Sequence[object]] = {
    "share": (0.55, 0.65, 0.75),
    "needed_cap": (3.0, 4.0, 6.0),
    "prompt_weight": (0.5, 1.0),
    "lone_share": (0.0, 0.5),
}
"""Knobs tried in the cross-corpus check; those ``Tuning`` no longer has are skipped."""


@dataclass(frozen=True)
class Labelled:
    question: str
    kind: str
    answer: str
    credit: frozenset[str]
    misconceptions: frozenset[str]


@dataclass(frozen=True)
class Outcome:
    """One labelled answer beside what the marker made of it."""

    item: Labelled
    credited: frozenset[str]
    flagged: frozenset[str]
    passed: bool
    expected_pass: bool

    @property
    def agrees(self) -> bool:
        return (
            self.credited == self.item.credit
            and self.flagged == self.item.misconceptions
            and self.passed == self.expected_pass
        )


@dataclass(frozen=True)
class Quality:
    n: int
    point_tp: int
    point_fp: int
    point_fn: int
    mis_tp: int
    mis_fp: int
    mis_fn: int
    pass_agree: int

    @property
    def precision(self) -> float | None:
        return _ratio(self.point_tp, self.point_tp + self.point_fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.point_tp, self.point_tp + self.point_fn)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.point_tp, 2 * self.point_tp + self.point_fp + self.point_fn)

    @property
    def mis_precision(self) -> float | None:
        return _ratio(self.mis_tp, self.mis_tp + self.mis_fp)

    @property
    def mis_recall(self) -> float | None:
        return _ratio(self.mis_tp, self.mis_tp + self.mis_fn)

    @property
    def agreement(self) -> float | None:
        return _ratio(self.pass_agree, self.n)


def _ratio(part: int, whole: int) -> float | None:
    """None when undefined (nothing to count), never a made-up 0 or 1."""
    return part / whole if whole else None


def load_labelled(path: Path) -> list[Labelled]:
    """The entries of one half; DataError names the file and entry when one is malformed."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: {exc}") from exc
    if not isinstance(entries, list):
        raise DataError(f"{path}: expected a list of labelled answers")
    out = []
    for number, entry in enumerate(entries, 1):
        try:
            out.append(
                Labelled(
                    question=str(entry["question"]),
                    kind=str(entry["kind"]),
                    answer=str(entry["answer"]),
                    credit=frozenset(entry["credit"]),
                    misconceptions=frozenset(entry["misconceptions"]),
                )
            )
        except (KeyError, TypeError) as exc:
            raise DataError(f"{path}: entry {number} lacks or misshapes {exc}") from exc
    return out


def expected_pass(question: Question, credit: Iterable[str], misconceptions: Iterable[str]) -> bool:
    """What a fair teacher's labels make of the answer: the deck's pass rule on them."""
    shown = set(credit)
    required = set(getattr(question, "require", ()))
    return len(shown) >= question.pass_mark and required <= shown and not any(misconceptions)


def mark_labelled(
    deck: Deck, items: Sequence[Labelled], marker: Callable[[Question, str], marking.Verdict]
) -> list[Outcome]:
    outcomes = []
    for item in items:
        question = deck.question(item.question)
        verdict = marker(question, item.answer)
        outcomes.append(
            Outcome(
                item=item,
                credited=frozenset(p.point.id for p in verdict.hit),
                flagged=frozenset(m.misconception.id for m in verdict.misconceptions),
                passed=verdict.passed,
                expected_pass=expected_pass(question, item.credit, item.misconceptions),
            )
        )
    return outcomes


def quality(outcomes: Iterable[Outcome]) -> Quality:
    counts = [0] * 8
    for o in outcomes:
        gold, got = o.item.credit, o.credited
        gold_mis, got_mis = o.item.misconceptions, o.flagged
        for i, value in enumerate(
            (
                1,
                len(gold & got),
                len(got - gold),
                len(gold - got),
                len(gold_mis & got_mis),
                len(got_mis - gold_mis),
                len(gold_mis - got_mis),
                o.passed == o.expected_pass,
            )
        ):
            counts[i] += int(value)
    return Quality(*counts)


def by_kind(outcomes: Iterable[Outcome]) -> dict[str, Quality]:
    """Quality per kind, in the fixed order of ``KINDS`` (kinds with no answer left out)."""
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        groups.setdefault(o.item.kind, []).append(o)
    order = [k for k in KINDS if k in groups] + sorted(set(groups) - set(KINDS))
    return {kind: quality(groups[kind]) for kind in order}


def _cell(value: float | None) -> str:
    return f"{value:.3f}" if value is not None else "-"


def format_quality(title: str, overall: Quality, kinds: dict[str, Quality]) -> str:
    header = (
        f"{'kind':<15} {'n':>4} {'pt-P':>6} {'pt-R':>6} {'pt-F1':>6} "
        f"{'mis-P':>6} {'mis-R':>6} {'pass/fail':>14}"
    )
    lines = [title, header, "-" * len(header)]
    for name, q in [("overall", overall), *kinds.items()]:
        agreement = f"{q.pass_agree}/{q.n} {_cell(q.agreement)}"
        lines.append(
            f"{name:<15} {q.n:>4} {_cell(q.precision):>6} {_cell(q.recall):>6} "
            f"{_cell(q.f1):>6} {_cell(q.mis_precision):>6} {_cell(q.mis_recall):>6} "
            f"{agreement:>14}"
        )
    return "\n".join(lines)


def format_errors(outcomes: Iterable[Outcome]) -> str:
    def ids(values: frozenset[str]) -> str:
        return ", ".join(sorted(values)) or "-"

    lines = []
    for o in outcomes:
        if o.agrees:
            continue
        verdict = {True: "pass", False: "fail"}
        lines += [
            f"[{o.item.kind}] {o.item.question}: {o.item.answer}",
            f"    expected {verdict[o.expected_pass]}: points {ids(o.item.credit)}; "
            f"misconceptions {ids(o.item.misconceptions)}",
            f"    got      {verdict[o.passed]}: points {ids(o.credited)}; "
            f"misconceptions {ids(o.flagged)}",
        ]
    return "\n".join(lines) if lines else "(no disagreements)"


def semeval_block(path: Path) -> str:
    data = load_all(path)
    corpora = [c for c in CORPORA if (c, TRAINING) in data]
    report = semeval.run(data, corpora, SPLITS)
    tried = list(tune_marker.known_knobs(CROSS_GRID))
    checks = tune_marker.cross_corpus(data, CROSS_GRID, marking.TUNING) if tried else []
    return "\n\n".join(
        [
            "SemEval-2013 Task 7, 2-way",
            semeval.format_table(report),
            tune_marker.format_cross(checks, report, tried),
        ]
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=(*HALVES, "both"), default="dev")
    parser.add_argument("--semeval", type=Path, help="the semeval2013-task7 directory")
    parser.add_argument(
        "--show-errors", action="store_true", help="list every answer marked unlike its labels"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    halves = HALVES if args.split == "both" else (args.split,)
    try:
        deck = load_deck(DECK)
        everything: list[Outcome] = []
        for half in halves:
            items = load_labelled(DATA / f"stalin-{half}.yaml")
            outcomes = mark_labelled(deck, items, marking.mark)
            everything += outcomes
            title = f"labelled answers, {half} half ({deck.id})"
            print(format_quality(title, quality(outcomes), by_kind(outcomes)))
            if args.show_errors:
                print(f"\ndisagreements, {half} half:\n{format_errors(outcomes)}")
            print()
        if len(halves) > 1:
            title = f"labelled answers, both halves ({deck.id})"
            print(format_quality(title, quality(everything), by_kind(everything)) + "\n")
        if args.semeval is None:
            print("SemEval-2013: skipped (give --semeval PATH to the semeval2013-task7 directory)")
        else:
            print(semeval_block(args.semeval))
    except DataError as exc:
        print(f"marking_quality: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
