"""Scale benchmark: event clustering over a long synthetic news stream.

The stream is built from the labelled sets (AllSides, GoogleNews-TS, DUC, Timeline17): each
simulated *story* re-tells one gold cluster of those sets over one to three simulated days,
with its own marker names (so two stories from the same source cluster differ, as two
earthquakes do), and every article is a perturbed copy of a member of that cluster: sentences
dropped and swapped, words dropped, a few words replaced by rare tokens from a vocabulary that
keeps growing, as a real stream's does. About 1,000 articles a day, so 1M spans ~3 years.

Run ``python -m storyline.evaluation.scale --n 1000000`` (``make bench-scale``).
"""

from __future__ import annotations

import argparse
import functools
import itertools
import math
import random
import re
import resource
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from storyline.cluster import ClusterDoc, EventClusterer
from storyline.evaluation.datasets import (
    LabelledSet,
    data_root,
    load_clustering,
    load_duc,
    load_timeline17,
)
from storyline.evaluation.metrics import bcubed

START_DAY = date(2020, 1, 1)
PER_DAY = 1000
MAX_SENTENCES = 12  # keeps long Timeline17 articles near a typical article's length
NEW_STORY_RATE = 0.2  # one article in five opens a story: about 200 stories a day
_SENTENCE = re.compile(r"\n+|(?<=[.!?])\s+(?=[A-Z\"'])")

Article = tuple[str, tuple[str, ...]]  # (title, sentences)


@dataclass
class _Story:
    key: int
    source: tuple[Article, ...]
    marks: tuple[str, ...]
    last_day: int


def _articles(data: LabelledSet, by_day: bool) -> list[tuple[Article, ...]]:
    """Gold clusters of ``data`` as tuples of (title, sentences); T17 topics cut per day."""
    groups: dict[tuple[str, date | None], list[Article]] = {}
    for doc, label in zip(data.docs, data.gold, strict=True):
        sentences = tuple(s for s in _SENTENCE.split(doc.text) if s.strip())
        key = (label, doc.day if by_day else None)
        groups.setdefault(key, []).append((doc.title, sentences[: MAX_SENTENCES * 2]))
    return [tuple(members) for members in groups.values()]


def source_clusters(root: Path | None = None) -> tuple[tuple[Article, ...], ...]:
    """Every gold cluster of the labelled sets (a Timeline17 topic counts once per day).

    Raises:
        FileNotFoundError: When the evaluation data is missing.
    """
    return _pool(root or data_root())


@functools.lru_cache(maxsize=1)  # parsing the sets takes seconds; streams of one run share it
def _pool(root: Path) -> tuple[tuple[Article, ...], ...]:
    pool = []
    for name in ("allsides_roundups_2021", "googlenews_ts"):
        pool += _articles(load_clustering(name, root), by_day=False)
    pool += _articles(load_duc("mixed", root), by_day=False)
    pool += _articles(load_timeline17(root), by_day=True)
    return tuple(pool)


def _letters(number: int) -> str:
    """``number`` in base 26 as lower-case letters (token patterns want letters)."""
    out = ""
    while True:
        number, digit = divmod(number, 26)
        out += chr(ord("a") + digit)
        if not number:
            return out


def _rare_word(rng: random.Random, index: int) -> str:
    # Heaps' law: the vocabulary of a stream grows roughly with the square root of its length.
    return "zq" + _letters(rng.randrange(1000 + int(40 * math.sqrt(index))))


def _perturb(rng: random.Random, article: Article, marks: tuple[str, ...], index: int) -> Article:
    sentences = [s for s in article[1] if rng.random() < 0.8] or list(article[1][:1])
    sentences = sentences[:MAX_SENTENCES]
    if len(sentences) > 2 and rng.random() < 0.3:
        i, j = rng.sample(range(len(sentences)), 2)
        sentences[i], sentences[j] = sentences[j], sentences[i]
    words = []
    for word in " ".join(sentences).split(" "):
        roll = rng.random()
        if roll < 0.1:
            continue
        words.append(_rare_word(rng, index) if roll < 0.12 else word)
    body = " ".join(marks) + " " + " ".join(words)
    title = article[0] + " " + marks[0] if article[0] else ""
    return title, (body,)


