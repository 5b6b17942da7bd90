"""A tiny deterministic training run, the JSON model format and its numpy inference."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import numpy as np
import pytest

from storyline.evaluation.splits import split_of
from storyline.extract.lines import feature_names
from storyline.extract.text import LineModel, clean_dump, default_model
from storyline.extract.train import (
    Example,
    design,
    export_trees,
    fit_trees,
    line_labels,
    train_extractor,
)

WORDS = (
    "the council said that river ferry would open again after weeks of repairs on monday".split()
)
MENU = ["Home", "News", "Sport", "Weather", "Sign in", "Subscribe", "Most read"]


def synthetic_page(rng: random.Random, n: int) -> tuple[str, str]:
    body = [
        " ".join(rng.choices(WORDS, k=rng.randint(18, 40))).capitalize() + "." for _ in range(n)
    ]
    dump = [*rng.sample(MENU, 5), f"Headline number {n}", *body, *rng.sample(MENU, 4)]
    return "\n".join(dump), "\n".join(body)


def urls_for(split: str, count: int) -> list[str]:
    found = []
    for i in range(10_000):
        url = f"https://site{i}.example/story"
        if split_of(url) == split:
            found.append(url)
        if len(found) == count:
            return found
    raise AssertionError(split)


@pytest.fixture(scope="module")
def data_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(7)
    root = tmp_path_factory.mktemp("data")
    (root / "extraction").mkdir()
    records = []
    for split, count in (("train", 12), ("dev", 4), ("test", 4)):
        for url in urls_for(split, count):
            dump, truth = synthetic_page(rng, rng.randint(2, 6))
            records.append({"id": url, "url": url, "text_dump": dump, "truth_body": truth})
    with gzip.open(root / "extraction" / "pages.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r) + "\n" for r in records)
    return root


def test_line_labels_follow_the_truth() -> None:
    truth = "The ferry is back on the river after three weeks. Short one."
    lines = ["Home", "The ferry is back on the river", "Short one", "Something else entirely here"]
    assert line_labels(lines, truth).tolist() == [0, 1, 1, 0]


def test_exported_trees_match_scikit_learn() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, len(feature_names())))
    y = (x[:, 0] + x[:, 3] ** 2 > 1).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=12, random_state=0).fit(x, y)
    model = LineModel.from_dict(export_trees(clf))
    assert np.allclose(model.log_odds(x), clf.decision_function(x), atol=1e-5)


def test_training_is_deterministic_and_round_trips(tmp_path: Path) -> None:
    rng = random.Random(3)
    examples = [Example("u", *synthetic_page(rng, 3), "train") for _ in range(6)]
    x, y, groups = design(examples)
    assert len(x) == len(y) == len(groups) and 0 < y.mean() < 1
    first, second = fit_trees(x, y, max_iter=5), fit_trees(x, y, max_iter=5)
    assert first == second
    path = tmp_path / "model.json"
    path.write_text(json.dumps(first))
    assert np.array_equal(LineModel.load(path).log_odds(x), LineModel.from_dict(first).log_odds(x))


def test_model_from_other_features_is_refused() -> None:
    with pytest.raises(ValueError, match="retrain"):
        LineModel.from_dict({"features": ["x"]})


def test_train_extractor_end_to_end(data_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "models" / "line_model.json"
    report = train_extractor(data_root, out, silver=False, max_iter=20)
    assert out.is_file() and report["model_bytes"] == out.stat().st_size
    assert report["train_pages"] == 12 and report["silver_pages"] == 0
    assert set(report["decode"]) == {"bias", "switch", "template"}
    assert report["test"]["pages"] == 4 and report["test"]["f1"] > 0.8
    model = LineModel.load(out)
    dump, truth = synthetic_page(random.Random(11), 4)
    assert clean_dump(dump, model=model).text == truth


def test_shipped_model_loads_and_is_small() -> None:
    model = default_model()
    assert model is not None
    assert set(model.decode) == {"bias", "switch", "template"}
    from storyline.extract.text import MODEL_PATH

    assert MODEL_PATH.stat().st_size < 600_000


def test_render_dump_follows_the_documented_rules() -> None:
    from storyline.evaluation.render import render_dump

    html = (
        "<html><head><title>T</title></head><body><div>Menu <a>Home</a></div>"
        "<p>First   para<br>second line</p><script>x()</script><p hidden>gone</p>"
        "<p style='display: none'>gone</p><table><tr><td>a</td><td>b</td></tr></table>"
        "<pre>keep\n  lines</pre><img alt='no'><span>inline</span> tail</body></html>"
    )
    assert render_dump(html).splitlines() == [
        "Menu Home",
        "First para",
        "second line",
        "a b",
        "keep",
        "lines",
        "inline tail",
    ]
    assert render_dump("") == ""


def test_train_extractor_command(data_root: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storyline.cli import app

    out = tmp_path / "cli_model.json"
    args = ["train-extractor", "--data", str(data_root), "--out", str(out), "--no-silver"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["train_pages"] == 12
    assert LineModel.load(out) is not None
