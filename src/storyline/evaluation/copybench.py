"""The copy-lineage benchmark (issue 5): labelled copies, rewrites and wire stories, and a scorer.

There is no public labelled set for copy lineage, so :func:`generate` builds one from the real
articles of the labelled sets (never stored in the repository): each story's first article is
an *original*, its other articles are *independent* reports by other outlets (AllSides
roundups and DUC TDT topics are real independent reports of one story), and each of them is
republished as labelled variants, each wrapped in a whole page of invented outlet boilerplate:

========================  ===============  ====================================================
variant                   relation         what it is
========================  ===============  ====================================================
``verbatim``              ``copy``         same body, another outlet, same day or the next
``light_edit``            ``copy``         <= 2 short sentences dropped, 2 swapped, ~3% words
``republished``           ``copy``         content farm, 6-18 months later (date flags)
``trimmed``               ``containment``  the first 40-70% of the body
``padded``                ``containment``  the whole body plus paragraphs of another story
``rewrite``               ``rewrite``      same facts and order, 5-shingle Jaccard < 0.3
========================  ===============  ====================================================

Wire stories: DUC's AP articles that open with an AP dateline stay AP stories, and a fifth of
the other originals and independent reports become one (AP, Reuters or AFP). The agency is
their outlet and the body opens with its dateline (``CITY (AP) —``); copies keep the dateline
or, now and then, strip it, and either way carry the agency and the ``wire_copy`` flag. A
republished copy may be made from another copy (copies of copies), a trimmed one too.

Pages are listed in publication order (times of day included: a copy is always later than its
source), ids ``cb-000000`` onwards in that order. Rewrites that stay at or above 0.3 even when
spun (bodies made mostly of names and numbers, about 4%) are not made: the source gets its
other variants only.

Real articles of one story that share much text (AP write-throughs in DUC, two outlets running
one wire story in AllSides) would make "independent" a false label, so an article whose
5-shingle containment with an already chosen article exceeds 0.2 is left out.

:func:`~storyline.evaluation.copybench_score.score` compares a detector's edges and flags
with the truth; see its docstring.
``python -m storyline.evaluation.copybench`` prints what the default benchmark holds.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from storyline.evaluation import copybench_pages as pages
from storyline.evaluation import copybench_rewrite as rw
from storyline.evaluation.datasets import LabelledSet, load_clustering, load_duc

DERIVED = ("verbatim", "light_edit", "republished", "trimmed", "padded", "rewrite")
RELATION_OF = {
    "original": "original",
    "independent": "independent",
    "verbatim": "copy",
    "light_edit": "copy",
    "republished": "copy",
    "trimmed": "containment",
    "padded": "containment",
    "rewrite": "rewrite",
}
#: An article this contained in an already chosen one is not an independent report.
MAX_SOURCE_OVERLAP = 0.2
MIN_WORDS = 35
WIRE_SHARE = 0.2
STRIP_DATELINE_SHARE = 0.3


@dataclass(frozen=True)
class BenchDoc:
    """One page of the benchmark, as a user would ingest it."""

    id: str
    page: str
    body: str
    title: str
    outlet: str
    published: date
    story: str
    #: The printed date with the time of day: a copy is always later than its source.
    published_at: datetime | None = None


@dataclass(frozen=True)
class Truth:
    """What a benchmark page is: its source, relation, variant, wire agency and flags."""

    article_id: str
    source_id: str | None
    relation: str
    variant: str
    agency: str | None = None
    flags: frozenset[str] = frozenset()


@dataclass
class _Node:
    """A page under construction (ids are given once the pages are in publication order)."""

    key: int
    story: str
    outlet: str
    kind: str
    title: str
    paras: rw.Paras
    at: datetime
    variant: str
    source: _Node | None = field(default=None, repr=False)
    dateline: str = ""
    agency: str | None = None
    flags: frozenset[str] = frozenset()
    byline: str = ""
    bio: str = ""
    children: list[_Node] = field(default_factory=list, repr=False)

    @property
    def body(self) -> str:
        return self.dateline + rw.join(self.paras)

    @property
    def relation(self) -> str:
        return RELATION_OF[self.variant]


# --- sources -------------------------------------------------------------------------------


def default_sources(root: Path | None = None) -> list[LabelledSet]:
    """AllSides roundups and DUC 2003+2004 (one stream, each article once)."""
    return [load_clustering("allsides_roundups_2021", root), load_duc("mixed", root)]


def story_label(set_name: str, gold: str) -> str:
    """``allsides:6112`` for AllSides story ``allsides-6112``, ``duc:30001`` for a DUC topic."""
    prefix = "duc" if set_name.startswith("duc") else set_name.split("_")[0]
    return f"{prefix}:{gold.removeprefix(prefix + '-')}"


_MARKUP = re.compile(r"&[A-Z]+;")
_UNDERSCORE_DASH = re.compile(r"(?<=\S) _ (?=\S)|^([A-Z][A-Z .,'-]+) _ ", re.MULTILINE)


def clean_text(text: str) -> rw.Paras:
    """Source text as paragraphs: SGML entities gone, PTB quotes and ``_`` dashes restored."""
    text = _MARKUP.sub("", text).replace("``", '"').replace("''", '"')
    text = _UNDERSCORE_DASH.sub(lambda m: f"{m[1]} — " if m[1] else " — ", text)
    return rw.rechunk(rw.paragraphs(re.sub(r"[ \t]+", " ", text)))


@dataclass(frozen=True)
class _Source:
    doc_id: str
    story: str
    title: str
    paras: rw.Paras
    day: date


class _OverlapIndex:
    """Chosen articles' shingles, to keep near-duplicates of them out of the benchmark."""

    def __init__(self) -> None:
        self._where: dict[tuple[str, ...], list[int]] = defaultdict(list)
        self._sizes: list[int] = []

    def admits(self, shingles: set[tuple[str, ...]]) -> bool:
        hits = Counter(i for sh in shingles for i in self._where.get(sh, ()))
        return all(
            n <= MAX_SOURCE_OVERLAP * min(len(shingles), self._sizes[i]) for i, n in hits.items()
        )

    def add(self, shingles: set[tuple[str, ...]]) -> None:
        for sh in shingles:
            self._where[sh].append(len(self._sizes))
        self._sizes.append(len(shingles))