def _new_story(
    rng: random.Random, key: int, pool: Sequence[tuple[Article, ...]], day: int
) -> _Story:
    marks = tuple(f"Zq{_letters(rng.randrange(1 << 30))}" for _ in range(2))
    return _Story(key, rng.choice(pool), marks, day + rng.randrange(3))


def synthetic_stream(n: int, root: Path | None = None, seed: int = 0) -> Iterator[ClusterDoc]:
    """``n`` synthetic articles in time order, lazily and deterministically for ``seed``.

    Memory stays bounded: only the source pool and the stories of the last few days are
    held. A document id ``s0000042e7`` says the article is the 43rd and belongs to story 7,
    so the stream doubles as labelled data (:func:`story_of`).

    Args:
        n: How many articles.
        root: The data folder; :func:`data_root` when None.
        seed: The random seed; the same seed gives the same stream.
    """
    rng = random.Random(seed)
    pool = source_clusters(root)
    picks: list[_Story] = []  # popular stories appear several times: heavy-tailed sizes
    stories = 0
    for index in range(n):
        day = index // PER_DAY
        if index % PER_DAY == 0:
            picks = [s for s in picks if s.last_day >= day]
        if not picks or rng.random() < NEW_STORY_RATE:
            story = _new_story(rng, stories, pool, day)
            stories += 1
            picks += [story] * min(20, int(rng.paretovariate(1.0)))
        story = rng.choice(picks)
        title, body = _perturb(rng, rng.choice(story.source), story.marks, index)
        when = START_DAY + timedelta(days=day)
        yield ClusterDoc(f"s{index:07d}e{story.key}", title, "\n".join(body), when)


