"""Dense article embeddings for ``storyline build --dense``: encode once, cache in the store.

Encoding is the slow part of the dense path (tens of articles a second on one core), so each
article is encoded once and its vector kept in the store with a digest of the text it came
from; later builds reuse it, and only articles whose text changed (a re-extraction) or that
are new get encoded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import numpy as np

from storyline.cluster.dense import MODEL_NAME, DenseEncoder, article_text
from storyline.model import Article
from storyline.store import Store

BATCH = 64

Encoder = Callable[[Sequence[str]], np.ndarray]
"""Texts → unit rows; :meth:`DenseEncoder.encode` unless a caller brings its own."""


def digest(article: Article) -> str:
    """The fingerprint of what is embedded for ``article``."""
    return hashlib.sha1(article_text(article.title, article.text).encode("utf-8")).hexdigest()


def article_embeddings(
    store: Store,
    articles: Sequence[Article],
    encoder: Encoder | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, np.ndarray]:
    """Every article's embedding: cached ones as stored, the others encoded and stored.

    Args:
        store: Where vectors are cached (table ``embeddings``).
        articles: The articles to embed.
        encoder: Texts → unit rows; a :class:`DenseEncoder` is loaded when one is needed.
        progress: Called with the number of articles encoded after each batch.

    Raises:
        DenseUnavailable: Articles need encoding and sentence-transformers is missing.
    """
    cached = store.embeddings(MODEL_NAME)
    out: dict[str, np.ndarray] = {}
    todo: list[tuple[Article, str]] = []
    for article in articles:
        key = digest(article)
        hit = cached.get(article.id)
        if hit is not None and hit[0] == key:
            out[article.id] = hit[1]
        else:
            todo.append((article, key))
    if todo:
        encode = encoder or DenseEncoder().encode
        for start in range(0, len(todo), BATCH):
            batch = todo[start : start + BATCH]
            rows = encode([article_text(a.title, a.text) for a, _ in batch])
            fresh = {a.id: (key, row) for (a, key), row in zip(batch, rows, strict=True)}
            store.put_embeddings(MODEL_NAME, fresh)  # a batch at a time: an interrupted
            out.update({aid: row for aid, (_, row) in fresh.items()})  # run keeps its work
            if progress is not None:
                progress(len(batch))
    return out
