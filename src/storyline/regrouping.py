"""Grouping for ``storyline build``: articles into events, events into storylines.

:func:`regroup` groups every article from scratch (a full build) and :func:`extend` adds new
articles to stored events and storylines (an incremental build); both replay the user's edits
and hand :mod:`storyline.pipeline` a :class:`~storyline.grouping.Grouping` to store. Like the
stages, nothing here touches the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from storyline import ids
from storyline.cluster import (
    DEFAULT_WINDOW_DAYS,
    ClusterDoc,
    EventClusterer,
    EventProfile,
    StorylineLinker,
    count_names,
)
from storyline.edits import replay
from storyline.grouping import Grouping, event_draft, materialise
from storyline.model import Article, DuplicateLink, Edit, Event, Storyline

Vectors = Mapping[str, np.ndarray]
"""Article id → dense embedding (empty unless ``BuildConfig.dense``)."""

#: Batches from this many articles up are clustered with ``BuildConfig.n_jobs`` processes.
PARALLEL_FROM = 5000


@dataclass(frozen=True)
class BuildConfig:
    """Knobs of ``build``; the defaults are what ``storyline build`` uses (but for ``n_jobs``,
    which the command sets to every core).

    ``threshold`` None (the default) lets the shipped event scorer decide; a number switches
    to the classic single pass that joins an event at that centroid cosine. ``n_jobs`` > 1
    (``-1``: every core) vectorises large batches in worker processes (same result); a script
    that sets it must guard its entry point with ``if __name__ == "__main__":`` (the workers
    are spawned).
    """

    threshold: float | None = None
    window_days: float | None = DEFAULT_WINDOW_DAYS
    storyline_threshold: float = 0.4
    storyline_max_gap_days: float = 400.0
    dense: bool = False
    n_jobs: int = 1

    def event_clusterer(self, batch: int = 0) -> EventClusterer:
        """A fresh event clusterer with these settings, for ``batch`` articles to cluster.

        ``n_jobs`` applies to large batches only: starting a worker costs a second or two,
        more than it saves on a few thousand articles.
        """
        jobs = self.n_jobs if batch >= PARALLEL_FROM else 1
        if self.threshold is None:
            return EventClusterer(window_days=self.window_days, dense=self.dense, n_jobs=jobs)
        return EventClusterer(self.threshold, self.window_days, scorer=None, n_jobs=jobs)


def group(
    articles: Sequence[Article], links: Sequence[DuplicateLink], config: BuildConfig
) -> tuple[list[Event], list[Storyline]]:
    """Cluster articles (in first-seen order) into events and events into storylines."""
    grouping = regroup(articles, links, config, ())
    return materialise(grouping, articles, {link.article_id for link in links})


def _docs(articles: Sequence[Article], vectors: Vectors) -> list[ClusterDoc]:
    return [ClusterDoc(a.id, a.title, a.text, a.day, vectors.get(a.id)) for a in articles]


def _must_link(links: Sequence[DuplicateLink]) -> dict[str, str]:
    return {link.article_id: link.original_id for link in links}


def regroup(
    articles: Sequence[Article],
    links: Sequence[DuplicateLink],
    config: BuildConfig,
    edits: Sequence[Edit],
    vectors: Vectors | None = None,
) -> Grouping:
    """Group every article from scratch (in first-seen order), then replay the user's edits.

    Event edits are replayed before storylines are linked, storyline edits after.
    ``vectors`` are the articles' dense embeddings when ``config.dense`` asks for them.
    """
    grouping = Grouping()
    if not articles:
        return grouping
    vectors = vectors or {}
    clusterer = config.event_clusterer(batch=len(articles))
    clusterer.fit(_docs(articles, vectors), must_link=_must_link(links))
    clusterer.close()
    labels: dict[int, str] = {}
    for article in articles:
        label = clusterer.labels_[article.id]
        eid = labels.setdefault(label, ids.event_id(article.id))
        grouping.members.setdefault(eid, []).append(article.id)
        grouping.story_of[eid] = None
    replay(grouping, edits, "event")
    if any(e.target == "event" for e in edits):
        clusterer = _seeded(articles, grouping, config, vectors)
        labels = {clusterer.labels_[aids[0]]: eid for eid, aids in grouping.members.items()}
    label_of = {eid: label for label, eid in labels.items()}
    _link(grouping, articles, clusterer, label_of, config, frozenset(), _copies(links))
    replay(grouping, edits, "storyline")
    return grouping


def _seeded(
    articles: Sequence[Article], grouping: Grouping, config: BuildConfig, vectors: Vectors
) -> EventClusterer:
    """A clusterer holding the grouping's events as they are (IDF from all articles)."""
    by_id = {a.id: a for a in articles}
    groups = [_docs([by_id[a] for a in aids], vectors) for aids in grouping.members.values()]
    clusterer = config.event_clusterer().fit_idf(_docs(articles, vectors))
    return clusterer.seed(groups)


