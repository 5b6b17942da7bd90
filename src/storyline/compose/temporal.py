"""Dates an article's text speaks of, resolved against its publication date.

News states when things happened in two ways: absolute dates ("March 3, 2011", "3 March",
"in September 2010") and expressions relative to the day the story was written ("on
Tuesday", "yesterday", "last month"). :func:`time_mentions` finds both and resolves each
to a calendar day, month or year with the words it came from, so a timeline entry can show
its evidence.

Written by hand, after HeidelTime's news rules: HeidelTime and SUTime are Java services, and
dateparser's ``search_dates`` parses any number-like token as a date, has no notion of
granularity ("in September" is a month, not the 1st) and takes milliseconds per sentence —
too slow and too noisy for every sentence of a corpus. The rules here cover the expressions
news reporting uses for events; anything unresolvable (no publication date for a relative
expression) is skipped rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Granularity = Literal["day", "month", "year"]

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_MONTHS = {name: i + 1 for i, name in enumerate(_MONTH_NAMES)}
_MONTHS |= {name[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES)}
_MONTHS["sept"] = 9
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_MONTH = (
    r"(?P<month>"
    + "|".join(_MONTH_NAMES)
    + r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("month_day", rf"\b{_MONTH}\s+{_DAY}\b(?:\s*,?\s*{_YEAR}\b)?"),
        ("day_month", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:\s*,?\s*{_YEAR}\b)?"),
        ("month_year", rf"\b{_MONTH}\s*,?\s*{_YEAR}\b"),
        (
            "in_month",
            r"\b(?:(?:in|since|until|by|from|during|end of|beginning of)\s+"
            rf"(?:(?:early|late|mid)[- ]?)?|(?:early|late|mid)[- ]?){_MONTH}\b"
            r"(?!\s*,?\s*(?:[0-3]?\d\b|(?:19|20)\d\d))",
        ),
        (
            "weekday",
            r"\b(?:(?P<last>last|this|next)\s+)?(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b",
        ),
        (
            "deictic",
            r"\b(?P<deictic>today|tonight|yesterday|tomorrow|last night|this morning"
            r"|this afternoon|this evening|earlier today)\b",
        ),
        (
            "ago",
            r"\b(?P<count>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
        ),
        (
            "relative_period",
            r"\b(?P<which>last|this|next|earlier this|later this)\s+"
            r"(?P<period>week|month|year)\b",
        ),
        ("in_year", r"\b(?:in|since|during|by|until|of)\s+" + _YEAR + r"\b(?!\s*-)"),
    )
)
_NUMBERS = dict(
    zip("one two three four five six seven eight nine ten".split(), range(1, 11), strict=True)
)
#: Words in the sentence that make a weekday or month the next one, not the last.
_FUTURE = re.compile(
    r"\b(will|would|shall|is due|are due|is expected|are expected|plans? to|scheduled|"
    r"next|upcoming|going to|set to)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TimeMention:
    """A time expression of a text and the date it stands for.

    Attributes:
        text: The expression as written ("on Tuesday" is found as "Tuesday").
        start: Its offset in the text.
        end: The offset after it.
        value: The first day of the period meant.
        granularity: Whether ``value`` names a day, a month or a year.
        relative: True when it was resolved against the publication date.
    """

    text: str
    start: int
    end: int
    value: date
    granularity: Granularity
    relative: bool

    def label(self) -> str:
        """The date as ISO text at its granularity: ``2011-03-03``, ``2011-03`` or ``2011``."""
        iso = self.value.isoformat()
        return {"day": iso, "month": iso[:7], "year": iso[:4]}[self.granularity]


def time_mentions(text: str, published: date | None) -> list[TimeMention]:
    """Every time expression of ``text``, resolved, in text order; where two overlap the
    longer wins ("March 3, 2011" over "March 2011"-like parts of it).

    Args:
        text: A sentence or a whole article.
        published: The article's publication date, the anchor of relative expressions
            and of dates written without a year; None skips those.
    """
    found = [m for m in _candidates(text, published) if m is not None]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[TimeMention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def _candidates(text: str, published: date | None) -> Iterator[TimeMention | None]:
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if not _named_properly(match):
                continue
            value = _RESOLVERS[name](match, published, _future(text, match))
            if value is not None:
                day, granularity, relative = value
                yield TimeMention(
                    match.group(0), match.start(), match.end(), day, granularity, relative
                )


Resolved = tuple[date, Granularity, bool] | None


def _named_properly(match: re.Match[str]) -> bool:
    """Month and weekday names are capitalised: "may", "march" and "sun" in lower case are
    other words."""
    names = match.groupdict()
    values = [names.get(key) for key in ("month", "weekday")]
    return all(not value or not value[0].isalpha() or value[0].isupper() for value in values)


def _future(text: str, match: re.Match[str]) -> bool:
    """Whether the clause around ``match`` speaks of the future (the 60 characters before
    it, within its sentence)."""
    before = text[max(0, match.start() - 60) : match.start()]
    before = re.split(r"[.!?]\s", before)[-1]
    return bool(_FUTURE.search(before))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_of(match: re.Match[str]) -> int:
    return _MONTHS[match.group("month").lower().rstrip(".")]


def _iso(match: re.Match[str], published: date | None, future: bool) -> Resolved:
    day = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    return None if day is None else (day, "day", False)


def _month_day(match: re.Match[str], published: date | None, future: bool) -> Resolved:
    """ "March 3", "3 March", with or without a year. Without one, news means the latest such
    day up to a week after the publication, unless the clause speaks of the future or that
    day is half a year back while the next one is within three months ("grants open on
    January 5" in a December story) — then the first one from the publication on."""
    month, day = _month_of(match), int(match["day"])
    if match["year"]:
        value = _safe_date(int(match["year"]), month, day)
        return None if value is None else (value, "day", False)
    if published is None:
        return None
    options = [d for k in (-1, 0, 1) if (d := _safe_date(published.year + k, month, day))]
    past = [d for d in options if d <= published + timedelta(days=7)]
    coming = [d for d in options if d >= published]
    if coming and (future or not past or _far_back(past[-1], coming[0], published)):
        return coming[0], "day", True
    return (past[-1], "day", True) if past else None


def _far_back(past: date, coming: date, published: date) -> bool:
    return (published - past).days > 183 and (coming - published).days <= 92


def _month_year(match: re.Match[str], published: date | None, future: bool) -> Resolved:
    return date(int(match["year"]), _month_of(match), 1), "month", False


def _in_month(match: re.Match[str], published: date | None, future: bool) -> Resolved:
    """ "in September": the last September up to the publication month, or the next one
    when the clause speaks of the future."""
    if published is None:
        return None
    month = _month_of(match)
    year = published.year
    if future and month < published.month:
        year += 1
    elif not future and month > published.month:
        year -= 1
    return date(year, month, 1), "month", True


def _weekday(match: re.Match[str], published: date | None, future: bool) -> Resolved:
    """A weekday is the one of the publication's week: the last such day (the publication
    day itself included) or, for "next"/the future, the coming one."""
    if published is None:
        return None
    target = _WEEKDAYS.index(match["weekday"].lower())
    offset = (published.weekday() - target) % 7
    if (match["last"] or "").lower() == "next" or (future and offset):
        return published + timedelta(days=(target - published.weekday()) % 7 or 7), "day", True
    if (match["last"] or "").lower() == "last" and offset == 0:
        offset = 7
    return published - timedelta(days=offset), "day", True


_DEICTIC = {"yesterday": -1, "last night": -1, "tomorrow": 1}


def _deictic(match: re.Match[str], published: date | None, future: bool) -> Resolved:
    if published is None:
        return None
    shift = _DEICTIC.get(match["deictic"].lower(), 0)
    return published + timedelta(days=shift), "day", True


def _ago(match: re.Match[str], published: date | None, future: bool) -> Resolved:
    if published is None:
        return None
    count_text = match["count"].lower()
    count = _NUMBERS.get(count_text) or int(count_text)
    unit = match["unit"].lower().rstrip("s")
    if unit == "day":
        return published - timedelta(days=count), "day", True
    if unit == "week":
        return published - timedelta(days=7 * count), "day", True
    if unit == "month":
        return _shift_month(published, -count), "month", True
    return date(published.year - count, 1, 1), "year", True


def _relative_period(match: re.Match[str], published: date | None, future: bool) -> Resolved:
    """ "last month", "this year", "earlier this month"; weeks are left out (a week is not a
    day, and no timeline entry is a week)."""
    if published is None or match["period"].lower() == "week":
        return None
    shift = {"last": -1, "next": 1}.get(match["which"].lower(), 0)
    if match["period"].lower() == "month":
        return _shift_month(published, shift), "month", True
    return date(published.year + shift, 1, 1), "year", True


def _in_year(match: re.Match[str], published: date | None, future: bool) -> Resolved:
    return date(int(match["year"]), 1, 1), "year", False


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


_RESOLVERS = {
    "iso": _iso,
    "month_day": _month_day,
    "day_month": _month_day,
    "month_year": _month_year,
    "in_month": _in_month,
    "weekday": _weekday,
    "deictic": _deictic,
    "ago": _ago,
    "relative_period": _relative_period,
    "in_year": _in_year,
}
