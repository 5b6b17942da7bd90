"""Loaders for the labelled evaluation data (never bundled; found through ``STORYLINE_DATA``).

The data is third-party and licensed for evaluation only, so it stays outside the repository;
``STORYLINE_DATA`` points at it and defaults to ``../shared/data`` relative to the checkout.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from storyline.cluster import ClusterDoc


def data_root() -> Path:
    """The evaluation data folder: ``$STORYLINE_DATA`` or ``../shared/data``."""
    configured = os.environ.get("STORYLINE_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def _records(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


@dataclass(frozen=True)
class LabelledSet:
    """A clustering set: documents and their gold labels, in file order."""

    name: str
    docs: list[ClusterDoc]
    gold: list[str]
    has_dates: bool

    def undated(self) -> LabelledSet:
        """The same set with every date removed."""
        docs = [ClusterDoc(d.id, d.title, d.text, None) for d in self.docs]
        return LabelledSet(self.name + " (no dates)", docs, self.gold, False)


def load_clustering(name: str, root: Path | None = None) -> LabelledSet:
    """Load ``allsides_roundups_2021`` or ``googlenews_ts`` from ``clustering/``."""
    path = (root or data_root()) / "clustering" / f"{name}.jsonl"
    docs, gold = [], []
    for rec in _records(path):
        day = date.fromisoformat(rec["date"]) if rec.get("date") else None
        docs.append(ClusterDoc(rec["id"], rec.get("title") or "", rec.get("text") or "", day))
        gold.append(rec["cluster"])
    return LabelledSet(name, docs, gold, any(d.day for d in docs))


def load_extraction_pages(root: Path | None = None) -> list[dict[str, Any]]:
    """The 181 pages of the article-extraction benchmark (html, text_dump, truth_body)."""
    return list(_records((root or data_root()) / "extraction" / "pages.jsonl.gz"))
