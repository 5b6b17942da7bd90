"""The optional dense path against the default, on the parts the scorers never trained on.

Both scorers (``event_scorer.json`` and ``event_scorer_dense.json``) were trained on the same
dev streams; here each is scored on the AllSides and GoogleNews-TS test halves, DUC 2004 and
the DUC mixed test half. Embeddings are cached under ``out/cache`` (encoding ~13,000 texts
takes about ten minutes on one core; later runs take seconds).

Run ``python -m storyline.evaluation.dense`` (``make bench-dense``; needs storyline[dense]).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

from storyline.cluster import DEFAULT_WINDOW_DAYS, EventClusterer
from storyline.cluster.dense import DenseEncoder, article_text
from storyline.evaluation.bench import prf_cell, score, split_by_cluster
from storyline.evaluation.datasets import LabelledSet, data_root, load_clustering, load_duc

CACHE = Path("out") / "cache"
Encode = Callable[[Sequence[str]], np.ndarray]


def embedded(data: LabelledSet, encode: Encode, cache: Path | None = CACHE) -> LabelledSet:
    """``data`` with every document's embedding attached, through an on-disk cache."""
    path = cache / f"embeddings-{data.name}.npz" if cache is not None else None
    known: dict[str, np.ndarray] = {}
    if path is not None and path.is_file():
        with np.load(path) as stored:
            known = dict(zip(stored["ids"].tolist(), stored["vectors"], strict=True))
    todo = [d for d in data.docs if d.id not in known]
    if todo:
        rows = encode([article_text(d.title, d.text) for d in todo])
        known.update(zip((d.id for d in todo), rows, strict=True))
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            ids = list(known)
            np.savez(path, ids=np.array(ids), vectors=np.stack([known[i] for i in ids]))
    docs = [replace(d, embedding=known[d.id]) for d in data.docs]
    return replace(data, docs=docs)


def test_parts(root: Path | None = None) -> list[tuple[str, LabelledSet, bool]]:
    """(row name, test part, dated) for every set, as the main benchmark splits them."""
    _, allsides = split_by_cluster(load_clustering("allsides_roundups_2021", root))
    _, google = split_by_cluster(load_clustering("googlenews_ts", root))
    _, mixed = split_by_cluster(load_duc("mixed", root))
    duc = load_duc("2004", root)
    return [
        ("AllSides test half, dated", allsides, True),
        ("AllSides test half, no dates", allsides, False),
        ("GoogleNews-TS test half", google, True),
        ("DUC 2004, dated", duc, True),
        ("DUC 2004, no dates", duc, False),
        ("DUC mixed test half, dated", mixed, True),
    ]


def dense_rows(root: Path | None = None, encode: Encode | None = None) -> list[dict[str, Any]]:
    """B-cubed of the default and the dense scorer on every test part."""
    encode = encode or DenseEncoder().encode
    rows = []
    for name, data, dated in test_parts(root):
        data = embedded(data, encode)
        data = data if dated else data.undated()
        window = DEFAULT_WINDOW_DAYS if dated else None
        rows.append(
            {
                "setting": name,
                "articles": len(data.docs),
                "default": score(data, EventClusterer(window_days=window)),
                "dense": score(data, EventClusterer(window_days=window, dense=True)),
            }
        )
    return rows


def dense_table(rows: Sequence[dict[str, Any]]) -> Table:
    """The two scorers side by side."""
    table = Table(title="Event clustering with and without MiniLM embeddings (B3 P / R / F1)")
    for column in ("set (articles)", "default (no model)", "dense (--dense)"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            f"{row['setting']} ({row['articles']})",
            prf_cell(row["default"]),
            prf_cell(row["dense"]),
        )
    return table


def main() -> None:
    """Print the table (needs the evaluation data and storyline[dense])."""
    Console().print(dense_table(dense_rows(data_root())))


if __name__ == "__main__":
    main()
