"""The SQL of cached article embeddings (``embeddings``), mixed into the store.

Vectors are float32 blobs keyed by article and model, with a digest of the text they were
computed from, so a re-extraction that changed an article's text makes its vector stale
instead of silently wrong.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from contextlib import AbstractContextManager

import numpy as np


class VectorsMixin:
    """Reading and writing cached embeddings (mixed into ``Store``)."""

    conn: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:  # pragma: no cover
        """Provided by ``Store``."""
        raise NotImplementedError

    def embeddings(self, model: str) -> dict[str, tuple[str, np.ndarray]]:
        """``{article id: (text digest, float32 vector)}`` for every cached vector of ``model``."""
        rows = self.conn.execute(
            "SELECT article_id, text_sha1, vector FROM embeddings WHERE model = ?", (model,)
        )
        return {
            r["article_id"]: (r["text_sha1"], np.frombuffer(r["vector"], dtype="<f4").copy())
            for r in rows
        }

    def put_embeddings(self, model: str, vectors: Mapping[str, tuple[str, np.ndarray]]) -> None:
        """Store (or replace) ``{article id: (text digest, vector)}`` in one transaction."""
        rows = [
            (aid, model, digest, int(v.shape[0]), np.asarray(v, dtype="<f4").tobytes())
            for aid, (digest, v) in vectors.items()
        ]
        with self.transaction() as conn:
            conn.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?, ?)", rows)
