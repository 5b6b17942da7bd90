"""Storylines: chain events that share key names and vocabulary across weeks or months.

:class:`StorylineLinker` links events in time order (single link), so a storyline can drift
(a November presser, a January visit, an April joint statement) as long as each step is close.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

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
        self._seeds = list(ordered)
        return self

    def seed(self, events: Sequence[EventProfile], labels: Mapping[str, int]) -> StorylineLinker:
        """Register events already in storylines, so :meth:`partial_fit` links new ones to them.

        Incremental builds keep every stored event in its storyline: seeding never re-decides
        them. Each new event is then compared with the seeded events (whatever their date) and
        with the new events before it.

        Args:
            events: The profiles of the stored events.
            labels: Event id → storyline number, for every seeded event.
        """
        self._seeds = list(events)
        self.labels_ = {e.id: labels[e.id] for e in self._seeds}
        return self

    def partial_fit(self, events: Sequence[EventProfile]) -> StorylineLinker:
        """Link new events in time order; new storylines get numbers after the known ones."""
        seeds: list[EventProfile] = getattr(self, "_seeds", [])
        self.labels_ = dict(getattr(self, "labels_", {}))
        ordered = sorted(events, key=lambda e: (e.day is None, e.day or date.min))
        if not ordered:
            return self
        known = seeds + ordered
        terms, names = self._vectors(known)
        days = np.array([e.day.toordinal() if e.day else -1 for e in known])
        for i in range(len(seeds), len(known)):
            row = self._row(terms, names, i)
            if known[i].day is not None and i:
                far = np.abs(days[i] - days[:i]) > self.max_gap_days
                row[(days[:i] >= 0) & far] = 0.0
            best = int(np.argmax(row)) if i else -1
            if best >= 0 and row[best] >= self.threshold and row[best] > 0:
                self.labels_[known[i].id] = self.labels_[known[best].id]
            else:
                self.labels_[known[i].id] = max(self.labels_.values(), default=-1) + 1
        self._seeds = known
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