def extend(
    grouping: Grouping,
    articles: Sequence[Article],
    links: Sequence[DuplicateLink],
    config: BuildConfig,
    pinned: frozenset[str] = frozenset(),
    vectors: Vectors | None = None,
) -> Grouping:
    """Add the articles that are in no event yet to a stored grouping (an incremental build).

    Stored events are seeded into the clusterer as they are (pinned ones are not, so they
    take nothing); the new articles join them or open events named after their first
    article. Stored events keep their storylines; new events are linked to the storylines
    of the stored events (pinned storylines excepted) or open new ones.
    """
    by_id = {a.id: a for a in articles}
    for eid in list(grouping.members):
        grouping.members[eid] = [a for a in grouping.members[eid] if a in by_id]
    grouping.drop_empty()  # events whose articles a re-extraction rejected
    if not articles:
        return grouping
    clusterer, label_of = _add_new_articles(
        grouping, articles, links, config, pinned, vectors or {}
    )
    _link(grouping, articles, clusterer, label_of, config, pinned, _copies(links))
    return grouping


def _add_new_articles(
    grouping: Grouping,
    articles: Sequence[Article],
    links: Sequence[DuplicateLink],
    config: BuildConfig,
    pinned: frozenset[str],
    vectors: Vectors,
) -> tuple[EventClusterer, dict[str, int]]:
    """Cluster the articles in no event into the open stored events or new ones.

    Returns:
        The clusterer (every event seeded or grown in it) and each event's label.
    """
    by_id = {a.id: a for a in articles}
    placed = grouping.event_of()
    fresh = [a for a in articles if a.id not in placed]
    open_events = [e for e in grouping.members if e not in pinned]
    clusterer = config.event_clusterer(batch=len(fresh)).fit_idf(_docs(articles, vectors))
    clusterer.seed([_docs([by_id[a] for a in grouping.members[e]], vectors) for e in open_events])
    if fresh:
        clusterer.partial_fit(_docs(fresh, vectors), must_link=_must_link(links))
    clusterer.close()
    event_of_label = dict(enumerate(open_events))
    for article in fresh:
        eid = event_of_label.setdefault(clusterer.labels_[article.id], ids.event_id(article.id))
        grouping.members.setdefault(eid, []).append(article.id)
        grouping.story_of.setdefault(eid, None)
    closed = [e for e in grouping.members if e in pinned]  # seeded last, for centroids only
    clusterer.seed([_docs([by_id[a] for a in grouping.members[e]], vectors) for e in closed])
    event_of_label.update({clusterer.labels_[grouping.members[e][0]]: e for e in closed})
    return clusterer, {eid: label for label, eid in event_of_label.items()}


def _copies(links: Sequence[DuplicateLink]) -> list[str]:
    return [link.article_id for link in links]


def _link(
    grouping: Grouping,
    articles: Sequence[Article],
    clusterer: EventClusterer,
    label_of: dict[str, int],
    config: BuildConfig,
    pinned: frozenset[str],
    copies_of: Sequence[str],
) -> None:
    """Give every event without a storyline one: a stored storyline or a new one.

    Events of stored storylines are the linker's seeds (pinned storylines excepted, so they
    take no new event); each event without a storyline joins the storyline of its most
    similar event or opens one named after its first event.
    """
    by_id = {a.id: a for a in articles}
    copies = set(copies_of)
    profiles = {
        eid: _profile(eid, aids, clusterer.centroid(label_of[eid]), by_id, copies)
        for eid, aids in grouping.members.items()
    }
    stories = sorted({s for s in grouping.story_of.values() if s is not None and s not in pinned})
    number = {sid: i for i, sid in enumerate(stories)}
    seeds = [e for e, s in grouping.story_of.items() if s in number]
    linker = StorylineLinker(config.storyline_threshold, config.storyline_max_gap_days)
    new = [e for e, s in grouping.story_of.items() if s is None]
    if seeds:
        linker.seed(
            [profiles[e] for e in seeds], {e: number[grouping.story_of[e] or ""] for e in seeds}
        )
        linker.partial_fit([profiles[e] for e in new])
    else:
        linker.fit([profiles[e] for e in new])  # a full build: exactly the one-shot linking
    story_of_label = {i: sid for sid, i in number.items()}
    for profile in sorted((profiles[e] for e in new), key=_profile_order):
        label = linker.labels_[profile.id]
        grouping.story_of[profile.id] = story_of_label.setdefault(
            label, ids.storyline_id(profile.id)
        )


def _profile_order(profile: EventProfile) -> tuple[bool, date, str]:
    return (profile.day is None, profile.day or date.min, profile.id)


def _profile(
    event_id: str,
    article_ids: Sequence[str],
    centroid: dict[str, float],
    by_id: dict[str, Article],
    copies: set[str],
) -> EventProfile:
    members = [by_id[a] for a in article_ids]
    names = count_names(f"{a.title}\n{a.text}" for a in members)
    day = event_draft(event_id, members, copies).date
    return EventProfile(event_id, day, centroid, dict(names))
