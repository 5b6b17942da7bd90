"""Who belongs where: a working copy of events and storylines that builds and edits change.

A :class:`Grouping` holds only membership (event → articles, event → storyline); titles and
dates are derived from the articles by :func:`materialise`, so they are refreshed whenever an
event grows, while ids never change. Like the stages, this module never sees the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from storyline import ids
from storyline.cluster.storylines import Keywords, describe
from storyline.model import Article, Event, Storyline


@dataclass
class Grouping:
    """Event and storyline membership by id.

    Attributes:
        members: Event id → article ids.
        story_of: Event id → storyline id (``None`` while an event is not linked yet).
    """

    members: dict[str, list[str]] = field(default_factory=dict)
    story_of: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def from_events(cls, events: Iterable[Event]) -> Grouping:
        """The grouping of stored events (empty events are dropped)."""
        grouping = cls()
        for event in events:
            if event.article_ids:
                grouping.members[event.id] = list(event.article_ids)
                grouping.story_of[event.id] = event.storyline_id
        return grouping

    def event_of(self) -> dict[str, str]:
        """Article id → event id."""
        return {aid: eid for eid, aids in self.members.items() for aid in aids}

    def stories(self) -> dict[str, list[str]]:
        """Storyline id → event ids (events not linked yet are left out)."""
        found: dict[str, list[str]] = {}
        for eid, sid in self.story_of.items():
            if sid is not None and eid in self.members:
                found.setdefault(sid, []).append(eid)
        return found

    def move_articles(self, article_ids: Iterable[str], target: str) -> None:
        """Move articles (from wherever they are) into event ``target``, creating it if needed.

        A created event joins the storyline of the event its first article came from; events
        left empty disappear.
        """
        holder = self.event_of()
        for aid in dict.fromkeys(article_ids):
            source = holder.get(aid)
            if source == target:
                continue
            holder[aid] = target
            if target not in self.members:
                self.members[target] = []
                self.story_of[target] = self.story_of.get(source) if source else None
            if source is not None:
                self.members[source].remove(aid)
            self.members[target].append(aid)
        self.drop_empty()

    def rename_event(self, old: str, new: str) -> None:
        """Give event ``old`` the id ``new`` (which must be free)."""
        if old != new and new not in self.members:
            self.members[new] = self.members.pop(old)
            self.story_of[new] = self.story_of.pop(old)

    def move_events(self, event_ids: Iterable[str], target: str) -> None:
        """Put events into storyline ``target``."""
        for eid in event_ids:
            if eid in self.members:
                self.story_of[eid] = target

    def rename_storyline(self, old: str, new: str) -> None:
        """Give storyline ``old`` the id ``new`` (which must be free)."""
        if old == new or new in self.stories():
            return
        for eid, sid in self.story_of.items():
            if sid == old:
                self.story_of[eid] = new

    def drop_empty(self) -> None:
        """Forget events that have no articles left."""
        for eid in [e for e, aids in self.members.items() if not aids]:
            del self.members[eid]
            del self.story_of[eid]


def holder(groups: Mapping[str, Sequence[str]], anchors: Iterable[str]) -> str | None:
    """The group holding most of ``anchors`` (earliest id on ties), or None."""
    wanted = set(anchors)
    counts = {gid: len(wanted.intersection(members)) for gid, members in groups.items()}
    best = sorted((-n, gid) for gid, n in counts.items() if n)
    return best[0][1] if best else None


def event_draft(event_id: str, articles: Sequence[Article], copies: set[str]) -> Event:
    """An event's title and date from its articles (in first-seen order); copies do not date it."""
    originals = [a for a in articles if a.id not in copies] or list(articles)
    days = [a.day for a in originals if a.day is not None]
    titled = [a for a in originals if a.title] or [a for a in articles if a.title]
    title = titled[0].title if titled else articles[0].text[:80]
    return Event(event_id, title, min(days) if days else None, tuple(a.id for a in articles))


def time_key(item: Event) -> tuple[bool, date, str]:
    """Events by date (undated last), then id."""
    return (item.date is None, item.date or date.min, item.id)


def materialise(
    grouping: Grouping,
    articles: Sequence[Article],
    copies: set[str],
    titles: Mapping[str, str] | None = None,
) -> tuple[list[Event], list[Storyline]]:
    """Events and storylines of ``grouping`` with titles and dates derived from the articles.

    Args:
        grouping: Membership; every event must be linked to a storyline.
        articles: All articles in ingestion order; members are listed in first-seen order
            (by publication day, undated last, ties in ingestion order).
        copies: Ids of articles that are duplicates (they do not date or title an event).
        titles: Title overrides by event or storyline id (renames, pins).
    """
    titles = titles or {}
    ranked = sorted(
        enumerate(articles), key=lambda p: (p[1].day is None, p[1].day or date.min, p[0])
    )
    position = {a.id: rank for rank, (_, a) in enumerate(ranked)}
    articles = [a for _, a in ranked]
    drafts = []
    for eid, aids in grouping.members.items():
        members = [articles[position[a]] for a in sorted(aids, key=position.__getitem__)]
        draft = event_draft(eid, members, copies)
        sid = grouping.story_of.get(eid) or ids.storyline_id(eid)
        drafts.append(Event(eid, titles.get(eid, draft.title), draft.date, draft.article_ids, sid))
    drafts.sort(key=time_key)
    by_story: dict[str, list[Event]] = {}
    for draft in drafts:
        by_story.setdefault(draft.storyline_id or "", []).append(draft)
    keywords = describe(_story_texts(by_story, articles, position, copies))
    storylines = [_storyline(sid, evs, titles, keywords[sid]) for sid, evs in by_story.items()]
    return drafts, storylines


def _story_texts(
    by_story: Mapping[str, list[Event]],
    articles: Sequence[Article],
    position: Mapping[str, int],
    copies: set[str],
) -> dict[str, list[str]]:
    """Each storyline's article texts; copies are left out so a wire story reprinted twenty
    times does not outweigh the rest."""
    texts: dict[str, list[str]] = {}
    for sid, events in by_story.items():
        members = [a for e in events for a in e.article_ids]
        kept = [a for a in members if a not in copies] or members
        texts[sid] = [f"{articles[position[a]].title}\n{articles[position[a]].text}" for a in kept]
    return texts


def _storyline(
    sid: str, events: list[Event], titles: Mapping[str, str], keywords: Keywords
) -> Storyline:
    largest = max(events, key=lambda e: len(e.article_ids))
    days = [e.date for e in events if e.date is not None]
    return Storyline(
        sid,
        titles.get(sid, largest.title),
        tuple(e.id for e in events),
        min(days) if days else None,
        max(days) if days else None,
        keywords.names,
        keywords.terms,
    )
