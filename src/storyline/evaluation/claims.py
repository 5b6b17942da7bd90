"""Claim grouping and corroboration status on the demo corpus, against hand labels.

``tests/fixtures/demo_claims.json`` groups the gold quotes of ``demo_quotes.json`` (every
quote and reported statement of the 48 original demo articles) into propositions: 87 groups
of two or more claims or holding a denial, each with its status (``corroborated``,
``single_source``, ``disputed``) and its number of independent sources counted through the
copy lineage of ``demo_truth.json``; every gold claim not listed is a proposition of its
own. The demo corpus is built and analysed as a user would (``storyline run``) and its
exported claims are scored:

* **grouping**: pairwise precision and recall over the gold claims the analysis found (a
  pair is positive when both claims are in one group);
* **status**: share of the listed groups whose found claims mostly sit in a predicted group
  of the gold status (and with the gold number of independent sources);
* **polarity**: share of the listed claims found whose ``asserts``/``denies`` is right.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from storyline import pipeline
from storyline.evaluation.quotes import _demo_key
from storyline.store import Store


def demo_claims(repo: Path | None = None) -> dict[str, Any] | None:
    """Grouping, status and polarity scores on the demo corpus (None without the fixtures)."""
    repo = repo or Path(__file__).resolve().parents[3]
    fixtures = repo / "tests" / "fixtures"
    if not (fixtures / "demo_claims.json").is_file():
        return None
    labels = json.loads((fixtures / "demo_claims.json").read_text(encoding="utf-8"))
    quotes = json.loads((fixtures / "demo_quotes.json").read_text(encoding="utf-8"))
    document, ids = _analysed_demo(repo / "examples" / "demo")
    gold = _gold_claims(quotes, labels)
    found = _match(gold, document["claims"], ids)
    status_of = {g["id"]: g for g in document["claim_groups"]}
    return {
        "claims": len(gold),
        "found": len(found),
        **_pairwise(gold, found),
        **_bcubed(gold, found),
        **_statuses(labels["groups"], gold, found, status_of),
        "polarity": _polarity(gold, found),
    }


def _analysed_demo(demo: Path) -> tuple[dict[str, Any], dict[tuple[str, str | None], str]]:
    """The exported document of the built and analysed demo, and its article ids by key."""
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "claims.db") as store:
        pipeline.ingest(store, [str(demo)])
        pipeline.build(store)
        pipeline.analyze(store)
        ids = {_demo_key(a.source, a.url, demo): a.id for a in store.articles()}
        return pipeline.export(store), ids


def _gold_claims(quotes: dict[str, Any], labels: dict[str, Any]) -> list[dict[str, Any]]:
    """Every gold quote as a claim with its gold group (its own when not listed)."""
    listed = {
        (c["source"], c["url"], c["text"]): (group["id"], c["polarity"])
        for group in labels["groups"]
        for c in group["claims"]
    }
    claims = []
    for article in quotes["articles"]:
        for index, quote in enumerate(article["quotes"]):
            where = (article["source"], article["url"])
            own = (f"own:{article['source']}:{index}", None)
            group, polarity = listed.get((*where, quote["text"]), own)
            claims.append(
                {"key": where, "text": quote["text"], "group": group, "polarity": polarity}
            )
    return claims


def _match(
    gold: Sequence[dict[str, Any]],
    predicted: Sequence[dict[str, Any]],
    ids: dict[tuple[str, str | None], str],
) -> dict[int, dict[str, Any]]:
    """Gold claim index → the predicted claim of its article holding its first 40
    characters (or held in it)."""
    by_article: dict[str, list[dict[str, Any]]] = {}
    for claim in predicted:
        by_article.setdefault(claim["article_id"], []).append(claim)
    found = {}
    for index, claim in enumerate(gold):
        text = claim["text"].strip(" .,")
        for candidate in by_article.get(ids.get(_key(claim["key"])) or "", []):
            other = candidate["text"].strip(" .,”“")
            if text[:40] in candidate["text"] or other[:40] in text:
                found[index] = candidate
                break
    return found


def _key(key: tuple[str, str | None]) -> tuple[str, str | None]:
    source, url = key
    return source, url if source.endswith((".jsonl", ".rss")) else None


def _pairwise(gold: Sequence[dict[str, Any]], found: dict[int, dict[str, Any]]) -> dict[str, float]:
    shared = both = predicted = 0
    for i, j in combinations(sorted(found), 2):
        same_gold = gold[i]["group"] == gold[j]["group"]
        same_found = found[i]["group_id"] == found[j]["group_id"]
        shared += same_gold and same_found
        both += same_gold
        predicted += same_found
    precision = shared / predicted if predicted else 0.0
    recall = shared / both if both else 0.0
    f1 = 2 * precision * recall / (precision + recall) if shared else 0.0
    return {"pair_precision": precision, "pair_recall": recall, "pair_f1": f1}


def _bcubed(gold: Sequence[dict[str, Any]], found: dict[int, dict[str, Any]]) -> dict[str, float]:
    """B-cubed precision and recall over the gold claims found (each claim weighs the same,
    whatever the size of its group)."""
    gold_of = {i: gold[i]["group"] for i in found}
    found_of = {i: claim["group_id"] for i, claim in found.items()}
    precision = recall = 0.0
    for i in found:
        same_found = [j for j in found if found_of[j] == found_of[i]]
        same_gold = [j for j in found if gold_of[j] == gold_of[i]]
        shared = sum(gold_of[j] == gold_of[i] for j in same_found)
        precision += shared / len(same_found)
        recall += shared / len(same_gold)
    precision, recall = precision / max(len(found), 1), recall / max(len(found), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"bcubed_precision": precision, "bcubed_recall": recall, "bcubed_f1": f1}


def _statuses(
    groups: Sequence[dict[str, Any]],
    gold: Sequence[dict[str, Any]],
    found: dict[int, dict[str, Any]],
    predicted: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """Per listed gold group, the predicted group holding most of its found claims."""
    rows = {}
    for group in groups:
        members = [found[i]["group_id"] for i in found if gold[i]["group"] == group["id"]]
        best = predicted.get(Counter(members).most_common(1)[0][0]) if members else None
        rows[group["id"]] = {
            "gold": group["status"],
            "gold_sources": group["independent_sources"],
            "status": best["status"] if best else "missing",
            "sources": best["independent_sources"] if best else 0,
            "denied_by": best["denied_by"] if best else [],
            "claims": len(best["claim_ids"]) if best else 0,
        }
    per_status: dict[str, list[bool]] = {}
    for row in rows.values():
        per_status.setdefault(row["gold"], []).append(row["status"] == row["gold"])
    return {
        "groups": len(groups),
        "status_accuracy": sum(r["status"] == r["gold"] for r in rows.values()) / max(len(rows), 1),
        "sources_accuracy": sum(r["sources"] == r["gold_sources"] for r in rows.values())
        / max(len(rows), 1),
        "per_status": {k: sum(v) / len(v) for k, v in per_status.items()},
        "status_rows": rows,
    }


def _polarity(gold: Sequence[dict[str, Any]], found: dict[int, dict[str, Any]]) -> float:
    scored = [(gold[i]["polarity"], c["polarity"]) for i, c in found.items() if gold[i]["polarity"]]
    return sum(a == b for a, b in scored) / max(len(scored), 1)


def claims_table(found: dict[str, Any], rate: dict[str, Any] | None) -> Any:
    """Claim grouping, status and polarity on the demo, and the analysis speed."""
    from rich.table import Table

    table = Table(title="Claims on the demo corpus (hand labels; dev) and analysis speed")
    table.add_column("measure")
    table.add_column("value")
    table.add_row("gold claims found", f"{found['found']} of {found['claims']}")
    table.add_row(
        "grouping B-cubed P / R / F1",
        f"{found['bcubed_precision']:.3f} / {found['bcubed_recall']:.3f} / "
        f"{found['bcubed_f1']:.3f}",
    )
    table.add_row(
        "grouping pairwise P / R", f"{found['pair_precision']:.3f} / {found['pair_recall']:.3f}"
    )
    per = ", ".join(f"{k} {v:.3f}" for k, v in sorted(found["per_status"].items()))
    table.add_row(f"status of {found['groups']} groups", f"{found['status_accuracy']:.3f} ({per})")
    table.add_row("independent sources exact", f"{found['sources_accuracy']:.3f}")
    table.add_row("polarity", f"{found['polarity']:.3f}")
    if rate is not None:
        table.add_row(
            f"analysis speed ({rate['n_jobs']} processes, {rate['articles']} real articles, "
            f"{rate['mean_words']:.0f} words)",
            f"{rate['rate']:.1f} articles/s",
        )
    return table