def _stories(
    sets: Sequence[LabelledSet], rng: random.Random, max_stories: int | None
) -> list[list[_Source]]:
    """Each set's stories (articles in date order), at most ``max_stories`` per set."""
    out: list[list[_Source]] = []
    for labelled in sets:
        grouped: dict[str, list[_Source]] = defaultdict(list)
        for doc, gold in zip(labelled.docs, labelled.gold, strict=True):
            label = story_label(labelled.name, gold)
            day = doc.day or date(2021, 1, 1)
            grouped[label].append(_Source(doc.id, label, doc.title, clean_text(doc.text), day))
        stories = list(grouped.values())
        if max_stories is not None and max_stories < len(stories):
            picked = sorted(rng.sample(range(len(stories)), max_stories))
            stories = [stories[i] for i in picked]
        out.extend(stories)
    return out


def _admit(index: _OverlapIndex, src: _Source) -> bool:
    """Add ``src`` to the index unless it is short or shares much text with an article in it."""
    shingles = rw.shingles(rw.join(src.paras))
    if rw.word_count(src.paras) < MIN_WORDS or not index.admits(shingles):
        return False
    index.add(shingles)
    return True


def _select(
    stories: list[list[_Source]], per_story: int
) -> tuple[list[list[_Source]], list[_Source]]:
    """Up to ``per_story`` mutually distinct articles per story, and a pool for padding.

    The pool holds the other articles that share little text with any chosen article or with
    each other, so a padded copy never echoes an article of another family.
    """
    index = _OverlapIndex()
    chosen: list[list[_Source]] = []
    pool: list[_Source] = []
    for story in stories:
        admitted = [src for src in story if _admit(index, src)]
        chosen.append(admitted[:per_story])
        pool.extend(admitted[per_story:])
    return [c for c in chosen if c], pool


# --- building the pages ----------------------------------------------------------------------

