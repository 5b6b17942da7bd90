"""The copy-lineage benchmark run through the product: generated pages → ingest → build.

:func:`lineage_bench` writes the pages of :func:`~storyline.evaluation.copybench.generate`
(third-party text, to a temporary folder only) as text dumps, one folder per outlet, ingests
and builds them with the product defaults in a temporary SQLite store, and scores the stored
lineage edges and flags with :func:`~storyline.evaluation.copybench_score.score`. Nothing about the
benchmark is told to the product: it sees pages, as a user's scrape.

:func:`minhash_rate` times the copy-detection stage alone (hashing, LSH, verification) on
the real articles of the labelled sets.
"""

from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path
from typing import Any

from storyline import pipeline
from storyline.evaluation.copybench import generate
from storyline.evaluation.copybench_score import score
from storyline.evaluation.datasets import real_texts
from storyline.model import Article
from storyline.provenance import CopyDetector, CopyItem
from storyline.provenance.lineage import wire_credit
from storyline.regrouping import BuildConfig
from storyline.store import Store


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "outlet"


def _write_pages(folder: Path, docs: list[Any]) -> None:
    """One file per page, named so that ingestion (in name order) follows publication order,
    as a feed or a daily scrape delivers them; the outlet is in the name for readers only."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (folder / f"{doc.id}--{_slug(doc.outlet)}.txt").write_text(doc.page, encoding="utf-8")


def _doc_id(article: Article) -> str:
    return Path(article.source).stem.split("--", 1)[0]


def _predictions(
    articles: list[Article], store: Store
) -> tuple[list[tuple[str, str, str]], dict[str, set[str]], dict[str, str]]:
    """Edges, flags and wire agencies in the benchmark's ids."""
    doc_of = {a.id: _doc_id(a) for a in articles}
    edges = [(doc_of[e.article_id], doc_of[e.source_id], e.relation) for e in store.lineage()]
    flags = {doc_of[a.id]: {f.kind for f in a.flags} for a in articles}
    # The agency's own story carries its credit but is no wire copy: it is attributed from
    # the credit; copies from their wire_copy flag ("Agency: ...").
    agencies = {doc_of[a.id]: credit[0] for a in articles if (credit := wire_credit(a))}
    agencies |= {
        doc_of[a.id]: f.detail.split(":", 1)[0]
        for a in articles
        for f in a.flags
        if f.kind == "wire_copy"
    }
    return edges, flags, agencies


def lineage_bench(
    root: Path | None = None, *, max_stories: int | None = None, seed: int = 0
) -> dict[str, Any]:
    """Generate the benchmark, run ingest + build on its pages, and score the lineage.

    Args:
        root: The labelled data folder (default: ``STORYLINE_DATA`` or ``../shared/data``).
        max_stories: Stories sampled per labelled set (all when None), for quick runs.
        seed: The generator's seed.

    Returns:
        :func:`~storyline.evaluation.copybench_score.score`'s result, plus ``pages``,
        ``ingest_seconds`` and ``build_seconds``.
    """
    docs, truth = generate(root=root, max_stories=max_stories, seed=seed)
    with tempfile.TemporaryDirectory(prefix="storyline-copybench-") as tmp:
        folder = Path(tmp) / "pages"
        _write_pages(folder, docs)
        with Store(Path(tmp) / "bench.db") as store:
            started = time.perf_counter()
            pipeline.ingest(store, [str(folder)])
            ingested = time.perf_counter()
            pipeline.build(store, BuildConfig(n_jobs=-1))
            built = time.perf_counter()
            articles = store.articles()
            edges, flags, agencies = _predictions(articles, store)
    result = score(docs, truth, edges, flags, agencies)
    return result | {
        "seed": seed,
        "pages": len(docs),
        "articles": len(articles),
        "ingest_seconds": ingested - started,
        "build_seconds": built - ingested,
    }


def minhash_rate(root: Path | None = None, n_jobs: int = 2) -> dict[str, float]:
    """Articles per second of copy detection alone on every real article of the labelled
    sets (AllSides, GoogleNews-TS, DUC 2003+2004, Timeline17), with ``n_jobs`` processes."""
    texts = real_texts(root)
    items = [CopyItem(str(i), text) for i, text in enumerate(texts)]
    started = time.perf_counter()
    edges = CopyDetector(n_jobs=n_jobs).find(items)
    seconds = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts) / len(texts)
    return {
        "articles": len(items),
        "mean_words": words,
        "seconds": seconds,
        "rate": len(items) / seconds,
        "copies": len(edges),
        "n_jobs": n_jobs,
    }


#: Which demo articles should carry each flag: the truth kinds of tests/fixtures/demo_truth.json.
DEMO_FLAGS = {
    "wire_copy": ("wire_copy", "content_farm_copy"),
    "page_date_suspect": ("content_farm_copy",),
    "content_farm_signals": ("content_farm_copy",),
    "rewrite": ("ai_rewrite",),
    "ai_disclosed": ("ai_rewrite",),
    "near_duplicate or exact_duplicate": ("wire_copy", "content_farm_copy", "html_text_pair"),
}
REPO = Path(__file__).resolve().parents[3]


def demo_flags(repo: Path = REPO) -> dict[str, Any] | None:
    """Flag precision and recall, and independent-source counts, on the labelled demo corpus.

    The demo's same page saved as HTML and as text (``html_text_pairs``) may be either way
    round: one of the two flagged as a duplicate counts as right. None when the repository's
    demo corpus and its truth are not at hand (an installed package).
    """
    import json

    truth_path = repo / "tests" / "fixtures" / "demo_truth.json"
    if not truth_path.is_file():
        return None
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    with (
        tempfile.TemporaryDirectory(prefix="storyline-demo-") as tmp,
        Store(Path(tmp) / "demo.db") as store,
    ):
        pipeline.ingest(store, [str(repo / "examples" / "demo")])
        pipeline.build(store)
        doc = pipeline.export(store)
    kinds = _demo_kinds(doc, truth, repo / "examples" / "demo")
    return {"flags": _flag_rows(doc, kinds), "sources": _source_rows(doc, kinds)}


