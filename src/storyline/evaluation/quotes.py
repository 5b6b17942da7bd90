"""Quote attribution on PolNeAR (Newell, Margolin & Ruths, LREC 2018): who said what, scored.

PolNeAR annotates every attribution relation in 1,008 US political news articles of 2016 with
BRAT standoff spans: the *source* (the speaker as written: "Flynn", "he", "sources"), the *cue*
("said") and the *content* (what was said). Its texts are third-party and are read from
``STORYLINE_DATA/quotes/polnear/<split>/`` (``text/<name>.txt``, ``attributions/<name>.ann``;
see that folder's README), never from the repository.

Scored here (direct quotes, the part of attribution a quotation mark makes unambiguous):

* **detection**: a predicted quote is right when at least half of it lies in the content of
  a gold attribution; recall counts the gold attributions whose content holds a quotation
  mark (direct or mixed quotes) that some predicted quote falls in;
* **speaker accuracy**: among right quotes, the share whose speaker mention overlaps the
  gold source span (an unattributed quote counts as wrong);
* **span F1**: character overlap F1 of each right quote with its gold content, averaged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.analyze.quotes import Quote, direct_quotes, reported_speech
from storyline.evaluation.datasets import data_root

_RANGES = re.compile(r"(\d+) (\d+)")


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: character ranges of its source and its content."""

    source: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]

    def content_chars(self) -> int:
        return sum(end - start for start, end in self.content)


@dataclass(frozen=True)
class GoldArticle:
    """A PolNeAR article and its attributions that name a source."""

    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def polnear_folder(split: str, root: Path | None = None) -> Path:
    """Where a split of PolNeAR lives under the data folder."""
    return (root or data_root()) / "quotes" / "polnear" / split


def load_polnear(split: str, root: Path | None = None) -> list[GoldArticle]:
    """Every article of a split with its sourced attributions (empty when absent)."""
    folder = polnear_folder(split, root)
    articles = []
    for path in sorted((folder / "attributions").glob("*.ann")):
        text_path = folder / "text" / f"{path.stem}.txt"
        if text_path.is_file():
            text = text_path.read_text(encoding="utf-8")
            found = tuple(_attributions(path.read_text(encoding="utf-8")))
            articles.append(GoldArticle(path.stem, text, found))
    return articles


def _attributions(ann: str) -> Iterator[GoldAttribution]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            spans[parts[0]] = (label, tuple((int(a), int(b)) for a, b in _RANGES.findall(ranges)))
    for line in ann.splitlines():
        if not line.startswith("E"):
            continue
        roles = dict(part.split(":") for part in line.split("\t")[1].split() if ":" in part)
        if "Source" in roles and "Content" in roles:
            yield GoldAttribution(spans[roles["Source"]][1], spans[roles["Content"]][1])


def _overlap(a: tuple[int, int], ranges: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], end) - max(a[0], start)) for start, end in ranges)


def _quoted(text: str, gold: GoldAttribution) -> bool:
    """Whether a gold content holds (or opens with) a quotation mark: a direct quote."""
    first = gold.content[0][0]
    window = text[max(0, first - 2) : gold.content[-1][1] + 1]
    return bool(re.search(r"[“”\"]", window))


@dataclass
class _Tally:
    predicted: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0
    speaker_right: int = 0
    span_f1: float = 0.0


def _score_article(article: GoldArticle, tallies: dict[str, _Tally]) -> None:
    direct = direct_quotes(article.text)
    predicted = {"direct": direct, "indirect": reported_speech(article.text, direct)}
    hit: set[int] = set()
    for kind, quotes in predicted.items():
        tally = tallies[kind]
        tally.predicted += len(quotes)
        for quote in quotes:
            match = _best_gold(quote, article.attributions)
            if match is None:
                continue
            index, gold = match
            hit.add(index)
            tally.right += 1
            tally.span_f1 += _span_f1(quote, gold)
            mention = (quote.speaker_start, quote.speaker_start + len(quote.speaker or ""))
            if quote.speaker is not None and _overlap(mention, gold.source) > 0:
                tally.speaker_right += 1
    for index, gold in enumerate(article.attributions):
        tally = tallies["direct" if _quoted(article.text, gold) else "indirect"]
        tally.gold += 1
        tally.found += index in hit


def _best_gold(
    quote: Quote, golds: Sequence[GoldAttribution]
) -> tuple[int, GoldAttribution] | None:
    span = (quote.start, quote.end)
    scored = [(_overlap(span, g.content), i, g) for i, g in enumerate(golds)]
    best = max(scored, default=None, key=lambda t: t[0])
    if best is None or best[0] * 2 < quote.end - quote.start:
        return None
    return best[1], best[2]


def _span_f1(quote: Quote, gold: GoldAttribution) -> float:
    shared = _overlap((quote.start, quote.end), gold.content)
    precision = shared / max(quote.end - quote.start, 1)
    recall = shared / max(gold.content_chars(), 1)
    return 2 * precision * recall / (precision + recall) if shared else 0.0