def story_of(doc_id: str) -> str:
    """The gold story of a synthetic document id."""
    return doc_id.rsplit("e", 1)[1]


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory of this process (or of its largest ended child), in MB.

    ru_maxrss is KiB on Linux, bytes on macOS.
    """
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def _batches(n: int, batch: int, root: Path | None, seed: int) -> Iterator[list[ClusterDoc]]:
    stream = synthetic_stream(n, root, seed)
    while chunk := list(itertools.islice(stream, batch)):
        yield chunk


def scale_run(
    n: int,
    batch: int = 10_000,
    root: Path | None = None,
    seed: int = 0,
    progress: Callable[[int, float], None] | None = None,
    n_jobs: int = 1,
) -> dict[str, Any]:
    """Cluster ``n`` synthetic articles with the default :class:`EventClusterer`.

    Articles go in batches through ``partial_fit``; IDF is fitted on the first batch
    (``fit_idf``, timed apart). Only clustering is timed (wall clock, worker processes
    included), not generating the stream.

    Args:
        n: Stream length.
        batch: Articles per ``partial_fit`` call; the first and last batches give the
            per-article cost at the start and at the end of the stream.
        root: The data folder; :func:`data_root` when None.
        seed: The stream's seed.
        progress: Called after each batch with the articles done and its ms per article.
        n_jobs: Processes for the clusterer (``n_jobs`` of :class:`EventClusterer`).

    Returns:
        ``articles``, ``seconds`` (clustering), ``rate`` (articles/s), ``idf_seconds``,
        ``first_ms``/``last_ms`` (ms per article in the first/last batch), ``growth``
        (last/first), ``pool_rss_mb`` (after loading the sources), ``peak_rss_mb`` (this
        process plus its largest worker), ``jobs``, ``events``, ``stories`` and ``b3``
        (against the synthetic stories).
    """
    clusterer = EventClusterer(n_jobs=n_jobs)
    timings: list[tuple[int, float]] = []
    batches = _batches(n, batch, root, seed)
    first = next(batches, [])
    pool_rss = _rss_mb()
    started = time.perf_counter()
    clusterer.fit_idf(first)
    idf_seconds = time.perf_counter() - started
    for chunk in itertools.chain([first], batches):
        started = time.perf_counter()
        clusterer.partial_fit(chunk)
        timings.append((len(chunk), time.perf_counter() - started))
        if progress is not None:
            progress(sum(size for size, _ in timings), 1000 * timings[-1][1] / len(chunk))
    clusterer.close()  # an ended worker's peak memory becomes readable
    return _summary(clusterer, timings, idf_seconds, pool_rss)


def _summary(
    clusterer: EventClusterer,
    timings: list[tuple[int, float]],
    idf_seconds: float,
    pool_rss: float,
) -> dict[str, Any]:
    articles = sum(size for size, _ in timings)
    seconds = sum(s for _, s in timings) + idf_seconds
    first_ms = 1000 * timings[0][1] / timings[0][0] if timings else 0.0
    last_ms = 1000 * timings[-1][1] / timings[-1][0] if timings else 0.0
    ids = list(clusterer.labels_)
    gold = [story_of(i) for i in ids]
    return {
        "articles": articles,
        "seconds": seconds,
        "rate": articles / seconds if seconds else 0.0,
        "idf_seconds": idf_seconds,
        "first_ms": first_ms,
        "last_ms": last_ms,
        "growth": last_ms / first_ms if first_ms else 0.0,
        "pool_rss_mb": pool_rss,
        "peak_rss_mb": _rss_mb() + _rss_mb(resource.RUSAGE_CHILDREN),
        "jobs": clusterer.n_jobs,
        "events": len(clusterer.clusters_),
        "stories": len(set(gold)),
        "b3": bcubed([clusterer.labels_[i] for i in ids], gold),
    }


def scale_table(results: list[dict[str, Any]]) -> Table:
    """One row per run: throughput, first vs last batch per-article cost, memory, events."""
    table = Table(
        title="Event clustering at scale (synthetic stream, default clusterer; "
        "first/last = first and last batch of 10k; wall clock)"
    )
    for column in (
        "articles",
        "jobs",
        "art/s",
        "ms/art first",
        "ms/art last",
        "last/first",
        "peak RSS MB (sources)",
        "events (stories)",
        "B3 vs stories P/R/F1",
    ):
        table.add_column(column)
    for r in results:
        b3 = r["b3"]
        table.add_row(
            f"{r['articles']:,}",
            str(r["jobs"]),
            f"{r['rate']:.0f}",
            f"{r['first_ms']:.2f}",
            f"{r['last_ms']:.2f}",
            f"{r['growth']:.2f}x",
            f"{r['peak_rss_mb']:.0f} ({r['pool_rss_mb']:.0f})",
            f"{r['events']:,} ({r['stories']:,})",
            f"{b3.precision:.3f} / {b3.recall:.3f} / {b3.f1:.3f}",
        )
    return table


def main(argv: list[str] | None = None) -> None:
    """CLI: ``python -m storyline.evaluation.scale --n 1000000``."""
    parser = argparse.ArgumentParser(description="Event clustering over a synthetic stream.")
    parser.add_argument("--n", type=int, default=1_000_000, help="stream length")
    parser.add_argument("--batch", type=int, default=10_000, help="articles per partial_fit")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--jobs", type=int, default=2, help="processes (one vectorises ahead), -1 for all cores"
    )
    args = parser.parse_args(argv)
    console = Console(stderr=True)

    def report(done: int, ms: float) -> None:
        console.print(f"{done:,} articles, last batch {ms:.2f} ms/article", highlight=False)

    result = scale_run(args.n, args.batch, seed=args.seed, progress=report, n_jobs=args.jobs)
    Console().print(scale_table([result]))


if __name__ == "__main__":
    main()
