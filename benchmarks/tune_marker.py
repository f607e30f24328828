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
from itertools import chain
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.semeval import build_deck
from benchmarks.semeval_data import TRAINING, SemevalQuestion, load_all, scores
from tutorbot import marking

logger = logging.getLogger(__name__)

GRID: dict[str, Sequence[object]] = {
    "share": (0.6,),
    "label_weight": (0.0,),
    "light_weight": (0.3,),
    "pronoun_credit": (1.0,),
    "negation_reach": (1, 2, 3),
    "window_slack": (4, 10),
    "short_word_ratio": (80.0, 83.0, 87.0),
    "word_ratio": (75.0, 80.0, 85.0),
}


FOLDS = 5


def macro_f1(questions: Sequence[SemevalQuestion], corpus: str, tuning: marking.Tuning) -> float:
    return fold_f1s(questions, corpus, tuning)[0]


def fold_f1s(
    questions: Sequence[SemevalQuestion], corpus: str, tuning: marking.Tuning
) -> list[float]:
    """Macro-F1 on all ``questions``, then on each of FOLDS groups of whole questions.

    The groups stand in for unseen questions: settings that only suit some questions
    show up as a low worst group.
    """
    marking.TUNING = tuning
    gold: list[list[bool]] = [[] for _ in range(FOLDS)]
    predicted: list[list[bool]] = [[] for _ in range(FOLDS)]
    for number, semeval_question in enumerate(questions):
        question = build_deck(corpus, semeval_question).questions[0]
        for answer in semeval_question.answers:
            gold[number % FOLDS].append(answer.correct)
            predicted[number % FOLDS].append(marking.mark(question, answer.text).passed)
    everything = scores(list(chain(*gold)), list(chain(*predicted))).macro_f1
    return [everything] + [scores(g, p).macro_f1 for g, p in zip(gold, predicted, strict=True)]


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
        f1s = fold_f1s(beetle, "beetle", tuning)
        results.append((f1s[0], min(f1s[1:]), tuning))
    results.sort(key=lambda r: -r[0] - r[1])
    default = marking.Tuning()
    f1s = fold_f1s(beetle, "beetle", default)
    print(f"default: beetle {f1s[0]:.3f} worst group {min(f1s[1:]):.3f}")
    for f1, worst, tuning in results[: args.top]:
        changed = {
            f.name: getattr(tuning, f.name)
            for f in fields(tuning)
            if getattr(tuning, f.name) != getattr(default, f.name)
        }
        sci = macro_f1(scientsbank, "sciEntsBank", tuning)
        print(f"beetle {f1:.3f} worst group {worst:.3f}  sciEntsBank {sci:.3f}  {changed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
