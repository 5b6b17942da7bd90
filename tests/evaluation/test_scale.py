"""The synthetic stream and the scale run (the stream samples the labelled data)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from storyline.evaluation.scale import PER_DAY, scale_run, story_of, synthetic_stream

pytestmark = pytest.mark.data


def test_stream_is_deterministic_for_a_seed(data_dir: Path) -> None:
    first = list(synthetic_stream(300, data_dir, seed=3))
    assert first == list(synthetic_stream(300, data_dir, seed=3))
    assert first != list(synthetic_stream(300, data_dir, seed=4))


def test_stream_is_lazy_dated_and_labelled(data_dir: Path) -> None:
    docs = list(itertools.islice(synthetic_stream(10**9, data_dir), 2 * PER_DAY + 1))
    days = [d.day for d in docs]
    assert days == sorted(days)  # type: ignore[type-var]
    assert len(set(days)) == 3
    assert len({d.id for d in docs}) == len(docs)
    stories = {story_of(d.id) for d in docs}
    assert 1 < len(stories) < len(docs)
    assert all(d.text for d in docs)


def test_scale_run_reports_rate_and_memory(data_dir: Path) -> None:
    result = scale_run(2000, batch=500, root=data_dir)
    assert result["articles"] == 2000
    assert result["rate"] > 0 and result["first_ms"] > 0 and result["last_ms"] > 0
    assert result["peak_rss_mb"] >= result["pool_rss_mb"] > 0
    assert 0 < result["events"] <= 2000
    assert 0 < result["b3"].f1 <= 1


def test_scale_run_on_two_processes_clusters_the_same(data_dir: Path) -> None:
    alone = scale_run(2500, batch=2500, root=data_dir)
    pooled = scale_run(2500, batch=2500, root=data_dir, n_jobs=2)
    assert (pooled["jobs"], alone["jobs"]) == (2, 1)
    assert pooled["events"] == alone["events"] and pooled["b3"] == alone["b3"]
