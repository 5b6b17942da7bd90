"""The body of an HTML page: trafilatura checked against readability, paragraph by paragraph.

Kept apart from metadata (:mod:`.html`) so the body extractor can be improved or replaced
without touching title, date and author logic.

trafilatura runs first in its fast mode (no internal fallback extractors) and readability-lxml
gives a second opinion (:mod:`.body_combine` merges the two). Only when the two disagree is
trafilatura re-run with its own fallbacks, whose choice is then the primary text: on most
pages they agree, so the second opinion costs about what trafilatura's fallbacks would have.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from storyline.extract.body_combine import SecondOpinion, combine
from storyline.extract.body_readability import readability_text
from storyline.extract.fields import normalize_space

log = logging.getLogger(__name__)

#: Pages larger than this (in characters) are refused: news pages are rarely above 2 MB, and the
#: extractors' time grows with page size.
MAX_HTML_CHARS = 5_000_000
#: Control characters lxml refuses in a string (tab, newline and carriage return are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class HtmlBody:
    """The article text of a page, plus trafilatura's metadata guess for the metadata stage."""

    text: str
    found: dict[str, Any] = field(default_factory=dict)


def body_from_html(html: str, url: str | None = None, *, metadata: bool = True) -> HtmlBody:
    """Extract the article body of a full HTML page.

    Never raises: a page with no article, one that is too large or one that cannot be parsed
    gives an empty ``text`` (and whatever metadata was found), for the caller to reject.

    Args:
        html: The page source.
        url: The page URL, if known.
        metadata: Also collect trafilatura's metadata guesses in ``found`` (about a quarter
            of the time); without it ``found`` holds only trafilatura's text fields.
    """
    if not html or not html.strip() or len(html) > MAX_HTML_CHARS:
        return HtmlBody("")
    try:
        return _extract(_sanitize(html), url, metadata)
    except Exception as exc:  # one odd page must not stop a crawl; the caller rejects it
        log.warning("body extraction failed on %s: %s", url, exc)
        return HtmlBody("")


def _extract(html: str, url: str | None, metadata: bool) -> HtmlBody:
    """trafilatura (fast), checked against readability; trafilatura again if they disagree."""
    from trafilatura.utils import load_html

    # One parse for all passes: trafilatura and readability each work on their own copy of
    # the tree, which costs a third of parsing the page again.
    tree = load_html(html)
    if tree is None:
        return HtmlBody("")
    found = _trafilatura(tree, url, fast=True, metadata=metadata)
    opinion = SecondOpinion(readability_text(tree))
    primary = _primary_text(found)
    if not opinion.agrees_with(primary) or opinion.replaces(primary):
        # The quick extraction is doubtful: let trafilatura's fallbacks have their say.
        found = _trafilatura(tree, url, fast=False, metadata=metadata) or found
        primary = _primary_text(found)
    text = combine(primary, opinion)
    title = normalize_space(found.get("title") or "")
    return HtmlBody(drop_heading_lines(text, title, found.get("author")), found)


def _sanitize(html: str) -> str:
    """Make the source safe for lxml: no control characters or unpaired surrogates."""
    if _CONTROL.search(html):
        html = _CONTROL.sub("", html)
    try:
        html.encode("utf-8")
    except UnicodeEncodeError:
        # Mixed or broken decoding upstream leaves lone surrogates, which lxml rejects.
        html = html.encode("utf-8", "replace").decode("utf-8")
    return html


def _trafilatura(html: Any, url: str | None, *, fast: bool, metadata: bool) -> dict[str, Any]:
    """trafilatura's text and metadata as a dict ({} when it finds nothing or fails)."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=metadata,
            favor_precision=True,
            fast=fast,
            include_comments=False,
            include_tables=True,
            deduplicate=False,
            # Dates come from :mod:`.dates`; htmldate's extensive search would double the time.
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as exc:  # a parser bug on one odd page must not stop a crawl
        log.warning("trafilatura failed on %s: %s", url, exc)
        return {}
    if doc is None:
        return {}
    return doc if isinstance(doc, dict) else doc.as_dict()


def _primary_text(found: dict[str, Any]) -> str:
    return normalize_space(found.get("text") or "")


def drop_heading_lines(text: str, title: str, author: str | None) -> str:
    """Extractors sometimes repeat the headline and byline as the first body lines."""
    lines = text.split("\n")
    while lines and (lines[0] == title or (author and lines[0].lower() == f"by {author}".lower())):
        lines.pop(0)
    return "\n".join(lines)
