"""Stage 4, cluster: articles into events, events into storylines.

Events come from an online single pass (documents in time order; each joins the most similar
recent event if the cosine similarity of its TF-IDF vector to the event centroid reaches a
threshold, otherwise it opens a new event). Candidate events are found through an inverted
index over centroid terms, restricted to events active within a time window, so the cost per
article does not grow with the size of the corpus. Storylines link events that share key names
and vocabulary across weeks or months (:class:`StorylineLinker`).

Both classes follow scikit-learn's estimator habits: hyper-parameters in ``__init__``,
``fit``/``partial_fit`` to learn, trailing-underscore attributes for what was learned.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer

SparseVec = dict[int, float]

DEFAULT_THRESHOLD = 0.2
DEFAULT_WINDOW_DAYS = 3.0


@dataclass(frozen=True)
class ClusterDoc:
    """What event clustering needs from an article."""

    id: str
    title: str
    text: str
    day: date | None = None


@dataclass
class _Cluster:
    members: list[str]
    vector: SparseVec
    norm2: float
    first_day: date | None
    last_day: date | None


def time_order(docs: Sequence[ClusterDoc]) -> list[ClusterDoc]:
    """Dated documents by day (stable), then undated ones in their given order."""
    indexed = list(enumerate(docs))
    indexed.sort(key=lambda pair: (pair[1].day is None, pair[1].day or date.min, pair[0]))
    return [doc for _, doc in indexed]


def make_vectorizer() -> TfidfVectorizer:
    """The lexical representation: sublinear TF-IDF of unigrams, English stop words removed."""
    return TfidfVectorizer(
        sublinear_tf=True,
        stop_words="english",
        token_pattern=r"(?u)\b[^\W\d_][\w'’-]*\w\b|\b\d[\d,.]*\b",
        dtype=np.float32,
    )


def doc_text(doc: ClusterDoc, title_weight: int) -> str:
    """Headline repeated ``title_weight`` times, then the body (the headline is the densest cue)."""
    return "\n".join([doc.title] * title_weight + [doc.text])


class EventClusterer:
    """Online single-pass event clustering over TF-IDF.

    Args:
        threshold: Minimum cosine similarity between an article and an event centroid to join.
        window_days: Only events updated within this many days of the article are candidates;
            ``None`` disables the window (for undated collections).
        title_weight: How many times the headline counts relative to the body.
        vectorizer: A scikit-learn text vectorizer to clone instead of :func:`make_vectorizer`
            (the benchmark passes a plain ``TfidfVectorizer`` to reproduce the baseline).
    """

    def __init__(
        self,
        threshold: float = DEFAULT_THRESHOLD,
        window_days: float | None = DEFAULT_WINDOW_DAYS,
        title_weight: int = 2,
        vectorizer: TfidfVectorizer | None = None,
    ) -> None:
        self.threshold = threshold
        self.window_days = window_days
        self.title_weight = title_weight
        self.vectorizer = vectorizer
        self._reset()

    def _new_vectorizer(self) -> TfidfVectorizer:
        return clone(self.vectorizer) if self.vectorizer is not None else make_vectorizer()

    def _reset(self) -> None:
        self.vectorizer_: TfidfVectorizer | None = None
        self.clusters_: list[_Cluster] = []
        self.labels_: dict[str, int] = {}
        self._postings: dict[int, set[int]] = defaultdict(set)
        self._seen = 0

    def fit(
        self, docs: Sequence[ClusterDoc], must_link: Mapping[str, str] | None = None
    ) -> EventClusterer:
        """Learn IDF from ``docs`` and cluster them from scratch, in time order.

        Args:
            docs: The articles.
            must_link: ``{article id: id of an article it must share an event with}``, e.g. a
                duplicate and its original; the target must come earlier in time order.
        """
        self._reset()
        self.vectorizer_ = self._new_vectorizer().fit(
            [doc_text(d, self.title_weight) for d in docs]
        )
        return self.partial_fit(docs, must_link)

    def partial_fit(
        self, docs: Sequence[ClusterDoc], must_link: Mapping[str, str] | None = None
    ) -> EventClusterer:
        """Add more articles to the existing events (IDF is learned on the first batch)."""
        if self.vectorizer_ is None:
            self.vectorizer_ = self._new_vectorizer().fit(
                [doc_text(d, self.title_weight) for d in docs]
            )
        ordered = time_order(docs)
        matrix = self.vectorizer_.transform([doc_text(d, self.title_weight) for d in ordered])
        links = must_link or {}
        for row, doc in enumerate(ordered):
            start, end = matrix.indptr[row], matrix.indptr[row + 1]
            vector = dict(
                zip(
                    matrix.indices[start:end].tolist(), matrix.data[start:end].tolist(), strict=True
                )
            )
            forced = self.labels_.get(links.get(doc.id, ""))
            self._add(doc, vector, forced)
        return self

    def _add(self, doc: ClusterDoc, vector: SparseVec, forced: int | None) -> None:
        best, score = (forced, 1.0) if forced is not None else self._best_cluster(vector, doc.day)
        if best is None or score < self.threshold:
            best = len(self.clusters_)
            self.clusters_.append(_Cluster([], {}, 0.0, doc.day, doc.day))
        cluster = self.clusters_[best]
        dot = sum(cluster.vector.get(t, 0.0) * w for t, w in vector.items())
        cluster.norm2 += 2 * dot + sum(w * w for w in vector.values())
        for term, weight in vector.items():
            cluster.vector[term] = cluster.vector.get(term, 0.0) + weight
            self._postings[term].add(best)
        cluster.members.append(doc.id)
        if doc.day is not None:
            cluster.first_day = min(filter(None, [cluster.first_day, doc.day]))
            cluster.last_day = max(filter(None, [cluster.last_day, doc.day]))
        self.labels_[doc.id] = best
        self._seen += 1
        if self._seen % 2000 == 0:
            self._prune(doc.day)

    def _active(self, cluster: _Cluster, day: date | None) -> bool:
        if self.window_days is None or day is None or cluster.last_day is None:
            return True
        return (day - cluster.last_day).days <= self.window_days

    def _best_cluster(self, vector: SparseVec, day: date | None) -> tuple[int | None, float]:
        dots: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():
            for cid in self._postings.get(term, ()):
                dots[cid] += weight * self.clusters_[cid].vector[term]
        best, best_score = None, -1.0
        for cid, dot in dots.items():
            cluster = self.clusters_[cid]
            if not self._active(cluster, day):
                continue
            score = dot / math.sqrt(cluster.norm2) if cluster.norm2 > 0 else 0.0
            if score > best_score:
                best, best_score = cid, score
        return best, best_score

    def _prune(self, day: date | None) -> None:
        """Drop expired events from the inverted index so lookups stay cheap."""
        if self.window_days is None or day is None:
            return
        expired = {i for i, c in enumerate(self.clusters_) if not self._active(c, day)}
        for term in list(self._postings):
            self._postings[term] -= expired
            if not self._postings[term]:
                del self._postings[term]

    def centroid(self, label: int) -> dict[str, float]:
        """An event's centroid as ``{term: weight}`` (the sum of its article vectors)."""
        if self.vectorizer_ is None:
            return {}
        names = self.vectorizer_.get_feature_names_out()
        return {str(names[t]): w for t, w in self.clusters_[label].vector.items()}

    def centroid_terms(self, label: int, top: int = 12) -> list[str]:
        """The highest-weighted terms of an event's centroid (for titles and storyline links)."""
        if self.vectorizer_ is None:
            return []
        names = self.vectorizer_.get_feature_names_out()
        ranked = sorted(self.clusters_[label].vector.items(), key=lambda kv: -kv[1])[:top]
        return [str(names[t]) for t, _ in ranked]


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[\s-][A-Z][a-z]+)*)\b", re.MULTILINE)
_NAME_STOP = frozenset(
    "The A An In On At He She It They We I But And This That Where When If These Those "
    "Mr Mrs Ms Dr Chair Chief Governor Regional Mayor Minister President Councilor Councillor "
    "Administrator Secretary General Attorney Deputy Senator Judge Officer Director Spokesman "
    "Spokeswoman Prime Foreign Defence Defense Professor Sir Lady Lord King Queen Prince "
    "Princess Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December".split()
)


