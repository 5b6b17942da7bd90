"""The PolNeAR reader and scorer on a hand-made article, and floors on PolNeAR when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluation.quotes import load_polnear, score_quotes

TEXT = (
    "Title line.\n\n"
    "“We will win this state by a lot,” Trump said on Friday.\n\n"
    "The governor said “the count is not over yet” and left."
)


def _write(root: Path, ann: str) -> None:
    folder = root / "quotes" / "polnear" / "dev"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "attributions" / "a.ann").write_text(ann, encoding="utf-8")


def _span(part: str) -> str:
    start = TEXT.index(part)
    return f"{start} {start + len(part)}"


def test_reader_and_scorer_on_a_hand_made_article(tmp_path: Path) -> None:
    ann = "\n".join(
        [
            f"T1\tSource {_span('Trump')}\tTrump",
            f"T2\tContent {_span('We will win this state by a lot,')}\tWe will win",
            "E1\tAttribution:T3 Source:T1 Content:T2",
            f"T4\tSource {_span('The governor')}\tThe governor",
            f"T5\tContent {_span('the count is not over yet')}\tthe count",
            "E2\tAttribution:T6 Source:T4 Content:T5",
        ]
    )
    _write(tmp_path, ann)
    (article,) = load_polnear("dev", tmp_path)
    assert len(article.attributions) == 2
    found = score_quotes([article])["direct"]
    assert found["predicted"] == 2 and found["precision"] == 1.0 and found["recall"] == 1.0
    assert found["speaker_accuracy"] == 1.0


def test_a_wrong_speaker_counts_against_accuracy(tmp_path: Path) -> None:
    ann = "\n".join(
        [
            f"T1\tSource {_span('Friday')}\tFriday",
            f"T2\tContent {_span('We will win this state by a lot,')}\tWe will win",
            "E1\tAttribution:T3 Source:T1 Content:T2",
        ]
    )
    _write(tmp_path, ann)
    found = score_quotes(load_polnear("dev", tmp_path))["direct"]
    assert found["speaker_accuracy"] == 0.0 and found["precision"] == 0.5


@pytest.mark.data
def test_polnear_floors(data_dir: Path) -> None:
    """Measured on the part of PolNeAR fetched so far (README "Who said what"); floors guard
    against regressions, they are not targets."""
    for split in ("dev", "test"):
        articles = load_polnear(split, data_dir)
        if not articles:
            pytest.skip(f"PolNeAR {split} is not under {data_dir}/quotes/polnear")
        found = score_quotes(articles)
        direct, indirect = found["direct"], found["indirect"]
        assert direct["precision"] >= 0.9 and direct["recall"] >= 0.75, (split, found)
        assert direct["speaker_accuracy"] >= 0.7, (split, found)
        assert indirect["precision"] >= 0.7 and indirect["speaker_accuracy"] >= 0.85, (split, found)
        assert indirect["recall"] >= 0.2, (split, found)


@pytest.mark.data
def test_analysis_speed_floor(data_dir: Path) -> None:
    """The issue asks 50 articles/s on 2 cores (``make bench`` prints 75.8 on 2,000 real
    articles of 300 words on average, model loading included). This 600-article sample
    holds longer pages (460 words on average): 43 articles/s here, 30 on a CI machine; the
    floor leaves room for a slower one."""
    from storyline.evaluation.quotes import analysis_rate

    if not (data_dir / "timeline").is_dir():
        pytest.skip(f"no labelled sets under {data_dir}")
    found = analysis_rate(data_dir, n_jobs=2, limit=600)
    assert found["rate"] >= 20, found
