"""Stage 2, extract: one :class:`RawDocument` in, one clean :class:`Article` (or a rejection) out.

HTML goes through trafilatura (:mod:`.html`); whole-page text dumps through the line-block
cleaner (:mod:`.text`). Both report the same fields: title, body, published date with its
evidence, outlet, byline, language and URL.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from storyline.extract.credits import find_contributors, find_disclosures, html_page_lines
from storyline.extract.dates import date_from_hint, parse_html, published_from_lines
from storyline.extract.farm import farm_signals
from storyline.extract.fields import (
    detect_language,
    normalize_space,
    outlet_from_contacts,
    outlet_from_copyright,
    outlet_from_url,
    word_count,
)
from storyline.extract.html import extract_html, fragment_text
from storyline.extract.text import clean_dump
from storyline.model import Article, DocKind, Flag, RawDocument, Rejected

EXTRACTOR_VERSION = "0.3"
MIN_BODY_WORDS = 10
"""Pages whose body has fewer words are rejected: nothing downstream can use them."""

__all__ = ["EXTRACTOR_VERSION", "MIN_BODY_WORDS", "extract"]


def extract(
    raw: RawDocument, template: Collection[str] = (), date_order: str | None = None
) -> Article | Rejected:
    """Extract the article from a raw document.

    Args:
        raw: An ingested page.
        template: For a text dump, the lines that recur on other pages of its site
            (:mod:`storyline.extract.templates`); they are treated as boilerplate.
        date_order: For a text dump, how its site writes all-numeric dates (``DMY`` or
            ``MDY``, learnt from the site's other pages); the page decides when None.

    Returns:
        The article, or a :class:`Rejected` with the reason (e.g. no article text).
    """
    html = raw.kind is DocKind.HTML
    article = _from_html(raw) if html else _from_text(raw, template, date_order)
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


Found = tuple[str | None, str, float]
"""A candidate field value, the evidence for it and a confidence in [0, 1]."""

Dated = tuple[date, str, float]
"""A publication date, its evidence and a confidence."""

_NONE: Found = (None, "", 0.0)


def _pick(*candidates: Found) -> Found:
    """The first candidate with a value (its evidence comes along); empty when none has one."""
    for candidate in candidates:
        if candidate[0]:
            return candidate
    return _NONE


def _hint(raw: RawDocument, name: str) -> Found:
    return raw.hints.get(name), f"input field {name!r}", 0.95


def _hint_date(raw: RawDocument) -> Dated | None:
    found = date_from_hint(raw.hints.get("date"))
    return (found[0], found[1], 0.95) if found else None


def _url_outlet(raw: RawDocument) -> Found:
    return outlet_from_url(raw.url), "URL host", 0.9


def _from_html(raw: RawDocument) -> Article:
    tree = parse_html(raw.content)
    if raw.hints.get("fragment"):
        text, title, byline, site, published = fragment_text(raw.content), _NONE, _NONE, _NONE, None
    else:
        page = extract_html(raw.content, raw.url, tree)
        text = page.text
        title, byline, site = (
            (value, page.evidence.get(key, ""), page.confidence.get(key, 0.5))
            for key, value in (
                ("title", page.title),
                ("byline", page.byline),
                ("sitename", page.sitename),
            )
        )
        published = None
        if page.published:
            published = (*page.published, page.confidence.get("published", 0.5))
    # Last: collecting the page's lines rewrites the tree, which extraction above still needed.
    page_lines = html_page_lines(tree) if tree is not None else []
    return _article(
        raw,
        text=text,
        page_lines=page_lines,
        published=_hint_date(raw) or published,
        title=_pick(_hint(raw, "title"), title),
        outlet=_pick(_hint(raw, "outlet"), site, _url_outlet(raw)),
        byline=_pick(_hint(raw, "byline"), byline),
    )


def _contact_outlet(lines: list[str]) -> Found:
    found = outlet_from_contacts(lines)
    return (found[0], f"contact details: {found[1]!r}", 0.5) if found else _NONE


def _from_text(
    raw: RawDocument, template: Collection[str] = (), date_order: str | None = None
) -> Article:
    if raw.hints.get("clean"):
        text = normalize_space(raw.content)
        return _article(
            raw,
            text=text,
            page_lines=text.split("\n"),
            published=_hint_date(raw),
            title=_hint(raw, "title"),
            outlet=_pick(_hint(raw, "outlet"), _url_outlet(raw)),
            byline=_hint(raw, "byline"),
        )
    page = clean_dump(raw.content, raw.hints.get("title"), template=template)
    lines = list(page.lines)
    line_no = (page.title_index or 0) + 1
    return _article(
        raw,
        text=page.text,
        page_lines=lines,
        published=_hint_date(raw) or published_from_lines(lines, page.title_index, date_order),
        title=_pick(_hint(raw, "title"), (page.title, f"headline, text line {line_no}", 0.7)),
        outlet=_pick(
            _hint(raw, "outlet"),
            _url_outlet(raw),
            (outlet_from_copyright(lines), "copyright or masthead line", 0.7),
            _contact_outlet(lines),
        ),
        byline=_pick(_hint(raw, "byline"), (page.byline, "byline line near the headline", 0.8)),
    )


def _article(
    raw: RawDocument,
    *,
    text: str,
    page_lines: list[str],
    published: Dated | None,
    title: Found,
    outlet: Found,
    byline: Found,
) -> Article:
    disclosures = tuple(find_disclosures(page_lines))
    farm = farm_signals(page_lines, text, title[0] or "")
    language = detect_language(text)
    fields = {"title": title, "outlet": outlet, "byline": byline}
    evidence = {name: f[1] for name, f in fields.items() if f[0] and f[1]}
    confidence = {name: round(f[2], 2) for name, f in fields.items() if f[0]}
    if published:
        confidence["published"] = round(published[2], 2)
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
        flags=(
            *(Flag(_FLAG_OF[d.kind], d.evidence) for d in disclosures),
            *([Flag("content_farm_signals", "; ".join(farm))] if farm else []),
        ),
        contributors=tuple(find_contributors(text, page_lines)),
        disclosures=disclosures,
        evidence=evidence,
        confidence=confidence,
    )


_FLAG_OF = {"ai_generated": "ai_disclosed", "sponsored": "sponsored_disclosed"}