def key_names(text: str) -> Counter[str]:
    """Mentions of capitalised names that are not sentence openers (people, places, bodies).

    A cheap stand-in for named-entity recognition that needs no model: names recur across
    the events of a storyline even when the vocabulary of each event differs, and the count
    says how central a name is to the text.
    """
    names: Counter[str] = Counter()
    for match in _NAME.finditer(text):
        words = [w for w in re.split(r"[\s-]", match.group(1)) if w not in _NAME_STOP]
        if words:
            names[" ".join(words)] += 1
    return names


@dataclass(frozen=True)
class EventProfile:
    """What storyline linking needs from an event."""

    id: str
    day: date | None
    terms: Mapping[str, float]
    names: Mapping[str, int] = field(default_factory=dict)


class StorylineLinker:
    """Chain events into storylines: single link over events in time order.

    Each event joins the storyline of the earlier event most similar to it, when that
    similarity reaches ``threshold`` and the two events are at most ``max_gap_days`` apart;
    otherwise it starts a storyline. Single link lets a storyline drift (a November presser, a
    January visit, an April joint statement) as long as each step is close. Similarity mixes
    the cosine of event centroids with the cosine of key-name vectors (counts weighted by IDF
    over events), because names persist across the events of a storyline while the rest of
    the vocabulary changes.

    Args:
        threshold: Minimum similarity to join a storyline.
        max_gap_days: Largest time gap a link may bridge.
        name_weight: Share of the similarity that comes from key names (the rest from terms).
    """

    def __init__(
        self, threshold: float = 0.25, max_gap_days: float = 400.0, name_weight: float = 0.5
    ) -> None:
        self.threshold = threshold
        self.max_gap_days = max_gap_days
        self.name_weight = name_weight

    def fit(self, events: Sequence[EventProfile]) -> StorylineLinker:
        """Group ``events``; the result is in ``labels_`` (event id to storyline number)."""
        ordered = sorted(events, key=lambda e: (e.day is None, e.day or date.min))
        self.labels_: dict[str, int] = {}
        if not ordered:
            return self
        terms, names = self._vectors(ordered)
        days = np.array([e.day.toordinal() if e.day else -1 for e in ordered])
        labels: list[int] = []
        for i, event in enumerate(ordered):
            # One row of similarities at a time: a full n x n matrix would not fit in memory
            # for a large corpus, and each event only looks back at earlier ones.
            row = self._row(terms, names, i)
            if event.day is not None and i:
                row[(days[:i] >= 0) & (days[i] - days[:i] > self.max_gap_days)] = 0.0
            best = int(np.argmax(row)) if i else -1
            joined = best >= 0 and row[best] >= self.threshold and row[best] > 0
            labels.append(labels[best] if joined else max(labels, default=-1) + 1)
        self.labels_ = {e.id: label for e, label in zip(ordered, labels, strict=True)}
        return self

    def _row(self, terms: Any, names: Any, i: int) -> np.ndarray:
        """Similarities of event ``i`` to events ``0..i-1``."""
        if i == 0:
            return np.zeros(0)
        combined = (1 - self.name_weight) * (terms[i] @ terms[:i].T) + self.name_weight * (
            names[i] @ names[:i].T
        )
        return np.asarray(combined.todense()).ravel()

    @staticmethod
    def _vectors(events: Sequence[EventProfile]) -> tuple[Any, Any]:
        """L2-normalised centroid-term rows and IDF-weighted key-name rows (sparse CSR)."""
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfTransformer
        from sklearn.preprocessing import normalize

        terms = normalize(DictVectorizer().fit_transform([dict(e.terms) for e in events]))
        counts = DictVectorizer().fit_transform([dict(e.names) for e in events])
        names = TfidfTransformer(smooth_idf=True).fit_transform(counts)
        return terms.tocsr(), names.tocsr()


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0
