"""Benchmark rows on the topic-labelled news streams: DUC 2003/2004 and mixed Timeline17.

* **DUC 2004**: every threshold (ours and the baseline's) is chosen on DUC 2003, the usual dev
  set, and scored on all of DUC 2004; nothing is tuned on DUC 2004.
* **DUC 2003+2004 mixed** (TDT-topic labels): thresholds chosen on a dev half of the topics
  (:func:`~storyline.evaluation.bench.split_by_cluster`), scored on the other half.
* **Timeline17 storylines**: the product's two stages (:func:`storylines_for`) with the
  product defaults, nothing tuned on T17, scored as storylines (one per topic); the baseline is
  the README's single pass without a window (a storyline spans months) with its threshold
  chosen on DUC 2003 without dates, i.e. a threshold that transfers.

The DUC rows run with and without dates; Timeline17 runs dated, and undated on request.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.table import Table

from storyline.evaluation.bench import (
    BASELINE_GRID,
    baseline,
    learned,
    ours,
    prf_cell,
    score,
    split_by_cluster,
    tune,
    tune_with,
)
from storyline.evaluation.datasets import LabelledSet, load_duc, load_timeline17
from storyline.evaluation.metrics import bcubed
from storyline.evaluation.storylines import ARAB_SPRING, EventsOf, confusion_share, linker_curve
from storyline.pipeline import BuildConfig

DUC2004_ANCHOR = "0.75–0.80 (τ from DUC 2003)"
DUC_MIXED_ANCHOR = "0.776 (self-tuned)"
T17_ANCHOR = "0.818 self-tuned, ~0.78 transferred"


def _dated(data: LabelledSet, dated: bool) -> LabelledSet:
    return data if dated else data.undated()


def transfer_row(
    label: str, full: LabelledSet, dev: LabelledSet, test: LabelledSet, dated: bool
) -> dict[str, Any]:
    """A clustering row: the learned clusterer and thresholds chosen on ``dev``, on ``test``.

    Args:
        label: The row's name.
        full: The whole set (its size is reported).
        dev: What chooses the thresholds (ours and the baseline's, separately).
        test: What the chosen thresholds are scored on.
        dated: Whether dates (and so the time window) are used.
    """
    started = time.perf_counter()
    default = score(test, learned(dated))
    seconds = time.perf_counter() - started
    tuned, base = tune(dev, dated), tune_with(baseline, dev, dated, BASELINE_GRID)
    return {
        "setting": label,
        "articles": len(full.docs),
        "ours_default": default,
        "tuned_threshold": tuned,
        "ours_tuned_test": score(test, ours(tuned, dated)),
        "baseline_threshold": base,
        "baseline_test": score(test, baseline(base, dated)),
        "cluster_rate": len(full.docs) / seconds,
    }


def duc_rows(root: Path | None = None) -> list[dict[str, Any]]:
    """DUC 2004 (thresholds from DUC 2003) and DUC mixed (from a dev half), with/without dates."""
    dev, test, mixed = load_duc("2003", root), load_duc("2004", root), load_duc("mixed", root)
    rows = []
    for dated in (True, False):
        suffix = ", 3-day window" if dated else ", no dates"
        row = transfer_row(
            "DUC 2004" + suffix, _dated(test, dated), _dated(dev, dated), _dated(test, dated), dated
        )
        rows.append(row | _provenance("DUC 2003", "all DUC 2004", DUC2004_ANCHOR))
    for dated in (True, False):
        suffix = ", 3-day window" if dated else ", no dates"
        data = _dated(mixed, dated)
        half_dev, half_test = split_by_cluster(data)
        row = transfer_row("DUC 2003+2004 mixed, topics" + suffix, data, half_dev, half_test, dated)
        rows.append(row | _provenance("dev half", "test half", DUC_MIXED_ANCHOR))
    return rows


def _provenance(tuned_on: str, tested_on: str, anchor: str) -> dict[str, str]:
    return {
        "tuned_on": tuned_on,
        "baseline_tuned_on": tuned_on,
        "tested_on": tested_on,
        "published": anchor,
    }


def storyline_row(data: LabelledSet) -> dict[str, Any]:
    """Ours on ``data`` as storylines: B-cubed, storylines found, Arab Spring confusion, rate.

    ``storylines`` counts every storyline, one-event ones included (an off-topic article in
    a topic's collection stays alone); ``multi_event`` counts those that chain two events or
    more, the storylines a reader would browse.
    """
    config = BuildConfig()
    started = time.perf_counter()
    events = EventsOf.cluster(data.docs, config)
    labels = events.storylines(config.storyline_threshold, config.storyline_max_gap_days)
    seconds = time.perf_counter() - started
    predicted = [labels[d.id] for d in data.docs]
    gold = {d.id: g for d, g in zip(data.docs, data.gold, strict=True)}
    return {
        "setting": data.name,
        "articles": len(data.docs),
        "b3": bcubed(predicted, data.gold),
        "storylines": len(set(predicted)),
        "multi_event": events.multi_event(labels),
        "topics": len(set(data.gold)),
        "confusion": confusion_share(labels, gold),
        "rate": len(data.docs) / seconds,
    }


def baseline_storyline_row(data: LabelledSet, threshold: float) -> dict[str, Any]:
    """The README single pass, no window, clusters taken as storylines."""
    clusterer = baseline(threshold, dated=False)
    started = time.perf_counter()
    clusterer.fit(data.docs)
    seconds = time.perf_counter() - started
    gold = {d.id: g for d, g in zip(data.docs, data.gold, strict=True)}
    predicted = [clusterer.labels_[d.id] for d in data.docs]
    return {
        "setting": f"baseline single pass, τ={threshold} on DUC 2003 (no dates)",
        "articles": len(data.docs),
        "b3": bcubed(predicted, data.gold),
        "storylines": len(set(predicted)),
        "topics": len(set(data.gold)),
        "confusion": confusion_share(clusterer.labels_, gold),
        "rate": len(data.docs) / seconds,
    }


def timeline_rows(
    root: Path | None, baseline_threshold: float, undated: bool = False
) -> list[dict[str, Any]]:
    """Mixed Timeline17 as storylines: ours dated (and undated on request), then the baseline.

    Args:
        root: The data folder; the default when None.
        baseline_threshold: The baseline's τ, chosen on DUC 2003 without dates
            (the "DUC 2004, no dates" row of :func:`duc_rows`).
        undated: Also run ours with the dates removed; off by default because without a
            window every article is compared with every event (minutes on 4,625 articles).
    """
    data = load_timeline17(root)
    rows = [storyline_row(data) | {"setting": "ours (product defaults), dated"}]
    if undated:
        rows.append(
            storyline_row(data.undated()) | {"setting": "ours (product defaults), no dates"}
        )
    rows.append(baseline_storyline_row(data.undated(), baseline_threshold))
    return rows


def storyline_table(rows: Sequence[dict[str, Any]]) -> Table:
    """Storyline B-cubed on mixed Timeline17, storylines found and Arab Spring separation."""
    table = Table(
        title="Storylines on mixed Timeline17 (each topic one storyline; nothing tuned on T17; "
        f"baseline anchor F1 {T17_ANCHOR})"
    )
    for column in (
        "system (articles)",
        "B3 P / R / F1",
        "storylines: all / ≥2 events (true)",
        "share in another's storyline: " + " / ".join(t.removeprefix("t17_") for t in ARAB_SPRING),
        "art/s",
    ):
        table.add_column(column)
    for row in rows:
        table.add_row(
            f"{row['setting']} ({row['articles']})",
            prf_cell(row["b3"]),
            f"{row['storylines']} / {row.get('multi_event', '—')} ({row['topics']})",
            " / ".join(f"{row['confusion'][t]:.2f}" for t in ARAB_SPRING),
            f"{row['rate']:.0f}",
        )
    return table


def linker_dev_table(root: Path | None = None) -> Table:
    """The storyline linker's threshold curve on DUC 2003 (TDT topics as storylines): its dev set.

    The default (:class:`~storyline.pipeline.BuildConfig`) is marked; it is the best F1 on this
    curve among thresholds that keep the demo corpus's hand-labelled storylines exact
    (``tests/test_pipeline.py``).
    """
    chosen = BuildConfig().storyline_threshold
    table = Table(title="Storyline linker threshold on DUC 2003 topics (dev; events fixed)")
    table.add_column("threshold")
    table.add_column("B3 P / R / F1")
    for threshold, prf in linker_curve(load_duc("2003", root)):
        mark = " (default)" if abs(threshold - chosen) < 1e-9 else ""
        table.add_row(f"{threshold:.2f}{mark}", prf_cell(prf))
    return table
