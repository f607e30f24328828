"""Cost of the work done per update as one student's history grows: 1k, 10k, 100k answers.

Run from the repository root: ``python -m benchmarks.history`` (``--help`` for the knobs).

One student answers the bundled deck's questions in turn, through ``Tutor`` on a real SQLite
file (WAL, as the bot runs it), with an injected clock; every answer's feedback is recorded
as delivered. At each size it times, median of several runs:

* ``update``: what a student's answer costs the tutor: the unconfirmed-feedback lookup run
  on every update, storing the marked answer and recording the reply;
* ``unreplied``: that lookup alone;
* ``next question``: choosing and asking the next question (what "Next question" does);
* ``/progress``: the student's progress in every deck they answered in;
* ``PRAGMA quick_check`` once (what ``tutorbot run`` adds to its start-up; it grows with the
  file, by design).

Marking is left out (a marker that needs no time stands in; ``benchmarks.marking_speed``
measures the real one): the figures are the store's and the scheduler's share. Targets: each
figure at 100k within 2x of its figure at 1k; /progress under 50 ms at 10k.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tutorbot.adapters import deck_files
from tutorbot.adapters.store import Store
from tutorbot.core.deck import Question
from tutorbot.core.marking import PointResult, Verdict
from tutorbot.services.tutor import Tutor

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
STUDENT = 4242
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
BATCH = 1000


class Clock:
    """Moves on a minute at every reading: answers are a minute apart."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def quick_marker(question: Question, answer: str) -> Verdict:
    """Credits the key points whose position matches the answer's length, so that answers
    pass and fail in turn and every key point gets missed now and then."""
    points = tuple(
        PointResult(p, (len(answer) + i) % 3 != 0, 1.0, answer[:20])
        for i, p in enumerate(question.key_points)
    )
    return Verdict(question, points, ())


@dataclass(frozen=True)
class Row:
    answers: int
    quick_check: float
    """``PRAGMA quick_check``, run by ``tutorbot run`` at start-up, once, in ms."""
    update: float
    unreplied: float
    next_question: float
    progress: float


def median_ms(action: Callable[[], object], budget: float, at_most: int) -> float:
    """Median wall time of ``action`` in ms, run until ``budget`` seconds or ``at_most`` runs."""
    times: list[float] = []
    spent = 0.0
    while len(times) < at_most and (spent < budget or len(times) < 3):
        began = time.perf_counter()
        action()
        took = time.perf_counter() - began
        times.append(took)
        spent += took
    return statistics.median(times) * 1000


class History:
    def __init__(self, tutor: Tutor, deck_id: str) -> None:
        self.tutor = tutor
        self.deck = tutor.deck(deck_id)
        self.answers = 0
        self.message_id = 0

    def answer_update(self) -> None:
        """One answer update: unconfirmed feedback first, then the answer, then the reply."""
        self.tutor.unreplied(STUDENT)
        self.answer_one()

    def answer_one(self) -> None:
        tutor = self.tutor
        question = self.deck.questions[self.answers % len(self.deck.questions)]
        tutor.ask(STUDENT, self.deck.id, question.id)
        self.message_id += 1
        text = "answer " + "x" * (self.answers % 7)
        marked = tutor.answer(STUDENT, text, message_id=self.message_id)
        tutor.record_reply(marked.attempt_id)
        self.answers += 1

    def grow_to(self, answers: int) -> None:
        store = self.tutor.store
        while self.answers < answers:
            with store.transaction():  # one commit per batch: the history is built faster
                for _ in range(min(BATCH, answers - self.answers)):
                    self.answer_one()

    def next_question(self) -> None:
        tutor = self.tutor
        tutor.next_question(STUDENT)
        tutor.skip(STUDENT)


def measure(sizes: list[int], budget: float, at_most: int) -> list[Row]:
    decks = deck_files.load_decks([ROOT / "content"])
    rows = []
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "h.sqlite3") as store:
        tutor = Tutor(store, decks, Clock(), marker=quick_marker)
        tutor.enrol(STUDENT, "Benchmark")
        tutor.choose_deck(STUDENT, decks[0].id)
        history = History(tutor, decks[0].id)
        for size in sizes:
            began = time.perf_counter()
            history.grow_to(size)
            logger.info("%d answers stored in %.1f s", size, time.perf_counter() - began)
            began = time.perf_counter()
            store.connection.execute("PRAGMA quick_check").fetchall()
            row = Row(
                answers=size,
                quick_check=(time.perf_counter() - began) * 1000,
                unreplied=median_ms(lambda: tutor.unreplied(STUDENT), budget, at_most),
                next_question=median_ms(history.next_question, budget, at_most),
                progress=median_ms(lambda: tutor.progress(STUDENT), budget, at_most),
                update=median_ms(history.answer_update, budget, at_most),
            )
            rows.append(row)
            print(_line(row), flush=True)
    return rows


HEADER = (
    f"{'answers':>9} {'update':>10} {'unreplied':>10} {'next q.':>10} {'/progress':>10}"
    f"  {'start-up quick_check':>20}"
)


def _line(row: Row) -> str:
    return (
        f"{row.answers:>9,} {row.update:>8.3f}ms {row.unreplied:>8.3f}ms"
        f" {row.next_question:>8.3f}ms {row.progress:>8.3f}ms  {row.quick_check:>18.1f}ms"
    )


def verdicts(rows: list[Row]) -> list[str]:
    """The targets, each with its figures and OK or MISSED."""
    lines = []
    first, last = rows[0], rows[-1]
    for name in ("update", "unreplied", "next_question", "progress"):
        low, high = getattr(first, name), getattr(last, name)
        ratio = high / low if low else float("inf")
        ok = "OK" if ratio <= 2 else "MISSED"
        lines.append(
            f"{name.replace('_', ' ')}: {last.answers:,} answers / {first.answers:,} = "
            f"{ratio:.2f}x (target <= 2x) {ok}"
        )
    at_10k = [r for r in rows if r.answers == 10_000]
    if at_10k:
        figure = at_10k[0].progress
        ok = "OK" if figure < 50 else "MISSED"
        lines.append(f"/progress at 10,000 answers: {figure:.1f} ms (target < 50 ms) {ok}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000], help="history sizes"
    )
    parser.add_argument(
        "--budget", type=float, default=1.0, help="seconds spent timing each figure (about)"
    )
    parser.add_argument("--runs", type=int, default=200, help="at most this many runs a figure")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    logging.getLogger("tutorbot").setLevel(logging.WARNING)
    print(HEADER, flush=True)
    rows = measure(sorted(args.sizes), args.budget, args.runs)
    print()
    for line in verdicts(rows):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
