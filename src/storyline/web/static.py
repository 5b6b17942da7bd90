"""The web pages written as a static site (``storyline report`` writes it under ``site/``):
the same templates as ``storyline serve``, relative links, no search form (there is no
server to ask)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from storyline.report import view_model, write_atomically
from storyline.web.pages import environment


def _linker(depth: int) -> Callable[..., str]:
    """Relative links from a page ``depth`` folders below the site's root."""
    up = "../" * depth

    def link(kind: str, item: str = "", cited: str = "") -> str:
        del cited  # a file cannot mark a sentence: the article opens at its top
        if kind == "home":
            return f"{up}index.html"
        folder = "storylines" if kind == "storyline" else "articles"
        return f"{up}{folder}/{item}.html"

    return link


def write_site(doc: dict[str, Any], out: Path) -> list[Path]:
    """Write ``index.html``, ``storylines/<id>.html`` and ``articles/<id>.html`` into ``out``.

    Args:
        doc: The export document (:func:`storyline.export.build_document`).
        out: The folder; created when missing.

    Returns:
        The paths written.
    """
    env = environment()
    view = view_model(doc)
    story_of_event = {e["id"]: e["storyline_id"] for e in doc["events"]}
    pages: dict[Path, str] = {
        out / "index.html": env.get_template("list.html").render(
            stories=view["storylines"], link=_linker(0), served=False
        )
    }
    for story in view["storylines"]:
        pages[out / "storylines" / f"{story['id']}.html"] = env.get_template(
            "storyline.html"
        ).render(s=story, link=_linker(1), served=False)
    for article in doc["articles"]:
        record = {**article, "storyline_id": story_of_event.get(article.get("event_id") or "")}
        pages[out / "articles" / f"{article['id']}.html"] = env.get_template("article.html").render(
            a=record, hl="", raw=None, link=_linker(1), served=False
        )
    for path, content in pages.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, content)
    return list(pages)
