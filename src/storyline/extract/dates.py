"""Publication dates with the evidence they came from.

Structured page metadata (JSON-LD ``datePublished``, ``article:published_time``, ``<time>``)
is read first because it carries a time and a zone; htmldate's heuristics are the fallback for
HTML, and a visible date line near the headline is the source for text dumps.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from lxml import html as lxml_html

DatedEvidence = tuple[date, str]

_META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
DATE_PATTERN = re.compile(
    r"\b(?:"
    rf"{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{_TIME}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}}{_TIME}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{4}}{_TIME}"
    r")",
    re.IGNORECASE,
)
_PUBLISHED_CUE = re.compile(r"\b(published|posted|first published|dateline|on)\b", re.I)
_UPDATED_CUE = re.compile(r"\b(updated|modified|last (?:updated|modified)|edited)\b", re.I)


def parse_datetime(value: str) -> date | None:
    """Parse one date string; a ``date`` when it has no time, a ``datetime`` when it has one."""
    value = value.strip()
    if not value:
        return None
    iso = _parse_iso(value)
    if iso is not None:
        return iso
    import dateparser

    settings: Any = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "STRICT_PARSING": True}
    parsed = dateparser.parse(value, languages=["en"], settings=settings)
    if parsed is None:
        return None
    has_time = bool(re.search(r"\d{1,2}[:.]\d{2}", value))
    return parsed if has_time else parsed.date()


def _parse_iso(value: str) -> date | None:
    text = value.replace("Z", "+00:00")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*", text):
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            return None
    return None


def date_from_hint(value: str | None) -> DatedEvidence | None:
    """A date the input stated beside the page (a JSONL field, a feed's ``pubDate``)."""
    parsed = parse_datetime(value) if value else None
    return (parsed, f"input field: {value!r}") if parsed else None


def date_from_html(tree: Any, html: str, url: str | None) -> DatedEvidence | None:
    """Find the publication date of an HTML page and say where it was found."""
    for finder in (_from_json_ld, _from_meta, _from_time_element):
        found = finder(tree)
        if found is not None:
            return found
    return _from_htmldate(html, url)


def _from_json_ld(tree: Any) -> DatedEvidence | None:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except (ValueError, TypeError):
            continue
        for item in _walk_json(data):
            value = item.get("datePublished") or item.get("dateCreated")
            parsed = parse_datetime(value) if isinstance(value, str) else None
            if parsed is not None:
                return parsed, f"JSON-LD datePublished={value!r}"
    return None


def _walk_json(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [d for item in data for d in _walk_json(item)]
    if isinstance(data, dict):
        return [data, *_walk_json(data.get("@graph", []))]
    return []


def _from_meta(tree: Any) -> DatedEvidence | None:
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_KEYS:
            value = meta.get("content", "")
            parsed = parse_datetime(value)
            if parsed is not None:
                return parsed, f"<meta {key}={value!r}>"
    return None


def _from_time_element(tree: Any) -> DatedEvidence | None:
    for node in tree.xpath("//time[@datetime]"):
        value = node.get("datetime", "")
        parsed = parse_datetime(value)
        if parsed is not None:
            return parsed, f"<time datetime={value!r}>"
    return None


def _from_htmldate(html: str, url: str | None) -> DatedEvidence | None:
    """htmldate on the markup first; its extensive text search only as a weaker fallback.

    The extensive search reads free text, where a bare year such as "© 2025" becomes
    2025-01-01; a January 1st found only that way is dropped rather than reported as fact.
    """
    from htmldate import find_date

    for extensive in (False, True):
        try:
            found = find_date(html, url=url, original_date=True, extensive_search=extensive)
        except (ValueError, TypeError):
            found = None
        if not found:
            continue
        day = date.fromisoformat(found)
        if not extensive:
            return day, "htmldate: page markup or URL (original date)"
        if (day.month, day.day) != (1, 1):
            return day, "htmldate: date found in the page text (weaker evidence)"
    return None


def date_from_lines(lines: list[str], title_index: int | None) -> DatedEvidence | None:
    """Find a visible publication date line in a text dump, near the headline.

    "Published"/"Posted" lines beat bare dates, which beat "Updated" lines; among equals the
    line closest after the headline wins.
    """
    best: tuple[tuple[int, int], date, str] | None = None
    anchor = title_index or 0
    for index, line in enumerate(lines):
        if len(line) > 160:
            continue
        match = DATE_PATTERN.search(line)
        parsed = parse_datetime(match.group(0)) if match else None
        if parsed is None:
            continue
        cue = 0 if _PUBLISHED_CUE.search(line) else 2 if _UPDATED_CUE.search(line) else 1
        distance = index - anchor if index >= anchor else 40 + anchor - index
        rank = (cue, distance)
        if best is None or rank < best[0]:
            best = (rank, parsed, f"text line {index + 1}: {line.strip()!r}")
    return (best[1], best[2]) if best else None


def parse_html(html: str) -> Any:
    """Parse HTML leniently into an lxml tree (None when it has no markup at all)."""
    try:
        return lxml_html.document_fromstring(html)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return None
