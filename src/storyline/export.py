"""The JSON contract (``storyline export``, ``storylines.json``), described in docs/schema.json.

Later versions add fields; they never rename or remove these.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import asdict, replace
from datetime import date, datetime
from typing import Any

from storyline.analyze.claims import Claim, ClaimGroup, claim_of, group_claims, statements
from storyline.analyze.entities import (
    Entity,
    entity_for,
    storyline_entities,
    with_descriptions,
)
from storyline.compose import Cited, Source, summarize
from storyline.compose.abstractive import LLMConfig, abstract
from storyline.compose.timeline import Dated, Entry, timeline
from storyline.model import (
    Alias,
    Article,
    Attribution,
    Event,
    LineageEdge,
    Mention,
    Rejected,
    Storyline,
)
from storyline.provenance import Lineage, lineage_of, outlet_records
from storyline.provenance.lineage import lineage_roots

SCHEMA_VERSION = 1


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _edge_record(edge: LineageEdge | None) -> dict[str, Any] | None:
    if edge is None:
        return None
    return {
        "source_id": edge.source_id,
        "relation": edge.relation,
        "kind": edge.kind,
        "score": edge.score,
        "agency": edge.agency,
        "spans": [[s.start, s.end] for s in edge.spans],
    }


def article_record(
    article: Article, event_id: str | None = None, edge: LineageEdge | None = None
) -> dict[str, Any]:
    """One article as a JSON object (``lineage`` is null for an original)."""
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "text": article.text,
        "published": _iso(article.published),
        "published_evidence": article.published_evidence,
        "outlet": article.outlet,
        "byline": article.byline,
        "language": article.language,
        "flags": [{"kind": f.kind, "detail": f.detail} for f in article.flags],
        "event_id": event_id,
        "contributors": [
            {"name": c.name, "kind": c.kind, "evidence": c.evidence} for c in article.contributors
        ],
        "disclosures": [{"kind": d.kind, "evidence": d.evidence} for d in article.disclosures],
        "evidence": dict(article.evidence),
        "confidence": dict(article.confidence),
        "lineage": _edge_record(edge),
    }


def build_document(
    articles: Sequence[Article],
    events: Sequence[Event],
    storylines: Sequence[Storyline],
    rejected: Sequence[Rejected],
    aliases: Sequence[Alias] = (),
    lineage: Sequence[LineageEdge] = (),
    mentions: Sequence[Mention] = (),
    attributions: Sequence[Attribution] = (),
    analysed: Collection[str] = (),
    summarise: bool = False,
    llm: LLMConfig | None = None,
) -> dict[str, Any]:
    """Assemble the export document from model objects.

    Args:
        articles: Every article, in ingestion order.
        events: The events.
        storylines: The storylines.
        rejected: Inputs refused by ingest or extraction.
        aliases: Ids a merge retired, each with the id that now stands for it.
        lineage: Copy, containment and rewrite edges (each article's source).
        mentions: Entity mentions (``storyline analyze``); entities are built per storyline
            from its original reports' mentions.
        attributions: Quotes and reported statements (``storyline analyze``).
        analysed: Ids of the articles ``storyline analyze`` has read: their own statements
            of figures are claims too.
        summarise: Give each event and storyline its cited ``summary``
            (:func:`storyline.compose.summarize`).
        llm: Write the summaries with this OpenAI-compatible endpoint instead
            (:func:`storyline.compose.abstractive.abstract`: checked against the sources,
            extractive where nothing passes).
    """
    event_of = {aid: e.id for e in events for aid in e.article_ids}
    edge_of = {e.article_id: e for e in lineage}
    summaries = _lineages(articles, events, edge_of)
    told = _told(articles, events, storylines, edge_of, llm) if summarise else {}
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [article_record(a, event_of.get(a.id), edge_of.get(a.id)) for a in articles],
        "events": [_event_record(e, summaries[e.id]) | told.get(e.id, {}) for e in events],
        "storylines": [_storyline_record(s, summaries) | told.get(s.id, {}) for s in storylines],
        "outlets": [asdict(r) for r in outlet_records(articles, lineage)],
        **_who_said_what(
            events,
            storylines,
            edge_of,
            mentions,
            attributions,
            _only(articles, set(analysed)),
        ),
        "rejected": [{"source": r.source, "reason": r.reason, "stage": r.stage} for r in rejected],
        "aliases": [{"alias": a.alias, "id": a.id, "kind": a.kind} for a in aliases],
    }


#: Summary lengths in words: an event's, a storyline's.
EVENT_WORDS, STORYLINE_WORDS = 60, 120
#: Most days on a storyline's timeline (the most-named ones).
TIMELINE_DATES = 40


def _told(
    articles: Sequence[Article],
    events: Sequence[Event],
    storylines: Sequence[Storyline],
    edge_of: dict[str, LineageEdge],
    llm: LLMConfig | None = None,
) -> dict[str, dict[str, Any]]:
    """Event or storyline id → ``{"summary": [{"text", "article_ids"}]}``. A copy counts as
    its lineage root (one source). Sentences follow their articles' publication dates (the
    timeline, not the summary, is where a doubted date must be set aside)."""
    root_of = lineage_roots(edge_of.values())
    by_id = {a.id: a for a in articles}

    def summary(ids: Sequence[str], words: int) -> dict[str, Any]:
        docs = [_source(by_id[i], root_of.get(i, i)) for i in ids if i in by_id]
        if llm is None:
            return {"summary": _cited_records(summarize(docs, max_words=words))}
        written = abstract(docs, llm, max_words=words)
        return {
            "summary": _cited_records(written.sentences),
            "summary_method": f"abstractive:{written.model}" if written.model else "extractive",
            "summary_rejected": [r.reason for r in written.rejected],
        }

    told = {e.id: summary(e.article_ids, EVENT_WORDS) for e in events}
    by_event = {event.id: event for event in events}
    for story in storylines:
        # The storyline's own event list, not each event's storyline_id: an edit updates the
        # list, and the two disagree until the next build.
        ids = [i for e in story.event_ids if e in by_event for i in by_event[e].article_ids]
        told[story.id] = summary(ids, STORYLINE_WORDS) | {
            "sources": _sources(ids, by_id, root_of),
            "timeline": timeline_records(ids, by_id, root_of),
        }
    return told


def timeline_records(
    ids: Sequence[str], by_id: dict[str, Article], root_of: dict[str, str]
) -> list[dict[str, Any]]:
    """The dated timeline of the articles ``ids`` (:func:`storyline.compose.timeline.timeline`)
    as export records.

    Args:
        ids: The storyline's article ids.
        by_id: Articles by id (the storyline's, and the originals its copies name).
        root_of: Each copy's lineage root (:func:`storyline.provenance.lineage.lineage_roots`).
    """
    docs = [_dated(by_id[i], by_id, root_of.get(i, i)) for i in ids if i in by_id]
    return [_entry_record(entry) for entry in timeline(docs, max_dates=TIMELINE_DATES)]


def _dated(article: Article, by_id: dict[str, Article], root: str) -> Dated:
    """An article for the timeline. A page whose date provenance doubts (a copy under a
    false later date) has its relative dates read against its original's date, or not at
    all, and its own date counts for nothing."""
    day = _day(article.published)
    if any(f.kind == "page_date_suspect" for f in article.flags):
        original = by_id.get(root)
        day = _day(original.published) if original is not None and root != article.id else None
    return Dated(article.id, article.text, day, root)


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _entry_record(entry: Entry) -> dict[str, Any]:
    return {
        "date": entry.day.isoformat(),
        "text": entry.text,
        "article_ids": list(entry.article_ids),
        "summary": _cited_records(entry.summary),
        "evidence": [
            {
                "article_id": e.article_id,
                "expression": e.expression,
                "sentence": e.sentence,
                "anchor": _iso(e.anchor),
            }
            for e in entry.evidence
        ],
    }


def _cited_records(cited: Sequence[Cited]) -> list[dict[str, Any]]:
    return [{"text": c.text, "article_ids": list(c.article_ids)} for c in cited]


def _sources(
    ids: Sequence[str], by_id: dict[str, Article], root_of: dict[str, str]
) -> list[dict[str, Any]]:
    """Outlets of a storyline with their articles; ``original`` when one of them is an
    original report (not a copy or rewrite), originals' outlets first."""
    by_outlet: dict[str, list[str]] = {}
    for article_id in ids:
        article = by_id.get(article_id)
        if article is not None:
            by_outlet.setdefault(article.outlet or "unknown outlet", []).append(article_id)
    records = [
        {"outlet": outlet, "article_ids": found, "original": any(a not in root_of for a in found)}
        for outlet, found in by_outlet.items()
    ]
    return sorted(records, key=lambda r: (not r["original"], -len(r["article_ids"]), r["outlet"]))


def _source(article: Article, root: str) -> Source:
    return Source(article.id, article.text, _day(article.published), root)


def _lineages(
    articles: Sequence[Article], events: Sequence[Event], edge_of: dict[str, LineageEdge]
) -> dict[str, Lineage]:
    by_id = {a.id: a for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    suspect = {a.id for a in articles if any(f.kind == "page_date_suspect" for f in a.flags)}
    return {e.id: lineage_of(e.article_ids, by_id, set(edge_of), order, suspect) for e in events}


def _event_record(event: Event, lineage: Lineage) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "date": _iso(event.date),
        "article_ids": list(event.article_ids),
        "storyline_id": event.storyline_id,
        "first_seen": {"article_id": lineage.first_seen, "basis": lineage.basis},
        "independent_sources": lineage.independent_sources,
        "original_ids": list(lineage.roots),
    }


def _storyline_record(story: Storyline, lineages: dict[str, Lineage]) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "event_ids": list(story.event_ids),
        "start": _iso(story.start),
        "end": _iso(story.end),
        "key_names": list(story.key_names),
        "key_terms": list(story.key_terms),
        "independent_sources": sum(
            lineages[e].independent_sources for e in story.event_ids if e in lineages
        ),
    }


