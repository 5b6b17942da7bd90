"""Shared fixtures. Data-dependent evaluation tests are marked ``data`` and skipped loudly
when ``STORYLINE_DATA`` (default ``../shared/data``) is missing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.evaluation.datasets import data_root
from storyline.store import Store

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

_skipped_for_data: list[str] = []


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh database in a temporary folder."""
    with Store(tmp_path / "storyline.db") as db:
        yield db


@pytest.fixture(scope="session")
def demo_truth() -> dict[str, Any]:
    """Ground truth of the bundled demo corpus."""
    return json.loads((FIXTURES / "demo_truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The evaluation data folder; skips (loudly) when it is absent."""
    root = data_root()
    if not (root / "clustering").is_dir():
        pytest.skip(f"evaluation data not found at {root} (set STORYLINE_DATA)")
    return root


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if (data_root() / "clustering").is_dir():
        return
    for item in items:
        if item.get_closest_marker("data"):
            _skipped_for_data.append(item.nodeid)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _skipped_for_data:
        terminalreporter.write_sep("!", "EVALUATION DATA MISSING", red=True, bold=True)
        terminalreporter.write_line(
            f"{len(_skipped_for_data)} quality-gate tests were SKIPPED because no labelled data "
            f"was found at {data_root()} (set STORYLINE_DATA). The F1 floors were not checked."
        )
