"""Title, date and author accuracy on the labelled metadata set, ours next to trafilatura's.

The set and its scoring are defined in ``extraction/METADATA.md``: title and author match
exactly after whitespace normalisation and case folding, the date matches as ``YYYY-MM-DD``,
and each field's denominator is the pages that carry its label (no output counts as wrong).
Results are plain dicts so ``make bench`` can print or store them.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from storyline.evaluation.datasets import data_root
from storyline.evaluation.splits import split_of

FIELDS = ("title", "date", "author")
Guess = dict[str, str | None]
Extractor = Callable[[str, str], Guess]


def load_metadata_pages(root: Path | None = None) -> Iterator[dict[str, Any]]:
    """The records of ``extraction/metadata.jsonl.gz`` (html, url, lang and the labels)."""
    path = (root or data_root()) / "extraction" / "metadata.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def ours(html: str, url: str) -> Guess:
    """Our metadata extraction (no body extraction, which metadata does not need)."""
    from storyline.extract.html import metadata_from_html

    meta = metadata_from_html(html, url)
    day = meta.published[0] if meta.published else None
    return {
        "title": meta.title.value if meta.title else None,
        "author": meta.author.value if meta.author else None,
        "date": _iso_day(day),
    }


def trafilatura_baseline(html: str, url: str) -> Guess:
    """trafilatura's ``extract_metadata``, the anchor the targets are set against."""
    from trafilatura import extract_metadata

    doc = extract_metadata(html, default_url=url)
    if doc is None:
        return {"title": None, "author": None, "date": None}
    return {"title": doc.title, "author": doc.author, "date": doc.date}


def matches(field: str, guess: str | None, label: str) -> bool:
    """The set's rule: exact day for dates, normalised case-folded equality otherwise."""
    if guess is None:
        return False
    if field == "date":
        return guess[:10] == label
    return _norm(guess) == _norm(label)


def score_metadata(
    root: Path | None = None,
    extractors: dict[str, Extractor] | None = None,
    splits: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Score extractors on the metadata set: overall, by split, by language, and speed.

    Args:
        root: The data folder (``STORYLINE_DATA`` by default).
        extractors: Name → function ``(html, url) -> {"title", "date", "author"}``; ours and
            trafilatura's by default.
        splits: Only score pages of these site splits (``train``/``dev``/``test``).

    Returns:
        ``{name: {"all": {field: {"accuracy", "correct", "labelled"}}, "by_split": {...},
        "by_lang": {...}, "ms_per_page": float, "pages": int}}``.
    """
    extractors = extractors or {"ours": ours, "trafilatura": trafilatura_baseline}
    wanted = set(splits) if splits is not None else None
    tallies: dict[str, dict[tuple[str, str], list[int]]] = {name: {} for name in extractors}
    timings: dict[str, list[float]] = {name: [] for name in extractors}
    for record in load_metadata_pages(root):
        split = split_of(record["url"])
        if wanted is not None and split not in wanted:
            continue
        groups = ("all", f"split:{split}", f"lang:{record.get('lang') or '?'}")
        for name, extract in extractors.items():
            start = time.perf_counter()
            guess = extract(record["html"], record["url"])
            timings[name].append((time.perf_counter() - start) * 1000)
            _tally(tallies[name], groups, record, guess)
    return {name: _report(tallies[name], timings[name]) for name in extractors}


def format_report(results: dict[str, Any]) -> str:
    """A plain-text table of :func:`score_metadata` results, extractors side by side."""
    names = list(results)
    groups = ["all"] + [f"split:{s}" for s in ("train", "dev", "test")]
    lines = [f"{'group':<12}{'field':<8}" + "".join(f"{n:>24}" for n in names)]
    for group in groups:
        for field in FIELDS:
            cells = [_cell(results[n], group, field) for n in names]
            if any(cells):
                lines.append(f"{group:<12}{field:<8}" + "".join(f"{c:>24}" for c in cells))
    lines.append(f"{'ms/page':<20}" + "".join(f"{results[n]['ms_per_page']:>24.1f}" for n in names))
    return "\n".join(lines)


def _cell(result: dict[str, Any], group: str, field: str) -> str:
    scores = _group(result, group).get(field)
    if not scores:
        return ""
    return f"{scores['accuracy']:.3f} ({scores['correct']}/{scores['labelled']})"


def _group(result: dict[str, Any], group: str) -> dict[str, Any]:
    if group == "all":
        return dict(result["all"])
    kind, _sep, value = group.partition(":")
    return dict(result["by_split" if kind == "split" else "by_lang"].get(value, {}))


def _tally(
    tally: dict[tuple[str, str], list[int]],
    groups: tuple[str, ...],
    record: dict[str, Any],
    guess: Guess,
) -> None:
    for field in FIELDS:
        label = record.get(field)
        if not label:
            continue  # unlabelled, not "has none": not scored
        hit = int(matches(field, guess.get(field), label))
        for group in groups:
            counts = tally.setdefault((group, field), [0, 0])
            counts[0] += hit
            counts[1] += 1


def _report(tally: dict[tuple[str, str], list[int]], timings: list[float]) -> dict[str, Any]:
    report: dict[str, Any] = {"all": {}, "by_split": {}, "by_lang": {}}
    for (group, field), (correct, labelled) in sorted(tally.items()):
        scores = {"accuracy": correct / labelled, "correct": correct, "labelled": labelled}
        if group == "all":
            report["all"][field] = scores
        else:
            kind, _sep, value = group.partition(":")
            section = report["by_split" if kind == "split" else "by_lang"]
            section.setdefault(value, {})[field] = scores
    report["ms_per_page"] = statistics.median(timings) if timings else 0.0
    report["ms_per_page_mean"] = statistics.fmean(timings) if timings else 0.0
    report["pages"] = len(timings)
    return report


def _iso_day(value: date | None) -> str | None:
    if value is None:
        return None
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()
