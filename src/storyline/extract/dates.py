"""Publication dates with the evidence they came from.

For HTML (:func:`find_published`) the date printed next to the headline comes first, because
it is the date readers see; structured metadata (JSON-LD ``datePublished``,
``article:published_time``, ``<time>``) confirms it or stands in for it, with UTC timestamps
moved to the publisher's zone (:mod:`.meta_zone`); a date in the URL path and htmldate's
heuristics are the fallbacks. For text dumps a visible date line near the headline is the
source (:func:`date_from_lines`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from email.utils import parsedate_to_datetime
from typing import Any

from lxml import html as lxml_html

from storyline.extract.meta import is_article, load_json, walk_json
from storyline.extract.meta_datetext import cued_date, dates_near_headline, page_texts
from storyline.extract.meta_zone import local_zone, to_local

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
_TIME = r"(?:(?:,|\s+[•·|–—-])?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
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


def parse_datetime(value: str, order: str = "DMY") -> date | None:
    """Parse one date string; a ``date`` when it has no time, a ``datetime`` when it has one.

    Args:
        value: The date as written.
        order: How to read an all-numeric date such as ``10/01/1998``: ``DMY`` (10 January,
            the default) or ``MDY`` (October 1; see :func:`numeric_date_order`).
    """
    value = value.strip()
    if not value:
        return None
    iso = _parse_iso(value)
    if iso is not None:
        return iso
    if re.match(r"^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}", value):
        try:
            return parsedate_to_datetime(value)  # RFC 2822, as in feeds: keeps the zone
        except (TypeError, ValueError):
            pass
    import dateparser

    settings: Any = {"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": order, "STRICT_PARSING": True}
    value = re.sub(r"\s+[•·|–—-]\s+(?=\d{1,2}[:.]\d{2})", " ", value)  # "1 Oct 1998 • 06:32"
    parsed = dateparser.parse(value, languages=["en"], settings=settings)
    if parsed is None:
        return None
    has_time = bool(re.search(r"\d{1,2}[:.]\d{2}", value))
    return parsed if has_time else parsed.date()


def _parse_iso(value: str) -> date | None:
    text = value.replace("Z", "+00:00")
    # "2022-1-26T14:32:06": some CMSs do not zero-pad; fromisoformat needs it.
    text = re.sub(r"^(\d{4})-(\d)(?=-)", r"\1-0\2", text)
    text = re.sub(r"^(\d{4}-\d{2})-(\d)(?=$|[T ])", r"\1-0\2", text)
    if re.search(r"\d{2}:\d{2}.*[+-]\d{4}$", text):
        text = text[:-2] + ":" + text[-2:]  # "+0200" → "+02:00" (Python 3.10 needs it)
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


def date_from_html(
    tree: Any, html: str, url: str | None, headline: str | None = None
) -> DatedEvidence | None:
    """Find the publication date of an HTML page and say where it was found."""
    found = find_published(tree, html, url, headline)
    return (found[0], found[1]) if found else None


def find_published(
    tree: Any, html: str, url: str | None, headline: str | None = None
) -> tuple[date, str, float] | None:
    """The publication date of an HTML page with its evidence and a confidence in [0, 1].

    The date printed next to the headline wins: it is what readers (and labellers) see,
    while markup dates are sometimes a draft's or a re-stamp's; a markup date the page also
    shows near the headline, or the day after it, beats it. A date the URL path puts later
    (``/2015/12/12/``, ``/2019/10/``) rules a shown date out. Without one, a date labelled
    "published" anywhere on the page ("Erschienen am 01.11.2023") takes its place. Then
    JSON-LD, ``<meta>`` and ``<time>`` are read, their UTC timestamps turned into the
    publisher's local date, unless over a month from the URL's date; then a full date in the
    URL path; then htmldate's heuristics.

    Args:
        tree: The parsed page (:func:`parse_html`).
        html: The page source.
        url: The page URL, if known.
        headline: The page's headline, to find where the date line is.
    """
    lang = tree.get("lang") or tree.get("xml:lang")
    month_first = _month_first(lang, url)
    texts = page_texts(tree)
    shown_dates = dates_near_headline(tree, headline, month_first, texts)
    markup = _from_markup(tree, html, url, lang)
    in_url = date_from_url(url)
    floor = in_url or _url_month(url)
    if shown_dates and (floor is None or shown_dates[0][0] >= floor):
        return _shown_or_markup(shown_dates, markup)
    cued = cued_date(texts, month_first)
    if cued is not None and (floor is None or cued[0] >= floor):
        return _shown_or_markup([cued], markup)
    if markup is not None and not _far_apart(markup[0], in_url):
        return markup
    if in_url is not None:
        return in_url, "date in the URL path", 0.8
    fallback = _from_htmldate(html, url)
    if fallback is None:
        return None
    return fallback[0], fallback[1], 0.6 if "markup" in fallback[1] else 0.35


def _shown_or_markup(
    shown_dates: list[DatedEvidence], markup: tuple[date, str, float] | None
) -> tuple[date, str, float]:
    """The shown date, or the markup one when it is shown too or is the day after.

    A markup date that matches a later date near the headline is confirmed by the page
    (the first date there may be a modification stamp or another item's date).
    """
    shown = shown_dates[0]
    if markup is None:
        return shown[0], shown[1], 0.75
    stamp = _day(markup[0])
    if stamp == shown[0]:
        return markup[0], f"{markup[1]}, as shown on the page", 0.95
    if _a_day_apart(markup[0], shown[0]):
        return markup[0], f"{markup[1]}, a day from the shown {shown[0]}", 0.8
    if any(day == stamp for day, _text in shown_dates[1:5]):
        return markup[0], f"{markup[1]}, shown near the headline", 0.85
    return shown[0], shown[1], 0.75


def _far_apart(stamp: date, in_url: date | None) -> bool:
    """Whether a markup date is over a month from the URL's date: a re-stamp (migration,
    re-save) rather than the publication, which the URL fixed when the page was made."""
    return in_url is not None and abs((_day(stamp) - in_url).days) > 31


def _a_day_apart(stamp: date, shown: date) -> bool:
    """Whether a timestamp is on the day after the one shown: pages print a date line in
    another zone (or the day's edition date) than the timestamp they were published at.

    Not for a stamp without a zone, which gives no reason to doubt the shown day; nor when
    the shown day is the stamp's UTC day and the stamp is a real time of day: the page then
    prints its dates in UTC, and only our move to local time made them differ (a stamp at
    exactly local midnight is a bare date, so it keeps its day).
    """
    if not isinstance(stamp, datetime) or stamp.tzinfo is None:
        return False
    if (_day(stamp) - shown).days != 1:
        return False
    return stamp.time() == time(0, 0) or stamp.astimezone(UTC).date() != shown


def _from_markup(
    tree: Any, html: str, url: str | None, lang: str | None
) -> tuple[date, str, float] | None:
    """JSON-LD, then ``<meta>``, then ``<time>``, in the publisher's local date."""
    for finder, confidence in ((_from_json_ld, 0.9), (_from_meta, 0.85), (_from_time_element, 0.7)):
        found = finder(tree)
        if found is not None:
            return to_local(found[0], local_zone(html, url, lang)), found[1], confidence
    return None


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _month_first(lang: str | None, url: str | None) -> bool:
    """US pages write 03/05/2022 for March 5; everyone else for 3 May."""
    lang = (lang or "").lower()
    return lang in ("en-us", "en_us") or (lang.startswith("en") and (url or "").endswith(".com"))


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|_|\.|$)")
_URL_MONTH = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/")


