"""Ingest through the store: rejections recorded, re-runs idempotent, interruptions recoverable."""

from __future__ import annotations

import gzip
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline import pipeline
from storyline.model import Rejected
from storyline.store import Store
from tests.ingest.inputs import article_html, article_text, jsonl

CLI = [sys.executable, "-c", "from storyline.cli import main; main()"]


def write_articles(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        path = folder / f"article_{n:04d}.txt"
        path.write_text(article_text(n), encoding="utf-8")
        paths.append(path)
    return paths


def write_mixed(folder: Path) -> dict[str, str]:
    """Good and bad inputs; returns the expected rejection reason (fragment) per source."""
    folder.mkdir(parents=True, exist_ok=True)
    write_articles(folder, 3)
    (folder / "page.html").write_text(article_html(10))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "cut.html.gz").write_bytes(gzip.compress(article_html(11).encode())[:30])
    (folder / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    wire = jsonl([{"title": "One", "text": article_text(12)}]) + "{broken\n"
    (folder / "wire.jsonl").write_text(wire)
    return {
        str(folder / "empty.txt"): "empty file",
        str(folder / "cut.html.gz"): "truncated or corrupt gzip",
        str(folder / "nav.html"): "no article text",
        f"{folder / 'wire.jsonl'}#line=2": "not valid JSON",
    }


def snapshot(store: Store) -> tuple[dict[str, int], list[tuple[str, str, str]]]:
    articles = [(a.id, a.title, a.text) for a in store.articles()]
    return store.counts(), articles


def test_rejections_land_in_the_rejections_table(store: Store, tmp_path: Path) -> None:
    expected = write_mixed(tmp_path / "in")
    summary = pipeline.ingest(store, [str(tmp_path / "in")])
    assert summary.added == 5  # three .txt, page.html and the good JSONL line
    stored = {r.source: r for r in store.rejections()}
    assert set(stored) == set(expected)
    for source, fragment in expected.items():
        assert fragment in stored[source].reason
    assert stored[str(tmp_path / "in" / "nav.html")].stage == "extract"
    assert stored[str(tmp_path / "in" / "empty.txt")].stage == "ingest"
    assert sorted(summary.rejected, key=lambda r: r.source) == sorted(
        stored.values(), key=lambda r: r.source
    )
    counts = store.counts()
    assert counts["articles"] == 5
    assert counts["raw_documents"] == 6  # nav.html is kept raw, so extraction can be re-run
    assert counts["rejections"] == 4


def test_ingesting_the_same_paths_twice_adds_nothing(store: Store, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 5)
    (tmp_path / "in" / "page.html").write_text(article_html(5))
    first = pipeline.ingest(store, [str(tmp_path / "in")])
    before = snapshot(store)
    second = pipeline.ingest(store, [str(tmp_path / "in")])
    assert (first.added, first.unchanged, first.rejected) == (6, 0, [])
    assert (second.added, second.unchanged, second.rejected) == (0, 6, [])
    assert snapshot(store) == before


def test_second_run_with_bad_input_adds_nothing_either(store: Store, tmp_path: Path) -> None:
    write_mixed(tmp_path / "in")
    first = pipeline.ingest(store, [str(tmp_path / "in")])
    before = snapshot(store)
    second = pipeline.ingest(store, [str(tmp_path / "in")])
    assert second.added == 0
    # Every stored raw document (including nav.html, rejected at extract) is unchanged.
    assert second.unchanged == first.added + 1
    assert {r.source for r in second.rejected} <= {r.source for r in first.rejected}
    assert snapshot(store) == before


def test_overlapping_paths_and_copies_are_stored_once(store: Store, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 4)
    (tmp_path / "in" / "copy.txt").write_text(article_text(0))
    summary = pipeline.ingest(
        store, [str(tmp_path / "in"), str(tmp_path / "in" / "article_0001.txt")]
    )
    assert summary.added == 4
    assert summary.unchanged == 2  # the copy and the file named twice
    assert store.counts()["raw_documents"] == 4


def test_stored_articles_survive_a_later_bad_batch(store: Store, tmp_path: Path) -> None:
    write_articles(tmp_path / "first", 30)
    pipeline.ingest(store, [str(tmp_path / "first")])
    before = {a.id: a for a in store.articles()}
    write_mixed(tmp_path / "later")
    (tmp_path / "later" / "dupe.txt").write_text(article_text(5))  # already stored
    summary = pipeline.ingest(store, [str(tmp_path / "later")], batch_size=3)
    assert summary.added == 2  # page.html and the JSONL line; the .txt are stored already
    after = {a.id: a for a in store.articles()}
    assert {k: after[k] for k in before} == before
    assert len(after) == len(before) + 2
    assert store.counts()["rejections"] == 4


def test_a_fixed_input_clears_its_old_rejection(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"")
    pipeline.ingest(store, [str(path)])
    assert store.rejections() == [Rejected(str(path), "empty file")]
    path.write_text(article_text(1))
    summary = pipeline.ingest(store, [str(path)])
    assert summary.added == 1
    assert store.rejections() == []


def test_progress_is_called_once_per_item(store: Store, tmp_path: Path) -> None:
    expected = write_mixed(tmp_path / "in")
    seen: list[str] = []
    pipeline.ingest(store, [str(tmp_path / "in")], progress=seen.append)
    # Extract-stage rejections are found after the item was read, so not reported twice.
    ingest_stage = {s for s in expected if not s.endswith("nav.html")}
    assert len(seen) == 6 + len(ingest_stage)
    assert set(seen) >= ingest_stage


# -- interruption ----------------------------------------------------------------------------


class Interrupt:
    """A progress callback that presses Ctrl-C after ``after`` items."""

    def __init__(self, after: int) -> None:
        self.after = after
        self.calls = 0

    def __call__(self, source: str) -> None:
        self.calls += 1
        if self.calls > self.after:
            raise KeyboardInterrupt


def assert_consistent(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute(
            "SELECT COUNT(*) FROM articles a LEFT JOIN raw_documents r "
            "ON r.id = a.raw_document_id WHERE r.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0  # every article has its raw document
        # Every stored raw document got its extraction result in the same transaction.
        unresolved = conn.execute(
            "SELECT COUNT(*) FROM raw_documents r WHERE NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.raw_document_id = r.id) AND NOT EXISTS "
            "(SELECT 1 FROM rejections j WHERE j.source = r.source)"
        ).fetchone()[0]
        assert unresolved == 0
    finally:
        conn.close()


def clean_run(tmp_path: Path, inputs: Path) -> tuple[dict[str, int], set[str]]:
    with Store(tmp_path / "clean.db") as clean:
        pipeline.ingest(clean, [str(inputs)])
        return clean.counts(), {a.id for a in clean.articles()}


def test_keyboard_interrupt_keeps_finished_batches_and_rerun_completes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_articles(inputs, 60)
    db = tmp_path / "interrupted.db"
    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        pipeline.ingest(store, [str(inputs)], batch_size=10, progress=Interrupt(after=35))
    assert_consistent(db)
    with Store(db) as store:
        assert store.counts()["articles"] == 30  # three whole batches of ten
        summary = pipeline.ingest(store, [str(inputs)], batch_size=10)
        assert (summary.added, summary.unchanged) == (30, 30)
        counts, ids = store.counts(), {a.id for a in store.articles()}
    assert_consistent(db)
    assert (counts, ids) == clean_run(tmp_path, inputs)


def count_articles(db: Path) -> int:
    """Articles committed so far, read without taking any write lock (0 before the schema)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0  # the file exists but the migration has not committed yet


def kill_midway(db: Path, inputs: Path) -> int:
    """Start `storyline ingest`, SIGKILL it once some batches are committed; return that count."""
    proc = subprocess.Popen(
        [*CLI, "ingest", str(inputs), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if count_articles(db) > 0:
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
    finally:
        proc.kill()
        proc.wait()
    return count_articles(db)


def test_killed_ingest_leaves_a_consistent_db_and_rerun_completes(tmp_path: Path) -> None:
    inputs, total = tmp_path / "in", 300
    write_articles(inputs, total)
    db = tmp_path / "killed.db"
    for _attempt in range(3):  # on a very fast machine the run may finish before the kill
        db.unlink(missing_ok=True)
        committed = kill_midway(db, inputs)
        if 0 < committed < total:
            break
    assert 0 < committed < total, "could not interrupt the ingest midway"
    assert committed % 25 == 0  # only whole batches (of the default 25) are ever committed
    assert_consistent(db)
    rerun = subprocess.run(
        [*CLI, "ingest", str(inputs), "--db", str(db)], capture_output=True, text=True
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"ingested {total - committed} new, {committed} unchanged, 0 rejected" in rerun.stderr
    assert_consistent(db)
    with Store(db) as store:
        counts, ids = store.counts(), {a.id for a in store.articles()}
    assert counts["articles"] == total
    assert (counts, ids) == clean_run(tmp_path, inputs)
