"""Choose the marker's knobs (``tutorbot.core.marking.Tuning``) on SemEval-2013 training data only.

Run from the repo root: ``python benchmarks/tune_marker.py ../shared/data/semeval2013-task7``.
Reads nothing but the training split; prints the best settings by Beetle 2-way macro-F1 on
it, with the worst of its three modules (FaultFinding, SwitchesBulbsParallel,
SwitchesBulbsSeries) as a check on questions of another kind, and SciEntsBank training
alongside, for information. Then it sweeps ``SWEEPS`` one knob at a time: ``needed_cap``,
which only long phrasings reach (a one-sentence model answer, as in SciEntsBank, not a
deck's short phrasings), and ``prompt_optional``: the pick (``*``) is the best SciEntsBank
training macro-F1 among values within ``BEETLE_SLACK`` of the best Beetle training
macro-F1 of the sweep. Last, ``LONE_GRID``: the rule for a key point's only phrasing.
``--sweeps-only`` skips the grid. Test splits are for
``benchmarks/semeval.py`` alone.

``cross_corpus`` (printed by ``python -m benchmarks.marking_quality --semeval PATH``) checks
that knobs generalise: a grid chosen on one corpus's training split only, scored on the
other corpus's test splits.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from itertools import chain
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.semeval import MARKER, Report, build_deck
from benchmarks.semeval_data import (
    CORPORA,
    SPLITS,
    TRAINING,
    SemevalQuestion,
    load_all,
    scores,
    split_dir,
)
from tutorbot.core import marking

GRID: dict[str, Sequence[object]] = {
    "share": (0.6, 0.65, 0.7, 0.75),
    "all_words_up_to": (2, 3),
    "label_weight": (0.0, 0.5),
    "light_weight": (0.3, 1.0),
    "pronoun_credit": (0.0, 1.0),
    "condition_weight": (0.0, 1.0),
}

SWEEPS: dict[str, Sequence[object]] = {
    "needed_cap": (3.0, 3.5, 4.0, 4.5, 5.0, 6.0, 99.0),
    "prompt_optional": (False, True),
}
"""Knobs swept one at a time after the grid (other knobs as in use)."""
LONE_GRID: dict[str, Sequence[object]] = {
    "lone_share": (0.0, 0.3, 0.4, 0.5, 0.6),
    "lone_all_up_to": (2, 3, 4, 5),
}
"""The rule for a key point's only phrasing, tried last (other knobs as in use): the pick
is the best SciEntsBank training macro-F1 (one reference per question) among settings
that keep Beetle's (4.3 references) at least where it is with the rule off."""
BEETLE_SLACK = 0.005
"""Beetle training macro-F1 a swept knob may give up for SciEntsBank (long references)."""


def modules(root: Path) -> dict[str, str]:
    """Beetle training question id -> its tutoring module (FaultFinding, ...)."""
    directory = split_dir(root, "beetle", TRAINING)
    found = {}
    for path in sorted(directory.glob("*.xml")):
        element = ET.parse(path).getroot()
        found[element.get("id", "")] = element.get("module", "")
    return found


def macro_f1(questions: Sequence[SemevalQuestion], corpus: str, tuning: marking.Tuning) -> float:
    return group_f1s(questions, corpus, tuning, {})[0]


def group_f1s(
    questions: Sequence[SemevalQuestion],
    corpus: str,
    tuning: marking.Tuning,
    groups: dict[str, str],
) -> list[float]:
    """Macro-F1 on all ``questions``, then on each group of whole questions (a module).

    The groups stand in for unseen questions: settings that suit only some kinds of
    question show up as a low worst group.
    """
    marking.TUNING = tuning
    gold: dict[str, list[bool]] = {}
    predicted: dict[str, list[bool]] = {}
    for semeval_question in questions:
        question = build_deck(corpus, semeval_question).questions[0]
        group = groups.get(semeval_question.id, "")
        for answer in semeval_question.answers:
            gold.setdefault(group, []).append(answer.correct)
            predicted.setdefault(group, []).append(marking.mark(question, answer.text).passed)
    everything = scores(list(chain(*gold.values())), list(chain(*predicted.values())))
    return [everything.macro_f1] + [scores(gold[g], predicted[g]).macro_f1 for g in gold]


def known_knobs(grid: Mapping[str, Sequence[object]]) -> dict[str, Sequence[object]]:
    """The grid's knobs that ``Tuning`` has (a reworked marker may drop some)."""
    names = {f.name for f in fields(marking.Tuning)}
    return {name: values for name, values in grid.items() if name in names}


def settings(
    grid: Mapping[str, Sequence[object]], base: marking.Tuning | None = None
) -> Iterator[marking.Tuning]:
    """Every combination of the grid's known knobs, the others as in ``base``."""
    known = known_knobs(grid)
    names = list(known)
    for values in itertools.product(*(known[n] for n in names)):
        knobs: dict[str, Any] = dict(zip(names, values, strict=True))
        yield replace(base or marking.Tuning(), **knobs)


@dataclass(frozen=True)
class CrossCheck:
    """Knobs chosen on ``source`` training only, scored on ``target`` test splits."""

    source: str
    target: str
    changed: dict[str, object]
    """The chosen knobs that differ from the tuning in use."""
    training_f1: float
    test_f1: dict[str, float]


