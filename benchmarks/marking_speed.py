"""How fast the marker is: answers per second and p99 latency, beside a plain difflib marker.

Run: ``python benchmarks/marking_speed.py``. Two workloads, both measured in this run:

* ``synthetic``: a 60-word answer against 5 key points with 4 phrasings each (the target
  is at least 5,000 answers a second on one core);
* ``deck``: every question of the bundled deck, answered with its own phrasings and
  evidence, with typos.

Answers vary (seeded), so caches of words seen before help only as much as they would
with real students, who reuse most words; the "word caches cold" row empties them before
every answer. Figures move by 10-20% with the machine's load: compare rows of one run.

``--old PATH`` also measures the marker of another checkout in the same run (e.g. ``git
worktree add /tmp/old-marker 825ae08``): that checkout's own copy of this script runs,
with the checkout first on the import path, before and after this one's rows.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tutorbot.core import marking
from tutorbot.core.deck import KeyPoint, Question
from tutorbot.core.marking import lexicon, mark, normalise, phrasing

ROOT = Path(__file__).resolve().parent.parent
DECK = ROOT / "content" / "stalin-foreign-policy-1924-1929.yaml"
SEED = 20261127
DIFFLIB_THRESHOLD = 0.8

Marker = Callable[[Question, str], object]

SYNTHETIC_POINTS = (
    ("neutral", ("stay neutral", "remain neutral", "neutrality if attacked", "not take sides")),
    (
        "boycott",
        (
            "no economic boycott",
            "neither would join a boycott",
            "not boycott each other",
            "no boycott against the other",
        ),
    ),
    (
        "credits",
        (
            "huge credits from German banks",
            "German loans in 1926",
            "financial credits from Germany",
            "German banks lent money",
        ),
    ),
    (
        "china",
        (
            "supported the GMD",
            "urged the CCP to join the GMD",
            "backed the Guomindang",
            "intervened in China",
        ),
    ),
    (
        "trotsky",
        (
            "criticised by Trotsky",
            "Trotsky accused Stalin of betraying communism",
            "criticised at the 1927 Party Congress",
            "attacked by the Left Opposition",
        ),
    ),
)
FILLER = str.split(
    "Stalin was quite careful in the 1920s because the power struggle and the NEP meant he "
    "had to focus on domestic affairs and Socialism in One Country rather than spreading "
    "revolution abroad however he was reckless in China where the policy failed badly and "
    "the communists were massacred in Shanghai which his rivals used against him"
)


def synthetic_question() -> Question:
    points = tuple(KeyPoint(pid, accept[0], accept) for pid, accept in SYNTHETIC_POINTS)
    return Question("synthetic", "Was Stalin cautious?", points, pass_mark=3)


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5 or rng.random() > 0.15:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def answer_of(words: Sequence[str], size: int, rng: random.Random) -> str:
    """``size`` words: some phrasings' words in order, padded with filler, with typos."""
    out = list(words)
    while len(out) < size:
        at = rng.randrange(len(out) + 1)
        out.insert(at, rng.choice(FILLER))
    return " ".join(typo(w, rng) for w in out[:size])


def synthetic_answers(question: Question, n: int, rng: random.Random) -> list[str]:
    answers = []
    for _ in range(n):
        chosen: list[str] = []
        for point in rng.sample(question.key_points, 3):
            chosen += rng.choice(point.accept).split()
        answers.append(answer_of(chosen, 60, rng))
    return answers


def deck_cases(rng: random.Random) -> list[tuple[Question, str]]:
    if not DECK.exists():
        return []
    from tutorbot.adapters.deck_files import load_decks

    decks = load_decks([DECK])
    cases = []
    for deck in decks:
        for question in deck.questions:
            for _ in range(40):
                words: list[str] = []
                for point in question.key_points:
                    if rng.random() < 0.6:
                        words += rng.choice(point.accept).split()
                    elif point.evidence:
                        words += point.evidence.split()[:12]
                cases.append(
                    (question, answer_of(words or ["no", "idea"], max(len(words), 20), rng))
                )
    return cases


def difflib_mark(question: Question, answer: str) -> list[bool]:
    """The plain baseline: each phrasing against every same-length window of answer words."""
    words = answer.lower().split()
    hits = []
    for point in question.key_points:
        hit = False
        for accepted in point.accept:
            target = accepted.lower()
            size = len(target.split())
            for start in range(max(1, len(words) - size + 1)):
                window = " ".join(words[start : start + size])
                if difflib.SequenceMatcher(None, target, window).ratio() >= DIFFLIB_THRESHOLD:
                    hit = True
                    break
            if hit:
                break
        hits.append(hit)
    return hits


def cold_mark(question: Question, answer: str) -> object:
    """``mark`` with every word-level cache emptied first: the worst case, a question's
    first answer in words no student has used before."""
    normalise.fold_word.cache_clear()
    normalise._chunk.cache_clear()
    lexicon.clear_caches()
    phrasing.compile_question(question, marking.TUNING).alike.clear()
    return mark(question, answer)


def measure(
    marker: Marker, cases: Sequence[tuple[Question, str]], budget: float
) -> tuple[float, float, int]:
    """(answers per second, p99 latency in ms, answers marked): the cases in turn, again
    from the start if need be, for ``budget`` seconds."""
    latencies = []
    began = time.perf_counter()
    for question, answer in itertools.cycle(cases):
        t0 = time.perf_counter()
        marker(question, answer)
        latencies.append(time.perf_counter() - t0)
        if t0 - began > budget:
            break
    total = sum(latencies)
    p99 = statistics.quantiles(latencies, n=100)[98] if len(latencies) > 1 else total
    return len(latencies) / total, p99 * 1000, len(latencies)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--old", type=Path, help="a checkout of an earlier marker to run too")
    args = parser.parse_args(argv)
    if args.old is not None:
        _run_old(args.old, "before")
    _measure_this()
    if args.old is not None:
        _run_old(args.old, "after")
    return 0


def _run_old(checkout: Path, when: str) -> None:
    """The marker of ``checkout``, measured by its own copy of this script."""
    print(f"\n--- old marker ({checkout}), {when} this one's rows ---", flush=True)
    script = checkout / "benchmarks" / "marking_speed.py"
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    subprocess.run([sys.executable, str(script)], cwd=checkout, env=environment, check=True)


def _measure_this() -> None:
    print(f"\n--- this marker ({ROOT}) ---", flush=True)
    rng = random.Random(SEED)
    question = synthetic_question()
    workloads = {
        "synthetic 60 words, 5x4": [(question, a) for a in synthetic_answers(question, 2000, rng)]
    }
    deck = deck_cases(rng)
    if deck:
        workloads["bundled deck"] = deck
    else:
        print(f"(no bundled deck at {DECK}; synthetic workload only)")
    markers: dict[str, Marker] = {
        "tutorbot.core.marking.mark": mark,
        "  (word caches cold)": cold_mark,
        "difflib baseline": difflib_mark,
    }
    print(f"{'workload':<26} {'marker':<24} {'answers/s':>10} {'p99 ms':>8} {'n':>7}")
    for name, cases in workloads.items():
        for label, marker in markers.items():
            rate, p99, n = measure(marker, cases, budget=3.0)
            print(f"{name:<26} {label:<24} {rate:>10,.0f} {p99:>8.3f} {n:>7}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
