"""The data model shared by every stage: frozen dataclasses with real types.

Identifiers are content hashes (see :mod:`storyline.ids`), so running a stage twice on the same
input yields the same objects and the store can upsert instead of duplicating.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class DocKind(StrEnum):
    """What a raw document's ``content`` holds, which decides the extraction mode."""

    HTML = "html"
    TEXT = "text"


@dataclass(frozen=True)
class RawDocument:
    """One page as ingested, before extraction.

    Attributes:
        id: Content hash of kind, URL and content; equal inputs get equal ids.
        source: Where it came from: a file path, or ``path#fragment`` for one record of a
            multi-record file (a JSONL line, a WARC record, a feed entry).
        kind: Whether ``content`` is HTML or a plain-text page dump.
        content: The decoded page.
        url: The page URL when the input states one.
        hints: Metadata the input carried beside the page (``title``, ``date``, ``outlet``,
            ``byline``), used by extraction in preference to guessing.
        encoding: The character encoding the bytes were decoded with.
    """

    id: str
    source: str
    kind: DocKind
    content: str
    url: str | None = None
    hints: Mapping[str, str] = field(default_factory=dict)
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Rejected:
    """An input a stage refused, kept as a value so the run can go on and report it.

    Attributes:
        source: The path (or ``path#fragment``) of the refused input.
        reason: A sentence a user can act on.
        stage: The stage that refused it (``ingest`` or ``extract``).
    """

    source: str
    reason: str
    stage: str = "ingest"


@dataclass(frozen=True)
class Flag:
    """A signal attached to an article, with the evidence or detail behind it."""

    kind: str
    detail: str = ""


@dataclass(frozen=True)
class Contributor:
    """Someone credited with a story: a news ``agency`` or a ``person``, and where it says so."""

    name: str
    kind: str
    evidence: str


@dataclass(frozen=True)
class Disclosure:
    """A statement a page makes about itself (``ai_generated``, ``sponsored``), quoted."""

    kind: str
    evidence: str


@dataclass(frozen=True)
class Article:
    """A cleaned article extracted from one raw document.

    ``published`` is a :class:`~datetime.datetime` when the page gives a time, a
    :class:`~datetime.date` when it gives only a day, and ``None`` when nothing trustworthy
    was found; ``published_evidence`` says where the value came from, and ``evidence`` does the
    same for the other fields (``title``, ``outlet``, ``byline``, ``language``); ``confidence``
    holds a score in [0, 1] per found field, ``published`` included.
    """

    id: str
    raw_id: str
    source: str
    title: str
    text: str
    url: str | None = None
    published: date | None = None
    published_evidence: str | None = None
    outlet: str | None = None
    byline: str | None = None
    language: str | None = None
    flags: tuple[Flag, ...] = ()
    contributors: tuple[Contributor, ...] = ()
    disclosures: tuple[Disclosure, ...] = ()
    evidence: Mapping[str, str] = field(default_factory=dict)
    confidence: Mapping[str, float] = field(default_factory=dict)

    @property
    def day(self) -> date | None:
        """The publication day, whether ``published`` is a date or a datetime."""
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


@dataclass(frozen=True)
class DuplicateLink:
    """``article_id`` repeats ``original_id`` (which was seen first).

    Attributes:
        kind: ``exact`` (same normalised text) or ``near`` (high shingle overlap or containment).
        score: Shingle Jaccard similarity, or containment for trimmed/padded copies.
    """

    article_id: str
    original_id: str
    kind: str
    score: float


@dataclass(frozen=True)
class Span:
    """A passage of an article's text: character offsets ``[start, end)``."""

    start: int
    end: int


@dataclass(frozen=True)
class LineageEdge:
    """``article_id`` derives from ``source_id``, an article seen before it.

    Attributes:
        relation: ``copy`` (the same text, ``kind`` ``exact`` or ``near``), ``containment``
            (``kind`` ``trimmed``: the article lies inside its source; ``padded``: its source
            lies inside it) or ``rewrite`` (the same facts in the same order, reworded).
        kind: The finer relation, as above (``rewrite`` for rewrites).
        score: Jaccard for ``near``, the contained share for containment, the share of the
            article's sentences aligned with its source for rewrites; 1.0 for ``exact``.
        spans: Passages of the article's text found in the source (copies: shared 5-word
            runs; rewrites: aligned sentences), longest first.
        agency: The news agency whose story this is, when the source is a wire story.
    """

    article_id: str
    source_id: str
    relation: str
    kind: str
    score: float
    spans: tuple[Span, ...] = ()
    agency: str | None = None


@dataclass(frozen=True)
class Mention:
    """A named entity as an article writes it.

    Attributes:
        label: The recogniser's type: ``PERSON``, ``ORG``, ``GPE`` (countries, cities),
            ``LOC``, ``NORP`` (nationalities, groups).
    """

    article_id: str
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class Attribution:
    """A quotation or reported statement of one article, with its speaker.

    Attributes:
        id: Content hash of the article id and the span.
        kind: ``direct`` (in quotation marks) or ``indirect`` (reported speech).
        speaker: The speaker resolved within the article ("Oskar Dren"), or None.
        as_written: The speaker as written next to the quote ("he", "Dren"), or None.
        verb: The reporting verb ("said", "according to"), or None.
    """

    id: str
    article_id: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    as_written: str | None
    verb: str | None


@dataclass(frozen=True)
class Event:
    """Articles that report the same happening."""

    id: str
    title: str
    date: date | None
    article_ids: tuple[str, ...]
    storyline_id: str | None = None


@dataclass(frozen=True)
class Storyline:
    """Events that belong to one developing story, possibly over months."""

    id: str
    title: str
    event_ids: tuple[str, ...]
    start: date | None
    end: date | None
    #: Its most telling names (people, places, bodies) and terms, most telling first.
    key_names: tuple[str, ...] = ()
    key_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edit:
    """A user's change to events or storylines, recorded so later builds replay it.

    Attributes:
        kind: ``merge``, ``split``, ``rename``, ``pin`` or ``unpin``.
        target: ``event`` or ``storyline``.
        args: The arguments as applied, with the membership snapshots replay needs (see
            :mod:`storyline.edits`).
        at: When it was made (ISO 8601, UTC); empty until stored.
        id: Its row number in the ``edits`` table (the replay order); 0 until stored.
    """

    kind: str
    target: str
    args: Mapping[str, object]
    at: str = ""
    id: int = 0


@dataclass(frozen=True)
class Alias:
    """An id that a merge retired, and the id that now stands for it."""

    alias: str
    id: str
    kind: str
