"""Timelines on Timeline17 with the news-tls protocol (storyline.evaluation.timelines):
align+ m:1 ROUGE F1 with tilse's Python ROUGE, and date F1.

Measured at this version (`make bench`): dev (bpoil, h1n1, mj; 9 timelines, where the
settings were chosen) R-1 0.134 / R-2 0.035 / date F1 0.641; held-out topics (10 timelines)
0.103 / 0.035 / 0.493; all 19: 0.118 / 0.036 / 0.563 (news-tls Datewise, published with the
Perl ROUGE: 0.120 / 0.035 / 0.544). Floors guard against regressions.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation.timelines import aggregate, instance_scores, load_topics


@pytest.mark.data
def test_timeline17_floors(data_dir: Path) -> None:
    pytest.importorskip("tilse", reason="tilse scores timelines: `make install` installs it")
    if not load_topics(data_dir):
        pytest.skip(f"no Timeline17 data under {data_dir}/timeline")
    dev, test = instance_scores(data_dir, "dev"), instance_scores(data_dir, "test")
    found = {"dev": aggregate(dev), "test": aggregate(test), "all": aggregate(dev + test)}
    assert found["dev"]["r1"] >= 0.125 and found["dev"]["date"] >= 0.62, found
    assert found["test"]["r1"] >= 0.095 and found["test"]["date"] >= 0.47, found
    assert found["all"]["date"] >= 0.55 and found["all"]["r2"] >= 0.033, found
