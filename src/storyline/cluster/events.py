"""Events: an online single pass that groups articles telling the same event.

Documents arrive in time order. Candidate events come from an inverted index over centroid
terms, restricted to events active within a time window, so the cost per article does not grow
with the size of the corpus; the few most similar candidates (whole-text cosine) are then
scored by a learned model over headline, key-name, time and cohesion features
(:mod:`.features`, :mod:`.scorer`), and the article joins the best one when the model says it
more likely belongs than not, or else opens a new event. Without a model (``scorer=None``) the
decision is the classic single pass: join when the centroid cosine reaches ``threshold``.

The class follows scikit-learn's estimator habits: hyper-parameters in ``__init__``,
``fit``/``partial_fit`` to learn, trailing-underscore attributes for what was learned.
"""

from __future__ import annotations

import heapq
import math
import multiprocessing
import os
import weakref
from collections import Counter, defaultdict, deque
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from operator import neg
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.cluster.features import (
    DenseRows,
    DocVectors,
    EventState,
    NameWeights,
    normalised,
    pair_features,
    sparse_arrays,
)
from storyline.cluster.scorer import EventScorer, default_scorer, dense_scorer
from storyline.cluster.storylines import key_names

DEFAULT_THRESHOLD = 0.2
#: Candidate window: the scorer was trained with it (DUC topics have 95% of their gaps within
#: two weeks); the time-gap feature decides within it.
DEFAULT_WINDOW_DAYS = 14.0
#: Candidates scored by the model: the most similar events by whole-text cosine.
CANDIDATES = 10
#: With a scorer, candidates are looked up by the article's heaviest terms only ...
RETRIEVAL_TERMS = 12
#: ... and this many, by partial dot product, get an exact cosine.
SHORTLIST = 20
#: Live events with this many centroid terms also keep their centroid as a dense array (one
#: float per vocabulary term): past a few hundred terms, looking an article's terms up in the
#: dict costs more than a numpy gather (measured on the synthetic stream at 20k: 390 µs of
#: exact cosines per article with dicts only, 155 µs with this threshold, 232 µs with 1000).
DENSE_TERMS = 250
#: Articles per job of the vectorising workers (``n_jobs`` > 1): a job takes them about half a
#: second, long enough to amortise the round trip and short enough to start clustering soon.
CHUNK = 1000

#: What vectorising one article yields before the (sequential) online name weights: the
#: whole-text row, the normalised headline row, key-name counts and the retrieval terms.
RawVectors = tuple[dict[int, float], dict[int, float], Counter[str], dict[int, float]]


