"""Event clustering's speed paths give exactly the labels of the plain ones."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pytest

from storyline.cluster import ClusterDoc, EventClusterer, events
from storyline.cluster.features import FEATURE_NAMES
from storyline.cluster.scorer import default_scorer

WORDS = [f"word{i}" for i in range(400)]
NAMES = ["Harnwick", "Dunmore", "Calloway", "Brisk Valley", "Ostrander", "Pellham"]


def stream(n: int, seed: int = 0) -> list[ClusterDoc]:
    """``n`` dated articles telling ~n/4 stories, each story a reshuffle of its own words."""
    rng = random.Random(seed)
    stories = [(rng.sample(WORDS, 25), rng.choice(NAMES)) for _ in range(n // 4)]
    docs = []
    for i in range(n):
        words, name = stories[min(i // 4 + rng.randrange(3), len(stories) - 1)]
        body = " ".join(rng.sample(words, 15) + rng.sample(WORDS, 5))
        day = date(2024, 1, 1) + timedelta(days=i // 40)
        docs.append(ClusterDoc(f"d{i}", f"{words[0]} {words[1]} {name}", f"{name} {body}.", day))
    return docs


def two_batches(clusterer: EventClusterer, docs: list[ClusterDoc]) -> EventClusterer:
    clusterer.fit(docs[:250]).partial_fit(docs[250:])
    clusterer.close()
    return clusterer


@pytest.mark.parametrize("scorer", ["default", None])
def test_worker_processes_give_the_same_labels(
    monkeypatch: pytest.MonkeyPatch, scorer: str | None
) -> None:
    monkeypatch.setattr(events, "CHUNK", 40)  # several chunks from a short stream
    docs = stream(400)
    alone = two_batches(EventClusterer(scorer=scorer), docs)
    pooled = two_batches(EventClusterer(scorer=scorer, n_jobs=2), docs)
    assert pooled.labels_ == alone.labels_
    assert len(set(alone.labels_.values())) > 20
    assert [e.full for e in pooled.clusters_] == [e.full for e in alone.clusters_]
    assert pooled._pool is None  # closed


def test_dense_centroids_give_the_same_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = stream(400)
    plain = two_batches(EventClusterer(), docs)
    monkeypatch.setattr(events, "DENSE_TERMS", 30)  # most events go dense
    dense = two_batches(EventClusterer(), docs)
    rows = dense._dense
    assert rows is not None and rows.row
    for label, row in rows.row.items():
        centroid = dense.clusters_[label].full
        assert np.array_equal(rows.matrix[row].take(list(centroid)), list(centroid.values()))
        assert np.count_nonzero(rows.matrix[row]) <= len(centroid)
    assert dense.labels_ == plain.labels_


def test_all_cores_means_a_worker_per_extra_core() -> None:
    assert EventClusterer(n_jobs=1)._workers() == 0
    assert EventClusterer(n_jobs=3)._workers() == 2
    assert EventClusterer(n_jobs=-1)._workers() >= 0


def test_scorer_masks_agree_with_walking_the_trees() -> None:
    scorer = default_scorer()
    assert scorer is not None and scorer.trees is not None
    trees, rng = scorer.trees, np.random.default_rng(0)
    for n in (1, 2, 10, 30):
        x = rng.normal(size=(n, len(FEATURE_NAMES))) * rng.choice([0.1, 1.0, 5.0])
        x[rng.random(x.shape) < 0.3] = 0.0
        by_masks = trees._leaf_sum(trees._mask_leaves(x), n)
        walked = trees._leaf_sum(trees._walk(x), n)
        assert np.array_equal(by_masks, walked)
        assert np.array_equal(trees.log_odds(x), walked)
