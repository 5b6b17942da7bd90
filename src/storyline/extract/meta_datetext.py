"""The date a page *shows* next to its headline ("21.01.2022", "3 mai 2022", "May 3, 2022").

Readers, and the people who label pages, take the date printed under the headline; markup
dates are sometimes a CMS's first draft or a re-stamp, and disagree with it. The text right
after the headline (and a little before it, where kickers and datelines sit) is read in
document order and the dates found there are reported, first one first. Short text nodes
count, and a date opening a paragraph ("29.11.2022 – ..."); the headline's own words, both
ends of a range ("28.01. – 29.01.2022") and dates after a relative stamp ("vor 4 Monaten",
which dates the article while the dates below belong to other items) do not.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_MONTHS = {
    1: "januar jänner january janvier enero gennaio janeiro januari jan ene gen",
    2: "februar feber february février fevrier febrero febbraio fevereiro februari feb fév fev",
    3: "märz maerz march mars marzo março maart mär mar",
    4: "april avril abril aprile apr avr abr",
    5: "mai may maggio mayo maio mei mag",
    6: "juni june juin junio giugno junho jun juin giu",
    7: "juli july juillet julio luglio julho jul juil lug",
    8: "august août aout agosto augustus aug ago",
    9: "september septembre septiembre setembro settembre sept sep set",
    10: "oktober october octobre octubre ottobre outubro okt oct ott out",
    11: "november novembre noviembre novembro nov",
    12: "dezember december décembre decembre diciembre dicembre dezembro dez dec déc dic",
}
_MONTH_OF = {name: num for num, names in _MONTHS.items() for name in names.split()}
_MONTH = "|".join(sorted(_MONTH_OF, key=len, reverse=True))
_PATTERNS = (
    ("dmy", re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)?\d{2})(?![\d])")),
    ("iso", re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")),
    ("slash", re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?!\d)")),
    (
        "d_month_y",
        re.compile(
            rf"(?<!\d)(\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s+(?:de\s+)?({_MONTH})\.?,?\s+"
            rf"(?:de\s+)?((?:19|20)\d{{2}})",
            re.I,
        ),
    ),
    (
        "month_d_y",
        re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})", re.I),
    ),
)
_AFTER_CHARS = 1200
_BEFORE_CHARS = 300
_SHORT_NODE = 80
_RELATIVE = re.compile(
    r"\b(?:vor\s+\d+\s+(?:sekunde|minute|stunde|tag|woche|monat|jahr)\w*"
    r"|\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago"
    r"|il\s+y\s+a\s+\d+\s+(?:seconde|minute|heure|jour|semaine|mois|an)"
    r"|hace\s+\d+\s+(?:segundo|minuto|hora|día|dia|semana|mes|año))",
    re.I,
)
# "28.01.2022 – 29.01.2022", "vom 3. bis 5. Mai 2022": a period (an event's), not a dateline.
_RANGE_NEXT = re.compile(r"\s*(?:[–—-]|bis|to|au|al)\s*\d{1,4}[./\s-]", re.I)
_RANGE_PREVIOUS = re.compile(r"\d\.?\s*(?:[–—-]|bis|to|au|al)\s*$", re.I)
# A dateline opening a paragraph: "29.11.2022 – Text", "(21. November 2022) Text".
_DATELINE_END = re.compile(r"\)|\s*[–—:-]\s")
_CUED = re.compile(
    r"\b(?:erschienen|veröffentlicht|publiziert|erstellt|published|publié|publicado|pubblicato)"
    r"(?:\s+(?:am|on|le|el|il))?\s*:?\s*",
    re.I,
)

_TEXTS = "//body//text()[not(ancestor::script or ancestor::style)]"

Found = tuple[int, date, str]
"""A date written in a text: where it starts, the day, the matched string."""


def date_near_headline(
    tree: Any, headline: str | None, month_first: bool = False
) -> tuple[date, str] | None:
    """The first date printed after the headline (else just before it), with the text.

    Args:
        tree: The parsed page.
        headline: The headline text, to find its element; the first ``<h1>`` otherwise.
        month_first: Read ``03/05/2022`` as March 5 (US pages) instead of 3 May.
    """
    shown = dates_near_headline(tree, headline, month_first)
    return shown[0] if shown else None


def page_texts(tree: Any) -> list[str]:
    """The page's visible text nodes in document order (no script or style)."""
    return list(tree.xpath(_TEXTS, smart_strings=False))


