"""The build's embedding cache: encode once, reuse, re-encode text that changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from storyline.cluster.dense import MODEL_NAME
from storyline.embeddings import article_embeddings, digest
from storyline.store import Store
from tests.store.test_sqlite import add_articles, article


class CountingEncoder:
    """A stand-in encoder: a fixed vector per text length, and a record of what it saw."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_each_article_is_encoded_once_and_then_read_from_the_store(store: Store) -> None:
    add_articles(store, range(1, 4))
    articles = store.articles()
    encoder = CountingEncoder()
    first = article_embeddings(store, articles, encoder)
    assert len(encoder.seen) == 3 and set(first) == {a.id for a in articles}
    again = article_embeddings(store, articles, encoder)
    assert len(encoder.seen) == 3  # nothing re-encoded
    for aid, vector in first.items():
        np.testing.assert_array_equal(again[aid], vector)
    assert set(store.embeddings(MODEL_NAME)) == set(first)


def test_changed_text_is_re_encoded(store: Store) -> None:
    add_articles(store, range(1, 3))
    articles = store.articles()
    encoder = CountingEncoder()
    article_embeddings(store, articles, encoder)
    edited = [replace(articles[0], text=articles[0].text + " A correction."), articles[1]]
    vectors = article_embeddings(store, edited, encoder)
    assert encoder.seen[-1].endswith("A correction.") and len(encoder.seen) == 3
    assert vectors[edited[0].id][0] == len(encoder.seen[-1])
    assert store.embeddings(MODEL_NAME)[edited[0].id][0] == digest(edited[0])


def test_progress_counts_articles(store: Store) -> None:
    add_articles(store, range(1, 4))
    counts: list[int] = []
    article_embeddings(store, store.articles(), CountingEncoder(), counts.append)
    assert sum(counts) == 3
    assert article(1).id in store.embeddings(MODEL_NAME)
