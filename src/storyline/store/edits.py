"""The SQL of user edits (``edits``, ``aliases``) and of writing a grouping of events.

Kept apart from :mod:`storyline.store.sqlite` so that module stays about ingest and reads;
:class:`EditsMixin` gives :class:`~storyline.store.Store` its edit methods.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime

from storyline.model import Alias, Edit, Event, Storyline


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def write_groups(
    conn: sqlite3.Connection, events: Sequence[Event], storylines: Sequence[Storyline]
) -> None:
    """Replace events, storylines and memberships (not duplicates) inside a transaction."""
    for table in ("event_articles", "events", "storylines"):
        conn.execute(f"DELETE FROM {table}")
    conn.executemany(
        "INSERT INTO storylines (id, title, start_date, end_date, key_names_json, key_terms_json)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                s.id,
                s.title,
                _iso(s.start),
                _iso(s.end),
                json.dumps(list(s.key_names), ensure_ascii=False),
                json.dumps(list(s.key_terms), ensure_ascii=False),
            )
            for s in storylines
        ],
    )
    conn.executemany(
        "INSERT INTO events VALUES (?, ?, ?, ?)",
        [(e.id, e.title, _iso(e.date), e.storyline_id) for e in events],
    )
    conn.executemany(
        "INSERT INTO event_articles VALUES (?, ?, ?)",
        [(aid, e.id, i) for e in events for i, aid in enumerate(e.article_ids)],
    )


class EditsMixin:
    """Recording and reading user edits and aliases (mixed into ``Store``)."""

    conn: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:  # pragma: no cover
        """Provided by ``Store``."""
        raise NotImplementedError

    def record_edit(
        self,
        edit: Edit,
        events: Sequence[Event],
        storylines: Sequence[Storyline],
        aliases: Sequence[Alias] = (),
    ) -> Edit:
        """Store an edit, the aliases it retires and the edited grouping, in one transaction.

        Returns:
            The edit with its row id and time.
        """
        at = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO edits (kind, target, args_json, created_at) VALUES (?, ?, ?, ?)",
                (edit.kind, edit.target, json.dumps(dict(edit.args), sort_keys=True), at),
            )
            edit_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT OR REPLACE INTO aliases VALUES (?, ?, ?, ?)",
                [(a.alias, a.id, a.kind, edit_id) for a in aliases],
            )
            write_groups(conn, events, storylines)
        return Edit(edit.kind, edit.target, edit.args, at, edit_id)

    def edits(self) -> list[Edit]:
        """Every recorded edit, in the order it was made (the replay order)."""
        rows = self.conn.execute("SELECT * FROM edits ORDER BY id")
        return [
            Edit(r["kind"], r["target"], json.loads(r["args_json"]), r["created_at"], r["id"])
            for r in rows
        ]

    def aliases(self) -> list[Alias]:
        """Every retired id with the id it now resolves to (chains followed)."""
        direct = {r[0]: (r[1], r[2]) for r in self.conn.execute("SELECT * FROM aliases")}
        resolved = []
        for alias in sorted(direct):
            target, kind = direct[alias]
            seen = {alias}
            while target in direct and target not in seen:
                seen.add(target)
                target = direct[target][0]
            resolved.append(Alias(alias, target, kind))
        return resolved

    def resolve_alias(self, prefix: str) -> list[tuple[str, str]]:
        """``(kind, surviving id)`` of every alias starting with ``prefix``."""
        return sorted(
            {(a.kind, a.id) for a in self.aliases() if a.alias.startswith(prefix)},
            key=lambda pair: pair[1],
        )
