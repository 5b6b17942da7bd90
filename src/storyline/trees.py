"""Gradient-boosted trees as flat numpy arrays: exported from scikit-learn, evaluated without it.

Two stages ship small tree models (the text-mode line classifier and the event scorer). Both
are fitted with scikit-learn's ``HistGradientBoostingClassifier`` at training time, then
stored as JSON so that loading costs milliseconds and the product does not depend on a
pickled estimator from one scikit-learn version.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
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
        if len(x) <= MASK_ROWS and self._masks is not None:
            return self._leaf_sum(self._mask_leaves(np.asarray(x, dtype=np.float64)), len(x))
        return self._leaf_sum(self._walk(x), len(x))

    def _leaf_sum(self, node: np.ndarray, n: int) -> np.ndarray:
        """Baseline plus each row's leaf values (``node`` is tree-major: tree ``t``, row ``r``
        at ``t * n + r``), summed in one fixed order so both evaluations agree to the bit."""
        return self.baseline + self.value.take(node).reshape(len(self.roots), n).sum(axis=0)

    def _walk(self, x: np.ndarray) -> np.ndarray:
        """Each (tree, row)'s leaf, tree-major, by walking every tree a level at a time."""
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
        return node

    @cached_property
    def _masks(self) -> _LeafMasks | None:
        return _LeafMasks.build(self)

    def _mask_leaves(self, x: np.ndarray) -> np.ndarray:
        """Each (tree, row)'s leaf, tree-major, by bit masks (QuickScorer, Lucchese et al. 2015).

        A split that sends the row right rules out every leaf of its left subtree; the row's
        leaf is the leftmost leaf no split ruled out. A dozen numpy calls for all trees at
        once instead of a dozen per level: the event scorer asks about ~10 rows at a time.
        """
        masks = self._masks
        assert masks is not None
        go_right = x.take(masks.feature, axis=1) > masks.threshold
        kept = np.bitwise_and.reduceat(
            np.where(go_right, masks.mask, _ALL), masks.tree_start, axis=1
        )
        lowest = kept & (~kept + np.uint64(1))
        bit = np.frexp(lowest.astype(np.float64))[1] - 1
        return masks.leaves.take(masks.leaf_start + bit).T.ravel()


MASK_ROWS = 64  # beyond this many rows the mask matrix outgrows the level walk's arrays
_ONES = 2**64 - 1
_ALL = np.uint64(_ONES)


@dataclass(frozen=True)
class _LeafMasks:
    """Per-split bit masks of the leaves a split rules out, for :meth:`BoostedTrees._mask_leaves`.

    Attributes:
        feature, threshold: Each split's test, grouped by tree, each tree led by a split that
            never fires (so a one-leaf tree has a group too).
        mask: The leaves that stay possible when the row goes right (bit ``i``: the tree's
            ``i``-th leaf from the left).
        tree_start: Where each tree's group starts.
        leaves: Every tree's leaves, left to right; ``leaf_start`` is where each tree's begin.
    """

    feature: np.ndarray
    threshold: np.ndarray
    mask: np.ndarray
    tree_start: np.ndarray
    leaves: np.ndarray
    leaf_start: np.ndarray

    @staticmethod
    def build(trees: BoostedTrees) -> _LeafMasks | None:
        """The masks of ``trees``, or None when a tree has more leaves than bits in a mask."""
        columns: list[tuple[int, float, int]] = []
        tree_start: list[int] = []
        leaves: list[int] = []
        leaf_start: list[int] = []
        for root in trees.roots.tolist():
            tree_start.append(len(columns))
            leaf_start.append(len(leaves))
            columns.append((0, np.inf, _ONES))
            ordered = _in_order(trees, root, columns)
            if len(ordered) > 64:
                return None
            leaves += ordered
        feature, threshold, mask = zip(*columns, strict=True)
        return _LeafMasks(
            np.asarray(feature, dtype=np.intp),
            np.asarray(threshold, dtype=np.float64),
            np.asarray(mask, dtype=np.uint64),
            np.asarray(tree_start, dtype=np.intp),
            np.asarray(leaves, dtype=np.intp),
            np.asarray(leaf_start, dtype=np.intp),
        )


def _in_order(
    trees: BoostedTrees, node: int, columns: list[tuple[int, float, int]], first: int = 0
) -> list[int]:
    """The leaves under ``node`` left to right (``first`` leaves of its tree come before);
    appends each split's (feature, threshold, mask without its left subtree) to ``columns``."""
    left, right = int(trees.children[2 * node]), int(trees.children[2 * node + 1])
    if left == node:
        return [node]
    at = len(columns)
    columns.append((0, 0.0, 0))  # the mask needs the left subtree's leaves: filled in below
    lefts = _in_order(trees, left, columns, first)
    ruled_out = ((1 << len(lefts)) - 1) << first
    columns[at] = (int(trees.feature[node]), float(trees.threshold[node]), ~ruled_out & _ONES)
    return lefts + _in_order(trees, right, columns, first + len(lefts))


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
