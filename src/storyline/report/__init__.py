"""Stage 5, report: render the export document as a static HTML page, Markdown and JSON.

The report is made from the JSON contract alone, so anything a report shows can be checked in
``storylines.json``. Article text is untrusted: Jinja2 autoescaping is on for HTML.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

EXCERPT_CHARS = 600


def _md_escape(value: object) -> str:
    """Keep a value on one Markdown table line and stop it from opening markup."""
    text = re.sub(r"\s+", " ", str(value)).strip()
    return re.sub(r"([\\|`*_\[\]<>#])", r"\\\1", text)


def _when(value: str | None) -> str:
    """``2025-11-19T06:05:00-05:00`` → ``2025-11-19 06:05`` (the page's local time)."""
    if not value:
        return "—"
    return value[:16].replace("T", " ")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storyline.report", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md_escape
    env.filters["when"] = _when
    return env


def _span(start: str | None, end: str | None) -> str:
    if not start:
        return "undated"
    return start if start == end else f"{start} → {end}"


def view_model(doc: dict[str, Any]) -> dict[str, Any]:
    """Storylines with their events and articles nested, ready for the templates."""
    articles = {a["id"]: a for a in doc["articles"]}
    events = {e["id"]: e for e in doc["events"]}
    said = _said_by_article(doc)
    stories = []
    for story in doc["storylines"]:
        story_events = []
        for event_id in story["event_ids"]:
            event = events[event_id]
            members = [_article_view(articles[aid], articles) for aid in event["article_ids"]]
            members.sort(key=lambda a: (a["published"] is None, a["published"] or ""))
            story_events.append({**event, "articles": members, **_first_seen(event, articles)})
        outlets = sorted({a["outlet"] for e in story_events for a in e["articles"] if a["outlet"]})
        stories.append(
            {
                **story,
                "key_names": story.get("key_names", []),  # exports from before v0.4 lack them
                "key_terms": story.get("key_terms", []),
                "independent_sources": story.get("independent_sources"),
                "events": story_events,
                "span": _span(story["start"], story["end"]),
                "article_count": sum(len(e["articles"]) for e in story_events),
                "outlets": outlets,
                "entities": [
                    e for e in doc.get("entities", []) if e["storyline_id"] == story["id"]
                ][:TOP_ENTITIES],
                "quotes": _story_quotes(story_events, said),
                "summary": _cited(story.get("summary", []), articles),
                "timeline": _timeline(story.get("timeline", []), articles),
                "claims": _claim_matrix(doc, story["id"], articles),
            }
        )
    return {
        "doc": doc,
        "outlet_records": doc.get("outlets", []),
        "storylines": stories,
        "outlets": len({a["outlet"] for a in doc["articles"] if a["outlet"]}),
        "duplicates": sum(
            1 for a in doc["articles"] if any(f["kind"].endswith("_duplicate") for f in a["flags"])
        ),
    }


def _cited(summary: list[dict[str, Any]], articles: dict[str, Any]) -> list[dict[str, Any]]:
    """Summary sentences with their citations named by outlet and title."""
    return [
        {
            "text": sentence["text"],
            "cites": [
                {
                    "id": aid,
                    "outlet": articles[aid]["outlet"] or "unknown outlet",
                    "title": articles[aid]["title"] or "",
                }
                for aid in sentence["article_ids"]
                if aid in articles
            ],
        }
        for sentence in summary
    ]


def _timeline(entries: list[dict[str, Any]], articles: dict[str, Any]) -> list[dict[str, Any]]:
    """Timeline entries with cited sentences and their evidence named by outlet."""
    return [
        {
            "date": entry["date"],
            "summary": _cited(entry["summary"], articles),
            "evidence": [
                {**e, "outlet": (articles.get(e["article_id"]) or {}).get("outlet") or "?"}
                for e in entry["evidence"]
            ],
        }
        for entry in entries
    ]


TOP_ENTITIES = 12
"""Entities listed per storyline in the report (the export has them all)."""


def _said_by_article(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for quote in doc.get("quotes", []):  # exports from before v0.6 have none
        found.setdefault(quote["article_id"], []).append(quote)
    return found


def _story_quotes(
    events: list[dict[str, Any]], said: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Who said what in a storyline's original reports (copies repeat it), in event order."""
    rows = []
    for event in events:
        for article in event["articles"]:
            if article.get("lineage"):
                continue
            for quote in said.get(article["id"], []):
                rows.append(
                    {**quote, "outlet": article["outlet"], "published": article["published"]}
                )
    return rows


TOP_CLAIMS = 10
"""Claim groups shown per storyline in the report: disputed and corroborated first."""


def _claim_matrix(
    doc: dict[str, Any], storyline_id: str, articles: dict[str, Any]
) -> dict[str, Any]:
    """The storyline's disputed and corroborated claim groups with, per outlet, whether it
    asserts, denies or is silent on each (exports from before v0.6 have no claims)."""
    groups = [
        g
        for g in doc.get("claim_groups", [])
        if g["storyline_id"] == storyline_id and g["status"] != "single_source"
    ]
    order = {"disputed": 0, "corroborated": 1}
    groups = sorted(groups, key=lambda g: (order[g["status"]], -g["independent_sources"]))
    groups = groups[:TOP_CLAIMS]
    claims = {c["id"]: c for c in doc.get("claims", [])}
    stance: dict[tuple[str, str], str] = {}
    for group in groups:
        for claim_id in group.get("claim_ids", []):
            claim = claims.get(claim_id)
            if claim is None:
                continue
            outlet = articles.get(claim["article_id"], {}).get("outlet") or "unknown outlet"
            key = (group["id"], outlet)
            if stance.get(key) != "denies":  # a denial outweighs an assertion in one outlet
                stance[key] = claim["polarity"]
    outlets = sorted({outlet for _, outlet in stance})
    rows = [{**g, "cells": [stance.get((g["id"], o), "") for o in outlets]} for g in groups]
    return {"outlets": outlets, "rows": rows}


def _article_view(article: dict[str, Any], articles: dict[str, Any]) -> dict[str, Any]:
    text = article["text"]
    excerpt = text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
    return {**article, "excerpt": excerpt, "derivation": _derivation(article, articles)}


_RELATION_WORDS = {
    "exact": "exact copy of",
    "near": "near copy of",
    "trimmed": "trimmed copy of",
    "padded": "padded copy of",
    "rewrite": "rewrite of",
}


def _derivation(article: dict[str, Any], articles: dict[str, Any]) -> str | None:
    """ "trimmed copy (95%) of Meridian Press, 2025-11-14 (wire: Meridian Press)", or None."""
    edge = article.get("lineage")
    if not edge:
        return None
    source = articles.get(edge["source_id"], {})
    where = source.get("outlet") or "unknown outlet"
    when = f", {_when(source.get('published'))[:10]}" if source.get("published") else ""
    wire = f" (wire: {edge['agency']})" if edge.get("agency") else ""
    words = _RELATION_WORDS.get(edge["kind"], edge["kind"])
    return f"{words} {where}{when} · score {edge['score']:.2f}{wire}"


def _first_seen(event: dict[str, Any], articles: dict[str, Any]) -> dict[str, Any]:
    first = (event.get("first_seen") or {}).get("article_id")
    outlet = articles[first]["outlet"] if first in articles else None
    return {
        "first_outlet": outlet or ("unknown outlet" if first else None),
        "first_basis": (event.get("first_seen") or {}).get("basis"),
    }


def write_report(doc: dict[str, Any], out: Path) -> list[Path]:
    """Write ``index.html``, ``report.md`` and ``storylines.json`` into ``out``.

    Args:
        doc: The export document (:func:`storyline.export.build_document`).
        out: The folder; created when missing.

    Returns:
        The paths written.
    """
    out.mkdir(parents=True, exist_ok=True)
    env = _environment()
    model = view_model(doc)
    files = {
        "index.html": env.get_template("index.html.j2").render(**model),
        "report.md": env.get_template("report.md.j2").render(**model),
        "storylines.json": json.dumps(doc, ensure_ascii=False, indent=1) + "\n",
    }
    written = []
    for name, content in files.items():
        write_atomically(out / name, content)
        written.append(out / name)
    return written


def write_atomically(path: Path, content: str) -> None:
    """Write a file through a temporary one: a reader never sees half a page."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(content, encoding="utf-8")
    tmp.replace(path)
