"""A dated timeline of a storyline: the days its articles say things happened, each with a
short cited summary and the date expressions it rests on.

Date-wise timeline summarisation (Tran et al. 2013; Gholipour Ghalandari & Ifrim 2020):
first choose the days, then summarise each. A day's weight is the number of independent
sources whose text names it (:mod:`.temporal`: "March 3", "on Tuesday" resolved against the
publication date), plus :data:`PUBLISHED_WEIGHT` per source published that day — reports
cluster after an event, so publication days are weaker evidence than named days. Copies count
with their original (pass lineage roots as ``source``), so fifty wire copies name a day once.

A day's summary is chosen by :func:`.summary.summarize` from the sentences that name the day,
and the lead sentences of the articles published on it or the day after that name no other
day: concept coverage weighted by sources, every sentence citing the articles that say it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from storyline.analyze.quotes import sentences
from storyline.compose.summary import Cited, Source, summarize
from storyline.compose.temporal import TimeMention, time_mentions

#: What one source published on a day adds to the day's weight (one source naming it adds 1).
PUBLISHED_WEIGHT = 0.0
#: Lead sentences of an article published on a day that may speak for that day.
LEAD_SENTENCES = 3
#: How much a long sentence's gain is discounted in a day's summary.
LENGTH_POWER = 0.0
#: Evidence kept per entry.
MAX_EVIDENCE = 5


#: Sentences whose dates are the page's, not an event's: photo captions, corrections,
#: print-edition notes, comment stamps.
_PAGE_FURNITURE = re.compile(
    r"\b(picture taken|photo(?:graph)? taken|file photo|caption|was (?:amended|corrected|"
    r"updated)|appeared on p\d|print edition|report (?:as )?abuse|last updated|first published|"
    r"posted on|published on)\b",
    re.IGNORECASE,
)
#: A clock time right after a date makes it a time stamp ("May 24, 2010 6:19 pm EDT"); an
#: event's time comes with "at" ("on Thursday at 10:30").
_CLOCK = re.compile(r"\s*[,|•·-]?\s*\d{1,2}[:.]\d{2}\b")


@dataclass(frozen=True)
class Dated(Source):
    """An article to put on a timeline: a :class:`.summary.Source` whose ``published`` is
    the anchor of its relative dates — None when the page's own date is not to be trusted
    (a copy under a false later date), which leaves its relative dates unresolved and its
    publication day uncounted."""


@dataclass(frozen=True)
class Evidence:
    """A date expression that put an entry's day on the timeline.

    Attributes:
        article_id: The article it is in.
        expression: The words as written ("on Tuesday" is found as "Tuesday").
        sentence: The sentence holding it.
        anchor: The publication date it was resolved against (None for an absolute date).
    """

    article_id: str
    expression: str
    sentence: str
    anchor: date | None


@dataclass(frozen=True)
class Entry:
    """One day of a timeline.

    Attributes:
        day: The day.
        summary: Its cited sentences.
        weight: Sources naming the day plus :data:`PUBLISHED_WEIGHT` per source published
            on it.
        evidence: The expressions naming the day (empty when only publication put it here).
    """

    day: date
    summary: tuple[Cited, ...]
    weight: float
    evidence: tuple[Evidence, ...] = field(default=())

    @property
    def article_ids(self) -> tuple[str, ...]:
        """Every article its sentences cite, in citation order."""
        return tuple(dict.fromkeys(i for cited in self.summary for i in cited.article_ids))

    @property
    def text(self) -> str:
        """Its sentences as one text."""
        return " ".join(cited.text for cited in self.summary)


@dataclass
class _Day:
    named_by: set[str] = field(default_factory=set)
    published_by: set[str] = field(default_factory=set)
    sentences: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    evidence: list[Evidence] = field(default_factory=list)

    def weight(self) -> float:
        return len(self.named_by) + PUBLISHED_WEIGHT * len(self.published_by)


def timeline(
    docs: Sequence[Dated],
    max_dates: int | None = None,
    sentences_per_date: int = 1,
    min_weight: float = 1.0,
    window: tuple[date, date] | None = None,
) -> list[Entry]:
    """The timeline of ``docs``: its heaviest days in date order, each summarised.

    Args:
        docs: The storyline's articles.
        max_dates: At most this many days (the heaviest); all that qualify when None.
        sentences_per_date: Sentences in each day's summary.
        min_weight: Least weight of a day (1: one source names it, or two were published
            on it).
        window: Only days within these bounds (inclusive).
    """
    days = _days(docs)
    ranked = sorted(
        (d for d in days if _within(d, window) and days[d].weight() >= min_weight),
        key=lambda d: (-days[d].weight(), d),
    )[:max_dates]
    entries = (_entry(day, days[day], docs, sentences_per_date) for day in sorted(ranked))
    return [entry for entry in entries if entry.summary]


def _within(day: date, window: tuple[date, date] | None) -> bool:
    return window is None or window[0] <= day <= window[1]


def _days(docs: Sequence[Dated]) -> dict[date, _Day]:
    """Every day named by or published on, with who named it and the sentences."""
    days: dict[date, _Day] = defaultdict(_Day)
    read = [_read(doc) for doc in docs]
    for index, doc in enumerate(docs):
        source = doc.source or doc.id
        if doc.published is not None:
            days[doc.published].published_by.add(source)
        for sentence, mentions, _ in read[index]:
            for mention in mentions:
                day = days[mention.value]
                day.named_by.add(source)
                day.sentences[index].append(sentence)
                day.evidence.append(_evidence(doc, mention, sentence))
    for index, doc in enumerate(docs):
        _add_leads(days, index, doc, read[index])
    return days


def _read(doc: Dated) -> list[tuple[str, list[TimeMention], bool]]:
    """Each sentence of ``doc`` with the days it dates events on, and whether it names a
    day at all (a time stamp names one but dates no event). The text is scanned once and
    the mentions shared out by offset: scanning sentence by sentence was 5x slower."""
    mentions = [m for m in time_mentions(doc.text, doc.published) if m.granularity == "day"]
    starts = [m.start for m in mentions]  # in text order, as time_mentions returns them
    out = []
    for start, end in sentences(doc.text):
        sentence = " ".join(doc.text[start:end].split())
        inside = mentions[bisect_left(starts, start) : bisect_left(starts, end)]
        events = [] if inside and _PAGE_FURNITURE.search(sentence) else inside
        events = [m for m in events if not _CLOCK.match(doc.text, m.end)]
        out.append((sentence, events, bool(inside)))
    return out


def _evidence(doc: Dated, mention: TimeMention, sentence: str) -> Evidence:
    return Evidence(doc.id, mention.text, sentence, doc.published if mention.relative else None)


def _add_leads(
    days: dict[date, _Day],
    index: int,
    doc: Dated,
    read: list[tuple[str, list[TimeMention], bool]],
) -> None:
    """The lead of an article speaks for its publication day and the day before (a morning
    paper reports yesterday), unless the lead names a day itself."""
    if doc.published is None:
        return
    for sentence, _, names_a_day in read[:LEAD_SENTENCES]:
        if names_a_day:
            continue
        for day in (doc.published, doc.published - timedelta(days=1)):
            if day in days:
                days[day].sentences[index].append(sentence)


def _entry(day: date, found: _Day, docs: Sequence[Dated], per_date: int) -> Entry:
    sources = [
        Source(docs[i].id, "\n".join(dict.fromkeys(lines)), docs[i].published, docs[i].source)
        for i, lines in sorted(found.sentences.items())
    ]
    # The texts are a day's sentences, not whole articles: no lead to favour.
    summary = summarize(
        sources,
        max_words=40 * per_date,
        length_power=LENGTH_POWER,
        max_sentences=per_date,
        lead_weight=0.0,
    )
    evidence = tuple(_distinct(found.evidence)[:MAX_EVIDENCE])
    return Entry(day, tuple(summary), found.weight(), evidence)


def _distinct(evidence: list[Evidence]) -> list[Evidence]:
    """One piece of evidence per article, absolute dates first (they need no anchor)."""
    seen: dict[str, Evidence] = {}
    for item in sorted(evidence, key=lambda e: e.anchor is not None):
        seen.setdefault(item.article_id, item)
    return list(seen.values())
