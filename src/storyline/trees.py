"""Gradient-boosted trees as flat numpy arrays: exported from scikit-learn, evaluated without it.

Two stages ship small tree models (the text-mode line classifier and the event scorer). Both
are fitted with scikit-learn's ``HistGradientBoostingClassifier`` at training time, then
stored as JSON so that loading costs milliseconds and the product does not depend on a
pickled estimator from one scikit-learn version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class BoostedTrees:
    """Binary gradient-boosted trees, every tree walked at once for every row.

    Attributes:
        baseline: The log-odds before any tree.
        depth: The deepest tree's depth.
        roots: The root node of each tree.
        feature, threshold, value: Per-node arrays: a row goes left when its ``feature``
            value is ``<= threshold``; ``value`` is the leaf's log-odds increment.
        children: Node ``i``'s left child at ``2 * i``, its right child at ``2 * i + 1``
            (leaves point to themselves).
    """

    baseline: float
    depth: int
    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    children: np.ndarray
    value: np.ndarray

    @staticmethod
    def arrays(data: dict[str, Any]) -> dict[str, Any]:
        """The constructor arguments from the JSON form written by :func:`export_trees`."""
        return {
            "baseline": float(data["baseline"]),
            "depth": int(data["depth"]),
            "roots": np.asarray(data["roots"], dtype=np.intp),
            "feature": np.asarray(data["feature"], dtype=np.intp),
            "threshold": np.asarray(data["threshold"], dtype=np.float64),
            "children": np.column_stack([data["left"], data["right"]]).astype(np.intp).ravel(),
            "value": np.asarray(data["value"], dtype=np.float64),
        }

    def log_odds(self, x: np.ndarray) -> np.ndarray:
        """Log-odds of the positive class for each row of ``x``."""
        if len(x) == 0:
            return np.zeros(0)
        n = len(x)
        # Feature-major layout and ``take`` (faster than fancy indexing). Only the (tree, row)
        # pairs that have not reached a leaf take the next step, so shallow trees cost less.
        values = np.ascontiguousarray(np.asarray(x, dtype=np.float64).T).ravel()
        offsets = self.feature * n
        node = np.repeat(self.roots, n)
        columns = np.tile(np.arange(n), len(self.roots))
        leaf = self.children[0::2] == np.arange(len(self.feature))
        active = np.arange(len(node))
        for _ in range(self.depth):
            at = node.take(active)
            feature_values = values.take(offsets.take(at) + columns.take(active))
            go_right = feature_values > self.threshold.take(at)
            at = self.children.take(at * 2 + go_right)
            node[active] = at
            active = active[~leaf.take(at)]
            if not len(active):
                break
        return self.baseline + self.value.take(node).reshape(len(self.roots), n).sum(axis=0)


def export_trees(clf: Any) -> dict[str, Any]:
    """The trees of a fitted binary ``HistGradientBoostingClassifier`` as flat node arrays."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    for (predictor,) in clf._predictors:  # one predictor per iteration for a binary task
        nodes, offset = predictor.nodes, len(feature)
        roots.append(offset)
        leaf = nodes["is_leaf"].astype(bool)
        own = np.arange(len(nodes))
        feature += np.where(leaf, 0, nodes["feature_idx"]).astype(int).tolist()
        threshold += np.where(leaf, 0.0, nodes["num_threshold"]).tolist()
        left += (np.where(leaf, own, nodes["left"]).astype(int) + offset).tolist()
        right += (np.where(leaf, own, nodes["right"]).astype(int) + offset).tolist()
        value += np.where(leaf, nodes["value"], 0.0).round(6).tolist()
    depth = max(int(p.nodes["depth"].max()) for (p,) in clf._predictors)
    return {
        "baseline": float(np.ravel(clf._baseline_prediction)[0]),
        "depth": depth,
        "roots": roots,
        "feature": feature,
        "threshold": threshold,
        "left": left,
        "right": right,
        "value": value,
    }
