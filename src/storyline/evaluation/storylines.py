"""Storyline-level evaluation: the product's two grouping stages on a labelled stream.

:func:`storylines_for` chains :class:`EventClusterer` and :class:`StorylineLinker` the way
a full ``storyline build`` does (same configuration, same event profiles; no duplicates and
no user edits), without the store or the model objects, so a labelled set such as mixed
Timeline17 can be scored.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.cluster import (
    ClusterDoc,
    EventClusterer,
    EventProfile,
    StorylineLinker,
    count_names,
)
from storyline.evaluation.datasets import LabelledSet
from storyline.evaluation.metrics import PRF, bcubed
from storyline.pipeline import BuildConfig

ARAB_SPRING = ("t17_egypt", "t17_libya", "t17_syria")
LINKER_GRID = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def storylines_for(docs: Sequence[ClusterDoc], config: BuildConfig | None = None) -> dict[str, int]:
    """Group articles into events, then events into storylines, as ``storyline build`` does.

    Args:
        docs: The articles (any order; the clusterer puts them in time order).
        config: The build knobs; the product defaults (:class:`BuildConfig`) when None.

    Returns:
        ``{doc id: storyline label}``.
    """
    config = config or BuildConfig()
    events = EventsOf.cluster(docs, config)
    return events.storylines(config.storyline_threshold, config.storyline_max_gap_days)


@dataclass(frozen=True)
class EventsOf:
    """A labelled stream clustered into events once, ready to be linked at any setting."""

    event_of_doc: dict[str, str]
    profiles: list[EventProfile]

    @classmethod
    def cluster(cls, docs: Sequence[ClusterDoc], config: BuildConfig | None = None) -> EventsOf:
        """Events of ``docs`` with the build's event clusterer and the build's event profiles."""
        clusterer = (config or BuildConfig()).event_clusterer().fit(docs)
        members: dict[int, list[ClusterDoc]] = defaultdict(list)
        for doc in docs:
            members[clusterer.labels_[doc.id]].append(doc)
        profiles = [_profile(label, group, clusterer) for label, group in members.items()]
        return cls({d.id: _event_id(clusterer.labels_[d.id]) for d in docs}, profiles)

    def storylines(self, threshold: float, max_gap_days: float) -> dict[str, int]:
        """``{doc id: storyline label}`` with a linker at these settings."""
        story_of_event = StorylineLinker(threshold, max_gap_days).fit(self.profiles).labels_
        return {doc: story_of_event[event] for doc, event in self.event_of_doc.items()}

    def multi_event(self, labels: Mapping[str, int]) -> int:
        """How many storylines in ``labels`` hold two events or more."""
        events: dict[int, set[str]] = defaultdict(set)
        for doc, label in labels.items():
            events[label].add(self.event_of_doc[doc])
        return sum(1 for group in events.values() if len(group) > 1)


def linker_curve(
    data: LabelledSet, thresholds: Sequence[float] = LINKER_GRID, config: BuildConfig | None = None
) -> list[tuple[float, PRF]]:
    """Storyline B-cubed on a topic-labelled set at each linker threshold (a dev curve).

    The events are clustered once with the build's defaults; only the linker varies. This is
    how the linker's default was chosen (on DUC 2003, each TDT topic a storyline).
    """
    config = config or BuildConfig()
    events = EventsOf.cluster(data.docs, config)
    curve = []
    for threshold in thresholds:
        labels = events.storylines(threshold, config.storyline_max_gap_days)
        curve.append((threshold, bcubed([labels[d.id] for d in data.docs], data.gold)))
    return curve


def _event_id(label: int) -> str:
    return f"event-{label}"


def _profile(label: int, group: list[ClusterDoc], clusterer: EventClusterer) -> EventProfile:
    """The event's profile as the build makes it: earliest day, centroid, key-name counts."""
    days = [d.day for d in group if d.day is not None]
    names = count_names(f"{d.title}\n{d.text}" for d in group)
    return EventProfile(
        _event_id(label), min(days) if days else None, clusterer.centroid(label), dict(names)
    )


def confusion_share(
    predicted: Mapping[str, int], gold: Mapping[str, str], topics: Sequence[str] = ARAB_SPRING
) -> dict[str, float]:
    """For each topic, the share of its articles in storylines dominated by another topic.

    A storyline is dominated by the gold topic with most articles in it. With the default
    topics this measures whether Egypt, Libya and Syria are kept apart: 0 means none of a
    topic's articles sit in a storyline that belongs to another topic (any other topic, so a
    storyline that swallows all three under a fourth topic's name counts against each).

    Args:
        predicted: ``{doc id: storyline label}``.
        gold: ``{doc id: gold topic}``.
        topics: The topics that must stay apart.
    """
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for doc_id, label in predicted.items():
        counts[label][gold[doc_id]] += 1
    owner = {label: c.most_common(1)[0][0] for label, c in counts.items()}
    shares = {}
    for topic in topics:
        mine = [label for doc_id, label in predicted.items() if gold[doc_id] == topic]
        stolen = sum(1 for label in mine if owner[label] != topic)
        shares[topic] = stolen / len(mine) if mine else 0.0
    return shares