_CITIES = (
    "WASHINGTON", "NEW YORK", "LONDON", "PARIS", "MOSCOW", "BEIJING", "TOKYO", "JERUSALEM",
    "BAGHDAD", "CAIRO", "KABUL", "BERLIN", "BRUSSELS", "GENEVA", "ROME", "ISTANBUL", "ANKARA",
    "DAMASCUS", "TEHRAN", "NEW DELHI", "ISLAMABAD", "NAIROBI", "KAMPALA", "KINSHASA",
    "MEXICO CITY", "HAVANA", "SEOUL", "MANILA", "JAKARTA", "KUALA LUMPUR", "BANGKOK",
    "HONG KONG", "BELGRADE", "PRISTINA", "SAN FRANCISCO", "LOS ANGELES", "CHICAGO", "HOUSTON",
)  # fmt: skip
_STAFF_DATELINE = re.compile(r"^([A-Z][A-Z .,'-]+) — ")
#: An agency dateline already in the source ("NAIROBI, Kenya (AP) — "): DUC's AP stories.
AGENCY_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]*[A-Z](?:, [A-Z][\w.]*(?: [A-Z][\w.]*)*)? \((AP|Reuters|AFP)\) [—-] "
)


def own_dateline(paras: rw.Paras) -> tuple[str | None, str, rw.Paras]:
    """The agency and dateline a source body already opens with, and the body without it."""
    first = paras[0][0]
    if m := AGENCY_DATELINE.match(first):
        return m[1], m[0], [[first[m.end() :], *paras[0][1:]], *paras[1:]]
    return None, "", paras


def add_dateline(paras: rw.Paras, agency: str) -> tuple[str, rw.Paras]:
    """An agency dateline for a body, reusing its own city line (``WASHINGTON —``) if any."""
    first = paras[0][0]
    if m := _STAFF_DATELINE.match(first):
        city, paras = m[1].rstrip(", "), [[first[m.end() :], *paras[0][1:]], *paras[1:]]
    else:
        text = rw.join(paras)
        found = [(text.find(c.title()), c) for c in _CITIES if c.title() in text]
        city = min(found)[1] if found else "WASHINGTON"
    return pages.DATELINE_FORMS[agency].format(city=city), paras


