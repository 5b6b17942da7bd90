"""Server time of a storyline page with 500 articles (``make bench``; issue #7 asks < 300 ms).

A database is filled with 500 generated articles (20 sentences each, 25 outlets, one
storyline of ten events); the page is requested through FastAPI's in-process client once to
build the cached export document, then timed from its ``Server-Timing`` header (median of
five requests). Generated text, so the figure measures rendering, not any real corpus.
"""

from __future__ import annotations

import random
import statistics
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storyline.model import Article, DocKind, Event, RawDocument, Storyline
from storyline.store import Store

_WORDS = "shell port ship minister talks council deal army navy trade fuel rail border vote".split()


def _articles(count: int, rng: random.Random) -> list[tuple[RawDocument, Article]]:
    pairs = []
    for i in range(count):
        sentences = [
            " ".join(rng.choice(_WORDS) for _ in range(18)).capitalize() + "." for _ in range(20)
        ]
        text = " ".join(sentences)
        article_id = f"{i:016x}"
        raw = RawDocument(article_id, f"gen/{i}.txt", DocKind.TEXT, text)
        day = date(2025, 1, 1) + timedelta(days=i % 60)
        pairs.append(
            (
                raw,
                Article(
                    article_id,
                    article_id,
                    raw.source,
                    f"Report {i}",
                    text,
                    outlet=f"Outlet {i % 25}",
                    published=day,
                ),
            )
        )
    return pairs


def page_time(articles: int = 500, repeats: int = 5) -> dict[str, Any]:
    """Median server milliseconds of a storyline page holding ``articles`` articles."""
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    pairs = _articles(articles, random.Random(0))
    ids = [a.id for _, a in pairs]
    events = [
        Event(
            f"e-{k}",
            f"Event {k}",
            date(2025, 1, 1) + timedelta(days=6 * k),
            tuple(ids[k::10]),
            "s-1",
        )
        for k in range(10)
    ]
    story = Storyline("s-1", "Generated", tuple(e.id for e in events), date(2025, 1, 1), None)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "page.db"
        with Store(db) as store:
            store.add_batch(pairs, [], "bench")
            store.replace_groups([], events, [story])
        client = TestClient(create_app(db))
        first = client.get("/storylines/s-1")  # builds the cached document
        times = []
        for _ in range(repeats):
            response = client.get("/storylines/s-1")
            times.append(float(response.headers["server-timing"].split("dur=")[1]))
    return {
        "articles": articles,
        "first_ms": float(first.headers["server-timing"].split("dur=")[1]),
        "median_ms": statistics.median(times),
        "bytes": len(first.content),
    }
