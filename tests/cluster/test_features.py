import math
import random
from collections import Counter

import pytest

from storyline.cluster.features import (
    FEATURE_NAMES,
    DenseRows,
    DocVectors,
    EventState,
    NameWeights,
    _cos,
    pair_features,
    sparse_arrays,
)


def vectors(full: dict[int, float], day: int | None = 10, names: dict[str, float] | None = None):
    return DocVectors(full, {}, names or {}, day)


def test_event_sums_and_cosine() -> None:
    event = EventState()
    event.add("a", vectors({1: 1.0}))
    event.add("b", vectors({2: 1.0}, day=14))
    assert event.size == 2 and (event.first, event.last) == (10, 14)
    assert event.full_n2 == pytest.approx(2.0)
    assert event.cos_full(vectors({1: 1.0})) == pytest.approx(1 / 2**0.5)


def test_pair_features_are_named_and_measure_the_time_gap() -> None:
    event = EventState()
    event.add("a", vectors({1: 1.0}, day=10))
    row = pair_features(vectors({1: 1.0}, day=13), event, 1.0, 1.0, 0.2)
    assert len(row) == len(FEATURE_NAMES)
    named = dict(zip(FEATURE_NAMES, row, strict=True))
    assert named["dated"] == 1.0 and named["log_gap_days"] == pytest.approx(1.3862944)
    assert named["margin"] == pytest.approx(0.8)  # the best candidate: ahead of the second
    assert named["singleton"] == 1.0 and named["has_names"] == 0.0


def test_undated_pairs_have_no_gap() -> None:
    event = EventState()
    event.add("a", vectors({1: 1.0}, day=None))
    named = dict(
        zip(FEATURE_NAMES, pair_features(vectors({1: 1.0}), event, 1.0, 1.0, 0), strict=True)
    )
    assert named["dated"] == 0.0 and named["log_gap_days"] == 0.0


def test_common_names_weigh_less_than_rare_ones() -> None:
    weights = NameWeights()
    for _ in range(20):
        weights.vector(Counter({"Washington": 1}))
    vector = weights.vector(Counter({"Washington": 1, "Harnwick": 1}))
    assert vector["Harnwick"] > vector["Washington"]
    assert sum(w * w for w in vector.values()) == pytest.approx(1.0)


def test_dense_rows_reproduce_the_dict_cosines_to_the_bit() -> None:
    rng = random.Random(0)
    rows, events = DenseRows(width=500), {}
    for label in range(40):  # enough to grow the matrix and to reuse dropped rows
        event = EventState()
        for _ in range(5):
            terms = rng.sample(range(500), 60)
            event.add("a", vectors({t: rng.random() / 7 for t in terms}))
        if label % 3 == 0:
            rows.drop(label - 3)
        rows.add(label, event.full)
        events[label] = event
    article = {t: rng.random() / 7 for t in sorted(rng.sample(range(500), 80))}
    rows.update(39, sparse_arrays(article))
    events[39].add("b", vectors(article))
    live = [label for label in events if label in rows]
    assert 0 not in rows and len(live) == 27
    dots = rows.dots(live, sparse_arrays(article))
    for label, dot in zip(live, dots, strict=True):
        event = events[label]
        assert dot / math.sqrt(event.full_n2) == _cos(article, event.full, event.full_n2)


def test_the_dense_feature_is_the_embedding_cosine_with_the_event_sum() -> None:
    import numpy as np
    import pytest

    from storyline.cluster.features import (
        DENSE_FEATURE_NAMES,
        FEATURE_NAMES,
        DocVectors,
        EventState,
        pair_features,
    )

    event = EventState()
    event.add("a", DocVectors({1: 1.0}, {}, {}, None, dense=np.array([1.0, 0.0])))
    event.add("b", DocVectors({1: 1.0}, {}, {}, None, dense=np.array([0.0, 1.0])))
    doc = DocVectors({1: 1.0}, {}, {}, None, dense=np.array([1.0, 0.0]))
    lexical = pair_features(doc, event, 1.0, 1.0, 0.0)
    with_dense = pair_features(doc, event, 1.0, 1.0, 0.0, dense=True)
    assert len(lexical) == len(FEATURE_NAMES) and len(with_dense) == len(DENSE_FEATURE_NAMES)
    assert with_dense[:-1] == lexical
    assert with_dense[-1] == pytest.approx(1 / np.sqrt(2))
    bare = DocVectors({1: 1.0}, {}, {}, None)
    with pytest.raises(ValueError, match="embedding"):
        pair_features(bare, event, 1.0, 1.0, 0.0, dense=True)
