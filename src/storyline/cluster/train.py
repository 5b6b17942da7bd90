"""Train the event scorer on dev data only, and write the JSON file the clusterer ships.

Training pairs come from replaying labelled streams with their gold events
(:meth:`EventClusterer.pair_examples`): the dev half of AllSides roundups (with and without
dates), the dev half of GoogleNews-TS, and DUC 2003 (with and without dates). The test halves,
DUC 2004 and Timeline17 are never seen here; :mod:`storyline.evaluation.bench` scores them.
Each set weighs the same in the fit however many pairs it gives, so no one genre sets the
operating point.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from storyline.cluster.dense import article_text
from storyline.cluster.events import EventClusterer
from storyline.cluster.features import DENSE_FEATURE_NAMES, FEATURE_NAMES
from storyline.cluster.scorer import FORMAT
from storyline.trees import export_trees

SEED = 0
#: Monotone constraints: more similarity never lowers the join probability, a longer time gap
#: never raises it. They keep the model sane on corpora unlike the training ones.
MONOTONE = {
    "cos_full": 1,
    "cos_title": 1,
    "cos_names": 1,
    "margin": 1,
    "cos_full_sq": 1,
    "cos_over_cohesion": 1,
    "cos_dense": 1,
    "log_gap_days": -1,
}
TREE_SETTINGS = {
    "max_iter": 100,
    "learning_rate": 0.1,
    "max_leaf_nodes": 15,
    "min_samples_leaf": 50,
}


def training_sets(root: Path | None = None) -> dict[str, Any]:
    """The dev streams the scorer learns from, by name (LabelledSet values)."""
    from storyline.evaluation.bench import split_by_cluster
    from storyline.evaluation.datasets import load_clustering, load_duc

    allsides, _ = split_by_cluster(load_clustering("allsides_roundups_2021", root))
    google, _ = split_by_cluster(load_clustering("googlenews_ts", root))
    duc = load_duc("2003", root)
    return {
        "AllSides dev half": allsides,
        "AllSides dev half, no dates": allsides.undated(),
        "GoogleNews-TS dev half": google,
        "DUC 2003": duc,
        "DUC 2003, no dates": duc.undated(),
    }


def pairs(
    sets: dict[str, Any], window_days: float | None, dense: bool = False
) -> tuple[np.ndarray, ...]:
    """Stacked features, targets and per-set-balanced weights of every training pair.

    With ``dense`` the documents must carry embeddings (:func:`with_embeddings`).
    """
    names = DENSE_FEATURE_NAMES if dense else FEATURE_NAMES
    xs, ys, ws = [], [], []
    for data in sets.values():
        clusterer = EventClusterer(window_days=window_days, scorer=None, dense=dense)
        features, targets = clusterer.pair_examples(data.docs, data.gold)
        xs.append(np.asarray(features, dtype=np.float64).reshape(-1, len(names)))
        ys.append(np.asarray(targets))
        ws.append(np.full(len(targets), 1.0 / max(len(data.docs), 1)))
    weight = np.concatenate(ws)
    return np.vstack(xs), np.concatenate(ys), weight * len(weight) / weight.sum()


def fit_scorer(
    x: np.ndarray, y: np.ndarray, weight: np.ndarray, kind: str = "trees", **tree_params: Any
) -> dict[str, Any]:
    """Fit the scorer and return its JSON form (``kind``: ``"trees"`` or ``"linear"``).

    The feature set follows ``x``'s width (with or without the dense cosine).
    ``tree_params`` override :data:`TREE_SETTINGS` (small test sets need smaller leaves).
    """
    names = DENSE_FEATURE_NAMES if x.shape[1] == len(DENSE_FEATURE_NAMES) else FEATURE_NAMES
    head: dict[str, Any] = {"format": FORMAT, "features": list(names), "kind": kind}
    if kind == "trees":
        from sklearn.ensemble import HistGradientBoostingClassifier

        monotone = [MONOTONE.get(name, 0) for name in names]
        clf = HistGradientBoostingClassifier(
            random_state=SEED,
            early_stopping=False,
            monotonic_cst=monotone,
            **(TREE_SETTINGS | tree_params),
        ).fit(x, y, sample_weight=weight)
        return head | export_trees(clf)
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), np.where(x.std(axis=0) > 0, x.std(axis=0), 1.0)
    lr = LogisticRegression(max_iter=3000).fit((x - mean) / scale, y, sample_weight=weight)
    return head | {
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "coef": lr.coef_[0].tolist(),
        "intercept": float(lr.intercept_[0]),
    }


def with_embeddings(sets: dict[str, Any], encode: Any) -> dict[str, Any]:
    """The same sets with each document's dense embedding attached (each text encoded once)."""
    unique = {d.id: d for data in sets.values() for d in data.docs}
    ids = list(unique)
    rows = encode([article_text(unique[i].title, unique[i].text) for i in ids])
    vector = dict(zip(ids, rows, strict=True))
    return {
        name: replace(data, docs=[replace(d, embedding=vector[d.id]) for d in data.docs])
        for name, data in sets.items()
    }


def train_scorer(
    root: Path | None,
    out: Path,
    *,
    kind: str = "trees",
    window_days: float | None = 14.0,
    dense: bool = False,
) -> dict[str, Any]:
    """Train the event scorer on the dev streams and write it to ``out``.

    Args:
        root: The evaluation data folder (``STORYLINE_DATA`` by default).
        out: Where to write the JSON (``cluster/models/event_scorer.json`` ships, and
            ``event_scorer_dense.json`` for ``dense``).
        kind: ``"trees"`` (boosted trees with monotone constraints) or ``"linear"``.
        window_days: The candidate window used while collecting pairs (as in the product).
        dense: Add the MiniLM cosine feature (embeds every training text first: needs
            storyline[dense], about ten minutes on one core).

    Returns:
        Sizes of the training data and the model file.
    """
    sets = training_sets(root)
    if dense:
        from storyline.cluster.dense import DenseEncoder

        sets = with_embeddings(sets, DenseEncoder().encode)
    x, y, weight = pairs(sets, window_days, dense)
    model = fit_scorer(x, y, weight, kind)
    model["info"] = {"trained_on": list(sets), "pairs": len(y), "positives": int(y.sum())}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    return model["info"] | {"model_bytes": out.stat().st_size}
