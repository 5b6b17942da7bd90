"""Storyline-level evaluation: the product's two grouping stages on a labelled stream.

:func:`storylines_for` chains :class:`EventClusterer` and :class:`StorylineLinker` the way
a full ``storyline build`` does (same configuration, same event profiles; no duplicates and
no user edits), without the store or the model objects, so a labelled set such as mixed
Timeline17 can be scored.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from storyline.cluster import ClusterDoc, EventClusterer, EventProfile, StorylineLinker, key_names
from storyline.pipeline import BuildConfig

ARAB_SPRING = ("t17_egypt", "t17_libya", "t17_syria")


def storylines_for(docs: Sequence[ClusterDoc], config: BuildConfig | None = None) -> dict[str, int]:
    """Group articles into events, then events into storylines, as ``storyline build`` does.

    Args:
        docs: The articles (any order; the clusterer puts them in time order).
        config: The build knobs; the product defaults (:class:`BuildConfig`) when None.

    Returns:
        ``{doc id: storyline label}``.
    """
    config = config or BuildConfig()
    clusterer = config.event_clusterer().fit(docs)
    members: dict[int, list[ClusterDoc]] = defaultdict(list)
    for doc in docs:
        members[clusterer.labels_[doc.id]].append(doc)
    profiles = [_profile(label, group, clusterer) for label, group in members.items()]
    linker = StorylineLinker(config.storyline_threshold, config.storyline_max_gap_days)
    story_of_event = linker.fit(profiles).labels_
    return {doc.id: story_of_event[_event_id(clusterer.labels_[doc.id])] for doc in docs}


def _event_id(label: int) -> str:
    return f"event-{label}"


def _profile(label: int, group: list[ClusterDoc], clusterer: EventClusterer) -> EventProfile:
    """The event's profile as the build makes it: earliest day, centroid, key-name counts."""
    days = [d.day for d in group if d.day is not None]
    names: Counter[str] = Counter()
    for doc in group:
        names.update(key_names(doc.title + "\n" + doc.text))
    return EventProfile(
        _event_id(label), min(days) if days else None, clusterer.centroid(label), dict(names)
    )


def confusion_share(
    predicted: Mapping[str, int], gold: Mapping[str, str], topics: Sequence[str] = ARAB_SPRING
) -> dict[str, float]:
    """For each topic, the share of its articles in storylines dominated by another topic.

    A storyline is dominated by the gold topic with most articles in it. With the default
    topics this measures whether Egypt, Libya and Syria are kept apart: 0 means none of a
    topic's articles sit in a storyline that belongs to one of the other two.

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
        stolen = sum(1 for label in mine if owner[label] in topics and owner[label] != topic)
        shares[topic] = stolen / len(mine) if mine else 0.0
    return shares
