"""``storyline serve``: the database browsed in a web page and through a JSON API.

* :mod:`~storyline.web.app`: the FastAPI application (``create_app``) — server-rendered
  Jinja2 pages (storyline list with full-text search and filters, storyline page, article
  page) and the JSON API under ``/api/`` with its OpenAPI document (read-only unless
  started with a write token).
* :mod:`~storyline.web.pages`: the templates' environment and links, shared with
  :mod:`~storyline.web.static` (the same pages written as files);
* :mod:`~storyline.web.catalog`: what the pages and the API show, read from the store's
  export document (cached until the database changes) and its full-text index.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is imported only when the app is asked for: `storyline report` writes the
    # static pages (storyline.web.static) without it.
    if name == "create_app":
        from storyline.web.app import create_app

        return create_app
    raise AttributeError(name)