def date_from_url(url: str | None) -> date | None:
    """A full date in the URL path (``/2022/11/29/slug``), or None."""
    match = _URL_DATE.search(url or "")
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _url_month(url: str | None) -> date | None:
    """The first day of a year/month in the URL path (``/2019/10/slug``): a page is not
    published before the month its address was made in."""
    match = _URL_MONTH.search(url or "")
    if match is None or not 1 <= int(match[2]) <= 12:
        return None
    return date(int(match[1]), int(match[2]), 1)


def _from_json_ld(tree: Any) -> DatedEvidence | None:
    """``datePublished`` of the article object first, of any object next, then dateCreated."""
    items: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        items.extend(walk_json(load_json(script.text_content())))
    articles = [item for item in items if is_article(item)]
    for field in ("datePublished", "dateCreated"):
        for item in [*articles, *items]:
            value = item.get(field)
            parsed = parse_datetime(value) if isinstance(value, str) else None
            if parsed is not None:
                return parsed, f"JSON-LD {field}={value!r}"
    return None


_GENERIC_META = {"date", "dc.date"}


def _from_meta(tree: Any) -> DatedEvidence | None:
    """The first publication ``<meta>``; a generic one (``name=date``) only when no element
    is marked ``itemprop=datePublished``, which names the publication date explicitly."""
    generic: DatedEvidence | None = None
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_KEYS:
            value = meta.get("content", "")
            parsed = parse_datetime(value)
            if parsed is not None and key not in _GENERIC_META:
                return parsed, f"<meta {key}={value!r}>"
            if parsed is not None and generic is None:
                generic = parsed, f"<meta {key}={value!r}>"
    if generic is not None:
        for node in tree.xpath("//body//*[@itemprop='datePublished'][@datetime]")[:1]:
            value = node.get("datetime", "")
            parsed = parse_datetime(value)
            if parsed is not None:
                return parsed, f"<{node.tag} itemprop=datePublished datetime={value!r}>"
    return generic


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


