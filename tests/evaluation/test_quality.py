"""Quality gates on the labelled data (skipped loudly without STORYLINE_DATA).

Floors sit just under the figures measured at v0.1 (see README "Quality"), so a regression fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation import bench
from storyline.evaluation.datasets import (
    load_clustering,
    load_duc,
    load_extraction_pages,
    load_timeline17,
)
from storyline.evaluation.metrics import corpus_shingle_prf
from storyline.evaluation.streams import storyline_row
from storyline.extract.html import extract_html
from storyline.extract.text import clean_dump

pytestmark = pytest.mark.data


@pytest.mark.parametrize(
    ("setting", "floor"),
    [(bench.SETTINGS[0], 0.96), (bench.SETTINGS[1], 0.845), (bench.SETTINGS[2], 0.92)],
    ids=["allsides-dated", "allsides-nodates", "googlenews"],
)
def test_learned_clustering_floor_on_test_half(
    data_dir: Path, setting: bench.Setting, floor: float
) -> None:
    """The shipped scorer saw only the dev halves; measured on the test halves 0.965 (dated,
    14-day window), 0.859 (no dates) and 0.931 (GoogleNews-TS). On AllSides it beats the
    baseline; on GoogleNews-TS the baseline's threshold, tuned on the whole set (test half
    included), still scores 0.933, just above the learned scorer's 0.931."""
    data = load_clustering(setting.set_name, data_dir)
    data = data if setting.dated else data.undated()
    _dev, test = bench.split_by_cluster(data)
    learned = bench.score(test, bench.learned(setting.dated)).f1
    assert learned >= floor
    if setting.set_name.startswith("allsides"):
        base = bench.baseline(setting.baseline_threshold, setting.dated)
        assert learned > bench.score(test, base).f1


def test_learned_clustering_floor_on_duc_2004(data_dir: Path) -> None:
    """DUC 2004 is never trained on (DUC 2003 is); measured 0.851 with dates."""
    assert bench.score(load_duc("2004", data_dir), bench.learned(True)).f1 >= 0.84


def test_timeline17_storylines_floor(data_dir: Path) -> None:
    """Mixed Timeline17 as storylines (nothing tuned on it): measured P 0.940 / R 0.772 /
    F1 0.848, 14 storylines with two events or more for 9 topics, and at most 12% of Egypt's,
    Libya's or Syria's articles in a storyline another topic leads (single link scored 0.685)."""
    row = storyline_row(load_timeline17(data_dir))
    assert row["b3"].f1 >= 0.835 and row["b3"].precision >= 0.92
    assert row["multi_event"] <= 2 * row["topics"]
    assert max(row["confusion"].values()) <= 0.15


@pytest.mark.parametrize(
    "setting", bench.SETTINGS, ids=["allsides-3day", "allsides-nodates", "googlenews"]
)
def test_dev_tuned_clustering_matches_the_baseline(data_dir: Path, setting: bench.Setting) -> None:
    """Tuned on the dev half only, ours must at least match the self-tuned baseline on test."""
    data = load_clustering(setting.set_name, data_dir)
    data = data if setting.dated else data.undated()
    dev, test = bench.split_by_cluster(data)
    tuned = bench.score(test, bench.ours(bench.tune(dev, setting.dated), setting.dated)).f1
    base = bench.score(test, bench.baseline(setting.baseline_threshold, setting.dated)).f1
    assert tuned >= base - 0.002


@pytest.fixture(scope="module")
def pages(data_dir: Path) -> list[dict]:
    return load_extraction_pages(data_dir)


def test_html_extraction_floor(pages: list[dict]) -> None:
    score = corpus_shingle_prf(
        [(extract_html(p["html"], p["url"]).text, p["truth_body"]) for p in pages]
    )
    assert score.f1 >= 0.96
    assert score.precision >= 0.95


def test_text_dump_extraction_floor(pages: list[dict]) -> None:
    score = corpus_shingle_prf([(clean_dump(p["text_dump"]).text, p["truth_body"]) for p in pages])
    assert score.f1 >= 0.85
