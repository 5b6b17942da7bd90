"""The SQLite store: schema migrations, pragmas, transactions, reads and id lookup."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storyline.model import (
    Article,
    DocKind,
    DuplicateLink,
    Event,
    Flag,
    RawDocument,
    Rejected,
    Storyline,
)
from storyline.store import Store, StoreError

TABLES = {
    "schema_migrations",
    # the full-text index and FTS5's own shadow tables
    "articles_fts",
    "articles_fts_data",
    "articles_fts_idx",
    "articles_fts_docsize",
    "articles_fts_config",
    "raw_documents",
    "articles",
    "article_flags",
    "rejections",
    "duplicates",
    "lineage",
    "analyzed",
    "mentions",
    "attributions",
    "storylines",
    "events",
    "event_articles",
    "edits",
    "aliases",
    "embeddings",
}


def raw(n: int, kind: DocKind = DocKind.TEXT) -> RawDocument:
    return RawDocument(
        id=f"{n:016x}",
        source=f"/in/story_{n}.txt",
        kind=kind,
        content=f"Story {n} content",
        url=f"https://x.example/{n}" if n % 2 else None,
        hints={"title": f"Hint {n}"} if n % 2 else {},
        encoding="utf-8" if n % 2 else "cp1252",
    )


def article(n: int, **changes: object) -> Article:
    fields: dict[str, object] = {
        "id": f"{n:016x}",
        "raw_id": f"{n:016x}",
        "source": f"/in/story_{n}.txt",
        "title": f"Title {n}",
        "text": f"Body of story {n}.",
        "url": f"https://x.example/{n}" if n % 2 else None,
        "published": date(2025, 3, n) if n % 2 else datetime(2025, 3, n, 9, 30, tzinfo=UTC),
        "published_evidence": f"text line 3: 'Published {n} March 2025'",
        "outlet": "Fennick Courier",
        "byline": "Ada Finch" if n % 2 else None,
        "language": "en",
        "flags": (),
    }
    fields.update(changes)
    return Article(**fields)  # type: ignore[arg-type]


def add_articles(store: Store, numbers: range) -> None:
    store.add_batch([(raw(n), article(n)) for n in numbers], [], "test")


def tables(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {r[0] for r in rows}
    finally:
        conn.close()


# -- opening ---------------------------------------------------------------------------------


def test_migrations_create_the_tables_and_set_the_latest_version(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "dir" / "storyline.db"  # folders are created
    with Store(db) as store:
        assert store.schema_version == 8
        rows = store.conn.execute("SELECT version, name FROM schema_migrations").fetchall()
        assert [tuple(r) for r in rows] == [
            (1, "0001_initial.sql"),
            (2, "0002_article_credits.sql"),
            (3, "0003_edits.sql"),
            (4, "0004_embeddings.sql"),
            (5, "0005_storyline_keywords.sql"),
            (6, "0006_lineage.sql"),
            (7, "0007_analysis.sql"),
            (8, "0008_search.sql"),
        ]
    assert tables(db) == TABLES


def test_a_version_1_database_is_upgraded_in_place_keeping_its_rows(tmp_path: Path) -> None:
    from importlib import resources

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    sql = (resources.files("storyline.store") / "migrations" / "0001_initial.sql").read_text()
    conn.executescript(sql)
    conn.executescript(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL);"
        "INSERT INTO schema_migrations VALUES (1, '0001_initial.sql', '2026-01-01');"
        "INSERT INTO raw_documents VALUES ('r', 's', 'text', NULL, 'c', '{}', 'utf-8', 'now');"
        "INSERT INTO articles VALUES ('r', 'r', 's', NULL, 'T', 'body', NULL, NULL, NULL, NULL,"
        " NULL, '0.1', 1);"
    )
    conn.close()
    with Store(db) as store:
        assert store.schema_version == 8
        (article,) = store.articles()
        assert article.title == "T" and article.contributors == () and article.evidence == {}


def test_wal_mode_and_foreign_keys(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        store.conn.execute(
            "INSERT INTO articles (id, raw_document_id, source, title, text, extractor_version, "
            "ingest_order) VALUES ('a', 'no-such-raw', 's', 't', 'x', 'v', 1)"
        )


def test_wal_mode_persists_in_the_file(tmp_path: Path) -> None:
    Store(tmp_path / "s.db").close()
    conn = sqlite3.connect(tmp_path / "s.db")
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_reopening_does_not_reapply_migrations(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Store(db) as store:
        add_articles(store, range(1, 4))
        applied = [tuple(r) for r in store.conn.execute("SELECT * FROM schema_migrations")]
    with Store(db) as store:
        again = [tuple(r) for r in store.conn.execute("SELECT * FROM schema_migrations")]
        assert again == applied  # same row, same applied_at: nothing ran again
        assert store.schema_version == 8
        assert store.counts()["articles"] == 3  # and nothing was dropped or recreated


@pytest.mark.parametrize(
    "content",
    [b"this is a text file, not a database" * 50, b"SQLite format 3\x00" + b"\xff" * 200],
    ids=["text", "corrupt-header"],
)
def test_non_sqlite_file_raises_store_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="is not a usable SQLite database"):
        Store(path)
    assert path.read_bytes() == content  # and it is left alone


# -- transactions ----------------------------------------------------------------------------


def test_a_transaction_that_raises_writes_nothing(store: Store) -> None:
    add_articles(store, range(1, 3))
    before = store.counts()
    with pytest.raises(RuntimeError, match="boom"), store.transaction() as conn:
        conn.execute("DELETE FROM articles")
        conn.execute("INSERT INTO storylines (id, title) VALUES ('s-1', 'T')")
        raise RuntimeError("boom")
    assert store.counts() == before
    assert len(store.articles()) == 2


def test_a_batch_that_fails_midway_writes_nothing(store: Store) -> None:
    add_articles(store, range(1, 3))
    before = store.counts()
    orphan = article(9, raw_id="no-such-raw-document")  # violates the foreign key
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        store.add_batch([(raw(5), article(5)), (raw(9), orphan)], [Rejected("/x", "bad")], "test")
    assert store.counts() == before
    assert store.rejections() == []


def test_keyboard_interrupt_rolls_back_too(store: Store) -> None:
    with pytest.raises(KeyboardInterrupt), store.transaction() as conn:
        conn.execute("INSERT INTO storylines (id, title) VALUES ('s-1', 'T')")
        raise KeyboardInterrupt
    assert store.counts()["storylines"] == 0
    add_articles(store, range(1, 2))  # the connection is usable afterwards
    assert store.counts()["articles"] == 1


# -- writes and reads ------------------------------------------------------------------------


def test_articles_round_trip(store: Store) -> None:
    flagged = article(3, flags=(Flag("clickbait", "headline"),))
    store.add_batch([(raw(3), flagged), (raw(4), article(4))], [], "0.1")
    back = store.articles()
    assert back == [flagged, article(4)]
    assert isinstance(back[1].published, datetime)  # datetimes keep their time and zone
    assert back[0].published == date(2025, 3, 3)
    assert store.raw_documents() == [raw(3), raw(4)]
    version = store.conn.execute("SELECT DISTINCT extractor_version FROM articles").fetchall()
    assert [r[0] for r in version] == ["0.1"]


def test_articles_keep_first_seen_order(store: Store) -> None:
    add_articles(store, range(5, 8))
    add_articles(store, range(1, 3))
    assert [a.id for a in store.articles()] == [f"{n:016x}" for n in (5, 6, 7, 1, 2)]


def test_known_raw_ids(store: Store) -> None:
    add_articles(store, range(1, 4))
    wanted = [f"{n:016x}" for n in range(0, 1200)]  # more than one 500-id chunk
    assert store.known_raw_ids(wanted) == {f"{n:016x}" for n in range(1, 4)}
    assert store.known_raw_ids([]) == set()


def test_a_stored_raw_document_is_not_rewritten(store: Store) -> None:
    add_articles(store, range(1, 2))
    store.add_batch([(raw(1), article(1, title="Changed"))], [], "test")
    assert store.articles()[0].title == "Title 1"
    assert store.counts()["raw_documents"] == 1


def test_extract_rejection_keeps_the_raw_document(store: Store) -> None:
    rejected = Rejected("/in/story_2.txt", "no article text found", stage="extract")
    store.add_batch([(raw(2), rejected)], [], "test")
    assert store.counts() == {
        "raw_documents": 1,
        "articles": 0,
        "rejections": 1,
        "duplicates": 0,
        "events": 0,
        "storylines": 0,
    }
    assert store.rejections() == [rejected]


def test_rejections_are_recorded_once(store: Store) -> None:
    bad = Rejected("/in/empty.txt", "empty file")
    store.add_batch([], [bad, bad], "test")
    store.add_batch([], [bad, Rejected("/in/empty.txt", "other reason")], "test")
    assert sorted(r.reason for r in store.rejections()) == ["empty file", "other reason"]


def test_replace_groups_replaces_the_previous_build(store: Store) -> None:
    add_articles(store, range(1, 5))
    ids = [f"{n:016x}" for n in range(1, 5)]
    first = Event("e-1", "First", date(2025, 3, 1), (ids[0], ids[1]), "s-1")
    second = Event("e-2", "Second", None, (ids[2],), "s-1")
    story = Storyline("s-1", "Story", ("e-1", "e-2"), date(2025, 3, 1), date(2025, 3, 1))
    store.replace_groups([DuplicateLink(ids[1], ids[0], "near", 0.9)], [first, second], [story])
    assert store.events() == [first, second]
    assert store.storylines() == [story]
    assert store.duplicates() == [DuplicateLink(ids[1], ids[0], "near", 0.9)]
    flagged = {a.id: a.flags for a in store.articles()}
    assert flagged[ids[1]] == (Flag("near_duplicate", ids[0]),)

    store.replace_groups([], [Event("e-3", "Only", None, (ids[3],))], [])
    assert [e.id for e in store.events()] == ["e-3"]
    assert store.storylines() == []
    assert store.duplicates() == []
    assert all(a.flags == () for a in store.articles())  # dedupe flags went with the build


# -- id lookup -------------------------------------------------------------------------------


def test_resolve_id_by_prefix(store: Store) -> None:
    add_articles(store, range(1, 3))
    a1, a2 = f"{1:016x}", f"{2:016x}"
    store.replace_groups(
        [],
        [Event("e-abc123", "E", None, (a1,), "s-abc999"), Event("e-abd", "F", None, (a2,))],
        [Storyline("s-abc999", "S", ("e-abc123",), None, None)],
    )
    assert store.resolve_id("s-abc999") == [("storyline", "s-abc999")]
    assert store.resolve_id("e-ab") == [("event", "e-abc123"), ("event", "e-abd")]
    assert store.resolve_id("e-abc") == [("event", "e-abc123")]
    assert store.resolve_id(a1) == [("article", a1)]
    assert store.resolve_id(a1[:8]) == [("article", a1), ("article", a2)]
    assert store.resolve_id("zz") == []


def test_resolve_id_treats_like_wildcards_literally(store: Store) -> None:
    add_articles(store, range(1, 3))
    assert store.resolve_id("%") == []
    assert store.resolve_id("_") == []
    assert store.resolve_id("000000000000000_") == []


def test_full_text_search_follows_inserts_reextractions_and_deletions(store: Store) -> None:
    from dataclasses import replace

    add_articles(store, range(1, 4))
    assert store.search("story") and store.search('"Body of story 2"') == [f"{2:016x}"]
    assert store.search("Title 3") == [f"{3:016x}"]  # words are ANDed
    renamed = replace(article(2), title="Harbour dredging", text="Dredgers arrived today.")
    store.replace_extractions([(raw(2), renamed)], "0.2")
    assert store.search("dredgers") == [f"{2:016x}"] and store.search('"story 2"') == []
    store.replace_extractions([(raw(3), Rejected("/in/story_3.txt", "empty", "extract"))], "0.2")
    assert store.search("Title 3") == [] and store.search("title") == [f"{1:016x}"]
    with pytest.raises(StoreError, match="bad search query"):
        store.search('"unclosed')
    assert store.raw_content(f"{1:016x}") == "Story 1 content" and store.raw_content("x") is None
