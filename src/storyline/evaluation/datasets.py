"""Loaders for the labelled evaluation data (never bundled; found through ``STORYLINE_DATA``).

The data is third-party and licensed for evaluation only, so it stays outside the repository;
``STORYLINE_DATA`` points at it and defaults to ``../shared/data`` relative to the checkout.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

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
        docs = [replace(d, day=None) for d in self.docs]
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


def _stream_set(name: str, labelled: Iterable[tuple[ClusterDoc, str]]) -> LabelledSet:
    """A dated set in (date, id) order, each document once (its first occurrence wins)."""
    seen: dict[str, tuple[ClusterDoc, str]] = {}
    for doc, label in labelled:
        seen.setdefault(doc.id, (doc, label))
    ordered = sorted(seen.values(), key=lambda pair: (pair[0].day or date.min, pair[0].id))
    docs = [doc for doc, _ in ordered]
    return LabelledSet(name, docs, [label for _, label in ordered], any(d.day for d in docs))


def _duc_docs(year: str, root: Path) -> Iterator[tuple[ClusterDoc, str]]:
    path = root / "summarization" / f"duc{year}_task2.jsonl"
    for cluster in _records(path):
        topic = cluster["id"].rsplit("_d", 1)[1].rstrip("t")  # duc2004_d30001t -> 30001
        for rec in cluster["docs"]:
            day = date.fromisoformat(rec["date"]) if rec.get("date") else None
            yield ClusterDoc(rec["id"], "", rec.get("text") or "", day), topic


def load_duc(which: Literal["2003", "2004", "mixed"], root: Path | None = None) -> LabelledSet:
    """DUC 2003/2004 Task 2 documents as a news stream labelled by TDT topic.

    Each DUC cluster is one TDT topic, and the label is its number (``duc2004_d30001t`` gives
    ``"30001"``), so the 21 topics that DUC 2003 and DUC 2004 share get one label in the mixed
    stream. 57 document entries repeat an article already listed (in another cluster of the
    same year, or in the other year; 35 of them under a different topic); a stream holds each
    article once, so only its first occurrence is kept, with its label (DUC 2003 before DUC
    2004, clusters in file order). That leaves 289 (2003), 489 (2004) and 741 (mixed)
    documents, where the README lists 298 and 500 entries.

    Args:
        which: ``"2003"`` (the usual dev set), ``"2004"`` (test) or ``"mixed"`` (both).
        root: The data folder; :func:`data_root` when None.

    Returns:
        The documents in (date, id) order, titles empty, with their topic labels.
    """
    years = ("2003", "2004") if which == "mixed" else (which,)
    base = root or data_root()
    pairs = (pair for year in years for pair in _duc_docs(year, base))
    return _stream_set(f"duc{which}", pairs)


# T17 text is PTB-tokenised; the brackets and quotes would otherwise reach the clusterer as
# junk tokens (``-LRB-`` survives any token pattern), so map the common escapes back.
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}
_PTB_RE = re.compile("|".join(re.escape(k) for k in _PTB))


def unescape_ptb(text: str) -> str:
    """Undo the common Penn Treebank escapes (brackets and double quotes)."""
    return _PTB_RE.sub(lambda m: _PTB[m.group(0)], text)


def load_timeline17(root: Path | None = None) -> LabelledSet:
    """All 4,625 Timeline17 articles labelled by topic (one storyline each), with dates.

    Args:
        root: The data folder; :func:`data_root` when None.

    Returns:
        The nine topics mixed into one stream in (date, id) order; labels are topic ids
        such as ``t17_egypt``; text has its PTB escapes undone (:func:`unescape_ptb`).
    """
    path = (root or data_root()) / "timeline" / "t17.jsonl.gz"
    pairs = (
        (
            ClusterDoc(rec["id"], "", unescape_ptb(rec["text"]), date.fromisoformat(rec["date"])),
            topic["id"],
        )
        for topic in _records(path)
        for rec in topic["docs"]
    )
    return _stream_set("timeline17", pairs)


def load_extraction_pages(root: Path | None = None) -> list[dict[str, Any]]:
    """The 181 pages of the article-extraction benchmark (html, text_dump, truth_body)."""
    return list(_records((root or data_root()) / "extraction" / "pages.jsonl.gz"))


def real_texts(root: Path | None = None) -> list[str]:
    """The text of every real article of the labelled sets (AllSides, GoogleNews-TS, DUC
    2003+2004, Timeline17), in that order: the speed benchmarks' corpus."""
    sets = (
        load_clustering("allsides_roundups_2021", root),
        load_clustering("googlenews_ts", root),
        load_duc("mixed", root),
        load_timeline17(root),
    )
    return [d.text for data in sets for d in data.docs]
