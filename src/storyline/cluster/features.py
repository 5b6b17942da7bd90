"""What the event scorer sees: an article's vectors, an event's running sums, and the features
of an (article, event) pair.

Three views of a text are compared, because each fails where another holds: the whole text's
TF-IDF (the bulk of the evidence), the headline's (two reports of one event often share
headline words while their bodies differ), and the key names' (people, places and bodies
outlast an event's vocabulary). Names are weighted by an IDF counted online over the stream, so
a name every article mentions (a country in a national outlet) counts for little.

Every feature is a similarity, a count or a time gap that means the same on any corpus, so a
scorer trained on some corpora can be applied to others (see :mod:`.scorer`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import repeat
from operator import mul
from typing import Any

import numpy as np

SparseVec = dict[int | str, float]

FEATURE_NAMES = (
    "cos_full",
    "cos_title",
    "cos_names",
    "has_title",
    "has_names",
    "dated",
    "log_gap_days",
    "log_size",
    "margin",
    "cos_full_sq",
    "cohesion",
    "singleton",
    "log_terms",
    "cos_over_cohesion",
)
#: The dense path's scorer reads one more feature: the cosine of MiniLM embeddings.
DENSE_FEATURE_NAMES = (*FEATURE_NAMES, "cos_dense")


@dataclass(frozen=True)
class DocVectors:
    """An article's L2-normalised vectors and its day (a proleptic ordinal, or None)."""

    full: dict[int, float]
    title: dict[int, float]
    names: dict[str, float]
    day: int | None
    #: The heaviest terms of ``full``, heaviest first, when known in advance (retrieval looks
    #: them up; working them out with the vectors lets a worker process do it).
    heavy: dict[int, float] | None = None
    #: The unit dense embedding, on the dense path only.
    dense: np.ndarray | None = None


@dataclass
class EventState:
    """An event's running sums (of its members' normalised vectors) and time span."""

    members: list[str] = field(default_factory=list)
    full: dict[int, float] = field(default_factory=dict)
    full_n2: float = 0.0
    title: dict[int, float] = field(default_factory=dict)
    title_n2: float = 0.0
    names: dict[str, float] = field(default_factory=dict)
    names_n2: float = 0.0
    first: int | None = None
    last: int | None = None
    dense: np.ndarray | None = None  # the sum of the members' embeddings (dense path)

    @property
    def size(self) -> int:
        """Number of member articles."""
        return len(self.members)

    def add(self, doc_id: str, doc: DocVectors) -> None:
        """Add an article's vectors to the sums and widen the time span."""
        self.full_n2 = _accumulate(self.full, self.full_n2, doc.full)
        self.title_n2 = _accumulate(self.title, self.title_n2, doc.title)
        self.names_n2 = _accumulate(self.names, self.names_n2, doc.names)
        self.members.append(doc_id)
        if doc.dense is not None:
            self.dense = (
                doc.dense.astype(np.float64) if self.dense is None else self.dense + doc.dense
            )
        if doc.day is not None:
            self.first = doc.day if self.first is None else min(self.first, doc.day)
            self.last = doc.day if self.last is None else max(self.last, doc.day)

    def cos_full(self, doc: DocVectors) -> float:
        """Cosine of the article's whole-text vector with the event centroid."""
        return _cos(doc.full, self.full, self.full_n2)