class _Builder:
    """Turns the chosen articles into pages and truth, deterministically from one seed."""

    def __init__(self, rng: random.Random, pool: list[_Source]) -> None:
        self.rng = rng
        self.pool = pool
        rng.shuffle(self.pool)
        self.nodes: list[_Node] = []

    def _new(self, **fields: Any) -> _Node:
        node = _Node(key=len(self.nodes), **fields)
        self.nodes.append(node)
        if node.source is not None:
            node.source.children.append(node)
        return node

    def root(self, src: _Source, variant: str, taken: set[str]) -> _Node:
        """An original or independent report, sometimes a wire story under its agency."""
        rng = self.rng
        midnight = datetime.combine(src.day, datetime.min.time())
        at = midnight + timedelta(minutes=rng.randint(6 * 60, 21 * 60))
        agency, dateline, paras = own_dateline(src.paras)
        title = src.title or rw.headline(paras)
        if agency is None and rng.random() < WIRE_SHARE:
            agency = "AP" if src.doc_id.startswith("APW") else rng.choice(list(pages.AGENCY_NAMES))
            dateline, paras = add_dateline(paras, agency)
        if agency is not None:
            outlet, kind = pages.AGENCY_NAMES[agency], "agency"
        else:
            outlet = rng.choice(
                [o for o in pages.NEWS_OUTLETS if o not in taken] or pages.NEWS_OUTLETS
            )
            kind = "news"
        taken.add(outlet)
        return self._new(
            story=src.story, outlet=outlet, kind=kind, title=title, paras=paras, at=at,
            variant=variant, dateline=dateline, agency=agency, byline=f"By {pages.person(rng)}",
        )  # fmt: skip

    def _later(self, source: _Node, days: int) -> datetime:
        """A publication time ``days`` after the source's day, always after the source."""
        if days == 0:
            return source.at + timedelta(minutes=self.rng.randint(20, 300))
        day = datetime.combine(source.at.date() + timedelta(days=days), datetime.min.time())
        return day + timedelta(minutes=self.rng.randint(6 * 60, 22 * 60))

    def _copy(self, src: _Node, variant: str, paras: rw.Paras, days: int, **over: Any) -> _Node:
        """A page derived from ``src`` by another news outlet (``over`` replaces fields)."""
        rng, agency = self.rng, src.agency
        # Copies of a wire story keep its dateline, or now and then drop it; either way they
        # hold most of an article that carries the credit, so they are wire copies.
        keep = bool(src.dateline) and rng.random() >= STRIP_DATELINE_SHARE
        credit = agency is not None and keep and rng.random() < 0.5
        fields: dict[str, Any] = {
            "story": src.story, "title": src.title, "kind": "news", "source": src,
            "outlet": rng.choice([o for o in pages.NEWS_OUTLETS if o != src.outlet]),
            "dateline": src.dateline if keep else "", "agency": agency,
            "byline": (
                pages.AGENCY_NAMES[agency] if credit and agency else f"By {pages.person(rng)}"
            ),
            "flags": frozenset({"wire_copy"}) if agency else frozenset(),
        }  # fmt: skip
        fields.update(over)
        return self._new(paras=paras, at=self._later(src, days), variant=variant, **fields)

    def derive(self, root: _Node, variant: str) -> _Node | None:
        """One variant of ``root`` (or of one of its copies), or None when it cannot be made."""
        makers = {
            "verbatim": self._make_verbatim,
            "light_edit": self._make_light_edit,
            "republished": self._make_republished,
            "trimmed": self._make_trimmed,
            "padded": self._make_padded,
            "rewrite": self._make_rewrite,
        }
        return makers[variant](root)

    def _make_verbatim(self, src: _Node) -> _Node:
        return self._copy(src, "verbatim", src.paras, self.rng.randint(0, 1))

    def _make_light_edit(self, src: _Node) -> _Node:
        paras = rw.light_edit(src.paras, self.rng)
        return self._copy(src, "light_edit", paras, self.rng.randint(0, 2))

    def _copy_or_root(self, root: _Node, share: float) -> _Node:
        """``root``, or now and then one of its verbatim or lightly edited copies."""
        copies = [c for c in root.children if c.variant in ("verbatim", "light_edit")]
        return self.rng.choice(copies) if copies and self.rng.random() < share else root

    def _make_republished(self, root: _Node) -> _Node:
        """A content farm's copy (maybe of a copy) under a date 6-18 months later."""
        rng, src = self.rng, self._copy_or_root(root, 0.5)
        paras = src.paras if rng.random() < 0.6 else rw.capped_spin(src.paras, rng, 0.02)
        author, bio = pages.farm_bio(rng)
        flags = {"page_date_suspect", "content_farm_signals"} | (
            {"wire_copy"} if src.agency else set()
        )
        return self._copy(
            src, "republished", paras, rng.randint(182, 548), outlet=rng.choice(pages.FARM_OUTLETS),
            kind="farm", byline=author, bio=bio, flags=frozenset(flags),
        )  # fmt: skip

    def _make_trimmed(self, root: _Node) -> _Node | None:
        src = self._copy_or_root(root, 0.3)
        paras = rw.trim(src.paras, self.rng)
        return None if paras is None else self._copy(src, "trimmed", paras, self.rng.randint(0, 1))

    def _padding(self, story: str, words: int) -> rw.Paras | None:
        """2-4 paragraphs of an unused article of another story, about as long as the body.

        Paragraphs are one sentence for short bodies (AllSides leads) and two otherwise, so
        that the padding never outweighs the article it pads. Each pool article pads once,
        so no two padded pages share their padding.
        """
        for i, src in enumerate(self.pool):
            if src.story == story:
                continue
            del self.pool[i]
            size = 2 if words >= 200 else 1
            chunks = [p[j : j + size] for p in src.paras for j in range(0, len(p), size)]
            extra = chunks[: self.rng.randint(2, 4)]
            while len(extra) > 2 and rw.word_count(extra) > max(60, words):
                extra.pop()
            return extra if len(extra) >= 2 else None
        return None

    def _make_padded(self, src: _Node) -> _Node | None:
        extra = self._padding(src.story, rw.word_count(src.paras))
        if extra is None:
            return None
        return self._copy(src, "padded", [*src.paras, *extra], self.rng.randint(0, 1))

    def _make_rewrite(self, src: _Node) -> _Node | None:
        """A paraphrase under 0.3 Jaccard (natural, else spun), or None when none gets there."""
        rng = self.rng
        for heavy in (False, True):
            paras = rw.rewrite(src.paras, rng, heavy)
            if rw.jaccard(src.body, rw.join(paras)) < 0.3:
                break
        else:
            return None  # names and numbers dominate this body
        # A rewrite is a new article: no wire dateline, no agency, its own headline.
        return self._copy(
            src, "rewrite", paras, rng.randint(0, 2), title=rw.rewrite_sentence(src.title, rng),
            dateline="", agency=None, byline=f"By {pages.person(rng)}", flags=frozenset(),
        )  # fmt: skip


