"""What the web pages and the API show: the export document of a database (built once and
kept until the database changes), with storyline filters, full-text search and what extraction
removed of each page."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from storyline import pipeline
from storyline.report import view_model
from storyline.store import Store
from storyline.web.diff import Line, boilerplate_lines, looks_like_html


@dataclass
class Filters:
    """What the storyline list is narrowed to (every field optional)."""

    q: str = ""
    start: date | None = None
    end: date | None = None
    outlet: str = ""
    entity: str = ""


@dataclass
class Catalog:
    """The export document and report view of one database, rebuilt when it changes."""

    path: Path
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _key: tuple[Any, ...] | None = None
    _doc: dict[str, Any] = field(default_factory=dict)
    _view: dict[str, Any] = field(default_factory=dict)
    _articles: dict[str, dict[str, Any]] = field(default_factory=dict)
    _story_of: dict[str, str] = field(default_factory=dict)
    _names: dict[str, list[str]] = field(default_factory=dict)

    def _fresh(self) -> None:
        """Rebuild the cached document when the database changed (see :meth:`_version`)."""
        key = self._version()
        with self._lock:
            if key != self._key:
                with Store(self.path) as store:
                    self._doc = pipeline.export(store)
                self._view = view_model(self._doc)
                self._articles = {a["id"]: a for a in self._doc["articles"]}
                story_of_event = {e["id"]: e["storyline_id"] for e in self._doc["events"]}
                self._story_of = {
                    a["id"]: story_of_event[a["event_id"]]
                    for a in self._doc["articles"]
                    if a.get("event_id") in story_of_event
                }
                self._names = {}
                for entity in self._doc.get("entities", []):
                    forms = (entity["name"], *entity["aliases"])
                    self._names.setdefault(entity["storyline_id"], []).extend(
                        f.casefold() for f in forms
                    )
                self._key = key

    def _version(self) -> tuple[Any, ...]:
        """Size and mtime of the database file and of its write-ahead log.

        The store runs in WAL mode: while any connection is open (another request, another
        process reading), a commit lands in ``<db>-wal`` and leaves the database file as it
        was until a checkpoint, so the file alone would hide the change.
        """
        stats = [self.path.stat()]
        with contextlib.suppress(FileNotFoundError):  # no log, or a checkpoint removed it
            stats.append(self.path.with_name(self.path.name + "-wal").stat())
        return tuple((s.st_mtime_ns, s.st_size) for s in stats)

    def invalidate(self) -> None:
        """Forget the cached document: the next read rebuilds it (called after an edit, whose
        commit may not change the file's mtime within the clock's resolution)."""
        with self._lock:
            self._key = None

    @property
    def doc(self) -> dict[str, Any]:
        """The export document (see ``docs/schema.json``)."""
        self._fresh()
        return self._doc

    @property
    def view(self) -> dict[str, Any]:
        """The report's view of it: storylines with events, articles, quotes and claims."""
        self._fresh()
        return self._view

    def storylines(self, filters: Filters) -> list[dict[str, Any]]:
        """The storylines matching ``filters``, latest first.

        Raises:
            storyline.store.sqlite.StoreError: ``filters.q`` is not a valid search query.
        """
        stories = self.view["storylines"]
        if filters.q:
            with Store(self.path) as store:
                hits = store.search(filters.q)
            wanted = {self._story_of.get(aid) for aid in hits}
            stories = [s for s in stories if s["id"] in wanted]
        return sorted(
            (s for s in stories if _matches(s, filters, self._names.get(s["id"], []))),
            key=lambda s: s.get("end") or "",
            reverse=True,
        )

    def storyline(self, storyline_id: str) -> dict[str, Any] | None:
        """One storyline's view (events, articles, summary, quotes, claims, entities)."""
        return next((s for s in self.view["storylines"] if s["id"] == storyline_id), None)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article's export record, with the storyline it belongs to."""
        self._fresh()
        found = self._articles.get(article_id)
        return None if found is None else {**found, "storyline_id": self._story_of.get(article_id)}

    def page(self, article_id: str) -> str | None:
        """The page as ingested (HTML source or text dump) of an article."""
        with Store(self.path) as store:
            return store.raw_content(article_id)

    def boilerplate(self, article_id: str) -> list[Line] | None:
        """The article's page as ingested, line by line, each line marked kept or removed by
        extraction (None for no such article, or no stored page).

        The title counts as kept: extraction keeps it as the article's title, not its text.
        """
        article = self.article(article_id)
        raw = self.page(article_id) if article else None
        if article is None or raw is None:
            return None
        kept = f"{article.get('title') or ''}\n{article.get('text') or ''}"
        return boilerplate_lines(raw, kept, looks_like_html(raw))

    def outlets(self) -> list[str]:
        """Every outlet named in the database, for the list's filter."""
        return sorted({a["outlet"] for a in self.doc["articles"] if a["outlet"]})


def _matches(story: dict[str, Any], filters: Filters, names: list[str]) -> bool:
    if filters.start and (story.get("end") or "") < filters.start.isoformat():
        return False
    if filters.end and (story.get("start") or "9999") > filters.end.isoformat():
        return False
    if filters.outlet and filters.outlet not in story["outlets"]:
        return False
    wanted = filters.entity.casefold()
    return not wanted or any(wanted in name for name in names)