def _demo_kinds(doc: dict[str, Any], truth: dict[str, Any], demo: Path) -> dict[str, str]:
    """Article id → its truth kind (``html_text_pair`` for both pages of a saved pair)."""
    paired = {source for pair in truth["notes"]["html_text_pairs"] for source in pair}
    # A feed file holds many articles (told apart by URL); any other file holds one.
    by_key = {
        (t["source"], t["url"] if t["source"].endswith((".jsonl", ".rss")) else None): t
        for t in truth["articles"]
    }
    kinds = {}
    for article in doc["articles"]:
        source = str(Path(article["source"].split("#")[0]).relative_to(demo))
        feed = source.endswith((".jsonl", ".rss"))
        found = by_key[(source, article["url"] if feed else None)]
        kinds[article["id"]] = "html_text_pair" if source in paired else found["kind"]
    return kinds


def _flag_rows(doc: dict[str, Any], kinds: dict[str, str]) -> dict[str, dict[str, int]]:
    rows = {}
    for flag, wanted in DEMO_FLAGS.items():
        names = set(flag.split(" or "))
        flagged = {a["id"] for a in doc["articles"] if names & {f["kind"] for f in a["flags"]}}
        expected = {aid for aid, kind in kinds.items() if kind in wanted}
        pairs = sum(1 for kind in kinds.values() if kind == "html_text_pair") // 2
        truth_count = len(expected) - (pairs if "html_text_pair" in wanted else 0)
        rows[flag] = {
            "predicted": len(flagged),
            "right": len(flagged & expected),
            "truth": truth_count,
        }
    return rows


def _source_rows(doc: dict[str, Any], kinds: dict[str, str]) -> dict[str, int]:
    """Events and storylines whose independent-source count equals the truth's originals
    (a saved HTML/text pair counts once)."""

    def originals(article_ids: list[str]) -> int:
        plain = sum(1 for a in article_ids if kinds[a] == "original")
        return plain + sum(1 for a in article_ids if kinds[a] == "html_text_pair") // 2

    events = {e["id"]: e for e in doc["events"]}
    story_ids = {
        s["id"]: [a for e in s["event_ids"] for a in events[e]["article_ids"]]
        for s in doc["storylines"]
    }
    return {
        "events": len(events),
        "events_right": sum(
            e["independent_sources"] == originals(e["article_ids"]) for e in events.values()
        ),
        "storylines": len(story_ids),
        "storylines_right": sum(
            s["independent_sources"] == originals(story_ids[s["id"]]) for s in doc["storylines"]
        ),
    }


def lineage_table(results: dict[str, Any], minhash: dict[str, float]) -> Any:
    """The copy-lineage benchmark table: per relation and flag, precision and recall."""
    from rich.table import Table

    table = Table(
        title=(
            f"Copy lineage: generated benchmark, {results['pages']} pages (seed "
            f"{results['seed']}; thresholds chosen on seed 0) · MinHash stage "
            f"{minhash['rate']:,.0f} art/s on {minhash['articles']:,} real articles "
            f"({minhash['n_jobs']} processes)"
        )
    )
    for column in ("what", "P", "R", "counts"):
        table.add_column(column)
    for name, cell in _lineage_cells(results):
        table.add_row(name, f"{cell['precision']:.3f}", f"{cell['recall']:.3f}", _counts(cell))
    mislabelled = results["independent_mislabelled"]
    sources = results["independent_sources"]
    table.add_row(
        "independent reports marked as copies", f"{mislabelled['share']:.2%}", "",
        f"{mislabelled['count']}/{mislabelled['of']}",
    )  # fmt: skip
    table.add_row(
        "independent-source count", f"MAE {sources['mae']:.3f}", "",
        f"exact for {sources['exact']:.1%} of {sources['stories']} stories",
    )  # fmt: skip
    return table


def _lineage_cells(results: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    cells = [(name, results["relations"][name]) for name in ("copy", "containment", "rewrite")]
    cells.append(("any lineage edge (relation ignored)", results["linked"]))
    cells.append(("wire agency attribution", results["wire"]["agency"]))
    cells.extend((f"flag {name}", cell) for name, cell in results["flags"].items())
    return cells


def _counts(cell: dict[str, Any]) -> str:
    return (
        f"{cell['correct']}/{cell['predicted']} predicted right, "
        f"{cell['found']}/{cell['truth']} found"
    )


def demo_table(found: dict[str, Any]) -> Any:
    """Flag precision/recall and independent-source counts on the labelled demo corpus."""
    from rich.table import Table

    table = Table(title="Trust flags on the labelled demo corpus (tests/fixtures/demo_truth.json)")
    for column in ("flag", "P", "R", "counts"):
        table.add_column(column)
    for flag, row in found["flags"].items():
        precision = row["right"] / row["predicted"] if row["predicted"] else 1.0
        recall = row["right"] / row["truth"] if row["truth"] else 1.0
        counts = f"{row['right']}/{row['predicted']} right, {row['right']}/{row['truth']} found"
        table.add_row(flag, f"{precision:.3f}", f"{recall:.3f}", counts)
    sources = found["sources"]
    table.add_row(
        "independent-source count", "", "",
        f"right for {sources['events_right']}/{sources['events']} events, "
        f"{sources['storylines_right']}/{sources['storylines']} storylines",
    )  # fmt: skip
    return table