@dataclass(frozen=True)
class ClusterDoc:
    """What event clustering needs from an article."""

    id: str
    title: str
    text: str
    day: date | None = None
    #: A unit dense embedding (``storyline build --dense``); ignored unless the clusterer is
    #: dense. Not compared: two docs are the same doc whatever their vectors.
    embedding: np.ndarray | None = field(default=None, compare=False, repr=False)


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
    """Online single-pass event clustering: TF-IDF candidates, a learned join decision.

    Args:
        threshold: Without a scorer, the minimum centroid cosine to join an event.
        window_days: Only events updated within this many days of the article are candidates;
            ``None`` disables the window (for undated collections).
        title_weight: How many times the headline counts relative to the body.
        vectorizer: A scikit-learn text vectorizer to clone instead of :func:`make_vectorizer`
            (the benchmark passes a plain ``TfidfVectorizer`` to reproduce the baseline).
        scorer: The join model: ``"default"`` for the shipped one (threshold mode when its file
            is missing), an :class:`EventScorer`, or ``None`` for threshold mode.
        n_jobs: Processes to use, scikit-learn style (``-1``: one per core). Beyond one,
            worker processes vectorise the next articles while this one clusters; labels are
            the same as with one. Batches shorter than two :data:`CHUNK` stay in-process.
        dense: Read every document's ``embedding`` and give the scorer their cosine too
            (``"default"`` then means the shipped dense scorer, ``event_scorer_dense.json``).
    """

    def __init__(
        self,
        threshold: float = DEFAULT_THRESHOLD,
        window_days: float | None = DEFAULT_WINDOW_DAYS,
        title_weight: int = 2,
        vectorizer: TfidfVectorizer | None = None,
        scorer: EventScorer | str | None = "default",
        n_jobs: int = 1,
        dense: bool = False,
    ) -> None:
        self.threshold = threshold
        self.window_days = window_days
        self.title_weight = title_weight
        self.vectorizer = vectorizer
        self.scorer = scorer
        self.n_jobs = n_jobs
        self.dense = dense
        self._pool: ProcessPoolExecutor | None = None
        self._reset()

    def _new_vectorizer(self) -> TfidfVectorizer:
        return clone(self.vectorizer) if self.vectorizer is not None else make_vectorizer()

    def _reset(self) -> None:
        self.close()
        self.vectorizer_: TfidfVectorizer | None = None
        self.scorer_ = _resolve_scorer(self.scorer, self.dense)
        self.clusters_: list[EventState] = []
        self.labels_: dict[str, int] = {}
        # term -> {event label: the term's weight in the event centroid}
        self._postings: dict[int, dict[int, float]] = defaultdict(dict)
        self._live: set[int] = set()  # events still in the index (pruning walks only these)
        self._dense: DenseRows | None = None  # large live events' centroids, kept in step
        self._names = NameWeights()
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
        return self.fit_idf(docs).partial_fit(docs, must_link)

    def fit_idf(self, docs: Sequence[ClusterDoc]) -> EventClusterer:
        """Learn IDF from ``docs`` and forget any events (before :meth:`seed`).

        With ``n_jobs`` > 1 the workers are started here and given the vectorizer (they take
        a second or so to start), so the first batch is not kept waiting for them.
        """
        self._reset()
        self.vectorizer_ = self._new_vectorizer().fit(
            [doc_text(d, self.title_weight) for d in docs]
        )
        if self._workers():
            self._worker_pool().submit(int).result()
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
            ordered = time_order(members)
            for doc, vectors in zip(ordered, self._vectors(ordered), strict=True):
                label = self.labels_.get(ordered[0].id, len(self.clusters_))
                self._join(doc.id, vectors, label)
        return self

    def partial_fit(
        self, docs: Sequence[ClusterDoc], must_link: Mapping[str, str] | None = None
    ) -> EventClusterer:
        """Add more articles to the existing events (IDF is learned on the first batch)."""
        if self.vectorizer_ is None:
            self.vectorizer_ = self._new_vectorizer().fit(
                [doc_text(d, self.title_weight) for d in docs]
            )
        ordered = time_order(docs)
        links = must_link or {}
        for doc, vectors in zip(ordered, self._vectors(ordered), strict=True):
            forced = self.labels_.get(links.get(doc.id, ""))
            label = forced if forced is not None else self._decide(vectors)
            self._join(doc.id, vectors, label)
        return self

    def pair_examples(
        self, docs: Sequence[ClusterDoc], gold: Sequence[str]
    ) -> tuple[list[list[float]], list[int]]:
        """Training pairs for the scorer: replay ``docs`` with their gold events.

        Each article meets the candidates this clusterer would show it, given the gold events
        so far (teacher forcing); a pair is positive when the candidate is its gold event.

        Args:
            docs: The articles, with dates if the corpus has them (any order).
            gold: The gold event label of each article.
        """
        self.fit_idf(docs)
        label_of = dict(zip((d.id for d in docs), gold, strict=True))
        opened: dict[str, int] = {}
        features: list[list[float]] = []
        targets: list[int] = []
        ordered = time_order(docs)
        for doc, vectors in zip(ordered, self._vectors(ordered, names=True), strict=True):
            truth = opened.setdefault(label_of[doc.id], len(self.clusters_))
            for label, row in self._candidate_features(vectors, exact=True):
                features.append(row)
                targets.append(int(label == truth))
            self._join(doc.id, vectors, truth)
        return features, targets

    def _vectors(
        self, docs: Sequence[ClusterDoc], names: bool | None = None
    ) -> Iterator[DocVectors]:
        """Whole-text and headline TF-IDF rows, key-name weights and days, in ``docs`` order.

        Key names are only looked for when a scorer will read them (or ``names`` says so).
        Their weights are counted online, so they are made here, as the articles are taken.
        """
        with_names = self.scorer_ is not None if names is None else names
        assert self.vectorizer_ is not None
        if self._workers() and len(docs) >= 2 * CHUNK:
            raw = self._pipelined(docs, with_names)
        else:
            raw = iter(vectorise(self.vectorizer_, self.title_weight, with_names, docs))
        for (full, title, counts, heavy), doc in zip(raw, docs, strict=True):
            names_vector = self._names.vector(counts) if counts else {}
            day = doc.day.toordinal() if doc.day else None
            embedding = doc.embedding if self.dense else None
            if self.dense and embedding is None:
                raise ValueError(f"dense clustering needs an embedding for {doc.id}")
            yield DocVectors(full, title, names_vector, day, heavy, embedding)

    def _workers(self) -> int:
        jobs = self.n_jobs if self.n_jobs >= 1 else (os.cpu_count() or 1) + 1 + self.n_jobs
        return max(jobs - 1, 0)

    def _pipelined(self, docs: Sequence[ClusterDoc], with_names: bool) -> Iterator[RawVectors]:
        """:func:`vectorise` of ``docs`` in order: this process does a short first chunk
        (vectorising and clustering it takes about as long as a worker's first chunk) while
        the workers do the next ones, and they keep a few chunks ahead of clustering."""
        assert self.vectorizer_ is not None
        pool = self._worker_pool()
        own = CHUNK // 4
        chunks = [docs[:own]] + [docs[i : i + CHUNK] for i in range(own, len(docs), CHUNK)]
        ahead: deque[Future[list[RawVectors]]] = deque()
        queued = 1
        for chunk in chunks[1 : 1 + 2 * self._workers()]:
            ahead.append(pool.submit(_vectorise_in_worker, chunk, with_names))
            queued += 1
        yield from vectorise(self.vectorizer_, self.title_weight, with_names, chunks[0])
        while ahead:
            done = ahead.popleft().result()
            if queued < len(chunks):
                ahead.append(pool.submit(_vectorise_in_worker, chunks[queued], with_names))
                queued += 1
            yield from done

    def _worker_pool(self) -> ProcessPoolExecutor:
        """The workers, started once per fitted vectorizer (which they receive once)."""
        if self._pool is None:
            # Spawned rather than forked: a fork of a large clusterer would count (and risk
            # copying) its memory twice; spawning costs a second or so, once.
            self._pool = ProcessPoolExecutor(
                self._workers(),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.vectorizer_, self.title_weight),
            )
            self._stop_pool = weakref.finalize(self, self._pool.shutdown)
        return self._pool

    def close(self) -> None:
        """Stop the worker processes, if any (they are also stopped when the clusterer goes)."""
        if self._pool is not None:
            self._stop_pool()  # shuts the pool down once, and no longer at garbage collection
            self._pool = None

    def _decide(self, doc: DocVectors) -> int:
        """The event ``doc`` joins: an existing label, or the next free one (a new event)."""
        new = len(self.clusters_)
        if self.scorer_ is None:
            best, score = self._most_similar(doc)
            return best if best is not None and score >= self.threshold else new
        candidates = self._candidate_features(doc)
        if not candidates:
            return new
        probability = self.scorer_.predict_proba([row for _, row in candidates])
        pick = int(np.argmax(probability))
        return candidates[pick][0] if probability[pick] >= 0.5 else new

    def _candidate_features(
        self, doc: DocVectors, *, exact: bool = False
    ) -> list[tuple[int, list[float]]]:
        """The top candidates by whole-text cosine, each with its pair features.

        Training asks for the exact top candidates (every term looked up), so the scorer
        learns from the true nearest events; in use the faster shortlist finds nearly the same.
        """
        similarities = self._similarities(doc, exact=exact)
        ranked = sorted(similarities.items(), key=lambda kv: (-kv[1], kv[0]))
        ranked = ranked[:CANDIDATES]
        if not ranked:
            return []
        best, second = ranked[0][1], ranked[1][1] if len(ranked) > 1 else 0.0
        return [
            (label, pair_features(doc, self.clusters_[label], cos, best, second, self.dense))
            for label, cos in ranked
        ]

    def _most_similar(self, doc: DocVectors) -> tuple[int | None, float]:
        scores = self._similarities(doc, exact=True)
        if not scores:
            return None, -1.0
        best = max(scores, key=lambda label: (scores[label], -label))
        return best, scores[best]

    def _similarities(self, doc: DocVectors, *, exact: bool) -> dict[int, float]:
        """Whole-text cosine with the active events that share a term (inverted index).

        ``exact`` (threshold mode) looks up every term: the classic single pass. Otherwise
        (the scorer's candidates, in training and in use alike) only the article's
        :data:`RETRIEVAL_TERMS` heaviest terms are looked up, and the best :data:`SHORTLIST`
        events by that partial dot product get their exact cosine: common terms index
        thousands of events, and walking them was most of the time on long streams.
        """
        heavy = doc.heavy if doc.heavy is not None else heaviest(doc.full)
        terms = doc.full if exact else heavy
        dots = _partial_dots(terms, self._postings)
        events, day = self.clusters_, doc.day
        if exact:
            return {
                label: dot / math.sqrt(events[label].full_n2)
                for label, dot in dots.items()
                if self._active(events[label], day)
            }
        # Expired events leave the index every few thousand articles, so checking activity on
        # the shortlist alone is cheaper and loses at most a few slots.
        # (dot, -label) pairs rank as a key of the same would, without a call per event.
        ranked = heapq.nlargest(SHORTLIST, zip(dots.values(), map(neg, dots.keys()), strict=True))
        shortlist = [-negated for _, negated in ranked if self._active(events[-negated], day)]
        return self._cosines(doc, shortlist)

    def _cosines(self, doc: DocVectors, labels: list[int]) -> dict[int, float]:
        """The exact whole-text cosine of ``doc`` with each event of ``labels``."""
        events, dense = self.clusters_, self._dense
        heavy = [label for label in labels if label in dense] if dense and doc.full else []
        cosines = {label: events[label].cos_full(doc) for label in labels if label not in heavy}
        if heavy:
            assert dense is not None
            dots = dense.dots(heavy, sparse_arrays(doc.full))
            for label, dot in zip(heavy, dots, strict=True):
                cosines[label] = dot / math.sqrt(events[label].full_n2)
        return cosines

    def _join(self, doc_id: str, doc: DocVectors, label: int) -> None:
        if label == len(self.clusters_):
            self.clusters_.append(EventState())
        event = self.clusters_[label]
        event.add(doc_id, doc)
        self._live.add(label)
        self._densify(label, doc)
        postings, centroid = self._postings, event.full
        for term in doc.full:
            postings[term][label] = centroid[term]
        self.labels_[doc_id] = label
        self._seen += 1
        if self._seen % 2000 == 0:
            self._prune(doc.day)

    def _densify(self, label: int, doc: DocVectors) -> None:
        """Keep a large event's dense centroid in step with its dict."""
        if self._dense is None:
            assert self.vectorizer_ is not None
            self._dense = DenseRows(len(self.vectorizer_.vocabulary_))
        if label in self._dense:
            self._dense.update(label, sparse_arrays(doc.full))
        elif len(centroid := self.clusters_[label].full) >= DENSE_TERMS:
            self._dense.add(label, centroid)

    def _active(self, event: EventState, day: int | None) -> bool:
        if self.window_days is None or day is None or event.last is None:
            return True
        return day - event.last <= self.window_days

    def _prune(self, day: int | None) -> None:
        """Drop expired events from the inverted index so lookups stay cheap."""
        if self.window_days is None or day is None:
            return
        expired = [label for label in self._live if not self._active(self.clusters_[label], day)]
        for label in expired:
            self._live.discard(label)
            if self._dense is not None:
                self._dense.drop(label)
            for term in self.clusters_[label].full:
                postings = self._postings.get(term)
                if postings is not None:
                    postings.pop(label, None)
                    if not postings:
                        del self._postings[term]

    def _term_names(self) -> np.ndarray:
        """The fitted vectorizer's terms by column, computed once per vectorizer: scikit-learn
        rebuilds and sorts the list on every call, which took most of a build's time when the
        build asked for every event's centroid."""
        assert self.vectorizer_ is not None
        cached = getattr(self, "_vocabulary", None)
        if cached is None or cached[0] is not self.vectorizer_:
            cached = (self.vectorizer_, self.vectorizer_.get_feature_names_out())
            self._vocabulary = cached
        return cached[1]

    def centroid(self, label: int) -> dict[str, float]:
        """An event's centroid as ``{term: weight}`` (the sum of its article vectors)."""
        if self.vectorizer_ is None:
            return {}
        names = self._term_names()
        return {str(names[t]): w for t, w in self.clusters_[label].full.items()}

    def centroid_terms(self, label: int, top: int = 12) -> list[str]:
        """The highest-weighted terms of an event's centroid (for titles and storyline links)."""
        if self.vectorizer_ is None:
            return []
        names = self._term_names()
        ranked = sorted(self.clusters_[label].full.items(), key=lambda kv: -kv[1])[:top]
        return [str(names[t]) for t, _ in ranked]