def originals_only(doc: dict[str, Any]) -> dict[str, Any]:
    """The export document cut to original reports: copies and rewrites are left out of the
    articles and of every event's ``article_ids`` (counts and lineage stay as computed).

    An event whose members all derive from articles elsewhere keeps its first member, so
    every event still has an article to show.
    """
    kept = {a["id"] for a in doc["articles"] if a.get("lineage") is None}
    events = []
    for event in doc["events"]:
        members = [a for a in event["article_ids"] if a in kept] or event["article_ids"][:1]
        kept.update(members)
        events.append({**event, "article_ids": members})
    return {**doc, "articles": [a for a in doc["articles"] if a["id"] in kept], "events": events}


def _only(articles: Sequence[Article], ids: set[str]) -> list[Article]:
    return [a for a in articles if a.id in ids]


def _who_said_what(
    events: Sequence[Event],
    storylines: Sequence[Storyline],
    edge_of: dict[str, LineageEdge],
    mentions: Sequence[Mention],
    attributions: Sequence[Attribution],
    articles: Sequence[Article] = (),
) -> dict[str, list[dict[str, Any]]]:
    """``entities`` per storyline (from original reports) and ``quotes`` with their
    speaker's entity."""
    story_of = {aid: e.storyline_id for e in events for aid in e.article_ids}
    by_story: dict[str, list[Mention]] = {}
    for mention in mentions:
        story = story_of.get(mention.article_id)
        if story is not None and mention.article_id not in edge_of:
            by_story.setdefault(story, []).append(mention)
    said_in: dict[str, list[Attribution]] = {}
    for attribution in attributions:
        story = story_of.get(attribution.article_id)
        if story is not None:
            said_in.setdefault(story, []).append(attribution)
    entities = {
        s.id: with_descriptions(
            storyline_entities(s.id, by_story.get(s.id, [])), said_in.get(s.id, [])
        )
        for s in storylines
    }
    claims, groups = _claims(story_of, edge_of, attributions, articles)
    group_of = {cid: g.id for g in groups for cid in g.claim_ids}
    return {
        "entities": [_entity_record(e) for found in entities.values() for e in found],
        "quotes": [
            _quote_record(q, entities.get(story_of.get(q.article_id) or "", []))
            for q in attributions
        ],
        "claims": [_claim_record(c, group_of.get(c.id)) for c in claims],
        "claim_groups": [_group_record(g) for g in groups],
    }


