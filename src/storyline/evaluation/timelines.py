"""Timelines on Timeline17 with the news-tls protocol (Gholipour Ghalandari & Ifrim 2020).

Each of the 19 reference timelines is one instance: the topic's articles published between
its first and last date are the input, the timeline gets as many dates as the reference and
round(mean reference sentences per date) sentences per date. Scores: alignment-based ROUGE-1
and ROUGE-2 (tilse's ``align+ m:1``, Martschat & Markert 2017) and date F1 (exact days);
precision and recall are averaged over instances and F computed from the averages.

ROUGE is tilse's Python reimplementation (``rouge_computation="reimpl"``: Porter stemming,
ROUGE-1.5.5's stop-word list removed), not the Perl script news-tls calls — tilse documents it
as close to, not equal to, ROUGE-1.5.5. Both sides are lower-cased and split into
alphanumeric tokens first (T17 is PTB-tokenised, our sentences are not, and tilse splits on
spaces only). tilse is installed without its dependencies (``make install``), which its
ROUGE does not need.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from storyline.compose.timeline import Dated, Entry, timeline
from storyline.evaluation.datasets import data_root, unescape_ptb

#: Topics tuned on; the other six are held out.
DEV_TOPICS = ("t17_bpoil", "t17_h1n1", "t17_mj")
_TOKEN = re.compile(r"[a-z0-9]+")


def load_topics(root: Path | None = None) -> list[dict[str, Any]]:
    """The nine Timeline17 topics (articles and reference timelines), empty when absent."""
    path = (root or data_root()) / "timeline" / "t17.jsonl.gz"
    if not path.is_file():
        return []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def instances(
    topics: list[dict[str, Any]], split: str = "all"
) -> Iterator[tuple[str, list[Dated], list[dict[str, str]]]]:
    """(name, input articles, reference) per reference timeline of the ``split``
    (``dev``, ``test`` or ``all``)."""
    for topic in topics:
        if split != "all" and (topic["id"] in DEV_TOPICS) != (split == "dev"):
            continue
        docs = [
            Dated(d["id"], unescape_ptb(d["text"]), date.fromisoformat(d["date"]))
            for d in topic["docs"]
        ]
        for name, reference in zip(
            topic["reference_timeline_names"], topic["reference_timelines"], strict=True
        ):
            first, last = (date.fromisoformat(reference[i]["date"]) for i in (0, -1))
            window = [d for d in docs if d.published and first <= d.published <= last]
            yield f"{topic['id']}/{name}", window, reference


def predict(docs: list[Dated], reference: list[dict[str, str]]) -> list[Entry]:
    """Our timeline for one instance, sized as the protocol says."""
    per_date = [len(entry["text"].splitlines()) for entry in reference]
    first, last = (date.fromisoformat(reference[i]["date"]) for i in (0, -1))
    return timeline(
        docs,
        max_dates=len(reference),
        sentences_per_date=max(1, round(sum(per_date) / len(per_date))),
        min_weight=0.0,
        window=(first, last),
    )


def _tokens(sentence: str) -> str:
    return " ".join(_TOKEN.findall(unescape_ptb(sentence).lower()))


def score_instance(entries: list[Entry], reference: list[dict[str, str]]) -> dict[str, float]:
    """ROUGE-1/2 (align+ m:1) and date precision/recall of one timeline."""
    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation.rouge import TimelineRougeEvaluator

    predicted = Timeline(
        {e.day: [_tokens(c.text) for c in e.summary] for e in entries if e.summary}
    )
    truth = GroundTruth(
        [
            Timeline(
                {
                    date.fromisoformat(r["date"]): [_tokens(s) for s in r["text"].splitlines()]
                    for r in reference
                }
            )
        ]
    )
    evaluator = TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"], rouge_computation="reimpl")
    scores = evaluator.evaluate_align_date_content_costs_many_to_one(predicted, truth)
    ours = {e.day for e in entries if e.summary}
    theirs = {date.fromisoformat(r["date"]) for r in reference}
    hits = len(ours & theirs)
    return {
        "r1_p": scores["rouge_1"]["precision"],
        "r1_r": scores["rouge_1"]["recall"],
        "r2_p": scores["rouge_2"]["precision"],
        "r2_r": scores["rouge_2"]["recall"],
        "date_p": hits / len(ours) if ours else 0.0,
        "date_r": hits / len(theirs),
    }


def evaluate(root: Path | None = None, split: str = "all") -> dict[str, float]:
    """news-tls scores over the ``split``'s instances: R-1, R-2 and date F1 (F of the
    averaged P and R), plus the instance count. Empty when T17 is not at hand."""
    return aggregate(instance_scores(root, split))


def instance_scores(root: Path | None = None, split: str = "all") -> list[dict[str, float]]:
    """:func:`score_instance` of every instance of the ``split``."""
    return [
        score_instance(predict(docs, reference), reference)
        for _, docs, reference in instances(load_topics(root), split)
    ]


def aggregate(rows: list[dict[str, float]]) -> dict[str, float]:
    """R-1, R-2 and date F1 from the averaged precisions and recalls of ``rows``."""
    if not rows:
        return {}
    result: dict[str, float] = {"instances": len(rows)}
    for metric in ("r1", "r2", "date"):
        p = sum(r[f"{metric}_p"] for r in rows) / len(rows)
        r = sum(r[f"{metric}_r"] for r in rows) / len(rows)
        result[metric] = 2 * p * r / (p + r) if p + r else 0.0
    return result


#: news-tls Datewise on T17 (Gholipour Ghalandari & Ifrim 2020, Table 3, as recalled in the
#: data README; ROUGE-1.5.5 through tilse, all 19 instances).
PUBLISHED = {
    "Datewise (news-tls)": (0.120, 0.035, 0.544),
    "Clust (news-tls)": (0.082, 0.020, 0.407),
}


def timelines_table(ours: dict[str, dict[str, float]]) -> Any:
    """Our T17 scores per split next to the published anchors."""
    from rich.table import Table

    table = Table(
        title="Timelines, Timeline17 (news-tls protocol: align+ m:1 ROUGE F1 with tilse's "
        "Python ROUGE, date F1; dev = bpoil, h1n1, mj)"
    )
    for column in ("system", "instances", "ROUGE-1", "ROUGE-2", "date F1"):
        table.add_column(column)
    for split, found in ours.items():
        table.add_row(
            f"storyline ({split})",
            str(int(found["instances"])),
            f"{found['r1']:.3f}",
            f"{found['r2']:.3f}",
            f"{found['date']:.3f}",
        )
    for system, (one, two, dates) in PUBLISHED.items():
        table.add_row(f"{system}, published", "19", f"{one:.3f}", f"{two:.3f}", f"{dates:.3f}")
    return table
