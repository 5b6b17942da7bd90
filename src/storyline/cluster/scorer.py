"""The learned join decision: how likely an article belongs to a candidate event.

The scorer reads the pair features of :mod:`.features` and returns a probability; the
clusterer joins the best candidate when it is at least one half. It ships as a small JSON file
(``models/event_scorer.json``) written by :func:`storyline.cluster.train.train_scorer`: either
boosted trees (:mod:`storyline.trees`) or a standardised logistic regression.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyline.cluster.features import DENSE_FEATURE_NAMES, FEATURE_NAMES
from storyline.trees import BoostedTrees

MODEL_PATH = Path(__file__).resolve().parent / "models" / "event_scorer.json"
#: The scorer of the optional dense path (trained with ``storyline train-clusterer --dense``).
DENSE_MODEL_PATH = MODEL_PATH.with_name("event_scorer_dense.json")
FORMAT = "storyline-event-scorer/1"


@dataclass(frozen=True)
class EventScorer:
    """Probability that an article belongs to an event, from their pair features.

    Attributes:
        trees: Boosted trees (``None`` for a linear model).
        mean, scale, coef, intercept: The linear model over standardised features.
        info: What the model was trained on and how (kept from the JSON file).
    """

    trees: BoostedTrees | None = None
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None
    coef: np.ndarray | None = None
    intercept: float = 0.0
    info: dict[str, Any] = field(default_factory=dict)

    def predict_proba(self, rows: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        """The join probability of each feature row."""
        x = np.asarray(rows, dtype=np.float64)
        if self.trees is not None:
            logit = self.trees.log_odds(x)
        else:
            assert self.mean is not None and self.scale is not None and self.coef is not None
            logit = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-logit))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventScorer:
        """Build a scorer from its JSON form; refuses one made for other features."""
        features = data.get("features")
        if data.get("format") != FORMAT or features not in (
            list(FEATURE_NAMES),
            list(DENSE_FEATURE_NAMES),
        ):
            raise ValueError("event scorer was trained on other features; retrain it")
        info = dict(data.get("info", {}))
        if data["kind"] == "trees":
            return cls(trees=BoostedTrees(**BoostedTrees.arrays(data)), info=info)
        return cls(
            mean=np.asarray(data["mean"]),
            scale=np.asarray(data["scale"]),
            coef=np.asarray(data["coef"]),
            intercept=float(data["intercept"]),
            info=info,
        )

    @classmethod
    def load(cls, path: Path) -> EventScorer:
        """Read a scorer file."""
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_scorer() -> EventScorer | None:
    """The shipped scorer, or None when its file is missing (threshold mode)."""
    return EventScorer.load(MODEL_PATH) if MODEL_PATH.is_file() else None


@lru_cache(maxsize=1)
def dense_scorer() -> EventScorer:
    """The shipped scorer of the dense path (its features include the embedding cosine)."""
    if not DENSE_MODEL_PATH.is_file():
        raise FileNotFoundError(
            f"{DENSE_MODEL_PATH} is missing: storyline train-clusterer --dense writes it"
        )
    return EventScorer.load(DENSE_MODEL_PATH)
