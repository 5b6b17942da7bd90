"""The library entry points: ingest, build, export and run, each tying stages to the store.

Stages never see the store; these functions read model objects from it, call the stages and
write the results back. The CLI is a thin layer over them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from storyline import ids
from storyline.cluster import (
    DEFAULT_WINDOW_DAYS,
    ClusterDoc,
    EventClusterer,
    EventProfile,
    StorylineLinker,
    key_names,
)
from storyline.dedupe import DedupeItem, DuplicateDetector
from storyline.edits import edit_state, replay
from storyline.embeddings import article_embeddings
from storyline.extract import EXTRACTOR_VERSION, extract
from storyline.extract.templates import corpus_templates, dump_lines, site_key
from storyline.grouping import Grouping, event_draft, materialise
from storyline.ingest import MAX_DOCUMENT_BYTES, iter_documents
from storyline.model import (
    Article,
    DocKind,
    DuplicateLink,
    Edit,
    Event,
    RawDocument,
    Rejected,
    Storyline,
)
from storyline.store import Store

Vectors = Mapping[str, np.ndarray]
"""Article id → dense embedding (empty unless ``BuildConfig.dense``)."""

Progress = Callable[[str], None]
"""Called once per input item with its source, so a caller can drive a progress bar."""


@dataclass
class IngestSummary:
    """What an ingest run did."""

    added: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    fresh_text_sites: set[str] = field(default_factory=set)

    @property
    def seen(self) -> int:
        """Documents and rejections looked at."""
        return self.added + self.unchanged + len(self.rejected)


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


@dataclass(frozen=True)
class BuildSummary:
    """Counts of a build."""

    articles: int
    duplicates: int
    events: int
    storylines: int


def ingest(
    store: Store,
    paths: Iterable[str],
    *,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    batch_size: int = 25,
    progress: Progress | None = None,
) -> IngestSummary:
    """Read, extract and store every page under ``paths``.

    Each batch is one transaction: an interrupted run keeps every finished batch, and running
    it again skips what is stored (ids are content hashes) and completes the rest.

    Args:
        store: The database.
        paths: Files, directories and globs.
        max_bytes: Size limit for one document.
        batch_size: Documents per transaction.
        progress: Called with each input's source as it is handled.
    """
    summary = IngestSummary()
    batch: list[RawDocument | Rejected] = []
    for item in iter_documents(paths, max_bytes=max_bytes):
        if progress is not None:
            progress(item.source)
        batch.append(item)
        if len(batch) >= batch_size:
            _store_batch(store, batch, summary)
            batch = []
    _store_batch(store, batch, summary)
    if summary.fresh_text_sites:
        apply_site_templates(store, summary.fresh_text_sites)
    return summary


def _is_dump(raw: RawDocument) -> bool:
    return raw.kind is DocKind.TEXT and not raw.hints.get("clean")


def apply_site_templates(store: Store, sites: set[str] | None = None) -> int:
    """Re-extract text dumps with the lines their site repeats on other pages as boilerplate.

    A page alone is cleaned by the line classifier; once its site has several pages, the
    lines they share (menus, footers, "Most read" headers) are known boilerplate. Ids do not
    change, so this can run after every ingest.

    Args:
        store: The database.
        sites: Only re-extract pages of these sites (:func:`site_key`); all when None.

    Returns:
        How many articles were re-extracted.
    """
    dumps = [raw for raw in store.raw_documents() if _is_dump(raw)]
    site_of = {raw.id: _site(raw) for raw in dumps}  # splitting a dump into lines is not free
    wanted = [r for r in dumps if sites is None or site_of[r.id] in sites]
    if not wanted:
        return 0
    keys = {site_of[r.id] for r in wanted}
    templates = _templates([r for r in dumps if site_of[r.id] in keys])
    results = [(raw, extract(raw, templates[raw.id])) for raw in wanted if raw.id in templates]
    store.replace_extractions(results, EXTRACTOR_VERSION)
    return len(results)


def _templates(dumps: Sequence[RawDocument]) -> dict[str, frozenset[str]]:
    return corpus_templates([(r.id, r.url, r.content) for r in dumps])


def _site(raw: RawDocument) -> str | None:
    return site_key(raw.url, dump_lines(raw.content))


def _store_batch(store: Store, batch: list[RawDocument | Rejected], summary: IngestSummary) -> None:
    raws = [item for item in batch if isinstance(item, RawDocument)]
    known = store.known_raw_ids(r.id for r in raws)
    fresh: dict[str, RawDocument] = {r.id: r for r in raws if r.id not in known}
    summary.unchanged += len(raws) - len(fresh)
    summary.fresh_text_sites.update(
        site for raw in fresh.values() if _is_dump(raw) and (site := _site(raw)) is not None
    )
    results = [(raw, extract(raw)) for raw in fresh.values()]
    rejections = [item for item in batch if isinstance(item, Rejected)]
    store.add_batch(results, rejections, EXTRACTOR_VERSION)
    summary.rejected.extend(rejections)
    for _raw, result in results:
        if isinstance(result, Rejected):
            summary.rejected.append(result)
        else:
            summary.added += 1


def reextract(
    store: Store, *, everything: bool = False, progress: Progress | None = None
) -> IngestSummary:
    """Run the current extractor again over stored raw documents (no input files needed).

    By default only documents extracted by an older extractor version, or rejected by
    extraction, are redone; ``everything`` redoes all. Article ids and first-seen order are
    kept. An incremental :func:`build` keeps stored memberships and does not look at the new
    text again: when re-extraction changed article text, regroup with ``build(..., full=True)``
    (``storyline build --full``), which replays the user's edits.
    """
    version = "" if everything else EXTRACTOR_VERSION
    templates = _templates([r for r in store.raw_documents() if _is_dump(r)])
    raws = store.raw_documents() if everything else store.stale_raw_documents(version)
    summary = IngestSummary()
    for start in range(0, len(raws), 50):
        results = []
        for raw in raws[start : start + 50]:
            if progress is not None:
                progress(raw.source)
            results.append((raw, extract(raw, templates.get(raw.id, ()))))
        store.replace_extractions(results, EXTRACTOR_VERSION)
        for _raw, result in results:
            if isinstance(result, Rejected):
                summary.rejected.append(result)
            else:
                summary.added += 1
    return summary


def first_seen_order(articles: Sequence[Article]) -> list[Article]:
    """Articles by publication day, undated ones last, ties kept in ingestion order.

    ``articles`` must already be in ingestion order (as :meth:`Store.articles` returns them).
    """
    indexed = list(enumerate(articles))
    indexed.sort(key=lambda p: (p[1].day is None, p[1].day or date.min, p[0]))
    return [article for _, article in indexed]


def build(
    store: Store,
    config: BuildConfig | None = None,
    *,
    full: bool = False,
    encoded: Callable[[int], None] | None = None,
) -> BuildSummary:
    """Deduplicate, then group articles into events and events into storylines.

    By default the build is incremental: stored events and storylines keep their ids and
    members, and only articles in no event yet are clustered (they join stored events or open
    new ones; new events join stored storylines or open new ones). ``full`` regroups every
    article from scratch. Both honour the recorded user edits (:mod:`storyline.edits`): a full
    build replays them, an incremental one keeps pinned events and storylines closed and their
    titles, and renamed titles. After a re-extraction that changed article text, or to apply
    a new ``config`` to stored articles, run a full build: an incremental one does not revisit
    stored articles. With ``config.dense`` the articles' embeddings are computed first (only
    those not cached in the store; ``encoded`` is told how many after each batch).
    """
    config = config or BuildConfig()
    articles = first_seen_order(store.articles())
    vectors = article_embeddings(store, articles, progress=encoded) if config.dense else {}
    links = DuplicateDetector().find([DedupeItem(a.id, a.text) for a in articles])
    edits = store.edits()
    state = edit_state(edits)
    if full:
        grouping = regroup(articles, links, config, edits, vectors)
    else:
        stored = Grouping.from_events(store.events())
        grouping = extend(stored, articles, links, config, state.pinned, vectors)
    copies = set(_copies(links))
    events, storylines = materialise(grouping, articles, copies, state.titles)
    store.replace_groups(links, events, storylines)
    return BuildSummary(len(articles), len(links), len(events), len(storylines))


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
    names: Counter[str] = Counter()
    members = [by_id[a] for a in article_ids]
    for article in members:
        names.update(key_names(article.title + "\n" + article.text))
    day = event_draft(event_id, members, copies).date
    return EventProfile(event_id, day, centroid, dict(names))


def export(store: Store) -> dict[str, Any]:
    """The JSON document of the whole database (see ``docs/schema.json``)."""
    from storyline.export import build_document

    return build_document(
        store.articles(), store.events(), store.storylines(), store.rejections(), store.aliases()
    )


def report(store: Store, out: Path) -> list[Path]:
    """Write ``index.html``, storyline pages, ``report.md`` and ``storylines.json`` to ``out``."""
    from storyline.report import write_report

    return write_report(export(store), out)


@dataclass(frozen=True)
class RunSummary:
    """What ``run`` did: the ingest summary, the build counts and the files written."""

    ingest: IngestSummary
    build: BuildSummary
    files: list[Path]


def run(
    store: Store,
    paths: Iterable[str],
    out: Path,
    *,
    config: BuildConfig | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    progress: Progress | None = None,
) -> RunSummary:
    """Ingest ``paths``, build events and storylines, and write the report to ``out``."""
    ingested = ingest(store, paths, max_bytes=max_bytes, progress=progress)
    built = build(store, config)
    return RunSummary(ingested, built, report(store, out))
