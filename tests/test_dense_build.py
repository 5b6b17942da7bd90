"""`storyline build --dense` on the demo corpus: embeddings cached, grouping still right.

Skipped, saying so, without storyline[dense] (`make install-dense`); CI installs it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline import embeddings, pipeline
from storyline.cli import app
from storyline.cluster import dense
from storyline.cluster.dense import MODEL_NAME, DenseUnavailable
from storyline.store import Store
from tests.conftest import DEMO
from tests.test_pipeline import _joined


@pytest.fixture(scope="module")
def dense_store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if not dense.available():
        pytest.skip("SKIPPED: storyline[dense] is not installed (make install-dense)")
    folder = tmp_path_factory.mktemp("dense")
    with Store(folder / "demo.db") as store:
        pipeline.ingest(store, [str(DEMO)])
        counts: list[int] = []
        pipeline.build(store, pipeline.BuildConfig(dense=True), full=True, encoded=counts.append)
        yield store, counts


def test_every_article_is_embedded_once_and_cached(dense_store: Any) -> None:
    store, counts = dense_store
    cached = store.embeddings(MODEL_NAME)
    assert sum(counts) == len(cached) == store.counts()["articles"] == 61


def test_dense_storylines_match_the_truth(dense_store: Any, demo_truth: dict) -> None:
    store, _ = dense_store
    doc = pipeline.export(store)
    story_of = {e["id"]: e["storyline_id"] for e in doc["events"]}
    groups: dict[str, set[str]] = defaultdict(set)
    for article, truth in _joined(doc, demo_truth):
        groups[story_of[article["event_id"]]].add(truth["storyline"])
    assert all(len(labels) == 1 for labels in groups.values()), groups
    assert len(groups) == 7


def test_a_later_build_reads_the_cache_and_needs_no_model(
    dense_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _ = dense_store

    def no_model(*_: object, **__: object) -> None:
        raise AssertionError("nothing should be encoded again")

    monkeypatch.setattr(embeddings, "DenseEncoder", no_model)
    summary = pipeline.build(store, pipeline.BuildConfig(dense=True), full=True)
    assert summary.articles == 61


def test_cli_without_the_extra_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(*_: object, **__: object) -> None:
        raise DenseUnavailable(f"dense embeddings need sentence-transformers: {dense.INSTALL_HINT}")

    monkeypatch.setattr(embeddings, "DenseEncoder", missing)
    db = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(DEMO / "text"), "--db", str(db)]).exit_code in (0, 3)
    result = runner.invoke(app, ["build", "--dense", "--db", str(db)])
    assert result.exit_code == 2
    assert "storyline[dense]" in result.output
    with Store(db) as store:
        assert store.counts()["articles"] > 0  # nothing stored was lost
