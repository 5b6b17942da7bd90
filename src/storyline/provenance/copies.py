"""Copies: exact, near-duplicate and containment (trimmed or padded) copies of earlier articles.

Articles are visited in first-seen order (publication day, then ingestion order), so the
source of a copy is an article seen before it. Candidates come from MinHash LSH over 5-word
shingles (datasketch); every candidate is then verified on the exact shingle sets, so each
reported score is measured, not estimated, and each edge carries the passages the two texts
share.

Relations, from the later article's side (``a`` the later text's shingles, ``b`` the
earlier's):

* ``exact``: the same normalised text;
* ``trimmed``: ``|a∩b| / |a|`` ≥ ``containment_threshold`` while ``|a∩b| / |b|`` <
  ``whole_threshold``: the later text lies inside the earlier one, which has a quarter or
  more beyond it (a wire story cut to its first paragraphs);
* ``padded``: the same the other way round: the earlier text lies inside the later one (a
  copy with paragraphs added around it);
* ``near``: otherwise, one text inside the other, or Jaccard ``|a∩b| / |a∪b|`` ≥
  ``jaccard_threshold``: a copy of the whole, lightly edited or with a paragraph lost or
  gained.

Independent reports of one event share quotes and names but rarely a third of their
5-word runs, so these thresholds sit far above what two independent reports reach.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from storyline.model import LineageEdge, Span
from storyline.provenance.hashing import NUM_PERM, shingle_hashes, signature, words

#: Articles per worker task when signatures are computed in several processes.
CHUNK = 256
#: Longest shared passages kept as evidence on an edge.
MAX_SPANS = 3


@dataclass(frozen=True)
class CopyItem:
    """What copy detection needs from an article."""

    id: str
    text: str


def fingerprint(text: str) -> str:
    """Hash of the text's words with case, punctuation and spacing ignored (exact-copy key)."""
    return _fingerprint(words(text).hashes)


def _fingerprint(word_hashes: np.ndarray) -> str:
    return hashlib.sha1(word_hashes.tobytes()).hexdigest()


@dataclass(frozen=True)
class _Sketch:
    key: str
    unique: np.ndarray  # sorted distinct shingle hashes
    signature: np.ndarray


def sketch(text: str) -> _Sketch:
    """Everything copy detection keeps about one text (picklable, for worker processes)."""
    word_hashes = words(text).hashes
    hashes = shingle_hashes(word_hashes)
    unique = np.sort(hashes)
    if len(unique) > 1:
        unique = unique[np.concatenate(([True], unique[1:] != unique[:-1]))]
    return _Sketch(_fingerprint(word_hashes), unique, signature(unique))


