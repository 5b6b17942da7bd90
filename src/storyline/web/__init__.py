"""``storyline serve``: the database browsed in a web page and through a JSON API.

* :mod:`~storyline.web.app`: the FastAPI application (``create_app``) — server-rendered
  Jinja2 pages (storyline list with full-text search and filters, storyline page, article
  page) and the read-only JSON API under ``/api/`` with its OpenAPI document.
* :mod:`~storyline.web.catalog`: what the pages and the API show, read from the store's
  export document (cached until the database changes) and its full-text index.
"""

from storyline.web.app import create_app

__all__ = ["create_app"]