_LINE_CONFIDENCE = (0.9, 0.7, 0.5)
"""Confidence of a text-dump date by its cue: "Published", none, "Updated"."""


def date_from_lines(lines: list[str], title_index: int | None) -> DatedEvidence | None:
    """Find a visible publication date line in a text dump (see :func:`published_from_lines`)."""
    found = published_from_lines(lines, title_index)
    return (found[0], found[1]) if found else None


_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/\d{4}\b")


def numeric_date_order(lines: Iterable[str]) -> str | None:
    """``DMY`` or ``MDY`` when the all-numeric dates in ``lines`` say which (a first number
    above 12 is a day, a second one above 12 is a day too), by majority; None when no date
    tells. A site prints its dates one way, so its other pages decide for an ambiguous one.
    """
    votes: Counter[str] = Counter()
    for line in lines:
        if len(line) > 300:
            continue
        for first, second in _NUMERIC_DATE.findall(line):
            if int(first) > 12 >= int(second):
                votes["DMY"] += 1
            elif int(second) > 12 >= int(first):
                votes["MDY"] += 1
    if not votes or votes["DMY"] == votes["MDY"]:
        return None
    return votes.most_common(1)[0][0]


_LIST_ENTRY = re.compile(rf"^(?!by\b).{{8,}}?\s[—–·|-]\s*(?:{DATE_PATTERN.pattern})\s*$", re.I)


def _listed_dates(lines: Sequence[str]) -> set[int]:
    """Lines that are entries of a dated link list ("Headline — November 16, 1995" next to
    another such line): other stories' dates, not this page's."""
    shaped = [
        len(line) <= 160 and not _PUBLISHED_CUE.search(line) and bool(_LIST_ENTRY.match(line))
        for line in lines
    ]
    return {
        i
        for i, entry in enumerate(shaped)
        if entry and ((i > 0 and shaped[i - 1]) or (i + 1 < len(shaped) and shaped[i + 1]))
    }


def published_from_lines(
    lines: list[str], title_index: int | None, order: str | None = None
) -> tuple[date, str, float] | None:
    """The publication date of a text dump, with its evidence and a confidence.

    "Published"/"Posted" lines beat bare dates, which beat "Updated" lines; among equals the
    line closest after the headline wins. Relative stamps ("2 years ago") never match.
    All-numeric dates are read in ``order`` (``DMY``/``MDY``) when given, else in the order
    the page's own unambiguous numeric dates show, else day first.
    """
    order = order or numeric_date_order(lines) or "DMY"
    best: tuple[tuple[int, int], date, str] | None = None
    anchor = title_index or 0
    listed = _listed_dates(lines)
    for index, line in enumerate(lines):
        if len(line) > 160 or index in listed:
            continue
        match = DATE_PATTERN.search(line)
        parsed = parse_datetime(match.group(0), order) if match else None
        if parsed is None:
            continue
        cue = 0 if _PUBLISHED_CUE.search(line) else 2 if _UPDATED_CUE.search(line) else 1
        distance = index - anchor if index >= anchor else 40 + anchor - index
        rank = (cue, distance)
        if best is None or rank < best[0]:
            best = (rank, parsed, f"text line {index + 1}: {line.strip()!r}")
    if best is None:
        return None
    return best[1], best[2], _LINE_CONFIDENCE[best[0][0]]


def parse_html(html: str) -> Any:
    """Parse HTML leniently into an lxml tree (None when it has no markup at all)."""
    for source in (html, html.encode("utf-8")):
        # lxml refuses str input that carries an XML encoding declaration; bytes work.
        try:
            return lxml_html.document_fromstring(source)
        except ValueError:
            continue
        except (TypeError, lxml_html.etree.ParserError):
            return None
    return None
