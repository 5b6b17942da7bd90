"""Evaluation metrics: B-cubed for clustering, shingle P/R/F1 for body extraction."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are 0)."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> PRF:
    """B-cubed precision and recall (Bagga & Baldwin 1998) of a flat clustering.

    Args:
        predicted: Predicted cluster label per item.
        gold: Gold cluster label per item, in the same order.
    """
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold must label the same items")
    if not gold:
        return PRF(1.0, 1.0)
    pair_counts = Counter(zip(predicted, gold, strict=True))
    pred_sizes = Counter(predicted)
    gold_sizes = Counter(gold)
    # Each item in the (pred, gold) cell shares its cluster with `count` correct items.
    precision = sum(n * n / pred_sizes[p] for (p, _), n in pair_counts.items()) / len(gold)
    recall = sum(n * n / gold_sizes[g] for (_, g), n in pair_counts.items()) / len(gold)
    return PRF(precision, recall)


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    if not tokens:
        return Counter()
    if len(tokens) < 4:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def shingle_prf(prediction: str, truth: str) -> tuple[float | None, float | None]:
    """Per-document precision and recall of the article-extraction benchmark.

    Implements the scrapinghub article-extraction-benchmark metric: multisets of 4-token
    shingles; ``None`` marks a document left out of that mean (empty prediction or truth).
    """
    pred, gold = _shingles(prediction), _shingles(truth)
    tp = sum((pred & gold).values())
    fp = sum((pred - gold).values())
    fn = sum((gold - pred).values())
    if fp == 0 and fn == 0:
        return (1.0 if tp else None), (1.0 if tp else None)
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def corpus_shingle_prf(pairs: Sequence[tuple[str, str]]) -> PRF:
    """Corpus precision and recall: means over documents, F1 from the two means."""
    precisions, recalls = [], []
    for prediction, truth in pairs:
        p, r = shingle_prf(prediction, truth)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
    mean_p = sum(precisions) / len(precisions) if precisions else 0.0
    mean_r = sum(recalls) / len(recalls) if recalls else 0.0
    return PRF(mean_p, mean_r)
