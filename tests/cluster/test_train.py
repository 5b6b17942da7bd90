"""The shipped event scorer is exactly what ``storyline train-clusterer`` produces."""

from pathlib import Path

import pytest

from storyline.cluster.scorer import MODEL_PATH
from storyline.cluster.train import train_scorer


@pytest.mark.data
def test_training_reproduces_the_shipped_scorer(data_dir: Path, tmp_path: Path) -> None:
    report = train_scorer(data_dir, tmp_path / "scorer.json")
    assert report["trained_on"] == [
        "AllSides dev half",
        "AllSides dev half, no dates",
        "GoogleNews-TS dev half",
        "DUC 2003",
        "DUC 2003, no dates",
    ]
    assert (tmp_path / "scorer.json").read_bytes() == MODEL_PATH.read_bytes()
