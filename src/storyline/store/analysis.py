"""The SQL of analysis results (``analyzed``, ``mentions``, ``attributions``), mixed into
the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager

from storyline.model import Attribution, Mention


class AnalysisMixin:
    """Reading and writing who-said-what results (mixed into ``Store``)."""

    conn: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:  # pragma: no cover
        """Provided by ``Store``."""
        raise NotImplementedError

    def unanalyzed(self, version: str) -> set[str]:
        """Ids of articles with no analysis by ``version``."""
        rows = self.conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN analyzed z ON z.article_id = a.id "
            "WHERE z.version IS NULL OR z.version != ?",
            (version,),
        )
        return {r[0] for r in rows}

    def put_analysis(
        self,
        article_ids: Iterable[str],
        mentions: Sequence[Mention],
        attributions: Sequence[Attribution],
        version: str,
    ) -> None:
        """Replace the analysis of these articles, in one transaction."""
        ids = list(article_ids)
        with self.transaction() as conn:
            for table in ("mentions", "attributions", "analyzed"):
                conn.executemany(f"DELETE FROM {table} WHERE article_id = ?", [(i,) for i in ids])
            conn.executemany(
                "INSERT OR REPLACE INTO mentions VALUES (?, ?, ?, ?, ?)",
                [(m.article_id, m.start, m.end, m.text, m.label) for m in mentions],
            )
            conn.executemany(
                "INSERT OR REPLACE INTO attributions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        a.id,
                        a.article_id,
                        a.start,
                        a.end,
                        a.text,
                        a.kind,
                        a.speaker,
                        a.as_written,
                        a.verb,
                    )
                    for a in attributions
                ],
            )
            conn.executemany("INSERT INTO analyzed VALUES (?, ?)", [(i, version) for i in ids])

    def mentions(self) -> list[Mention]:
        """Every stored entity mention, by article and position."""
        rows = self.conn.execute("SELECT * FROM mentions ORDER BY article_id, start")
        return [
            Mention(r["article_id"], r["start"], r["end_"], r["text"], r["label"]) for r in rows
        ]

    def attributions(self) -> list[Attribution]:
        """Every stored quote and reported statement, by article and position."""
        rows = self.conn.execute("SELECT * FROM attributions ORDER BY article_id, start")
        return [
            Attribution(
                r["id"],
                r["article_id"],
                r["start"],
                r["end_"],
                r["text"],
                r["kind"],
                r["speaker"],
                r["as_written"],
                r["verb"],
            )
            for r in rows
        ]