def cross_corpus(
    data: dict[tuple[str, str], list[SemevalQuestion]],
    grid: Mapping[str, Sequence[object]],
    base: marking.Tuning,
) -> list[CrossCheck]:
    """Each corpus's best grid point (training macro-F1; ties: the first) on the other's tests."""
    in_use = marking.TUNING
    checks = []
    try:
        for source, target in ((CORPORA[0], CORPORA[1]), (CORPORA[1], CORPORA[0])):
            training = data.get((source, TRAINING))
            if not training:
                continue
            tried = [(macro_f1(training, source, t), t) for t in settings(grid, base)]
            best_f1, best = max(tried, key=lambda pair: pair[0])
            tests = {
                split: macro_f1(data[target, split], target, best)
                for split in SPLITS
                if split != TRAINING and (target, split) in data
            }
            changed = {
                name: getattr(best, name)
                for name in known_knobs(grid)
                if getattr(best, name) != getattr(base, name)
            }
            checks.append(CrossCheck(source, target, changed, best_f1, tests))
    finally:
        marking.TUNING = in_use
    return checks


def format_cross(checks: Sequence[CrossCheck], report: Report, tried: Sequence[str]) -> str:
    in_use = {
        (row.corpus, row.split): row.scores.macro_f1
        for row in report.rows
        if row.marker == MARKER and row.scores is not None
    }
    lines = [f"cross-corpus check: knobs {', '.join(tried) or '(none in Tuning)'}"]
    for check in checks:
        chosen = ", ".join(f"{k}={v}" for k, v in check.changed.items()) or "the tuning in use"
        lines.append(
            f"  chosen on {check.source} training only ({check.training_f1:.3f}): {chosen}"
        )
        for split, f1 in check.test_f1.items():
            before = in_use.get((check.target, split))
            beside = f"  (tuning in use: {before:.3f})" if before is not None else ""
            lines.append(f"    {check.target:<12} {split:<22} macro-F1 {f1:.3f}{beside}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("path", type=Path, help="the semeval2013-task7 directory")
    parser.add_argument("--top", type=int, default=10, help="how many settings to print")
    parser.add_argument("--sweeps-only", action="store_true", help="skip the grid")
    args = parser.parse_args(argv)
    data = load_all(args.path, splits=[TRAINING])
    beetle, scientsbank = data["beetle", TRAINING], data["sciEntsBank", TRAINING]
    groups = modules(args.path)
    results = []
    for tuning in [] if args.sweeps_only else settings(GRID):
        f1s = group_f1s(beetle, "beetle", tuning, groups)
        results.append((f1s[0], min(f1s[1:]), tuning))
    results.sort(key=lambda r: (-r[0], -r[1]))
    default = marking.Tuning()
    f1s = group_f1s(beetle, "beetle", default, groups)
    print(f"default: beetle {f1s[0]:.3f} worst module {min(f1s[1:]):.3f}")
    for f1, worst, tuning in results[: args.top]:
        changed = {
            f.name: getattr(tuning, f.name)
            for f in fields(tuning)
            if getattr(tuning, f.name) != getattr(default, f.name)
        }
        sci = macro_f1(scientsbank, "sciEntsBank", tuning)
        print(f"beetle {f1:.3f} worst module {worst:.3f}  sciEntsBank {sci:.3f}  {changed}")
    for knob, values in SWEEPS.items():
        _sweep(beetle, scientsbank, groups, default, knob, values)
    _lone_grid(beetle, scientsbank, groups, default)
    return 0


def _lone_grid(
    beetle: Sequence[SemevalQuestion],
    scientsbank: Sequence[SemevalQuestion],
    groups: dict[str, str],
    default: marking.Tuning,
) -> None:
    """``LONE_GRID``, the other knobs as in use; ``*`` marks the pick."""
    print("a key point's only phrasing (other knobs as in use):")
    in_use = marking.TUNING
    tried = []
    try:
        off = group_f1s(beetle, "beetle", replace(default, lone_share=0.0), groups)[0]
        for tuning in settings(LONE_GRID, default):
            if not tuning.lone_share and tuning.lone_all_up_to != default.lone_all_up_to:
                continue  # the rule off: its other knob does nothing
            f1s = group_f1s(beetle, "beetle", tuning, groups)
            sci = macro_f1(scientsbank, "sciEntsBank", tuning)
            tried.append((tuning, f1s[0], min(f1s[1:]), sci))
    finally:
        marking.TUNING = in_use
    kept = [t for t in tried if t[1] >= off - 1e-9]
    pick = max(kept, key=lambda t: (t[3], t[1]))[0] if kept else None
    for tuning, f1, worst, sci in tried:
        mark = "*" if tuning == pick else " "
        print(
            f"{mark} lone_share {tuning.lone_share:.2f} lone_all_up_to {tuning.lone_all_up_to}: "
            f"beetle {f1:.3f} worst module {worst:.3f}  sciEntsBank {sci:.3f}"
        )


def _sweep(
    beetle: Sequence[SemevalQuestion],
    scientsbank: Sequence[SemevalQuestion],
    groups: dict[str, str],
    default: marking.Tuning,
    knob: str,
    values: Sequence[object],
) -> None:
    """One knob over ``values``, the others as in use; ``*`` marks the pick."""
    print(f"{knob} (other knobs as in use):")
    sweep = []
    for value in values:
        knobs: dict[str, Any] = {knob: value}
        tuning = replace(default, **knobs)
        f1s = group_f1s(beetle, "beetle", tuning, groups)
        sweep.append((value, f1s[0], min(f1s[1:]), macro_f1(scientsbank, "sciEntsBank", tuning)))
    floor = max(f1 for _, f1, _, _ in sweep) - BEETLE_SLACK
    pick = max((s for s in sweep if s[1] >= floor), key=lambda s: (s[3], str(s[0])))
    for value, f1, worst, sci in sweep:
        mark = "*" if value == pick[0] else " "
        print(
            f"{mark} {value!s:>5}: beetle {f1:.3f} worst module {worst:.3f}  sciEntsBank {sci:.3f}"
        )


if __name__ == "__main__":
    sys.exit(main())
