"""Text-mode quality gates on the held-out TEST split of the extraction benchmark.

The line model's decoding was tuned on dev and its trees fit on train + dev (plus silver pages
from the metadata set), never on test, so these floors (just under the measured figures)
check held-out quality. Templates are learnt from the *other* pages of each page's site only.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from storyline.extract.text import clean_dump, default_model
from storyline.extract.train import Example, benchmark_examples, evaluate

pytestmark = pytest.mark.data

F1_FLOOR = 0.92
"""TEST split, one page at a time (measured 0.925 at the time of writing)."""
F1_TEMPLATES_FLOOR = 0.925
"""TEST split with templates from each page's same-site siblings (measured 0.929)."""
PAGES_PER_SECOND_FLOOR = 85.0
"""Measured 180-210 pages/s on one core of a shared 2-core VM, about 1.1x the code before plain
English pages skipped the language identifier (170-195 in the same runs; 125-145 before the
features were computed in whole-page passes); the floor leaves room for CI."""


@pytest.fixture(scope="module")
def test_pages(data_dir: Path) -> list[Example]:
    return [e for e in benchmark_examples(data_dir) if e.split == "test"]


def test_text_mode_test_split_floor(test_pages: list[Example]) -> None:
    model = default_model()
    assert model is not None
    score = evaluate(model, test_pages, templates=False)
    assert score["pages"] == 59
    assert score["f1"] >= F1_FLOOR
    assert score["empty"] == 0


def test_text_mode_with_templates_floor(test_pages: list[Example]) -> None:
    model = default_model()
    assert model is not None
    assert evaluate(model, test_pages, templates=True)["f1"] >= F1_TEMPLATES_FLOOR


def test_text_mode_speed_floor(test_pages: list[Example]) -> None:
    dumps = [e.dump for e in test_pages] * 3
    # Load the model and the language identifier first (English pages skip the identifier).
    for dump in dumps[: len(test_pages)]:
        clean_dump(dump)
    start = time.perf_counter()
    for dump in dumps:
        clean_dump(dump)
    assert len(dumps) / (time.perf_counter() - start) >= PAGES_PER_SECOND_FLOOR


def test_renderer_reproduces_the_provided_dumps(data_dir: Path) -> None:
    from storyline.evaluation.datasets import load_extraction_pages
    from storyline.evaluation.render import render_dump

    pages = load_extraction_pages(data_dir)[::15]
    assert all(render_dump(p["html"]) == p["text_dump"] for p in pages)
