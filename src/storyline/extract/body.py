"""The body of an HTML page: trafilatura with its precision setting.

Kept apart from metadata (:mod:`.html`) so the body extractor can be improved or replaced
without touching title, date and author logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.extract.fields import normalize_space


@dataclass(frozen=True)
class HtmlBody:
    """The article text of a page, plus trafilatura's metadata guess for the metadata stage."""

    text: str
    found: dict[str, Any] = field(default_factory=dict)


def body_from_html(html: str, url: str | None = None) -> HtmlBody:
    """Extract the article body of a full HTML page.

    Args:
        html: The page source.
        url: The page URL, if known.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    found: dict[str, Any] = {}
    if isinstance(doc, dict):
        found = doc
    elif doc is not None:
        found = doc.as_dict()
    title = normalize_space(found.get("title") or "")
    text = _drop_heading_lines(normalize_space(found.get("text") or ""), title, found.get("author"))
    return HtmlBody(text, found)


def _drop_heading_lines(text: str, title: str, author: str | None) -> str:
    """trafilatura sometimes repeats the headline and byline as the first body lines."""
    lines = text.split("\n")
    while lines and (lines[0] == title or (author and lines[0].lower() == f"by {author}".lower())):
        lines.pop(0)
    return "\n".join(lines)
