"""The pure parts of the sentence-model spike, with a bag-of-words stand-in for the model."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

from benchmarks.semantic_tier import (
    Band,
    EmbeddingCache,
    Vectors,
    at_precision,
    best_cosine,
    clauses,
    hybrid,
    in_band,
    macro_f1s,
    tune_band,
    tune_threshold,
)
from benchmarks.semeval_data import scores


class BagOfWords:
    """Unit vectors of hashed word counts; records every batch it is asked to embed."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.batches.append(list(texts))
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, zlib.crc32(word.encode()) % 64] += 1
        norms = np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        unit: Vectors = (out / norms).astype(np.float32)
        return unit


def test_each_distinct_text_is_embedded_once_per_run_in_batches() -> None:
    model = BagOfWords()
    cache = EmbeddingCache(model)
    cache.add(["stay neutral", "join the war", "stay neutral"])
    cache.matrix(["join the war", "lend money"])
    assert model.batches == [["stay neutral", "join the war"], ["lend money"]]


def test_stored_embeddings_are_not_embedded_again() -> None:
    model = BagOfWords()
    stored = EmbeddingCache(BagOfWords())
    stored.add(["stay neutral"])
    cache = EmbeddingCache(model, stored.vectors)
    cache.add(["stay neutral", "lend money"])
    assert model.batches == [["lend money"]]


def test_clauses_are_the_whole_answer_then_each_clause_and_list_item() -> None:
    assert clauses("he backed the GMD, and told the CCP\nto join them") == (
        "he backed the GMD, and told the CCP to join them",
        "he backed the GMD",
        "told the CCP",
        "to join them",
    )


def test_a_conjunction_inside_a_word_does_not_split_a_clause() -> None:
    assert clauses("a brand new band") == ("a brand new band",)


def test_best_cosine_is_against_the_closest_reference() -> None:
    cache = EmbeddingCache(BagOfWords())
    similarity = best_cosine(cache, ["they stay neutral"], ["join the war", "they stay neutral"])
    assert abs(similarity - 1.0) < 1e-6


def test_hybrid_asks_the_model_only_when_the_lexical_score_is_in_the_band() -> None:
    hits = np.array([True, False, False, True])
    lexical = np.array([0.9, 0.5, 0.1, 0.6])
    similarity = np.array([0.0, 0.9, 0.9, 0.1])
    predicted = hybrid(hits, lexical, similarity, Band(0.4, 0.7, 0.8))
    assert predicted.tolist() == [True, True, False, False]


def test_macro_f1s_agree_with_the_harness_scores() -> None:
    rng = np.random.default_rng(7)
    gold = rng.random(200) < 0.4
    predicted = rng.random((5, 200)) < 0.5
    expected = [scores(gold.tolist(), row.tolist()).macro_f1 for row in predicted]
    assert np.allclose(macro_f1s(gold, predicted), expected)


def test_the_lowest_threshold_with_the_best_macro_f1_is_chosen() -> None:
    gold = np.array([False, False, True, True])
    assert tune_threshold(gold, np.array([0.2, 0.3, 0.8, 0.9])) == 0.31


def test_the_band_covers_the_scores_where_the_lexical_marker_is_wrong() -> None:
    rng = np.random.default_rng(3)
    lexical = np.round(rng.uniform(0.0, 1.0, 400), 3)
    gold = rng.random(400) < 0.5
    unsure = (lexical >= 0.4) & (lexical < 0.6)
    hits = np.where(unsure, ~gold, gold)
    similarity = np.where(gold == unsure, 0.9, 0.1)
    band, objective = tune_band(gold, hits, lexical, similarity)
    assert objective == 1.0
    assert (hybrid(hits, lexical, similarity, band) == gold).all()
    assert (in_band(lexical, band) == unsure).all()


def test_no_band_when_the_model_never_beats_the_lexical_marker() -> None:
    rng = np.random.default_rng(5)
    gold = rng.random(300) < 0.5
    lexical = rng.uniform(0.0, 1.0, 300)
    band, objective = tune_band(gold, gold.copy(), lexical, np.where(gold, 0.1, 0.9))
    assert band.high <= band.low
    assert objective == 1.0


def test_predictions_below_the_precision_floor_are_ruled_out() -> None:
    gold = np.array([True, True, False, False])
    predicted = np.array([[True, True, True, True], [True, False, False, False]])
    values = at_precision(0.9)(gold, predicted)
    assert values[0] == -1.0
    assert values[1] == 2 / 3
