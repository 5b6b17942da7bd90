"""Events: an online single pass that groups articles telling the same event.

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
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

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

    def fit_idf(self, docs: Sequence[ClusterDoc]) -> EventClusterer:
        """Learn IDF from ``docs`` and forget any events (before :meth:`seed`)."""
        self._reset()
        self.vectorizer_ = self._new_vectorizer().fit(
            [doc_text(d, self.title_weight) for d in docs]
        )
        return self

    def seed(self, groups: Sequence[Sequence[ClusterDoc]]) -> EventClusterer:
        """Register existing events as they are, so :meth:`partial_fit` adds to them.

        Incremental builds start from the stored events: each group becomes an event (label
        ``i`` for ``groups[i]``, after any already known) with its members' vectors, without
        re-deciding who belongs where. IDF comes from :meth:`fit_idf`, or from the seeded
        documents when none was learned yet.

        Args:
            groups: The member articles of each existing event.
        """
        if self.vectorizer_ is None:
            self.vectorizer_ = self._new_vectorizer().fit(
                [doc_text(d, self.title_weight) for g in groups for d in g]
            )
        for members in groups:
            label: int | None = None
            for doc in time_order(members):
                self._add(doc, self._vector(doc), label, new=label is None)
                label = self.labels_[doc.id]
        return self

    def _vector(self, doc: ClusterDoc) -> SparseVec:
        assert self.vectorizer_ is not None
        matrix = self.vectorizer_.transform([doc_text(doc, self.title_weight)])
        return dict(zip(matrix.indices.tolist(), matrix.data.tolist(), strict=True))

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

    def _add(
        self, doc: ClusterDoc, vector: SparseVec, forced: int | None, *, new: bool = False
    ) -> None:
        if new:
            best, score = None, 0.0
        elif forced is not None:
            best, score = forced, 1.0
        else:
            best, score = self._best_cluster(vector, doc.day)
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
