"""The SQL of copy lineage (``lineage``) and provenance flags, mixed into the store."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence

from storyline.model import Flag, LineageEdge, Span


def write_lineage(
    conn: sqlite3.Connection, edges: Sequence[LineageEdge], flags: Mapping[str, Sequence[Flag]]
) -> None:
    """Replace every lineage edge and provenance flag (inside the caller's transaction)."""
    conn.execute("DELETE FROM lineage")
    conn.execute("DELETE FROM article_flags WHERE origin IN ('dedupe', 'provenance')")
    conn.executemany(
        "INSERT INTO lineage VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e.article_id,
                e.source_id,
                e.relation,
                e.kind,
                e.score,
                e.agency,
                json.dumps([[s.start, s.end] for s in e.spans]),
            )
            for e in edges
        ],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO article_flags VALUES (?, ?, ?, 'provenance')",
        [(aid, f.kind, f.detail) for aid, found in flags.items() for f in found],
    )


class LineageMixin:
    """Reading lineage edges (mixed into ``Store``)."""

    conn: sqlite3.Connection

    def lineage(self) -> list[LineageEdge]:
        """Every lineage edge of the last build, in article order of insertion."""
        rows = self.conn.execute("SELECT * FROM lineage ORDER BY rowid")
        return [
            LineageEdge(
                r["article_id"],
                r["source_id"],
                r["relation"],
                r["kind"],
                r["score"],
                tuple(Span(a, b) for a, b in json.loads(r["spans_json"])),
                r["agency"],
            )
            for r in rows
        ]
