"""The FastAPI application of ``storyline serve``: read-only pages and a JSON API.

Article text is untrusted: every page is rendered by Jinja2 with autoescaping on, so a page
holding ``<script>`` shows it as text; the pages carry no script of their own and a
Content-Security-Policy forbids any.

The pages never write. The API's edit routes (``POST /api/edits/...``: merge, split, rename,
pin, unpin) call the same library functions as the CLI's edit commands, and only when the
server was given a write token and the request carries it (``Authorization: Bearer TOKEN``);
without a token they answer 403 and are left out of the OpenAPI document.
"""

from __future__ import annotations

import hmac
import re
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from jinja2 import Environment
from pydantic import BaseModel, ConfigDict, Field

from storyline import edits
from storyline.model import Edit, Rejected
from storyline.store import Store
from storyline.store.sqlite import StoreError
from storyline.web.catalog import Catalog, Filters
from storyline.web.diff import removed
from storyline.web.pages import environment, served_link

_API_DOCS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc"})
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'"
# A header value clients can send as-is (printable ASCII, no spaces), long enough not to be
# guessed: `openssl rand -hex 16` or `python -c "import secrets; print(secrets.token_urlsafe())"`.
_TOKEN = re.compile(r"[\x21-\x7e]{16,}")
# Module-level: FastAPI reads the guard's (string) annotations in this module's namespace.
_BEARER = HTTPBearer(auto_error=False, description="The server's write token.")
_READ_ONLY = (
    "this server is read-only: start it with `storyline serve --write-token TOKEN` "
    "(or STORYLINE_WRITE_TOKEN) to allow edits"
)


def create_app(db: Path, write_token: str | None = None) -> FastAPI:
    """The web application over the database at ``db`` (which must exist).

    Args:
        db: The SQLite database.
        write_token: Enables the edit routes for requests that carry it as a bearer token;
            None keeps the server read-only.

    Raises:
        FileNotFoundError: No database at ``db``.
        ValueError: ``write_token`` is shorter than 16 characters or holds characters other
            than printable ASCII (spaces included).
    """
    if not db.is_file():
        raise FileNotFoundError(f"no database at {db}: run `storyline ingest` and `build` first")
    if write_token is not None and not _TOKEN.fullmatch(write_token):
        raise ValueError("the write token must be 16 or more printable ASCII characters, no spaces")
    catalog = Catalog(db)
    env = environment()
    app = FastAPI(
        title="Storyline",
        description="JSON API over a Storyline database: storylines, events, articles, cited "
        "summaries, who said what and claims"
        + ("; edits with the write token." if write_token else " (read-only)."),
        version="0.7",
    )

    @app.middleware("http")
    async def timing(request: Request, call_next: Any) -> Response:
        started = time.perf_counter()
        response: Response = await call_next(request)
        response.headers["Server-Timing"] = f"app;dur={1000 * (time.perf_counter() - started):.1f}"
        html = response.headers.get("content-type", "").startswith("text/html")
        # FastAPI's /docs and /redoc pages load their scripts from a CDN and show no article
        # text, so only our own pages get the script-free policy.
        if html and request.url.path not in _API_DOCS:
            response.headers["Content-Security-Policy"] = _CSP
        return response

    _pages(app, catalog, env)
    _api(app, catalog)
    _boilerplate_api(app, catalog)
    _edits(app, catalog, write_token)
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
        lines = catalog.boilerplate(article_id)
        return page("article.html", a=article, hl=hl, lines=lines, removed=removed(lines or []))


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


def _boilerplate_api(app: FastAPI, catalog: Catalog) -> None:
    """``GET /api/articles/{id}/boilerplate``: what extraction kept of a page, line by line."""

    @app.get("/api/articles/{article_id}/boilerplate")
    def api_boilerplate(article_id: str) -> Boilerplate:
        """The article's page as ingested, line by line (HTML: its visible text, a line per
        block), each line marked kept or removed by extraction."""
        lines = catalog.boilerplate(article_id)
        if lines is None:
            raise HTTPException(404, f"no article {article_id}, or no stored page")
        removed_lines, removed_words = removed(lines)
        return Boilerplate(
            article_id=article_id,
            removed_lines=removed_lines,
            removed_words=removed_words,
            lines=[PageLine(text=line.text, kept=line.kept) for line in lines],
        )


