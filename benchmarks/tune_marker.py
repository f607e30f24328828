"""Choose the marker's knobs (``tutorbot.marking.Tuning``) on SemEval-2013 training data only.

Run from the repo root: ``python benchmarks/tune_marker.py ../shared/data/semeval2013-task7``.
Reads nothing but the training split; prints the best settings by Beetle 2-way macro-F1 on
it (SciEntsBank training alongside, for information). Test splits are for
``benchmarks/semeval.py`` alone.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import sys
from collections.abc import Iterator, Sequence
from dataclasses import fields, replace
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.semeval import build_deck
from benchmarks.semeval_data import TRAINING, SemevalQuestion, load_all, scores
from tutorbot import marking

logger = logging.getLogger(__name__)

GRID: dict[str, Sequence[object]] = {
    "share": (0.55, 0.6, 0.65),
    "label_weight": (0.0, 0.25),
    "light_weight": (0.0, 0.3, 0.6, 1.0),
}


def macro_f1(questions: Sequence[SemevalQuestion], corpus: str, tuning: marking.Tuning) -> float:
    marking.TUNING = tuning
    gold, predicted = [], []
    for semeval_question in questions:
        question = build_deck(corpus, semeval_question).questions[0]
        for answer in semeval_question.answers:
            gold.append(answer.correct)
            predicted.append(marking.mark(question, answer.text).passed)
    return scores(gold, predicted).macro_f1


def settings(grid: dict[str, Sequence[object]]) -> Iterator[marking.Tuning]:
    names = list(grid)
    for values in itertools.product(*(grid[n] for n in names)):
        yield replace(marking.Tuning(), **dict(zip(names, values, strict=True)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("path", type=Path, help="the semeval2013-task7 directory")
    parser.add_argument("--top", type=int, default=10, help="how many settings to print")
    args = parser.parse_args(argv)
    data = load_all(args.path, splits=[TRAINING])
    beetle, scientsbank = data["beetle", TRAINING], data["sciEntsBank", TRAINING]
    results = []
    for tuning in settings(GRID):
        results.append((macro_f1(beetle, "beetle", tuning), tuning))
    results.sort(key=lambda r: -r[0])
    default = marking.Tuning()
    print(f"default: beetle {macro_f1(beetle, 'beetle', default):.3f}")
    for f1, tuning in results[: args.top]:
        changed = {
            f.name: getattr(tuning, f.name)
            for f in fields(tuning)
            if getattr(tuning, f.name) != getattr(default, f.name)
        }
        sci = macro_f1(scientsbank, "sciEntsBank", tuning)
        print(f"beetle {f1:.3f}  sciEntsBank {sci:.3f}  {changed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
