"""HTML mode: the body from :mod:`.body`, metadata (title, date with evidence, author, site)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storyline.extract.body import body_from_html
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
    """Extract the article and its metadata from a full HTML page.

    Args:
        html: The page source.
        url: The page URL, which helps metadata and date extraction.
    """
    body = body_from_html(html, url)
    found = body.found
    title = normalize_space(found.get("title") or "")
    tree = parse_html(html)
    published = date_from_html(tree, html, url) if tree is not None else None
    return HtmlPage(title, body.text, found.get("author") or None, found.get("sitename"), published)


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
