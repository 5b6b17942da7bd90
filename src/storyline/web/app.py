"""The FastAPI application of ``storyline serve``: pages and a read-only JSON API.

Article text is untrusted: every page is rendered by Jinja2 with autoescaping on, so a page
holding ``<script>`` shows it as text; the pages carry no script of their own and a
Content-Security-Policy forbids any. The server has no route that writes.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment

from storyline.store.sqlite import StoreError
from storyline.web.catalog import Catalog, Filters
from storyline.web.pages import environment, served_link

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'"


def create_app(db: Path) -> FastAPI:
    """The web application over the database at ``db`` (which must exist).

    Raises:
        FileNotFoundError: No database at ``db``.
    """
    if not db.is_file():
        raise FileNotFoundError(f"no database at {db}: run `storyline ingest` and `build` first")
    catalog = Catalog(db)
    env = environment()
    app = FastAPI(
        title="Storyline",
        description="Read-only API over a Storyline database: storylines, events, articles, "
        "cited summaries, who said what and claims.",
        version="0.7",
    )

    @app.middleware("http")
    async def timing(request: Request, call_next: Any) -> Response:
        started = time.perf_counter()
        response: Response = await call_next(request)
        response.headers["Server-Timing"] = f"app;dur={1000 * (time.perf_counter() - started):.1f}"
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers["Content-Security-Policy"] = _CSP
        return response

    _pages(app, catalog, env)
    _api(app, catalog)
    return app


def _pages(app: FastAPI, catalog: Catalog, env: Environment) -> None:
    """The HTML pages: the list, a storyline, an article."""

    def page(name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(link=served_link, served=True, **context))

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(filters: Annotated[Filters, Depends(_filters)]) -> HTMLResponse:
        error = None
        try:
            stories = catalog.storylines(filters)
        except StoreError as problem:
            stories, error = [], str(problem)
        return page(
            "list.html", stories=stories, filters=filters, outlets=catalog.outlets(), error=error
        )

    @app.get("/storylines/{storyline_id}", response_class=HTMLResponse, include_in_schema=False)
    def storyline_page(storyline_id: str) -> HTMLResponse:
        story = catalog.storyline(storyline_id)
        if story is None:
            raise HTTPException(404, f"no storyline {storyline_id}")
        return page("storyline.html", s=story)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str, hl: str = "") -> HTMLResponse:
        article = catalog.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        return page("article.html", a=article, hl=hl, raw=catalog.page(article_id))


def _api(app: FastAPI, catalog: Catalog) -> None:
    """The read-only JSON API under ``/api/``."""

    @app.get("/api/storylines")
    def api_storylines(filters: Annotated[Filters, Depends(_filters)]) -> list[dict[str, Any]]:
        """Storylines (id, title, span, counts), filtered like the list page."""
        try:
            stories = catalog.storylines(filters)
        except StoreError as problem:
            raise HTTPException(400, str(problem)) from problem
        return [_summary_of(s) for s in stories]

    @app.get("/api/storylines/{storyline_id}")
    def api_storyline(storyline_id: str) -> dict[str, Any]:
        """A storyline with its cited summary, events, entities and claim groups."""
        story = catalog.storyline(storyline_id)
        if story is None:
            raise HTTPException(404, f"no storyline {storyline_id}")
        doc = catalog.doc
        record = next(s for s in doc["storylines"] if s["id"] == storyline_id)
        return {
            **record,
            "events": [e for e in doc["events"] if e["storyline_id"] == storyline_id],
            "entities": [e for e in doc["entities"] if e["storyline_id"] == storyline_id],
            "claim_groups": [g for g in doc["claim_groups"] if g["storyline_id"] == storyline_id],
        }

    @app.get("/api/articles/{article_id}")
    def api_article(article_id: str) -> dict[str, Any]:
        """An article's export record (text, metadata with evidence, flags, lineage)."""
        article = catalog.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        return article


def _summary_of(story: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "title", "start", "end", "independent_sources", "article_count", "outlets")
    return {key: story.get(key) for key in keys} | {"events": len(story["events"])}


def _filters(
    q: str = "", start: str = "", end: str = "", outlet: str = "", entity: str = ""
) -> Filters:
    """The list's filters from a query string: ``q`` full-text (FTS5: words, "a phrase",
    OR, prefix*), ``start``/``end`` ISO days the storyline must overlap, an outlet, and an
    entity name (or part of one)."""
    try:
        days = [date.fromisoformat(v) if v else None for v in (start, end)]
    except ValueError as error:
        raise HTTPException(400, f"bad date: {error}") from error
    return Filters(q.strip(), days[0], days[1], outlet.strip(), entity.strip())
