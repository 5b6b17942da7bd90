"""Cached embeddings: float32 round trip, replacement, and cleanup with their article."""

from __future__ import annotations

import numpy as np

from storyline.store import Store
from tests.store.test_sqlite import add_articles, article


def test_vectors_round_trip_as_float32_and_replace(store: Store) -> None:
    add_articles(store, range(1, 3))
    first, second = article(1).id, article(2).id
    vector = np.array([0.6, 0.8, 0.0], dtype=np.float64)
    store.put_embeddings("m", {first: ("d1", vector), second: ("d2", -vector)})
    cached = store.embeddings("m")
    assert cached[first][0] == "d1" and cached[first][1].dtype == np.float32
    np.testing.assert_allclose(cached[second][1], -vector, rtol=1e-6)
    store.put_embeddings("m", {first: ("d1b", vector * 0)})
    assert store.embeddings("m")[first][0] == "d1b"
    assert store.embeddings("other") == {}


def test_vectors_go_with_their_article(store: Store) -> None:
    add_articles(store, range(1, 2))
    store.put_embeddings("m", {article(1).id: ("d", np.ones(3, dtype=np.float32))})
    store.conn.execute("DELETE FROM raw_documents")  # cascades to articles, then embeddings
    assert store.embeddings("m") == {}