class CopyDetector:
    """Find exact, near-duplicate and containment copies among articles.

    Args:
        jaccard_threshold: Shingle Jaccard at or above which a text is a near duplicate.
        containment_threshold: Share of one text's shingles found in the other at or above
            which it is a trimmed (or the other a padded) copy.
        lsh_threshold: The LSH's Jaccard threshold for candidates; low, because a copy
            trimmed to 40% of its source has Jaccard 0.4 with it (all candidates are verified).
        n_jobs: Processes for hashing (``-1`` all cores); the LSH pass itself is sequential.
        min_contained: Fewest shingles (5-word runs) the contained text must have: a caption
            or a one-line teaser inside a long article is not a copy of it.
        whole_threshold: Below this share of the containing text covered, a contained copy
            is ``trimmed``/``padded`` rather than a ``near`` copy of the whole.
    """

    def __init__(
        self,
        jaccard_threshold: float = 0.4,
        containment_threshold: float = 0.9,
        lsh_threshold: float = 0.3,
        n_jobs: int = 1,
        min_contained: int = 20,
        whole_threshold: float = 0.75,
    ) -> None:
        self.min_contained = min_contained
        self.whole_threshold = whole_threshold
        self.jaccard_threshold = jaccard_threshold
        self.containment_threshold = containment_threshold
        self.lsh_threshold = lsh_threshold
        self.n_jobs = n_jobs

    def find(self, items: Sequence[CopyItem]) -> list[LineageEdge]:
        """One edge per copied article, pointing at its best-matching earlier article.

        Args:
            items: Articles in first-seen order.
        """
        from datasketch import LeanMinHash, MinHashLSH

        lsh = MinHashLSH(threshold=self.lsh_threshold, num_perm=NUM_PERM)
        position = {item.id: i for i, item in enumerate(items)}
        seen: dict[str, str] = {}
        kept: dict[str, _Sketch] = {}
        copied: set[str] = set()
        edges: list[LineageEdge] = []
        for item, sk in zip(items, self._sketches(items), strict=True):
            if sk.key in seen:
                edges.append(LineageEdge(item.id, seen[sk.key], "copy", "exact", 1.0))
                continue
            seen[sk.key] = item.id
            minhash = LeanMinHash(seed=1, hashvalues=sk.signature, scheme="affine32")
            candidates = sorted(lsh.query(minhash), key=position.__getitem__)
            edge = self._best(item, sk, candidates, kept, copied)
            if edge is not None:
                edges.append(edge)
                copied.add(item.id)
            kept[item.id] = sk
            lsh.insert(item.id, minhash, check_duplication=False)
        return edges

    def _sketches(self, items: Sequence[CopyItem]) -> Iterable[_Sketch]:
        texts = [item.text for item in items]
        if self.n_jobs == 1 or len(texts) < 4 * CHUNK:
            return map(sketch, texts)
        workers = None if self.n_jobs < 0 else self.n_jobs
        with ProcessPoolExecutor(workers) as pool:
            return list(pool.map(sketch, texts, chunksize=CHUNK))

    def _best(
        self,
        item: CopyItem,
        sk: _Sketch,
        candidates: list[str],
        kept: dict[str, _Sketch],
        copied: AbstractSet[str],
    ) -> LineageEdge | None:
        """The candidate that explains most of ``item``: most shared shingles, then an
        original before a copy, then the closest whole, then the earliest. So a padded wire
        copy names the wire story, not a trimmed copy of it, and a verbatim copy names the
        original, not a padded copy of it."""
        best: tuple[int, bool, float, str, str] | None = None
        for other in candidates:
            shared, jaccard, kind = self.compare(sk.unique, kept[other].unique)
            key = (shared, other not in copied, jaccard)
            if kind and (best is None or key > best[:3]):
                best = (*key, other, kind)
        if best is None:
            return None
        shared, _, jaccard, other, kind = best
        if kind == "near":
            relation, score = "copy", jaccard
        else:
            relation = "containment"
            score = shared / min(len(sk.unique), len(kept[other].unique))
        spans = shared_spans(item.text, kept[other].unique)
        return LineageEdge(item.id, other, relation, kind, round(score, 4), spans)

    def compare(self, later: np.ndarray, earlier: np.ndarray) -> tuple[int, float, str]:
        """The copy relation of a later text to an earlier one, from their shingle sets.

        One text inside the other (``containment_threshold`` of its shingles) while the
        other has a quarter or more of its own beyond it (``whole_threshold``): ``trimmed``
        (the later is the shorter) or ``padded`` (the later is the longer). Otherwise a
        ``near`` copy of the whole when one text lies inside the other or the Jaccard
        similarity is high enough: a copy that lost or gained a paragraph to extraction or
        editing is still a copy of the whole.

        Returns:
            ``(shared shingles, Jaccard, kind)`` with kind ``near``, ``trimmed`` or
            ``padded``, or an empty kind when the texts are not copies.
        """
        if not len(later) or not len(earlier):
            return 0, 0.0, ""
        shared = len(np.intersect1d(later, earlier, assume_unique=True))
        jaccard = shared / (len(later) + len(earlier) - shared)
        inside, around = shared / len(later), shared / len(earlier)
        contained = min(len(later), len(earlier)) >= self.min_contained and (
            max(inside, around) >= self.containment_threshold
        )
        if contained and min(inside, around) < self.whole_threshold:
            return shared, jaccard, "padded" if around >= inside else "trimmed"
        if contained or jaccard >= self.jaccard_threshold:
            return shared, jaccard, "near"
        return shared, jaccard, ""


def shared_spans(text: str, other: np.ndarray) -> tuple[Span, ...]:
    """The longest passages of ``text`` whose 5-word runs all occur in ``other``, longest first.

    Args:
        text: The later article's text.
        other: The earlier article's distinct shingle hashes, sorted.
    """
    text_words = words(text)
    shingles = shingle_hashes(text_words.hashes)
    if not len(shingles):
        return ()
    hit = np.isin(shingles, other, assume_unique=False)
    edges = np.diff(np.concatenate(([0], hit.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if not len(starts):
        return ()
    order = np.argsort(starts - ends, kind="stable")[:MAX_SPANS]
    width = len(text_words.hashes) - len(shingles)  # words a shingle covers, minus one
    spans = []
    for i in order:
        first, last = int(starts[i]), int(ends[i]) - 1 + width
        start, end = text_words.char_span(first, last)
        spans.append(Span(start, end))
    return tuple(spans)