class NameWeights:
    """Online IDF of key names: ``log((n + 1) / (df + 1)) + 1`` over the articles seen."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0

    def vector(self, counts: Counter[str]) -> dict[str, float]:
        """Count the article in, then weight its names (sublinear TF x IDF), L2-normalised."""
        self.n += 1
        self.df.update(counts.keys())
        weights = {
            name: (1 + math.log(count)) * (math.log((self.n + 1) / (self.df[name] + 1)) + 1)
            for name, count in counts.items()
        }
        return normalised(weights)


def normalised(vector: dict[str, float]) -> dict[str, float]:
    """``vector`` scaled to unit length (empty stays empty)."""
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {k: w / norm for k, w in vector.items()} if norm else {}


def pair_features(
    doc: DocVectors,
    event: EventState,
    cos_full: float,
    best: float,
    second: float,
    dense: bool = False,
) -> list[float]:
    """The features of joining ``doc`` to ``event`` (in :data:`FEATURE_NAMES` order).

    Args:
        doc: The article.
        event: The candidate event.
        cos_full: The article's whole-text cosine with this event (already computed).
        best: The highest whole-text cosine among all candidates.
        second: The second highest (0 when there is one candidate).
        dense: Append the embedding cosine (:data:`DENSE_FEATURE_NAMES` order).
    """
    features = _lexical_features(doc, event, cos_full, best, second)
    if dense:
        features.append(_cos_dense(doc, event))
    return features


def _cos_dense(doc: DocVectors, event: EventState) -> float:
    if doc.dense is None or event.dense is None:
        raise ValueError("the dense path needs an embedding for every article")
    norm = float(np.sqrt(event.dense @ event.dense))
    return float(doc.dense @ event.dense) / norm if norm else 0.0


def _lexical_features(
    doc: DocVectors, event: EventState, cos_full: float, best: float, second: float
) -> list[float]:
    has_title = bool(doc.title) and event.title_n2 > 0
    has_names = bool(doc.names) and event.names_n2 > 0
    dated = doc.day is not None and event.first is not None and event.last is not None
    gap = max(0, doc.day - event.last, event.first - doc.day) if dated else 0  # type: ignore[operator]
    size = event.size
    # Mean pairwise cosine of the members: a loose event accepts looser joiners.
    cohesion = (event.full_n2 - size) / (size * (size - 1)) if size > 1 else -1.0
    margin = cos_full - (second if cos_full >= best else best)
    return [
        cos_full,
        _cos(doc.title, event.title, event.title_n2) if has_title else 0.0,
        _cos(doc.names, event.names, event.names_n2) if has_names else 0.0,
        float(has_title),
        float(has_names),
        float(dated),
        math.log1p(gap),
        math.log(size),
        margin,
        cos_full * cos_full,
        cohesion,
        float(size == 1),
        math.log1p(len(doc.full)),
        cos_full / math.sqrt(max(cohesion, 0.01)) if size > 1 else cos_full,
    ]


def sparse_arrays(vector: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
    """``vector``'s terms and weights as arrays, in its order."""
    terms = np.fromiter(vector.keys(), np.intp, len(vector))
    return terms, np.fromiter(vector.values(), np.float64, len(vector))


class DenseRows:
    """Dense copies of some events' centroids (one float per vocabulary term), one row each of
    a single matrix, so an article's dot products with all of them take one numpy gather.

    Every update adds the article's weights to the row as :meth:`EventState.add` adds them to
    the dict, so a row holds exactly the dict's numbers.

    Args:
        width: The vocabulary size.
    """

    def __init__(self, width: int) -> None:
        self.matrix = np.zeros((0, width))
        self.row: dict[int, int] = {}  # event label -> its row
        self.free: list[int] = []

    def __contains__(self, label: object) -> bool:
        return label in self.row

    def add(self, label: int, centroid: dict[int, float]) -> None:
        """Give ``label`` a row holding ``centroid``."""
        if not self.free:
            self._grow()
        row = self.row[label] = self.free.pop()
        terms, weights = sparse_arrays(centroid)
        self.matrix[row, terms] = weights

    def update(self, label: int, vector: tuple[np.ndarray, np.ndarray]) -> None:
        """Add an article's weights (:func:`sparse_arrays`) to ``label``'s row."""
        terms, weights = vector
        self.matrix[self.row[label], terms] += weights

    def drop(self, label: int) -> None:
        """Free ``label``'s row (zeroed for its next event), if it has one."""
        row = self.row.pop(label, None)
        if row is not None:
            self.matrix[row] = 0.0
            self.free.append(row)

    def dots(self, labels: list[int], vector: tuple[np.ndarray, np.ndarray]) -> list[float]:
        """The dot product of a non-empty sparse vector with each event's row, to the bit
        of the dict loop in :func:`_cos`: the same products, added one after another in the
        vector's order by ``cumsum`` (``np.sum`` would add pairwise and round differently)."""
        terms, weights = vector
        rows = np.fromiter(map(self.row.__getitem__, labels), np.intp, len(labels))
        gathered = self.matrix[np.ix_(rows, terms)]
        return np.cumsum(gathered * weights, axis=1)[:, -1].tolist()

    def _grow(self) -> None:
        rows, width = self.matrix.shape
        grown = np.zeros((max(16, 2 * rows), width))
        grown[:rows] = self.matrix
        self.matrix = grown
        self.free += range(len(grown) - 1, rows - 1, -1)


def _cos(vector: Mapping[Any, float], total: Mapping[Any, float], total_n2: float) -> float:
    if total_n2 <= 0 or not vector:
        return 0.0
    # map/sum keep the loop in C: this dot product is the clusterer's innermost step.
    shared = map(total.get, vector.keys(), repeat(0.0))
    return sum(map(mul, vector.values(), shared)) / math.sqrt(total_n2)


def _accumulate(total: dict[Any, float], total_n2: float, vector: Mapping[Any, float]) -> float:
    """Add ``vector`` into ``total`` in place; return the new squared norm of ``total``."""
    # The same products summed in the same order as a plain loop, with the loop in C.
    dot = sum(map(mul, vector.values(), map(total.get, vector.keys(), repeat(0.0))))
    total_n2 += 2 * dot + sum(map(mul, vector.values(), vector.values()))
    for key, weight in vector.items():
        total[key] = total.get(key, 0.0) + weight
    return total_n2