def _plan(rng: random.Random, wire: bool) -> list[str]:
    """The variants one source article gets, copies first (later ones may copy them)."""
    count = rng.randint(2, 3) if wire else rng.randint(1, 2)
    picked = rng.sample(DERIVED, count)
    if wire and not {"verbatim", "trimmed"} & set(picked):
        picked[0] = rng.choice(("verbatim", "trimmed"))  # wire stories are syndicated as-is
    return sorted(picked, key=DERIVED.index)


def _finish(nodes: list[_Node], rng: random.Random) -> tuple[list[BenchDoc], list[Truth]]:
    """Pages and truth in publication order, ids ``cb-000000`` onwards in that order."""
    ordered = sorted(nodes, key=lambda n: (n.at, n.key))
    ids = {n.key: f"cb-{i:06d}" for i, n in enumerate(ordered)}
    docs, truth = [], []
    for n in ordered:
        staff = n.byline.startswith("By ") and rng.random() < 0.3
        bio = n.bio or (pages.staff_bio(n.byline[3:], n.outlet, rng) if staff else "")
        parts = pages.PageParts(n.outlet, n.kind, n.title, n.body, n.at, n.byline, bio)
        page = pages.render_page(parts, rng)
        docs.append(
            BenchDoc(ids[n.key], page, n.body, n.title, n.outlet, n.at.date(), n.story, n.at)
        )
        source = ids[n.source.key] if n.source else None
        truth.append(Truth(ids[n.key], source, n.relation, n.variant, n.agency, n.flags))
    return docs, truth


def generate(
    sources: Sequence[LabelledSet] | None = None,
    *,
    seed: int = 0,
    per_story: int = 3,
    max_stories: int | None = None,
    root: Path | None = None,
) -> tuple[list[BenchDoc], list[Truth]]:
    """Build the labelled copy-lineage benchmark.

    Args:
        sources: Labelled sets to draw articles from; :func:`default_sources` when None.
        seed: Everything random (variants, outlets, dates, wording) follows from it.
        per_story: Most real articles used per story (the first is the original).
        max_stories: Most stories used per set (a random sample), for fast runs.
        root: The data folder when ``sources`` is None.

    Returns:
        The pages in publication order and their truth, aligned by position.
    """
    rng = random.Random(seed)
    sets = list(sources) if sources is not None else default_sources(root)
    chosen, pool = _select(_stories(sets, rng, max_stories), per_story)
    builder = _Builder(rng, pool)
    for story in chosen:
        taken: set[str] = set()
        for i, src in enumerate(story):
            root_node = builder.root(src, "original" if i == 0 else "independent", taken)
            for variant in _plan(rng, root_node.agency is not None):
                builder.derive(root_node, variant)
    return _finish(builder.nodes, rng)


# --- scoring --------------------------------------------------------------------------------


#: Agency spellings a detector may report, mapped to the benchmark's keys.
def describe(docs: Sequence[BenchDoc], truth: Sequence[Truth]) -> dict[str, Any]:
    """What a generated benchmark holds: pages per variant, relation, agency, flag."""
    return {
        "pages": len(docs),
        "stories": len({d.story for d in docs}),
        "variants": dict(Counter(t.variant for t in truth)),
        "relations": dict(Counter(t.relation for t in truth)),
        "agencies": dict(Counter(t.agency for t in truth if t.agency)),
        "flags": dict(Counter(f for t in truth for f in t.flags)),
        "wire_dateline_kept": sum(
            bool(t.agency and AGENCY_DATELINE.match(d.body))
            for d, t in zip(docs, truth, strict=True)
        ),
    }


def write_jsonl(path: Path, docs: Sequence[BenchDoc], truth: Sequence[Truth]) -> None:
    """One JSON line per page with its truth (third-party text: keep it out of the repo)."""
    with path.open("w", encoding="utf-8") as out:
        for doc, t in zip(docs, truth, strict=True):
            row = {**asdict(doc), **asdict(t), "flags": sorted(t.flags)}
            out.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    """Generate the benchmark and print what it holds and how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-story", type=int, default=3)
    parser.add_argument("--max-stories", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None, help="write pages + truth as JSONL")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    docs, truth = generate(seed=args.seed, per_story=args.per_story, max_stories=args.max_stories)
    elapsed = time.perf_counter() - start
    print(json.dumps(describe(docs, truth), indent=2))
    print(f"generated in {elapsed:.1f}s")
    if args.out:
        write_jsonl(args.out, docs, truth)


if __name__ == "__main__":
    main()