def _partial_dots(
    terms: dict[int, float], postings: Mapping[int, dict[int, float]]
) -> dict[int, float]:
    """Each indexed event's dot product with ``terms``, summed term by term in their order."""
    dots: dict[int, float] = {}
    add = dots.get
    for term, weight in terms.items():
        for label, centroid_weight in postings.get(term, {}).items():
            dots[label] = add(label, 0.0) + weight * centroid_weight
    return dots


def heaviest(vector: dict[int, float]) -> dict[int, float]:
    """The :data:`RETRIEVAL_TERMS` heaviest terms of ``vector``, heaviest first (ties: first)."""
    return dict(heapq.nlargest(RETRIEVAL_TERMS, vector.items(), key=lambda kv: kv[1]))


def vectorise(
    vectorizer: TfidfVectorizer, title_weight: int, with_names: bool, docs: Sequence[ClusterDoc]
) -> list[RawVectors]:
    """Each article's :data:`RawVectors`: all that needs only the fitted vectorizer.

    Rows do not depend on which other articles share the batch, so any chunking of a stream
    gives the same vectors.
    """
    full = vectorizer.transform([doc_text(d, title_weight) for d in docs])
    titles = vectorizer.transform([d.title for d in docs])
    out: list[RawVectors] = []
    for row, doc in enumerate(docs):
        vector = _row(full, row)
        counts = key_names(f"{doc.title}\n{doc.text}") if with_names else Counter()
        out.append((vector, normalised(_row(titles, row)), counts, heaviest(vector)))  # type: ignore[arg-type]
    return out


_worker_job: tuple[TfidfVectorizer, int] | None = None  # a worker process's vectorizer


def _start_worker(vectorizer: TfidfVectorizer, title_weight: int) -> None:
    global _worker_job
    _worker_job = (vectorizer, title_weight)


def _vectorise_in_worker(docs: Sequence[ClusterDoc], with_names: bool) -> list[RawVectors]:
    assert _worker_job is not None
    return vectorise(*_worker_job, with_names, docs)


def _resolve_scorer(scorer: EventScorer | str | None, dense: bool = False) -> EventScorer | None:
    if scorer == "default":
        return dense_scorer() if dense else default_scorer()
    if scorer is None or isinstance(scorer, EventScorer):
        return scorer
    raise ValueError(f"scorer must be 'default', an EventScorer or None, not {scorer!r}")


def _row(matrix: Any, row: int) -> dict[int, float]:
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    return dict(
        zip(matrix.indices[start:end].tolist(), matrix.data[start:end].tolist(), strict=True)
    )
