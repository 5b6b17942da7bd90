"""The library entry points: ingest, build, export and run, each tying stages to the store.

Stages never see the store; these functions read model objects from it, call the stages and
write the results back. The CLI is a thin layer over them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from storyline.cluster import (
    DEFAULT_WINDOW_DAYS,
)
from storyline.edits import edit_state
from storyline.embeddings import article_embeddings
from storyline.extract import EXTRACTOR_VERSION, extract
from storyline.extract.dates import numeric_date_order
from storyline.extract.templates import corpus_templates, dump_lines, site_key
from storyline.grouping import Grouping, materialise
from storyline.ingest import MAX_DOCUMENT_BYTES, iter_documents
from storyline.model import (
    Article,
    DocKind,
    Event,
    LineageEdge,
    RawDocument,
    Rejected,
)
from storyline.provenance import (
    CopyDetector,
    CopyItem,
    Provenance,
    RewriteDetector,
    RewriteItem,
    duplicate_links,
    origin_order,
    trace,
)
from storyline.regrouping import PARALLEL_FROM, BuildConfig, Vectors, extend, group, regroup
from storyline.store import Store

__all__ = [
    "DEFAULT_WINDOW_DAYS",
    "PARALLEL_FROM",
    "AnalyzeSummary",
    "BuildConfig",
    "Vectors",
    "analyze",
    "build",
    "export",
    "extend",
    "group",
    "ingest",
    "reextract",
    "regroup",
    "report",
    "run",
]

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
    peers = [r for r in dumps if site_of[r.id] in keys]
    templates, orders = _templates(peers), _date_orders(peers, site_of)
    results = [
        (raw, extract(raw, templates[raw.id], orders.get(site_of[raw.id])))
        for raw in wanted
        if raw.id in templates
    ]
    store.replace_extractions(results, EXTRACTOR_VERSION)
    return len(results)


def _templates(dumps: Sequence[RawDocument]) -> dict[str, frozenset[str]]:
    return corpus_templates([(r.id, r.url, r.content) for r in dumps])


def _date_orders(
    dumps: Sequence[RawDocument], site_of: dict[str, str | None]
) -> dict[str | None, str]:
    """How each site writes all-numeric dates, from all its pages together (a page whose
    only date is 10/01/1998 is read the way its site's 25/01/1998 or 01/25/1998 shows)."""
    lines: dict[str | None, list[str]] = {}
    for raw in dumps:
        if site_of[raw.id] is not None:
            lines.setdefault(site_of[raw.id], []).extend(raw.content.split("\n")[:80])
    found = {site: numeric_date_order(site_lines) for site, site_lines in lines.items()}
    return {site: order for site, order in found.items() if order}


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
    dumps = [r for r in store.raw_documents() if _is_dump(r)]
    site_of = {raw.id: _site(raw) for raw in dumps}
    templates, orders = _templates(dumps), _date_orders(dumps, site_of)
    raws = store.raw_documents() if everything else store.stale_raw_documents(version)
    summary = IngestSummary()
    for start in range(0, len(raws), 50):
        results = []
        for raw in raws[start : start + 50]:
            if progress is not None:
                progress(raw.source)
            order = orders.get(site_of.get(raw.id))
            results.append((raw, extract(raw, templates.get(raw.id, ()), order)))
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
    detector = CopyDetector(n_jobs=config.n_jobs)
    copies = detector.find([CopyItem(a.id, a.text) for a in origin_order(articles)])
    links = duplicate_links(copies)
    edits = store.edits()
    state = edit_state(edits)
    if full:
        grouping = regroup(articles, links, config, edits, vectors)
    else:
        stored = Grouping.from_events(store.events())
        grouping = extend(stored, articles, links, config, state.pinned, vectors)
    copied = {link.article_id for link in links}
    events, storylines = materialise(grouping, articles, copied, state.titles)
    found = provenance(articles, copies, events)
    store.replace_groups(links, events, storylines, found.edges, found.flags)
    return BuildSummary(len(articles), len(links), len(events), len(storylines))


def provenance(
    articles: Sequence[Article], copies: Sequence[LineageEdge], events: Sequence[Event]
) -> Provenance:
    """Rewrites within each event, then wire lines, trust flags and lineage of every article.

    Args:
        articles: Every article.
        copies: The copy and containment edges found before grouping.
        events: The events, members in first-seen order.
    """
    items = [RewriteItem(a.id, a.text) for a in origin_order(articles)]
    event_of = {aid: e.id for e in events for aid in e.article_ids}
    rewrites = RewriteDetector().find(items, event_of, exclude={c.article_id for c in copies})
    return trace(articles, [*copies, *rewrites], events)


@dataclass(frozen=True)
class AnalyzeSummary:
    """What ``analyze`` did."""

    analyzed: int
    up_to_date: int
    quotes: int


def analyze(
    store: Store, *, progress: Progress | None = None, batch_size: int = 256, n_jobs: int = 1
) -> AnalyzeSummary:
    """Find entity mentions and who said what in every article not analysed yet.

    Articles analysed by the current analyser are skipped, so this is incremental; each
    batch is stored in one transaction (an interrupted run keeps its finished batches).

    Args:
        store: The database.
        progress: Called with each article's source as it is analysed.
        batch_size: Articles per transaction.
        n_jobs: Processes for the analysis (``-1`` all cores; each loads the spaCy model,
            worth it from a few hundred articles). A script using more than one needs an
            ``if __name__ == "__main__":`` guard.

    Raises:
        storyline.analyze.entities.ModelUnavailable: No spaCy English model is installed.
    """
    from storyline.analyze import ANALYZER_VERSION
    from storyline.analyze import analyze as analyze_texts

    wanted = store.unanalyzed(ANALYZER_VERSION)
    articles = [a for a in store.articles() if a.id in wanted]
    quotes = 0
    results = analyze_texts([(a.id, a.text) for a in articles], n_jobs=n_jobs)
    for start in range(0, len(articles), batch_size):
        batch = articles[start : start + batch_size]
        found = list(itertools.islice(results, len(batch)))
        mentions = [m for item in found for m in item.mentions]
        said = [q for item in found for q in item.attributions]
        store.put_analysis([a.id for a in batch], mentions, said, ANALYZER_VERSION)
        quotes += len(said)
        if progress is not None:
            for article in batch:
                progress(article.source)
    return AnalyzeSummary(len(articles), store.counts()["articles"] - len(articles), quotes)


def export(store: Store, *, originals: bool = False, abstractive: bool = False) -> dict[str, Any]:
    """The JSON document of the whole database (see ``docs/schema.json``).

    Args:
        store: The database.
        originals: Leave copies and rewrites out (:func:`storyline.export.originals_only`).
        abstractive: Write the summaries with the OpenAI-compatible endpoint named by
            ``STORYLINE_LLM_URL``/``STORYLINE_LLM_MODEL`` (checked against their sources).

    Raises:
        ValueError: ``abstractive`` without an endpoint configured, or a bad configuration.
    """
    from storyline.analyze import ANALYZER_VERSION
    from storyline.compose.abstractive import LLMConfig
    from storyline.export import build_document, originals_only

    llm = LLMConfig.from_env() if abstractive else None
    if abstractive and llm is None:
        raise ValueError("abstractive summaries need STORYLINE_LLM_URL and STORYLINE_LLM_MODEL")
    articles = store.articles()
    doc = build_document(
        articles,
        store.events(),
        store.storylines(),
        store.rejections(),
        store.aliases(),
        store.lineage(),
        store.mentions(),
        store.attributions(),
        {a.id for a in articles} - store.unanalyzed(ANALYZER_VERSION),
        summarise=True,
        llm=llm,
    )
    return originals_only(doc) if originals else doc


def report(
    store: Store, out: Path, *, originals: bool = False, abstractive: bool = False
) -> list[Path]:
    """Write ``index.html``, ``report.md`` and ``storylines.json`` to ``out``, and the web
    pages of ``storyline serve`` as a static site under ``out/site/`` (with ``originals``,
    copies and rewrites are left out of the article lists; ``abstractive`` as in
    :func:`export`)."""
    from storyline.report import write_report
    from storyline.web.static import write_site

    doc = export(store, originals=originals, abstractive=abstractive)
    return [*write_report(doc, out), *write_site(doc, out / "site")]


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
    analyze(store, n_jobs=(config or BuildConfig()).n_jobs)
    return RunSummary(ingested, built, report(store, out))