class PageLine(BaseModel):
    """One line of a page as ingested."""

    text: str
    kept: bool = Field(description="Whether extraction kept it (title or text).")


class Boilerplate(BaseModel):
    """What extraction kept of an article's page, and what it removed."""

    article_id: str
    removed_lines: int
    removed_words: int
    lines: list[PageLine]


# -- edits: the CLI's edit commands over HTTP, behind the write token -----------------------


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not ignored


class MergeBody(_Body):
    """Two events or two storylines to merge (``storyline merge A B``)."""

    first: str = Field(description="An event or storyline id, unique prefix or alias.")
    second: str = Field(description="Another of the same kind.")


class SplitBody(_Body):
    """Members to move out of an event or storyline into a new one (``storyline split``)."""

    id: str = Field(description="The event or storyline id, unique prefix or alias.")
    members: list[str] = Field(
        min_length=1, description="Article ids of an event, or event ids of a storyline."
    )


class RenameBody(_Body):
    """A title later builds keep (``storyline rename``)."""

    id: str = Field(description="The event or storyline id, unique prefix or alias.")
    title: str


class ItemBody(_Body):
    """The event or storyline to pin or unpin (``storyline pin`` / ``unpin``)."""

    id: str = Field(description="The event or storyline id, unique prefix or alias.")


class EditDone(BaseModel):
    """The stored edit (see ``storyline.edits`` for its arguments) and what it did."""

    id: int
    kind: str
    target: str
    args: dict[str, Any]
    at: str
    summary: str


def _edits(app: FastAPI, catalog: Catalog, token: str | None) -> None:
    """``POST /api/edits/{merge,split,rename,pin,unpin}``: 403 without a token configured
    (and absent from the OpenAPI document), 401 without the right bearer token, 422 with
    the reason when the library refuses the edit (nothing is changed then)."""
    router = APIRouter(prefix="/api/edits", tags=["edits"], dependencies=[Depends(_guard(token))])
    lock = threading.Lock()  # one edit at a time: each reads the grouping it rewrites

    def run(edit: Callable[[Store], Edit | Rejected]) -> EditDone:
        return _apply(catalog, lock, edit)

    @router.post("/merge")
    def merge(body: MergeBody) -> EditDone:
        """Merge two events or two storylines; the older id survives, the other becomes its
        alias."""
        return run(lambda store: edits.merge(store, body.first, body.second))

    @router.post("/split")
    def split(body: SplitBody) -> EditDone:
        """Move articles out of an event (or events out of a storyline) into a new one."""
        return run(lambda store: edits.split(store, body.id, body.members))

    @router.post("/rename")
    def rename(body: RenameBody) -> EditDone:
        """Give an event or storyline a title that later builds keep."""
        return run(lambda store: edits.rename(store, body.id, body.title))

    @router.post("/pin")
    def pin(body: ItemBody) -> EditDone:
        """Pin an event or storyline: later builds keep its members and title."""
        return run(lambda store: edits.pin(store, body.id))

    @router.post("/unpin")
    def unpin(body: ItemBody) -> EditDone:
        """Undo a pin: later builds may grow the event or storyline again."""
        return run(lambda store: edits.unpin(store, body.id))

    app.include_router(router, include_in_schema=token is not None)


def _apply(
    catalog: Catalog, lock: threading.Lock, edit: Callable[[Store], Edit | Rejected]
) -> EditDone:
    """Run one edit on the catalog's database: the stored edit, or 422 with the reason."""
    with lock, Store(catalog.path) as store:
        outcome = edit(store)
    if isinstance(outcome, Rejected):
        raise HTTPException(422, outcome.reason)
    catalog.invalidate()  # the pages and the API show the edit from the next request on
    return EditDone(
        id=outcome.id,
        kind=outcome.kind,
        target=outcome.target,
        args=dict(outcome.args),
        at=outcome.at,
        summary=edits.summary(outcome),
    )


def _guard(token: str | None) -> Callable[..., None]:
    """The dependency that lets a request through to an edit route, or refuses it."""

    def guard(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)],
    ) -> None:
        if token is None:
            raise HTTPException(403, _READ_ONLY)
        given = credentials.credentials if credentials else ""
        # Constant time, so the answer's timing does not tell how much of a guess was right.
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(
                401,
                "a valid write token is needed: Authorization: Bearer TOKEN",
                headers={"WWW-Authenticate": "Bearer"},
            )

    return guard


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