def dates_near_headline(
    tree: Any, headline: str | None, month_first: bool = False, texts: list[str] | None = None
) -> list[tuple[date, str]]:
    """The dates printed after the headline (else just before it), first one first.

    The headline's own text is skipped (a title may name a date it is about). When a
    relative stamp ("vor 4 Monaten", "2 days ago") comes before any date after the headline,
    the page dates itself relatively and the dates that follow belong to other items, so
    nothing is reported.

    Args:
        tree: The parsed page.
        headline: The headline text, to find its element; the first ``<h1>`` otherwise.
        month_first: Read ``03/05/2022`` as March 5 (US pages) instead of 3 May.
        texts: The page's :func:`page_texts`, if already at hand.
    """
    texts = page_texts(tree) if texts is None else texts
    span = _headline_span(tree, texts, headline)
    if span is None:
        return []
    after = _window(texts[span[1] :], _AFTER_CHARS)
    before = _window(texts[: span[0]][::-1], _BEFORE_CHARS, reverse=True)
    for where, window in (("after", after), ("before", before)):
        found = dates_in(window, month_first)
        relative = _RELATIVE.search(window) if where == "after" else None
        if relative is not None and (not found or relative.start() < found[0][0]):
            return []
        if found:
            return [(day, f"date shown {where} the headline: {text!r}") for _, day, text in found]
    return []


def first_date(text: str, month_first: bool = False) -> tuple[date, str] | None:
    """The earliest valid date written in ``text`` and the matched string."""
    found = dates_in(text, month_first)
    return (found[0][1], found[0][2]) if found else None


def dates_in(text: str, month_first: bool = False) -> list[Found]:
    """Every valid date written in ``text`` in order, leaving out both ends of a range."""
    found: list[Found] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            day = _to_date(kind, match.groups(), month_first)
            if day is not None and not _in_range(text, match.start(), match.end()):
                found.append((match.start(), day, match.group(0)))
    return sorted(found)


def cued_date(texts: list[str], month_first: bool = False) -> tuple[date, str] | None:
    """A date anywhere in the page right after a word saying "published" ("Erschienen am").

    Args:
        texts: The page's :func:`page_texts`.
        month_first: Read ``03/05/2022`` as March 5 (US pages) instead of 3 May.
    """
    text = " ".join(texts)
    for cue in _CUED.finditer(text):
        found = dates_in(text[cue.end() : cue.end() + 40], month_first)
        if found and found[0][0] == 0:
            return found[0][1], f"date after {cue.group(0).strip()!r}: {found[0][2]!r}"
    return None


def _in_range(text: str, start: int, end: int) -> bool:
    return bool(
        _RANGE_NEXT.match(text, end) or _RANGE_PREVIOUS.search(text[max(0, start - 8) : start])
    )


def _to_date(kind: str, groups: tuple[str, ...], month_first: bool) -> date | None:
    a, b, c = groups
    try:
        if kind == "iso":
            return date(int(a), int(b), int(c))
        if kind == "d_month_y":
            return date(int(c), _MONTH_OF[b.lower()], int(a))
        if kind == "month_d_y":
            return date(int(c), _MONTH_OF[a.lower()], int(b))
        year = int(c) + (2000 if len(c) == 2 else 0)
        day, month = (int(b), int(a)) if kind == "slash" and month_first else (int(a), int(b))
        return date(year, month, day)
    except (ValueError, KeyError):
        return None


def _headline_span(tree: Any, texts: list[str], headline: str | None) -> tuple[int, int] | None:
    """Where the headline's text nodes start and end in ``texts``."""
    wanted = _squash(headline or "")
    heads = tree.xpath("//body//h1") + tree.xpath("//body//h2")
    matching = [h for h in heads if wanted and _squash(h.text_content()) == wanted]
    for node in matching or tree.xpath("//body//h1")[:1]:
        own = [str(t) for t in node.xpath(".//text()[normalize-space()]")]
        if own and own[0] in texts:
            return _span_of(texts, own[0], own[-1])
    return None


def _span_of(texts: list[str], first: str, last: str) -> tuple[int, int]:
    """The nodes from ``first`` to the next ``last``; a short first node (a kicker such as
    "Politik |") may also occur earlier on the page, so its occurrence nearest ``last`` counts."""
    start = texts.index(first)
    try:
        end = texts.index(last, start) + 1
    except ValueError:
        return start, start + 1
    return end - 1 - texts[start:end][::-1].index(first), end


def _window(texts: list[str], limit: int, reverse: bool = False) -> str:
    """Short text nodes within ``limit`` characters: a date line is short, while a date in
    a paragraph is usually about something the article reports on (except a dateline that
    opens the paragraph)."""
    taken: list[str] = []
    size = 0
    for text in texts:
        if len(text.strip()) <= _SHORT_NODE:
            taken.append(text)
        else:
            taken.extend(_dateline(text))
        size += len(text)
        if size >= limit:
            break
    return " | ".join(reversed(taken) if reverse else taken)


def _dateline(text: str) -> list[str]:
    """The date opening a long text ("29.11.2022 – Berlin hat ..."), if it does."""
    head = text.strip()[:40]
    found = dates_in(head)
    if not found or found[0][0] > 2:
        return []
    start, _day, written = found[0]
    return [written] if _DATELINE_END.match(head, start + len(written)) else []


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())
