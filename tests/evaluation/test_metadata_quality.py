"""Quality gates for title, date and author extraction on the labelled metadata set.

Floors sit just under the figures measured when the metadata finders were written (see
``storyline.evaluation.metadata``), on the held-out test sites and on all 848 pages, and ours
must beat trafilatura's ``extract_metadata`` on every field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline.evaluation.metadata import score_metadata

pytestmark = pytest.mark.data

# Measured (2026-11-22): test title 0.885, date 0.931, author 0.664; all 848 pages title 0.863,
# date 0.933, author 0.781 (trafilatura 2.3.1: 0.593 / 0.870 / 0.519). The extraction is
# deterministic, so the floors sit just under the measured figures (date at the 0.93 target).
TEST_FLOORS = {"title": 0.88, "date": 0.925, "author": 0.66}
ALL_FLOORS = {"title": 0.86, "date": 0.93, "author": 0.775}


@pytest.fixture(scope="module")
def results(data_dir: Path) -> dict[str, Any]:
    if not (data_dir / "extraction" / "metadata.jsonl.gz").is_file():
        pytest.skip("extraction/metadata.jsonl.gz not found")
    return score_metadata(data_dir)


@pytest.mark.parametrize("field", sorted(TEST_FLOORS))
def test_test_split_floor(results: dict[str, Any], field: str) -> None:
    assert results["ours"]["by_split"]["test"][field]["accuracy"] >= TEST_FLOORS[field]


@pytest.mark.parametrize("field", sorted(ALL_FLOORS))
def test_all_pages_floor(results: dict[str, Any], field: str) -> None:
    assert results["ours"]["all"][field]["accuracy"] >= ALL_FLOORS[field]


@pytest.mark.parametrize("field", ["title", "date", "author"])
def test_beats_trafilatura(results: dict[str, Any], field: str) -> None:
    ours = results["ours"]["all"][field]["accuracy"]
    assert ours > results["trafilatura"]["all"][field]["accuracy"]