def _claims(
    story_of: dict[str, str | None],
    edge_of: dict[str, LineageEdge],
    attributions: Sequence[Attribution],
    articles: Sequence[Article] = (),
) -> tuple[list[Claim], list[ClaimGroup]]:
    """Every attribution as a claim, with the articles' own statements of figures, and the
    claims grouped per storyline (a copy's claim counts as its lineage root's)."""
    root_of = lineage_roots(edge_of.values())
    said: dict[str, list[Attribution]] = {}
    for attribution in attributions:
        said.setdefault(attribution.article_id, []).append(attribution)
    claims = [claim_of(a) for a in attributions] + [
        c for a in articles for c in statements(a.id, a.text, said.get(a.id, []))
    ]
    by_story: dict[str, list[Claim]] = {}
    for claim in claims:
        story = story_of.get(claim.article_id)
        if story is not None:
            by_story.setdefault(story, []).append(claim)
    groups = [g for sid, found in by_story.items() for g in group_claims(sid, found, root_of)]
    # A claim's polarity is read against its group: a negation of a claim another source
    # makes denies it.
    denials = {cid for g in groups for cid in g.denial_ids}
    claims = [replace(c, polarity="denies" if c.id in denials else "asserts") for c in claims]
    return claims, groups


def _claim_record(claim: Claim, group_id: str | None) -> dict[str, Any]:
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "group_id": group_id,
        "speaker": claim.speaker,
        "text": claim.text,
        "polarity": claim.polarity,
        "hedged": claim.hedged,
        "numbers": list(claim.numbers),
    }


def _group_record(group: ClaimGroup) -> dict[str, Any]:
    return {
        "id": group.id,
        "storyline_id": group.storyline_id,
        "summary": group.summary,
        "status": group.status,
        "independent_sources": group.independent_sources,
        "asserted_by": list(group.asserted_by),
        "denied_by": list(group.denied_by),
        "claim_ids": list(group.claim_ids),
    }


def _entity_record(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "storyline_id": entity.storyline_id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "mentions": entity.mentions,
    }


def _quote_record(quote: Attribution, entities: Sequence[Entity]) -> dict[str, Any]:
    entity = entity_for(quote.speaker, entities)
    return {
        "id": quote.id,
        "article_id": quote.article_id,
        "speaker": quote.speaker,
        "speaker_entity_id": entity.id if entity else None,
        "as_written": quote.as_written,
        "text": quote.text,
        "kind": quote.kind,
        "verb": quote.verb,
        "start": quote.start,
        "end": quote.end,
    }
