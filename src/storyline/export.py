"""The JSON contract (``storyline export``, ``storylines.json``), described in docs/schema.json.

Later versions add fields; they never rename or remove these.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from storyline.model import Alias, Article, Event, Rejected, Storyline

SCHEMA_VERSION = 1


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def article_record(article: Article, event_id: str | None = None) -> dict[str, Any]:
    """One article as a JSON object."""
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
    }


def build_document(
    articles: Sequence[Article],
    events: Sequence[Event],
    storylines: Sequence[Storyline],
    rejected: Sequence[Rejected],
    aliases: Sequence[Alias] = (),
) -> dict[str, Any]:
    """Assemble the export document from model objects.

    ``aliases`` are ids a merge retired, each with the id that now stands for it.
    """
    event_of = {aid: e.id for e in events for aid in e.article_ids}
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [article_record(a, event_of.get(a.id)) for a in articles],
        "events": [
            {
                "id": e.id,
                "title": e.title,
                "date": _iso(e.date),
                "article_ids": list(e.article_ids),
                "storyline_id": e.storyline_id,
            }
            for e in events
        ],
        "storylines": [
            {
                "id": s.id,
                "title": s.title,
                "event_ids": list(s.event_ids),
                "start": _iso(s.start),
                "end": _iso(s.end),
                "key_names": list(s.key_names),
                "key_terms": list(s.key_terms),
            }
            for s in storylines
        ],
        "rejected": [{"source": r.source, "reason": r.reason, "stage": r.stage} for r in rejected],
        "aliases": [{"alias": a.alias, "id": a.id, "kind": a.kind} for a in aliases],
    }
