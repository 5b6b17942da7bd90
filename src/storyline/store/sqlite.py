"""The SQLite store: the only module that knows SQL.

WAL mode so readers (``datasette``, ``storyline serve``) never block a writer; foreign keys on;
every write in a transaction, so an interrupted run leaves the database as it was after the last
committed batch. Schema changes are numbered migration scripts applied in order.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

from storyline.ids import content_hash
from storyline.model import (
    Article,
    Contributor,
    Disclosure,
    DocKind,
    DuplicateLink,
    Event,
    Flag,
    LineageEdge,
    RawDocument,
    Rejected,
    Storyline,
)
from storyline.store.analysis import AnalysisMixin
from storyline.store.edits import EditsMixin, write_groups
from storyline.store.lineage import LineageMixin, write_lineage
from storyline.store.vectors import VectorsMixin

DEFAULT_DB = "storyline.db"


class StoreError(Exception):
    """The database cannot be opened or is not a Storyline database."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)


class Store(EditsMixin, VectorsMixin, LineageMixin, AnalysisMixin):
    """A Storyline database.

    Args:
        path: The SQLite file; created (with its folder) when missing.
    """

    def __init__(self, path: str | Path = DEFAULT_DB) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable SQLite database: {exc}") from exc

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block in one transaction: all of it is written, or none of it."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- schema -----------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        """The highest migration applied."""
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> None:
        """Apply the migration scripts this database has not seen yet, each in a transaction."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        folder = resources.files("storyline.store") / "migrations"
        scripts = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))
        for name in scripts:
            version = int(name.split("_", 1)[0])
            if version <= self.schema_version:
                continue
            sql = (folder / name).read_text(encoding="utf-8")
            with self.transaction() as conn:
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, _now())
                )

    # -- ingest -----------------------------------------------------------------------------

    def known_raw_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are already stored."""
        wanted = list(ids)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT id FROM raw_documents WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def add_batch(
        self,
        documents: Sequence[tuple[RawDocument, Article | Rejected]],
        rejections: Sequence[Rejected],
        extractor_version: str,
    ) -> None:
        """Store raw documents with their extraction results, and rejections, in one transaction.

        Raw documents already stored are left untouched (their ids are content hashes, so the
        same input ingested again adds nothing); a rejection is recorded once per source,
        stage and reason.
        """
        with self.transaction() as conn:
            order = conn.execute("SELECT COALESCE(MAX(ingest_order), 0) FROM articles").fetchone()
            next_order = int(order[0]) + 1
            for raw, result in documents:
                if not self._insert_raw(conn, raw):
                    continue
                if isinstance(result, Article):
                    self._insert_article(conn, result, extractor_version, next_order)
                    next_order += 1
                else:
                    self._insert_rejection(conn, result)
            for rejected in rejections:
                self._insert_rejection(conn, rejected)

    def _insert_raw(self, conn: sqlite3.Connection, raw: RawDocument) -> bool:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO raw_documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                raw.id,
                raw.source,
                raw.kind.value,
                raw.url,
                raw.content,
                json.dumps(dict(raw.hints), sort_keys=True),
                raw.encoding,
                _now(),
            ),
        )
        if cursor.rowcount:
            # The input now reads fine: earlier rejections of this very source are stale.
            conn.execute("DELETE FROM rejections WHERE source = ?", (raw.source,))
        return bool(cursor.rowcount)

    def _insert_article(
        self, conn: sqlite3.Connection, article: Article, version: str, order: int
    ) -> None:
        row = {
            "id": article.id,
            "raw_document_id": article.raw_id,
            "source": article.source,
            "url": article.url,
            "title": article.title,
            "text": article.text,
            "published": _iso(article.published),
            "published_evidence": article.published_evidence,
            "outlet": article.outlet,
            "byline": article.byline,
            "language": article.language,
            "extractor_version": version,
            "ingest_order": order,
            "contributors_json": json.dumps([asdict(c) for c in article.contributors]),
            "disclosures_json": json.dumps([asdict(d) for d in article.disclosures]),
            "evidence_json": json.dumps(dict(article.evidence), sort_keys=True),
            "confidence_json": json.dumps(dict(article.confidence), sort_keys=True),
        }
        updates = ", ".join(f"{k}=excluded.{k}" for k in row if k not in _KEEP_ON_UPSERT)
        conn.execute(
            f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))}) "
            f"ON CONFLICT (id) DO UPDATE SET {updates}",
            tuple(row.values()),
        )
        self._replace_flags(conn, article.id, article.flags, origin="extract")

    def _insert_rejection(self, conn: sqlite3.Connection, rejected: Rejected) -> None:
        key = content_hash(rejected.source, rejected.stage, rejected.reason)
        conn.execute(
            "INSERT OR IGNORE INTO rejections VALUES (?, ?, ?, ?, ?)",
            (key, rejected.source, rejected.stage, rejected.reason, _now()),
        )

    def _replace_flags(
        self, conn: sqlite3.Connection, article_id: str, flags: Iterable[Flag], origin: str
    ) -> None:
        conn.execute(
            "DELETE FROM article_flags WHERE article_id = ? AND origin = ?", (article_id, origin)
        )
        conn.executemany(
            "INSERT OR REPLACE INTO article_flags VALUES (?, ?, ?, ?)",
            [(article_id, f.kind, f.detail, origin) for f in flags],
        )

    # -- build ------------------------------------------------------------------------------

    def replace_groups(
        self,
        duplicates: Sequence[DuplicateLink],
        events: Sequence[Event],
        storylines: Sequence[Storyline],
        lineage: Sequence[LineageEdge] = (),
        flags: Mapping[str, Sequence[Flag]] | None = None,
    ) -> None:
        """Replace duplicates, lineage, provenance flags, events and storylines with a new
        build, in one transaction.

        Args:
            duplicates: Copies, each pointing at its root original (what grouping used).
            events: The events.
            storylines: The storylines.
            lineage: Copy, containment and rewrite edges, each to its direct source.
            flags: Article id → provenance flags; when None, each duplicate gets its
                ``exact_duplicate``/``near_duplicate`` flag.
        """
        if flags is None:
            flags = {d.article_id: [Flag(f"{d.kind}_duplicate", d.original_id)] for d in duplicates}
        with self.transaction() as conn:
            conn.execute("DELETE FROM duplicates")
            conn.executemany(
                "INSERT INTO duplicates VALUES (?, ?, ?, ?)",
                [(d.article_id, d.original_id, d.kind, d.score) for d in duplicates],
            )
            write_lineage(conn, lineage, flags)
            write_groups(conn, events, storylines)

    # -- read -------------------------------------------------------------------------------

    def articles(self) -> list[Article]:
        """All articles in first-seen order, with their flags."""
        flags: dict[str, list[Flag]] = {}
        for row in self.conn.execute(
            "SELECT article_id, kind, detail FROM article_flags ORDER BY kind, detail"
        ):
            flags.setdefault(row[0], []).append(Flag(row[1], row[2]))
        rows = self.conn.execute("SELECT * FROM articles ORDER BY ingest_order")
        return [_article(row, tuple(flags.get(row["id"], []))) for row in rows]

    def raw_documents(self) -> list[RawDocument]:
        """All raw documents in ingestion order."""
        rows = self.conn.execute("SELECT * FROM raw_documents ORDER BY rowid")
        return [_raw(r) for r in rows]

    def stale_raw_documents(self, version: str) -> list[RawDocument]:
        """Raw documents whose article was extracted by another extractor version, or that
        extraction rejected (a newer extractor may read them)."""
        rows = self.conn.execute(
            "SELECT r.* FROM raw_documents r LEFT JOIN articles a ON a.raw_document_id = r.id "
            "WHERE a.id IS NULL OR a.extractor_version != ? ORDER BY r.rowid",
            (version,),
        )
        return [_raw(r) for r in rows]

    def replace_extractions(
        self, results: Sequence[tuple[RawDocument, Article | Rejected]], version: str
    ) -> None:
        """Store new extraction results for already stored raw documents, in one transaction.

        An article keeps its id and first-seen order; a document that is now rejected loses
        its article (and, through foreign keys, its flags and memberships).
        """
        with self.transaction() as conn:
            order = conn.execute("SELECT COALESCE(MAX(ingest_order), 0) FROM articles").fetchone()
            next_order = int(order[0]) + 1
            for raw, result in results:
                conn.execute(
                    "DELETE FROM rejections WHERE source = ? AND stage = 'extract'", (raw.source,)
                )
                if isinstance(result, Article):
                    self._insert_article(conn, result, version, next_order)
                    next_order += 1
                else:
                    conn.execute("DELETE FROM articles WHERE raw_document_id = ?", (raw.id,))
                    self._insert_rejection(conn, result)

    def rejections(self) -> list[Rejected]:
        """All rejections, oldest first."""
        rows = self.conn.execute("SELECT * FROM rejections ORDER BY rejected_at, source")
        return [Rejected(r["source"], r["reason"], r["stage"]) for r in rows]

    def duplicates(self) -> list[DuplicateLink]:
        """Duplicate links of the last build."""
        rows = self.conn.execute("SELECT * FROM duplicates ORDER BY article_id")
        return [DuplicateLink(r[0], r[1], r[2], r[3]) for r in rows]

    def events(self) -> list[Event]:
        """Events of the last build, by date (undated ones last, as the build orders them)."""
        members: dict[str, list[str]] = {}
        for row in self.conn.execute(
            "SELECT event_id, article_id FROM event_articles ORDER BY event_id, position"
        ):
            members.setdefault(row[0], []).append(row[1])
        rows = self.conn.execute("SELECT * FROM events ORDER BY date IS NULL, date, id")
        return [
            Event(
                r["id"],
                r["title"],
                _parse_date(r["date"]),
                tuple(members.get(r["id"], [])),
                r["storyline_id"],
            )
            for r in rows
        ]

    def storylines(self) -> list[Storyline]:
        """Storylines of the last build, most recent first, with their events by date."""
        by_story: dict[str, list[str]] = {}
        for row in self.conn.execute(
            "SELECT storyline_id, id FROM events WHERE storyline_id IS NOT NULL "
            "ORDER BY date IS NULL, date, id"
        ):
            by_story.setdefault(row[0], []).append(row[1])
        rows = self.conn.execute("SELECT * FROM storylines ORDER BY end_date DESC, id")
        return [
            Storyline(
                r["id"],
                r["title"],
                tuple(by_story.get(r["id"], [])),
                _parse_date(r["start_date"]),
                _parse_date(r["end_date"]),
                tuple(json.loads(r["key_names_json"])),
                tuple(json.loads(r["key_terms_json"])),
            )
            for r in rows
        ]

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        tables = ("raw_documents", "articles", "rejections", "duplicates", "events", "storylines")
        return {
            t: int(self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables
        }

    def raw_content(self, article_id: str) -> str | None:
        """The page an article was extracted from, as ingested (None for no such article)."""
        row = self.conn.execute(
            "SELECT r.content FROM articles a JOIN raw_documents r ON r.id = a.raw_document_id "
            "WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        return None if row is None else str(row[0])

    def search(self, query: str, limit: int = 500) -> list[str]:
        """Ids of the articles matching a full-text query (FTS5 syntax; plain words are
        ANDed), best first.

        Raises:
            StoreError: The query is not valid FTS5 syntax.
        """
        try:
            rows = self.conn.execute(
                "SELECT a.id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
                "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as error:
            raise StoreError(f"bad search query {query!r}: {error}") from error
        return [r[0] for r in rows]

    def resolve_id(self, prefix: str) -> list[tuple[str, str]]:
        """``(kind, id)`` of every storyline, event or article whose id starts with ``prefix``.

        When no current id matches, ids that a merge retired (aliases) resolve to the id that
        survived.
        """
        found: list[tuple[str, str]] = []
        for kind, table in (
            ("storyline", "storylines"),
            ("event", "events"),
            ("article", "articles"),
        ):
            rows = self.conn.execute(
                f"SELECT id FROM {table} WHERE id LIKE ? ESCAPE '\\' ORDER BY id",
                (prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
            )
            found.extend((kind, row[0]) for row in rows)
        return found or self.resolve_alias(prefix)


def _raw(r: sqlite3.Row) -> RawDocument:
    return RawDocument(
        r["id"],
        r["source"],
        DocKind(r["kind"]),
        r["content"],
        r["url"],
        json.loads(r["hints_json"]),
        r["encoding"],
    )


_KEEP_ON_UPSERT = {"id", "raw_document_id", "source", "ingest_order"}
"""Columns a re-extraction must not change: identity and first-seen order."""


def _article(row: sqlite3.Row, flags: tuple[Flag, ...]) -> Article:
    return Article(
        id=row["id"],
        raw_id=row["raw_document_id"],
        source=row["source"],
        title=row["title"],
        text=row["text"],
        url=row["url"],
        published=_parse_date(row["published"]),
        published_evidence=row["published_evidence"],
        outlet=row["outlet"],
        byline=row["byline"],
        language=row["language"],
        flags=flags,
        contributors=tuple(Contributor(**c) for c in json.loads(row["contributors_json"])),
        disclosures=tuple(Disclosure(**d) for d in json.loads(row["disclosures_json"])),
        evidence=json.loads(row["evidence_json"]),
        confidence=json.loads(row["confidence_json"]),
    )


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements (a trigger's body keeps its semicolons;
    scripts hold no semicolons in literals)."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    statements: list[str] = []
    pending = ""
    for piece in "\n".join(lines).split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip())
            pending = ""
    return statements