def score_quotes(articles: Sequence[GoldArticle]) -> dict[str, Any]:
    """Per kind (``direct``, ``indirect``): detection precision/recall, speaker accuracy and
    span F1. Gold attributions are direct when their content holds a quotation mark."""
    tallies = {"direct": _Tally(), "indirect": _Tally()}
    for article in articles:
        _score_article(article, tallies)
    return {"articles": len(articles)} | {
        kind: {
            "predicted": tally.predicted,
            "precision": tally.right / max(tally.predicted, 1),
            "gold": tally.gold,
            "recall": tally.found / max(tally.gold, 1),
            "speaker_accuracy": tally.speaker_right / max(tally.right, 1),
            "span_f1": tally.span_f1 / max(tally.right, 1),
        }
        for kind, tally in tallies.items()
    }


def quotes_table(results: dict[str, dict[str, Any]]) -> Any:
    """Direct-quote detection and speaker attribution per PolNeAR split."""
    from rich.table import Table

    table = Table(
        title="Who said what: quotes and reported speech (PolNeAR: speaker = predicted mention "
        "overlaps the gold source; demo: resolved speaker names the gold speaker; rules written "
        "looking at the demo and PolNeAR dev only)"
    )
    for column in ("set", "kind", "articles", "P", "R", "speaker accuracy", "span F1"):
        table.add_column(column)
    for split, found in results.items():
        for kind in ("direct", "indirect"):
            row = found[kind]
            precision = f"{row['precision']:.3f} of " if "precision" in row else ""
            table.add_row(
                split,
                kind,
                str(found["articles"]),
                f"{precision}{row['predicted']}",
                f"{row['recall']:.3f} of {row['gold']}",
                f"{row['speaker_accuracy']:.3f}",
                f"{row['span_f1']:.3f}" if "span_f1" in row else "—",
            )
    return table


def _norm(name: str | None) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", (name or "").lower().strip())


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """Whether a resolved speaker names the gold speaker: equal, or the same surname
    ("Dren" / "Oskar Dren"), case and a leading article ignored."""
    a, b = _norm(predicted), _norm(gold)
    return bool(a and b) and (a == b or a.split()[-1] == b.split()[-1])


def demo_quotes(repo: Path | None = None) -> dict[str, Any] | None:
    """Who said what on the demo corpus against ``tests/fixtures/demo_quotes.json``.

    A gold quote is found when a predicted quote of its kind holds its first 40 characters
    (or the reverse); its speaker is right when the resolved speaker names the gold speaker
    (:func:`same_speaker`). None when the repository's fixtures are not at hand.
    """
    import json
    import tempfile

    from storyline import pipeline
    from storyline.analyze import analyze
    from storyline.store import Store

    repo = repo or Path(__file__).resolve().parents[3]
    gold_path = repo / "tests" / "fixtures" / "demo_quotes.json"
    if not gold_path.is_file():
        return None
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    demo = repo / "examples" / "demo"
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "q.db") as store:
        pipeline.ingest(store, [str(demo)])
        articles = {_demo_key(a.source, a.url, demo): a for a in store.articles()}
    tally = {kind: [0, 0, 0, 0] for kind in ("direct", "indirect")}  # gold, found, right, pred
    chosen = [articles[_demo_key(e["source"], e["url"], None)] for e in gold["articles"]]
    analysed = analyze([(a.id, a.text) for a in chosen])
    for entry, analysis in zip(gold["articles"], analysed, strict=True):
        predicted = analysis.attributions
        for kind, row in tally.items():
            row[3] += sum(1 for p in predicted if p.kind == kind)
        for quote in entry["quotes"]:
            _tally_quote(quote, predicted, tally[quote["kind"]])
    return {
        kind: {
            "gold": g,
            "recall": found / max(g, 1),
            "predicted": pred,
            "speaker_accuracy": right / max(found, 1),
        }
        for kind, (g, found, right, pred) in tally.items()
    }


def _demo_key(source: str, url: str | None, demo: Path | None) -> tuple[str, str | None]:
    path = source.split("#")[0]
    if demo is not None:
        path = str(Path(path).relative_to(demo))
    return path, url if path.endswith((".jsonl", ".rss")) else None


def _tally_quote(quote: dict[str, Any], predicted: Sequence[Any], row: list[int]) -> None:
    row[0] += 1
    text = quote["text"].strip(" .,")
    match = next(
        (
            p
            for p in predicted
            if p.kind == quote["kind"]
            and (text[:40] in p.text or p.text.strip(" .,”“")[:40] in text)
        ),
        None,
    )
    if match is not None:
        row[1] += 1
        row[2] += same_speaker(match.speaker, quote["speaker"])


def analysis_rate(root: Path | None = None, n_jobs: int = 2, limit: int = 2000) -> dict[str, Any]:
    """Articles per second of the whole analysis (quotes, speakers, entities with spaCy's
    small model) on an even sample of ``limit`` real articles of the labelled sets
    (AllSides, GoogleNews-TS, DUC, Timeline17), ``n_jobs`` processes, model loading
    included."""
    import time

    from storyline.analyze import analyze
    from storyline.evaluation.datasets import real_texts

    texts = real_texts(root)
    sample = texts[:: max(1, len(texts) // limit)][:limit]
    started = time.perf_counter()
    found = list(analyze([(str(i), t) for i, t in enumerate(sample)], n_jobs=n_jobs))
    seconds = time.perf_counter() - started
    return {
        "articles": len(sample),
        "mean_words": sum(len(t.split()) for t in sample) / max(len(sample), 1),
        "seconds": seconds,
        "rate": len(sample) / seconds,
        "quotes": sum(len(a.attributions) for a in found),
        "mentions": sum(len(a.mentions) for a in found),
        "n_jobs": n_jobs,
    }
