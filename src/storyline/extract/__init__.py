"""Stage 2, extract: one :class:`RawDocument` in, one clean :class:`Article` (or a rejection) out.

HTML goes through trafilatura (:mod:`.html`); whole-page text dumps through the line-block
cleaner (:mod:`.text`). Both report the same fields: title, body, published date with its
evidence, outlet, byline, language and URL.
"""

from __future__ import annotations

from storyline.extract.dates import DatedEvidence, date_from_hint, date_from_lines
from storyline.extract.fields import (
    detect_language,
    normalize_space,
    outlet_from_copyright,
    outlet_from_url,
    word_count,
)
from storyline.extract.html import extract_html, fragment_text
from storyline.extract.text import clean_dump
from storyline.model import Article, DocKind, RawDocument, Rejected

EXTRACTOR_VERSION = "0.1"
MIN_BODY_WORDS = 10
"""Pages whose body has fewer words are rejected: nothing downstream can use them."""

__all__ = ["EXTRACTOR_VERSION", "MIN_BODY_WORDS", "extract"]


def extract(raw: RawDocument) -> Article | Rejected:
    """Extract the article from a raw document.

    Args:
        raw: An ingested page.

    Returns:
        The article, or a :class:`Rejected` with the reason (e.g. no article text).
    """
    article = _from_html(raw) if raw.kind is DocKind.HTML else _from_text(raw)
    words = word_count(article.text)
    if words < MIN_BODY_WORDS:
        what = "HTML page" if raw.kind is DocKind.HTML else "text"
        return Rejected(
            raw.source,
            f"no article text found in the {what} ({words} words of body, "
            f"fewer than {MIN_BODY_WORDS})",
            stage="extract",
        )
    return article


def _from_html(raw: RawDocument) -> Article:
    hints = raw.hints
    if hints.get("fragment"):
        title, text, byline, sitename, published = "", fragment_text(raw.content), None, None, None
    else:
        page = extract_html(raw.content, raw.url)
        title, text, byline, sitename = page.title, page.text, page.byline, page.sitename
        published = page.published
    published = date_from_hint(hints.get("date")) or published
    return _article(
        raw,
        title=hints.get("title") or title,
        text=text,
        published=published,
        outlet=hints.get("outlet") or sitename or outlet_from_url(raw.url),
        byline=hints.get("byline") or byline,
    )


def _from_text(raw: RawDocument) -> Article:
    hints = raw.hints
    if hints.get("clean"):
        return _article(
            raw,
            title=hints.get("title", ""),
            text=normalize_space(raw.content),
            published=date_from_hint(hints.get("date")),
            outlet=hints.get("outlet") or outlet_from_url(raw.url),
            byline=hints.get("byline"),
        )
    page = clean_dump(raw.content, hints.get("title"))
    lines = list(page.lines)
    published = date_from_hint(hints.get("date")) or date_from_lines(lines, page.title_index)
    return _article(
        raw,
        title=hints.get("title") or page.title,
        text=page.text,
        published=published,
        outlet=hints.get("outlet") or outlet_from_url(raw.url) or outlet_from_copyright(lines),
        byline=hints.get("byline") or page.byline,
    )


def _article(
    raw: RawDocument,
    *,
    title: str,
    text: str,
    published: DatedEvidence | None,
    outlet: str | None,
    byline: str | None,
) -> Article:
    when = published[0] if published else None
    return Article(
        id=raw.id,
        raw_id=raw.id,
        source=raw.source,
        url=raw.url,
        title=normalize_space(title).replace("\n", " "),
        text=text,
        published=when,
        published_evidence=published[1] if published else None,
        outlet=outlet or None,
        byline=byline or None,
        language=detect_language(text),
    )
