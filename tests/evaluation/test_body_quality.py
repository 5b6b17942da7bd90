"""Quality and speed gates of the HTML body extractor on the held-out TEST split of sites.

Floors sit just under what was measured when the extractor was tuned (on the train and dev
splits only): TEST F1 0.980, precision 0.976. Speed is checked as a ratio to trafilatura run
on the same pages in turn, so a busy machine does not make the gate flaky.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.evaluation import extraction
from storyline.evaluation.datasets import load_extraction_pages
from storyline.evaluation.splits import split_of

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def test_scores(data_dir: Path) -> dict[str, dict[str, Any]]:
    pages = [p for p in load_extraction_pages(data_dir) if split_of(p["url"]) == "test"]
    systems = {
        "ours": extraction.ours_html,
        "ours body": extraction.ours_html_body_only,
        "trafilatura": extraction.trafilatura_html,
        "trafilatura + metadata": extraction.trafilatura_with_metadata,
    }
    return extraction.run_systems(systems, pages)


def test_body_quality_floor_on_test_split(test_scores: dict[str, dict[str, Any]]) -> None:
    ours = test_scores["ours"]
    assert ours["f1"] >= 0.975
    assert ours["precision"] >= 0.97
    assert ours["empty"] == 0


def test_body_beats_trafilatura_alone(test_scores: dict[str, dict[str, Any]]) -> None:
    assert test_scores["ours"]["f1"] > test_scores["trafilatura"]["f1"]
    assert test_scores["ours"]["precision"] >= test_scores["trafilatura"]["precision"]


def test_body_speed_against_trafilatura(test_scores: dict[str, dict[str, Any]]) -> None:
    """The issue's budget, 1.5x trafilatura, compared like for like.

    Body alone against trafilatura alone measured 1.32-1.37x; the whole HTML mode (body plus
    our title/date/author finders) against trafilatura with its own metadata 1.39-1.43x.
    """
    ms = {name: scores["ms_per_page"] for name, scores in test_scores.items()}
    assert ms["ours body"] <= 1.5 * ms["trafilatura"]
    assert ms["ours"] <= 1.5 * ms["trafilatura + metadata"]
