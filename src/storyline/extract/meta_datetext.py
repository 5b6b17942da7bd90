"""The date a page *shows* next to its headline ("21.01.2022", "3 mai 2022", "May 3, 2022").

Readers, and the people who label pages, take the date printed under the headline; markup
dates are sometimes a CMS's first draft or a re-stamp, and disagree with it. The text right
after the headline (and a little before it, where kickers and datelines sit) is read in
document order and the first date found there is reported.
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


def date_near_headline(
    tree: Any, headline: str | None, month_first: bool = False
) -> tuple[date, str] | None:
    """The first date printed after the headline (else just before it), with the text.

    Args:
        tree: The parsed page.
        headline: The headline text, to find its element; the first ``<h1>`` otherwise.
        month_first: Read ``03/05/2022`` as March 5 (US pages) instead of 3 May.
    """
    texts = [str(t) for t in tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]")]
    start = _headline_index(tree, texts, headline)
    if start is None:
        return None
    after = _window(texts[start:], _AFTER_CHARS)
    before = _window(texts[:start][::-1], _BEFORE_CHARS, reverse=True)
    for where, window in (("after", after), ("before", before)):
        found = first_date(window, month_first)
        if found is not None:
            return found[0], f"date shown {where} the headline: {found[1]!r}"
    return None


def first_date(text: str, month_first: bool = False) -> tuple[date, str] | None:
    """The earliest valid date written in ``text`` and the matched string."""
    best: tuple[int, date, str] | None = None
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            day = _to_date(kind, match.groups(), month_first)
            if day is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), day, match.group(0))
                break
    return (best[1], best[2]) if best else None


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


def _headline_index(tree: Any, texts: list[str], headline: str | None) -> int | None:
    """Index of the headline's first text node in ``texts``."""
    wanted = _squash(headline or "")
    heads = tree.xpath("//body//h1") + tree.xpath("//body//h2")
    matching = [h for h in heads if wanted and _squash(h.text_content()) == wanted]
    for node in matching or tree.xpath("//body//h1")[:1]:
        if True:
            first = node.xpath(".//text()[normalize-space()]")
            if first:
                try:
                    return texts.index(str(first[0]))
                except ValueError:
                    continue
    return None


def _window(texts: list[str], limit: int, reverse: bool = False) -> str:
    """Short text nodes within ``limit`` characters: a date line is short, while a date in
    a paragraph is usually about something the article reports on."""
    taken: list[str] = []
    size = 0
    for text in texts:
        if len(text.strip()) <= _SHORT_NODE:
            taken.append(text)
        size += len(text)
        if size >= limit:
            break
    return " | ".join(reversed(taken) if reverse else taken)


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())
