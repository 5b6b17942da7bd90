"""Stage 2, extract: one :class:`RawDocument` in, one clean :class:`Article` (or a rejection) out.

HTML goes through trafilatura (:mod:`.html`); whole-page text dumps through the line-block
cleaner (:mod:`.text`). Both report the same fields: title, body, published date with its
evidence, outlet, byline, language and URL.
"""

from __future__ import annotations

from storyline.extract.credits import find_contributors, find_disclosures, html_page_lines
from storyline.extract.dates import DatedEvidence, date_from_hint, date_from_lines, parse_html
from storyline.extract.fields import (
    detect_language,
    normalize_space,
    outlet_from_copyright,
    outlet_from_url,
    word_count,
)
from storyline.extract.html import extract_html, fragment_text
from storyline.extract.text import clean_dump
from storyline.model import Article, DocKind, Flag, RawDocument, Rejected

EXTRACTOR_VERSION = "0.2"
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


Found = tuple[str | None, str]
"""A candidate field value and the evidence for it."""


def _pick(*candidates: Found) -> Found:
    """The first candidate with a value (its evidence comes along); empty when none has one."""
    for value, evidence in candidates:
        if value:
            return value, evidence
    return None, ""


def _from_html(raw: RawDocument) -> Article:
    hints = raw.hints
    tree = parse_html(raw.content)
    page_lines = html_page_lines(tree) if tree is not None else []
    if hints.get("fragment"):
        text = fragment_text(raw.content)
        title: Found = (None, "")
        byline: Found = (None, "")
        site: Found = (None, "")
        published = None
    else:
        page = extract_html(raw.content, raw.url)
        text, published = page.text, page.published
        title = (page.title, "page metadata (trafilatura)")
        byline = (page.byline, "page metadata (trafilatura)")
        site = (page.sitename, "page site name (og:site_name or equivalent)")
    return _article(
        raw,
        text=text,
        page_lines=page_lines,
        published=date_from_hint(hints.get("date")) or published,
        title=_pick(_hint(raw, "title"), title),
        outlet=_pick(_hint(raw, "outlet"), site, (outlet_from_url(raw.url), "URL host")),
        byline=_pick(_hint(raw, "byline"), byline),
    )


def _hint(raw: RawDocument, name: str) -> Found:
    return raw.hints.get(name), f"input field {name!r}"


def _from_text(raw: RawDocument) -> Article:
    hints = raw.hints
    url_outlet: Found = (outlet_from_url(raw.url), "URL host")
    if hints.get("clean"):
        text = normalize_space(raw.content)
        return _article(
            raw,
            text=text,
            page_lines=text.split("\n"),
            published=date_from_hint(hints.get("date")),
            title=_hint(raw, "title"),
            outlet=_pick(_hint(raw, "outlet"), url_outlet),
            byline=_hint(raw, "byline"),
        )
    page = clean_dump(raw.content, hints.get("title"))
    lines = list(page.lines)
    line_no = (page.title_index or 0) + 1
    return _article(
        raw,
        text=page.text,
        page_lines=lines,
        published=date_from_hint(hints.get("date")) or date_from_lines(lines, page.title_index),
        title=_pick(_hint(raw, "title"), (page.title, f"headline, text line {line_no}")),
        outlet=_pick(
            _hint(raw, "outlet"),
            url_outlet,
            (outlet_from_copyright(lines), "copyright or masthead line"),
        ),
        byline=_pick(_hint(raw, "byline"), (page.byline, "byline line near the headline")),
    )


def _article(
    raw: RawDocument,
    *,
    text: str,
    page_lines: list[str],
    published: DatedEvidence | None,
    title: Found,
    outlet: Found,
    byline: Found,
) -> Article:
    disclosures = tuple(find_disclosures(page_lines))
    language = detect_language(text)
    evidence = {"title": title[1], "outlet": outlet[1], "byline": byline[1]}
    evidence = {k: v for k, v in evidence.items() if v}
    if language:
        evidence["language"] = "py3langid on the body text"
    return Article(
        id=raw.id,
        raw_id=raw.id,
        source=raw.source,
        url=raw.url,
        title=normalize_space(title[0] or "").replace("\n", " "),
        text=text,
        published=published[0] if published else None,
        published_evidence=published[1] if published else None,
        outlet=outlet[0],
        byline=byline[0],
        language=language,
        flags=tuple(Flag(_FLAG_OF[d.kind], d.evidence) for d in disclosures),
        contributors=tuple(find_contributors(text, page_lines)),
        disclosures=disclosures,
        evidence=evidence,
    )


_FLAG_OF = {"ai_generated": "ai_disclosed", "sponsored": "sponsored_disclosed"}
