"""Read-side library functions behind ``stories``, ``show`` and ``extract``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.analyze.entities import ModelUnavailable
from storyline.export import article_record, build_document, originals_only, timeline_records
from storyline.extract import extract
from storyline.ingest import iter_documents
from storyline.model import Article, Attribution, Rejected
from storyline.store import Store


@dataclass(frozen=True)
class StorylineRow:
    """One line of ``storyline stories``."""

    id: str
    title: str
    span: str
    events: int
    articles: int
    outlets: int
    sources: int


def storyline_rows(store: Store) -> list[StorylineRow]:
    """Storylines with their sizes and independent sources, most recently active first."""
    articles = {a.id: a for a in store.articles()}
    events = {e.id: e for e in store.events()}
    derived = {edge.article_id for edge in store.lineage()}
    rows = []
    for story in store.storylines():
        members = [articles[aid] for eid in story.event_ids for aid in events[eid].article_ids]
        start = story.start.isoformat() if story.start else "undated"
        end = story.end.isoformat() if story.end else ""
        span = start if end in ("", start) else f"{start} → {end}"
        rows.append(
            StorylineRow(
                story.id,
                story.title,
                span,
                len(story.event_ids),
                len(members),
                len({a.outlet for a in members if a.outlet}),
                sum(1 for a in members if a.id not in derived),
            )
        )
    return rows


def describe(store: Store, item_id: str, *, originals: bool = False) -> dict[str, Any]:
    """The storyline, event or article named by ``item_id`` (or a unique prefix of it).

    An id that a merge retired resolves to the id that survived: the answer then says
    ``resolved_from``; events and storylines list their ``aliases``. With ``originals``,
    an event lists only its original reports (no copies or rewrites).

    Raises:
        LookupError: No object, or several, match.
    """
    matches = store.resolve_id(item_id)
    if not matches:
        raise LookupError(f"no storyline, event or article has an id starting with {item_id!r}")
    if len(matches) > 1:
        names = ", ".join(i for _, i in matches[:5])
        raise LookupError(f"{item_id!r} is ambiguous: it starts {names}")
    kind, found = matches[0]
    doc = build_document(
        store.articles(), store.events(), store.storylines(), [], lineage=store.lineage()
    )
    if originals:
        doc = originals_only(doc)
    tables = {"storyline": "storylines", "event": "events", "article": "articles"}
    record = next(r for r in doc[tables[kind]] if r["id"] == found)
    if kind == "storyline":
        events = {e["id"]: e for e in doc["events"]}
        record = {**record, "events": [events[e] for e in record["event_ids"]]}
    if kind == "event":
        articles = {a["id"]: a for a in doc["articles"]}
        record = {**record, "articles": [_brief(articles[a]) for a in record["article_ids"]]}
    if kind != "article":
        record["aliases"] = [a.alias for a in store.aliases() if a.id == found]
    if not found.startswith(item_id):
        record["resolved_from"] = item_id
    return {"kind": kind, **record}


def _brief(article: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "outlet", "published", "title", "url", "flags", "lineage")
    return {k: article[k] for k in keys}


@dataclass(frozen=True)
class QuoteRow:
    """One line of ``storyline quotes``: who said what, where and when."""

    speaker: str | None
    as_written: str | None
    text: str
    kind: str
    outlet: str | None
    published: str | None
    article_id: str
    event_id: str


def storyline_quotes(store: Store, item_id: str) -> list[QuoteRow]:
    """The quotes and reported speech of a storyline's original reports (copies and rewrites
    repeat them and add no evidence), event by event, each with its resolved speaker.

    Raises:
        LookupError: ``item_id`` names no storyline (or several).
    """

    found = _storyline(store, item_id)
    articles = {a.id: a for a in store.articles()}
    derived = {edge.article_id for edge in store.lineage()}
    originals = [
        (event["id"], articles[aid])
        for event in found["events"]
        for aid in event["article_ids"]
        if aid not in derived
    ]
    rows: list[QuoteRow] = []
    for event_id, article, said in _attributions(store, originals):
        published = article.published.isoformat() if article.published else None
        rows.extend(
            QuoteRow(
                a.speaker,
                a.as_written,
                a.text,
                a.kind,
                article.outlet,
                published,
                article.id,
                event_id,
            )
            for a in said
        )
    return rows


def _storyline(store: Store, item_id: str) -> dict[str, Any]:
    """The storyline named by ``item_id`` (see :func:`describe`), or LookupError."""
    found = describe(store, item_id)
    if found["kind"] != "storyline":
        raise LookupError(f"{item_id!r} names {found['kind']} {found['id']}, not a storyline")
    return found


def storyline_claims(store: Store, item_id: str) -> list[dict[str, Any]]:
    """The claim groups of a storyline (``storyline analyze`` first), disputed first, then
    corroborated, then single-source; within each, most independent sources first.

    Raises:
        LookupError: ``item_id`` names no storyline (or several).
    """
    from storyline.analyze import ANALYZER_VERSION

    found = _storyline(store, item_id)
    articles = store.articles()
    doc = build_document(
        articles,
        store.events(),
        store.storylines(),
        [],
        lineage=store.lineage(),
        attributions=store.attributions(),
        analysed={a.id for a in articles} - store.unanalyzed(ANALYZER_VERSION),
    )
    order = {"disputed": 0, "corroborated": 1, "single_source": 2}
    groups = [g for g in doc["claim_groups"] if g["storyline_id"] == found["id"]]
    return sorted(groups, key=lambda g: (order[g["status"]], -g["independent_sources"]))


def storyline_timeline(store: Store, item_id: str) -> list[dict[str, Any]]:
    """The dated timeline of a storyline: days its articles name, each with a cited summary
    and the date expressions behind it (the export's ``storylines[].timeline``).

    Raises:
        LookupError: ``item_id`` names no storyline (or several).
    """
    from storyline.provenance.lineage import lineage_roots

    found = _storyline(store, item_id)
    by_id = {a.id: a for a in store.articles()}
    ids = [i for e in store.events() if e.storyline_id == found["id"] for i in e.article_ids]
    return timeline_records(ids, by_id, lineage_roots(store.lineage()))


def _attributions(
    store: Store, originals: list[tuple[str, Article]]
) -> list[tuple[str, Article, list[Attribution]]]:
    """Each article's stored attributions (``storyline analyze``), analysing on the fly the
    articles that were not analysed by the current analyser."""
    from storyline.analyze import ANALYZER_VERSION, analyze

    stale = store.unanalyzed(ANALYZER_VERSION)
    stored: dict[str, list[Attribution]] = {}
    for attribution in store.attributions():
        stored.setdefault(attribution.article_id, []).append(attribution)
    todo = [(a.id, a.text) for _, a in originals if a.id in stale]
    if todo:
        try:
            stored |= {r.article_id: list(r.attributions) for r in analyze(todo)}
        except ModelUnavailable:  # speakers are still resolved, without entity types
            stored |= {aid: _plain(aid, text) for aid, text in todo}
    return [(eid, a, stored.get(a.id, [])) for eid, a in originals]


def _plain(article_id: str, text: str) -> list[Attribution]:
    from storyline.analyze import _attribution, attributed_quotes

    return [_attribution(article_id, q) for q in attributed_quotes(text)]


def extract_file(path: Path) -> list[dict[str, Any] | Rejected]:
    """Extract every page in one file without storing anything."""
    results: list[dict[str, Any] | Rejected] = []
    for item in iter_documents([path]):
        result = item if isinstance(item, Rejected) else extract(item)
        results.append(result if isinstance(result, Rejected) else article_record(result))
    return results
