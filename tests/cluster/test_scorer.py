from datetime import date, timedelta

import numpy as np
import pytest

from storyline.cluster import ClusterDoc, EventClusterer
from storyline.cluster.features import FEATURE_NAMES
from storyline.cluster.scorer import EventScorer, default_scorer
from storyline.cluster.train import fit_scorer

STORIES = {
    "quake": "earthquake struck Harnwick valley houses collapsed rescue teams searched rubble",
    "flood": "floodwater swept Dunmore river port ferries stopped boats rescued residents",
    "budget": "finance minister presented budget fuel taxes pensions parliament vote",
}


def stream() -> tuple[list[ClusterDoc], list[str]]:
    docs, gold = [], []
    start = date(2025, 3, 1)
    for i in range(6):
        for name, text in STORIES.items():
            words = text.split()
            variant = " ".join(words[i % 3 :] + words[: i % 3]) + f" update{i}"
            docs.append(ClusterDoc(f"{name}{i}", name.title(), variant, start + timedelta(days=i)))
            gold.append(name)
    return docs, gold


def test_pair_examples_mark_the_gold_event() -> None:
    docs, gold = stream()
    features, targets = EventClusterer(scorer=None).pair_examples(docs, gold)
    assert features and all(len(row) == len(FEATURE_NAMES) for row in features)
    assert 0 < sum(targets) < len(targets)  # positives and negatives


@pytest.mark.parametrize("kind", ["trees", "linear"])
def test_a_scorer_trained_on_a_stream_clusters_it(kind: str) -> None:
    docs, gold = stream()
    features, targets = EventClusterer(scorer=None).pair_examples(docs, gold)
    x, y = np.asarray(features), np.asarray(targets)
    params = {"min_samples_leaf": 2} if kind == "trees" else {}
    model = EventScorer.from_dict(fit_scorer(x, y, np.ones(len(y)), kind, **params))
    assert model.predict_proba(x[:3]).shape == (3,)
    labels = EventClusterer(scorer=model).fit(docs).labels_
    assert len({labels[d.id] for d in docs}) == 3
    assert labels["quake0"] == labels["quake5"] != labels["flood0"]


def test_scorer_for_other_features_is_refused() -> None:
    with pytest.raises(ValueError, match="retrain"):
        EventScorer.from_dict({"format": "storyline-event-scorer/1", "features": ["x"]})


def test_the_shipped_scorer_loads_and_is_the_default() -> None:
    shipped = default_scorer()
    assert shipped is not None and shipped.trees is not None
    assert "DUC 2003" in shipped.info["trained_on"]
    assert EventClusterer().scorer_ is shipped
    with pytest.raises(ValueError, match="scorer must be"):
        EventClusterer(scorer="bogus")


def test_the_shipped_dense_scorer_reads_the_embedding_cosine() -> None:
    import json

    from storyline.cluster.features import DENSE_FEATURE_NAMES
    from storyline.cluster.scorer import DENSE_MODEL_PATH, dense_scorer

    stored = json.loads(DENSE_MODEL_PATH.read_text(encoding="utf-8"))
    assert stored["features"] == list(DENSE_FEATURE_NAMES)
    scorer = dense_scorer()
    low, high = [0.3] * len(DENSE_FEATURE_NAMES), [0.3] * len(DENSE_FEATURE_NAMES)
    low[-1], high[-1] = 0.1, 0.9
    p_low, p_high = scorer.predict_proba([low, high])
    assert p_high >= p_low  # monotone in the embedding cosine
