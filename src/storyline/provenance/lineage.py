"""Lineage: who copied whom, which articles are wire stories, whose dates do not add up, and
how many independent sources stand behind an event or a storyline.

Everything here is evidence, not a verdict: each flag carries the sentence that justifies it,
and the counts are derived from edges a reader can inspect.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from storyline.model import Article, DuplicateLink, Event, Flag, LineageEdge

#: A copy or rewrite published this many days or more after its source has a suspect date.
REPUBLICATION_DAYS = 30
#: An article dated this many days or more from the other reports of its event is suspect.
EVENT_DRIFT_DAYS = 60
#: Least confidence of an extracted publication date for it to order lineage.
RELIABLE_DATE = 0.5

_CONTRIBUTED = re.compile(r"contribut|reporting|additional", re.IGNORECASE)


def wire_credit(article: Article) -> tuple[str, str] | None:
    """The agency whose story ``article`` says it is, from a dateline or credit line, and the
    line that says so; ``None`` without one. "X contributed to this report" is a
    contribution, not a credit (see :func:`contributions`)."""
    for contributor in article.contributors:
        if contributor.kind == "agency" and not _CONTRIBUTED.search(contributor.evidence):
            return contributor.name, contributor.evidence
    return None


def contributions(article: Article) -> list[tuple[str, str]]:
    """Agencies credited with contributing to ``article`` (name, the line saying so)."""
    return [
        (c.name, c.evidence)
        for c in article.contributors
        if c.kind == "agency" and _CONTRIBUTED.search(c.evidence)
    ]


def is_agency_outlet(article: Article, agency: str) -> bool:
    """Whether the article was published by the agency itself (its own wire or site)."""
    outlet = (article.outlet or "").casefold()
    if not outlet:
        return False
    name = agency.casefold()
    return name in outlet or outlet in name or _initials(article.outlet or "").casefold() == name


def origin_order(articles: Sequence[Article]) -> list[Article]:
    """Articles in the order they most likely appeared.

    By publication day (undated last); on the same day an agency's own story before everyone
    else's and a self-disclosed AI-generated piece after the rest; then ingestion order (the
    order of ``articles``), except that pages giving a time of day are put in time order
    among themselves (a page without a time keeps its place: its time is unknown, not late).

    Copy detection takes the earlier article of a pair as the source, so these ties decide
    who copied whom: agencies publish before their subscribers, and a disclosed AI rewrite
    follows what it rewrites.
    """

    def key(pair: tuple[int, Article]) -> tuple[bool, date, bool, bool, int]:
        index, article = pair
        credit = wire_credit(article)
        own = credit is not None and is_agency_outlet(article, credit[0])
        generated = any(d.kind == "ai_generated" for d in article.disclosures)
        return (article.day is None, article.day or date.min, generated, not own, index)

    ordered = [article for _, article in sorted(enumerate(articles), key=key)]
    return _times_in_order(ordered, [key((0, a))[:4] for a in ordered])


def _times_in_order(ordered: list[Article], groups: Sequence[tuple[object, ...]]) -> list[Article]:
    """Within each run of equal ``groups``, sort the timed articles by their local time of day
    in the slots they occupy (untimed ones stay where they are)."""
    result = list(ordered)
    start = 0
    for end in range(1, len(ordered) + 1):
        if end < len(ordered) and groups[end] == groups[start]:
            continue
        slots = [i for i in range(start, end) if isinstance(ordered[i].published, datetime)]
        timed = sorted((ordered[i] for i in slots), key=_local_time)
        for slot, article in zip(slots, timed, strict=True):
            result[slot] = article
        start = end
    return result


def _local_time(article: Article) -> time:
    assert isinstance(article.published, datetime)
    return article.published.time()


def reliable_day(article: Article) -> date | None:
    """The publication day when extraction trusted it enough to order lineage by it."""
    if article.day is None or article.confidence.get("published", 1.0) < RELIABLE_DATE:
        return None
    return article.day


@dataclass(frozen=True)
class Provenance:
    """The result of :func:`trace`.

    Attributes:
        edges: Copy, containment and rewrite edges, with ``agency`` set when the source line
            is a wire story.
        flags: Article id → its provenance flags (``exact_duplicate``, ``near_duplicate``,
            ``rewrite``, ``wire_copy``, ``wire_contribution``, ``page_date_suspect``).
    """

    edges: tuple[LineageEdge, ...]
    flags: Mapping[str, tuple[Flag, ...]]


def trace(
    articles: Sequence[Article], edges: Iterable[LineageEdge], events: Sequence[Event]
) -> Provenance:
    """Tag wire lines on ``edges`` and derive every article's provenance flags.

    Args:
        articles: Every article.
        edges: Copy/containment edges (:class:`~storyline.provenance.copies.CopyDetector`)
            and rewrite edges (:class:`~storyline.provenance.rewrites.RewriteDetector`).
        events: The events, for dates that drift from the rest of their event.
    """
    by_id = {a.id: a for a in articles}
    parent = {e.article_id: e for e in edges}
    tagged = tuple(replace(e, agency=_line_agency(e.article_id, parent, by_id)) for e in edges)
    flags: dict[str, list[Flag]] = {}
    for edge in tagged:
        flags.setdefault(edge.article_id, []).extend(_edge_flags(edge, by_id))
    for article in articles:
        flags.setdefault(article.id, []).extend(_credit_flags(article, parent))
    for article_id, flag in _drift_flags(events, by_id, set(parent)):
        flags.setdefault(article_id, []).append(flag)
    return Provenance(tagged, {aid: tuple(f) for aid, f in flags.items() if f})


def _line_agency(
    article_id: str, parent: Mapping[str, LineageEdge], by_id: Mapping[str, Article]
) -> str | None:
    """The agency credited up the line of sources of ``article_id``: the most upstream credit,
    spelled out when any article of the line spells out an abbreviated one ("MP" →
    "Meridian Press")."""
    seen, names, spelled = set(), [], {}
    node: str | None = article_id
    while node is not None and node not in seen:
        seen.add(node)
        article = by_id.get(node)
        credit = wire_credit(article) if article is not None else None
        if article is not None and credit is not None:
            names.append(credit[0])
            spelled.update({_initials(n): n for n in (credit[0], article.outlet or "") if " " in n})
        edge = parent.get(node)
        node = edge.source_id if edge is not None else None
    return spelled.get(names[-1], names[-1]) if names else None


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def _edge_flags(edge: LineageEdge, by_id: Mapping[str, Article]) -> list[Flag]:
    article, source = by_id.get(edge.article_id), by_id.get(edge.source_id)
    kind = {"exact": "exact_duplicate", "rewrite": "rewrite"}.get(edge.kind, "near_duplicate")
    found = [Flag(kind, edge.source_id)]
    if article is None:
        return found
    copied = edge.relation != "rewrite"
    if edge.agency and copied and not is_agency_outlet(article, edge.agency):
        found.append(Flag("wire_copy", _wire_detail(edge, source)))
    if source is not None:
        found.extend(_republication(article, source, edge))
    return found


def _wire_detail(edge: LineageEdge, source: Article | None) -> str:
    whose = f"{source.outlet}'s" if source is not None and source.outlet else "an"
    share = f"{edge.score:.0%} " if edge.kind != "exact" else ""
    return f"{edge.agency}: {edge.kind} copy ({share}shared) of {whose} article {edge.source_id}"


def _republication(article: Article, source: Article, edge: LineageEdge) -> list[Flag]:
    mine, theirs = article.day, reliable_day(source)
    if mine is None or theirs is None or (mine - theirs).days < REPUBLICATION_DAYS:
        return []
    detail = (
        f"page dated {mine.isoformat()}, {(mine - theirs).days} days after the "
        f"{theirs.isoformat()} article it {'rewrites' if edge.relation == 'rewrite' else 'copies'}"
        f" ({edge.source_id})"
    )
    return [Flag("page_date_suspect", detail)]


def _credit_flags(article: Article, parent: Mapping[str, LineageEdge]) -> list[Flag]:
    found = []
    credit = wire_credit(article)
    if credit is not None and article.id not in parent and not is_agency_outlet(article, credit[0]):
        found.append(Flag("wire_copy", f"{credit[0]}: credited in “{credit[1]}”"))
    for agency, line in contributions(article):
        found.append(Flag("wire_contribution", f"{agency}: “{line}”"))
    return found


def _drift_flags(
    events: Sequence[Event], by_id: Mapping[str, Article], copies: set[str]
) -> Iterable[tuple[str, Flag]]:
    """Articles dated far from the other reports of their event (copies are judged against
    their source instead, by :func:`_republication`)."""
    for event in events:
        days = {a: by_id[a].day for a in event.article_ids if a in by_id}
        for article_id, day in days.items():
            others = [d for a, d in days.items() if a != article_id and d is not None]
            if day is None or article_id in copies or len(others) < 2:
                continue
            middle = _median_day(others)
            if abs((day - middle).days) >= EVENT_DRIFT_DAYS:
                detail = (
                    f"page dated {day.isoformat()}; the other {len(others)} reports of its event "
                    f"date from {min(others).isoformat()} to {max(others).isoformat()}"
                )
                yield article_id, Flag("page_date_suspect", detail)


def _median_day(days: Sequence[date]) -> date:
    return date.fromordinal(int(statistics.median_low(d.toordinal() for d in days)))


def lineage_roots(edges: Iterable[LineageEdge]) -> dict[str, str]:
    """Article id → the original at the root of its line of sources, for every article
    that has an edge (a copy of a copy names the first; cycles stop where they close)."""
    parent = {e.article_id: e.source_id for e in edges}
    roots = {}
    for article_id in parent:
        node, seen = article_id, set()
        while node in parent and node not in seen:
            seen.add(node)
            node = parent[node]
        roots[article_id] = node
    return roots


def duplicate_links(edges: Iterable[LineageEdge]) -> list[DuplicateLink]:
    """Copy and containment edges as duplicate links to the root original (what event
    grouping needs: a copy joins its original's event)."""
    copies = [e for e in edges if e.relation in ("copy", "containment")]
    root = lineage_roots(copies)
    return [
        DuplicateLink(
            e.article_id, root[e.article_id], "exact" if e.kind == "exact" else "near", e.score
        )
        for e in copies
    ]


@dataclass(frozen=True)
class Lineage:
    """One event's (or storyline's) lineage summary.

    Attributes:
        first_seen: The article that reported first.
        basis: ``publication date`` when ``first_seen`` was chosen by trusted publication
            dates, ``ingestion order`` when no member had one.
        roots: Articles that copy or rewrite no other article in the corpus: the
            independent reports.
    """

    first_seen: str | None
    basis: str
    roots: tuple[str, ...]

    @property
    def independent_sources(self) -> int:
        """How many independent reports stand behind it (copies and rewrites count once)."""
        return len(self.roots)


def lineage_of(
    member_ids: Sequence[str],
    articles: Mapping[str, Article],
    derived: AbstractSet[str],
    order: Mapping[str, int],
    suspect: AbstractSet[str] = frozenset(),
) -> Lineage:
    """The lineage summary of a group of articles.

    Args:
        member_ids: The group's article ids.
        articles: Article id → article.
        derived: Ids of articles that have a copy, containment or rewrite edge.
        order: Article id → ingestion position.
        suspect: Articles whose page date is suspect (never first by date).
    """
    members = [a for a in member_ids if a in articles]
    dated = [
        (day, order.get(a, 0), a)
        for a in members
        if a not in suspect and (day := reliable_day(articles[a])) is not None
    ]
    if dated:
        first, basis = min(dated)[2], "publication date"
    elif members:
        first, basis = min(members, key=lambda a: order.get(a, 0)), "ingestion order"
    else:
        first, basis = None, "ingestion order"
    roots = tuple(a for a in members if a not in derived)
    return Lineage(first, basis, roots)


@dataclass(frozen=True)
class OutletRecord:
    """How an outlet's articles relate to the rest of the corpus."""

    outlet: str
    articles: int
    originals: int
    copies: int
    rewrites: int
    wire_copies: int
    suspect_dates: int


def outlet_records(articles: Sequence[Article], edges: Iterable[LineageEdge]) -> list[OutletRecord]:
    """Per outlet: originals vs copies and rewrites, wire copies and suspect dates
    (``articles`` carry their stored flags); most articles first."""
    relation = {e.article_id: e.relation for e in edges}
    tallies: dict[str, Counter[str]] = {}
    for article in articles:
        tally = tallies.setdefault(article.outlet or "(unknown outlet)", Counter())
        kinds = {f.kind for f in article.flags}
        tally["articles"] += 1
        tally[_role(relation.get(article.id))] += 1
        tally["wire_copies"] += "wire_copy" in kinds
        tally["suspect_dates"] += "page_date_suspect" in kinds
    records = [
        OutletRecord(
            name,
            t["articles"],
            t["originals"],
            t["copies"],
            t["rewrites"],
            t["wire_copies"],
            t["suspect_dates"],
        )
        for name, t in tallies.items()
    ]
    return sorted(records, key=lambda r: (-r.articles, r.outlet))


def _role(relation: str | None) -> str:
    return {None: "originals", "rewrite": "rewrites"}.get(relation, "copies")
