"""The library entry points: ingest, build, export and run, each tying stages to the store.

Stages never see the store; these functions read model objects from it, call the stages and
write the results back. The CLI is a thin layer over them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from storyline import ids
from storyline.cluster import (
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_DAYS,
    ClusterDoc,
    EventClusterer,
    EventProfile,
    StorylineLinker,
    key_names,
)
from storyline.dedupe import DedupeItem, DuplicateDetector
from storyline.extract import EXTRACTOR_VERSION, extract
from storyline.extract.templates import corpus_templates, dump_lines, site_key
from storyline.ingest import MAX_DOCUMENT_BYTES, iter_documents
from storyline.model import (
    Article,
    DocKind,
    DuplicateLink,
    Event,
    RawDocument,
    Rejected,
    Storyline,
)
from storyline.store import Store

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


@dataclass(frozen=True)
class BuildConfig:
    """Knobs of ``build``; the defaults are what ``storyline build`` uses."""

    threshold: float = DEFAULT_THRESHOLD
    window_days: float | None = DEFAULT_WINDOW_DAYS
    storyline_threshold: float = 0.25
    storyline_max_gap_days: float = 400.0


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
    kept, so events and storylines keep theirs at the next ``build``.
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


def build(store: Store, config: BuildConfig | None = None) -> BuildSummary:
    """Deduplicate and cluster every stored article, replacing the previous build."""
    config = config or BuildConfig()
    articles = first_seen_order(store.articles())
    links = DuplicateDetector().find([DedupeItem(a.id, a.text) for a in articles])
    events, storylines = group(articles, links, config)
    store.replace_groups(links, events, storylines)
    return BuildSummary(len(articles), len(links), len(events), len(storylines))


def group(
    articles: Sequence[Article], links: Sequence[DuplicateLink], config: BuildConfig
) -> tuple[list[Event], list[Storyline]]:
    """Cluster articles (in first-seen order) into events and events into storylines."""
    if not articles:
        return [], []
    clusterer = EventClusterer(config.threshold, config.window_days)
    docs = [ClusterDoc(a.id, a.title, a.text, a.day) for a in articles]
    clusterer.fit(docs, must_link={link.article_id: link.original_id for link in links})
    by_id = {a.id: a for a in articles}
    copies = {link.article_id for link in links}
    members: dict[int, list[Article]] = {}
    for article in articles:
        members.setdefault(clusterer.labels_[article.id], []).append(article)
    profiles, drafts = [], []
    for label, group_articles in members.items():
        draft = _event(group_articles, copies)
        drafts.append(draft)
        profiles.append(_profile(draft, clusterer.centroid(label), by_id))
    linker = StorylineLinker(config.storyline_threshold, config.storyline_max_gap_days).fit(
        profiles
    )
    return _assemble(drafts, linker.labels_)


def _event(articles: list[Article], copies: set[str]) -> Event:
    originals = [a for a in articles if a.id not in copies] or articles
    days = [a.day for a in originals if a.day is not None]
    titled = [a for a in originals if a.title] or [a for a in articles if a.title]
    title = titled[0].title if titled else articles[0].text[:80]
    return Event(
        ids.event_id(articles[0].id),
        title,
        min(days) if days else None,
        tuple(a.id for a in articles),
    )


def _profile(event: Event, centroid: dict[str, float], by_id: dict[str, Article]) -> EventProfile:
    names: Counter[str] = Counter()
    for article_id in event.article_ids:
        article = by_id[article_id]
        names.update(key_names(article.title + "\n" + article.text))
    return EventProfile(event.id, event.date, centroid, dict(names))


def _assemble(drafts: list[Event], labels: dict[str, int]) -> tuple[list[Event], list[Storyline]]:
    grouped: dict[int, list[Event]] = {}
    for draft in sorted(drafts, key=lambda e: (e.date is None, e.date or date.min, e.id)):
        grouped.setdefault(labels[draft.id], []).append(draft)
    events: list[Event] = []
    storylines: list[Storyline] = []
    for story_events in grouped.values():
        story_id = ids.storyline_id(story_events[0].id)
        largest = max(story_events, key=lambda e: len(e.article_ids))
        days = [e.date for e in story_events if e.date is not None]
        storylines.append(
            Storyline(
                story_id,
                largest.title,
                tuple(e.id for e in story_events),
                min(days) if days else None,
                max(days) if days else None,
            )
        )
        events.extend(Event(e.id, e.title, e.date, e.article_ids, story_id) for e in story_events)
    return events, storylines


def export(store: Store) -> dict[str, Any]:
    """The JSON document of the whole database (see ``docs/schema.json``)."""
    from storyline.export import build_document

    return build_document(store.articles(), store.events(), store.storylines(), store.rejections())


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
