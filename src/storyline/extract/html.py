"""HTML mode: trafilatura for the body and metadata, our date finder for dated evidence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline.extract.dates import date_from_html, parse_html
from storyline.extract.fields import normalize_space


@dataclass(frozen=True)
class HtmlPage:
    """What HTML extraction found (any field may be empty)."""

    title: str
    text: str
    byline: str | None
    sitename: str | None
    published: tuple[date, str] | None


def extract_html(html: str, url: str | None = None) -> HtmlPage:
    """Extract the article of a full HTML page with trafilatura (precision setting).

    Args:
        html: The page source.
        url: The page URL, which helps metadata and date extraction.
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
    tree = parse_html(html)
    published = date_from_html(tree, html, url) if tree is not None else None
    return HtmlPage(title, text, found.get("author") or None, found.get("sitename"), published)


def _drop_heading_lines(text: str, title: str, author: str | None) -> str:
    """trafilatura sometimes repeats the headline and byline as the first body lines."""
    lines = text.split("\n")
    while lines and (lines[0] == title or (author and lines[0].lower() == f"by {author}".lower())):
        lines.pop(0)
    return "\n".join(lines)


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed entry's content): every block becomes a paragraph.

    Feed content is already the article, so it is not run through boilerplate removal, which
    would throw away short items.
    """
    tree = parse_html(html)
    if tree is None:
        return ""
    for node in tree.xpath("//script|//style"):
        node.drop_tree()
    blocks = tree.xpath("//p|//li|//h1|//h2|//h3|//h4|//blockquote|//pre")
    if not blocks:
        return normalize_space(tree.text_content())
    texts = [b.text_content() for b in blocks if not b.xpath("ancestor::p|ancestor::li")]
    return normalize_space("\n".join(texts))
