"""The DUC and Timeline17 loaders (skipped loudly without STORYLINE_DATA)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from storyline.evaluation.datasets import LabelledSet, load_duc, load_timeline17, unescape_ptb

pytestmark = pytest.mark.data


def _in_stream_order(data: LabelledSet) -> bool:
    keys = [(d.day, d.id) for d in data.docs]
    return keys == sorted(keys)  # type: ignore[type-var]


@pytest.mark.parametrize(
    ("which", "docs", "topics"),
    # The summarization README lists 298 and 500 entries; 9 and 11 of them repeat an article
    # of another cluster of the same year, and a stream holds each article once.
    [("2003", 289, 30), ("2004", 489, 50), ("mixed", 741, 59)],
)
def test_duc_counts(data_dir: Path, which: str, docs: int, topics: int) -> None:
    data = load_duc(which, data_dir)  # type: ignore[arg-type]
    assert len(data.docs) == docs
    assert len({d.id for d in data.docs}) == docs
    assert len(set(data.gold)) == topics
    assert data.has_dates and all(d.day is not None for d in data.docs)
    assert _in_stream_order(data)


def test_duc_labels_are_tdt_topics(data_dir: Path) -> None:
    data = load_duc("2004", data_dir)
    assert "30001" in data.gold
    assert all(label.isdigit() and len(label) == 5 for label in data.gold)
    assert all(d.title == "" and d.text for d in data.docs)


def test_duc_mixed_shares_topics(data_dir: Path) -> None:
    """21 topics appear in both years, so the mixed stream has 30 + 50 - 21 of them."""
    dev, test = load_duc("2003", data_dir), load_duc("2004", data_dir)
    assert len(set(dev.gold) & set(test.gold)) == 21


def test_duc_keeps_the_first_occurrence(data_dir: Path) -> None:
    """An article listed by two clusters keeps the label of the first (DUC 2003 first)."""
    mixed, dev = load_duc("mixed", data_dir), load_duc("2003", data_dir)
    label_in_mixed = {d.id: g for d, g in zip(mixed.docs, mixed.gold, strict=True)}
    assert all(label_in_mixed[d.id] == g for d, g in zip(dev.docs, dev.gold, strict=True))


def test_timeline17_counts(data_dir: Path) -> None:
    data = load_timeline17(data_dir)
    assert len(data.docs) == 4625
    sizes = Counter(data.gold)
    assert len(sizes) == 9
    assert sizes["t17_bpoil"] == 1460 and sizes["t17_mj"] == 138
    assert _in_stream_order(data)
    assert all(d.day is not None for d in data.docs)


def test_timeline17_text_is_unescaped(data_dir: Path) -> None:
    data = load_timeline17(data_dir)
    assert not any("-LRB-" in d.text or "``" in d.text for d in data.docs[:500])


def test_unescape_ptb() -> None:
    assert unescape_ptb("a -LRB- b -RRB- `` c ''") == 'a ( b ) " c "'
