"""Summaries on DUC 2003/2004 Task 2 (100-word generic multi-document summaries).

Scored with Google's ``rouge-score`` (ROUGE-N recall, Porter stemming, stop words kept),
each summary cut to 100 words and its recall averaged over the four human references —
ROUGE-1.5.5's ``-m -l 100 -f A`` protocol, with two stated differences: rouge-score
tokenises on non-alphanumerics (1.5.5 keeps some punctuation-joined tokens) and its Porter
stemmer has no WordNet exception list. :func:`score_sumrepo` runs the same scorer on the
published systems' outputs so that our numbers sit next to theirs measured the same way.

Citation precision: the share of summary sentences found verbatim (whitespace aside) in
every article they cite (1.0 for an extractive summary whose first citation is its origin)
and whose other citations hold a sentence with the same content words (Dice ≥ 0.5).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from storyline.analyze.quotes import sentences
from storyline.compose.summary import CITE_DICE, Source, _dice, content, stems, summarize
from storyline.evaluation.datasets import data_root


def load_clusters(year: str, root: Path | None = None) -> list[dict[str, Any]]:
    """The DUC ``year`` Task 2 clusters (documents and references), empty when absent."""
    path = (root or data_root()) / "summarization" / f"duc{year}_task2.jsonl"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _sources(cluster: dict[str, Any]) -> list[Source]:
    return [
        Source(d["id"], d["text"], date.fromisoformat(d["date"]) if d.get("date") else None)
        for d in cluster["docs"]
    ]


def rouge_recall(summary: str, references: list[str], words: int = 100) -> tuple[float, float]:
    """ROUGE-1 and ROUGE-2 recall of a summary cut to ``words`` words, averaged over the
    references."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    cut = " ".join(summary.split()[:words])
    scores = [scorer.score(reference, cut) for reference in references]
    r1 = sum(s["rouge1"].recall for s in scores) / len(scores)
    r2 = sum(s["rouge2"].recall for s in scores) / len(scores)
    return r1, r2


def score_duc(year: str, root: Path | None = None, **options: Any) -> dict[str, Any]:
    """Our summaries of every cluster of DUC ``year``: mean ROUGE-1/2 recall (×100) and
    citation precision; ``options`` go to :func:`summarize`."""
    r1 = r2 = 0.0
    cited = right = 0
    clusters = load_clusters(year, root)
    for cluster in clusters:
        docs = _sources(cluster)
        summary = summarize(docs, **options)
        one, two = rouge_recall(" ".join(s.text for s in summary), cluster["references"])
        r1, r2 = r1 + one, r2 + two
        for sentence in summary:
            cited += 1
            right += _supported(sentence.text, sentence.article_ids, docs)
    count = max(len(clusters), 1)
    return {
        "clusters": len(clusters),
        "rouge1": 100 * r1 / count,
        "rouge2": 100 * r2 / count,
        "citation_precision": right / max(cited, 1),
    }


def _supported(text: str, article_ids: tuple[str, ...], docs: list[Source]) -> bool:
    by_id = {d.id: d for d in docs}
    origin = by_id[article_ids[0]]
    if text not in " ".join(origin.text.split()):
        return False
    wanted = content(stems(text))
    return all(
        any(
            _dice(wanted, content(stems(by_id[i].text[a:b]))) >= CITE_DICE
            for a, b in sentences(by_id[i].text)
        )
        for i in article_ids[1:]
    )


def score_sumrepo(root: Path | None = None) -> Iterator[tuple[str, float, float]]:
    """(system, ROUGE-1, ROUGE-2) of each published DUC 2004 system, scored as ours."""
    base = root or data_root()
    references = {c["id"]: c["references"] for c in load_clusters("2004", base)}
    path = base / "summarization" / "duc2004_task2_sumrepo_system_summaries.jsonl"
    totals: dict[str, list[float]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            one, two = rouge_recall(record["summary"], references[record["id"]])
            tally = totals.setdefault(record["system"], [0.0, 0.0, 0.0])
            tally[0] += one
            tally[1] += two
            tally[2] += 1
    for system, (one, two, count) in totals.items():
        yield system, 100 * one / count, 100 * two / count


def summaries_table(
    ours: dict[str, dict[str, Any]], systems: list[tuple[str, float, float]]
) -> Any:
    """Our DUC scores next to the published DUC 2004 systems scored the same way."""
    from rich.table import Table

    table = Table(
        title="Cited summaries, DUC Task 2 (rouge-score recall ×100, 100 words, Porter "
        "stemming; settings chosen on DUC 2003; published systems re-scored identically)"
    )
    for column in ("system", "set", "ROUGE-1", "ROUGE-2", "citation precision"):
        table.add_column(column)
    for year, found in ours.items():
        table.add_row(
            "storyline",
            f"DUC {year}",
            f"{found['rouge1']:.2f}",
            f"{found['rouge2']:.2f}",
            f"{found['citation_precision']:.3f}",
        )
    for system, one, two in sorted(systems, key=lambda row: -row[1]):
        table.add_row(system, "DUC 2004", f"{one:.2f}", f"{two:.2f}", "—")
    return table
