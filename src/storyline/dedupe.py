"""Stage 3, dedupe: exact and near-duplicate articles, found with MinHash LSH (datasketch).

Articles are visited in first-seen order (publication day, then ingestion order), so the
original of a group is the earliest copy. Exact duplicates share their normalised text. Near
duplicates are LSH candidates whose true word-shingle overlap is high: either Jaccard
similarity (a light edit) or containment of the shorter in the longer (a trimmed or padded
wire copy). Candidates from LSH are verified on the exact shingle sets, so the reported score
is measured, not estimated.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.model import DuplicateLink

SHINGLE_WORDS = 5


@dataclass(frozen=True)
class DedupeItem:
    """What duplicate detection needs from an article."""

    id: str
    text: str


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Lower-cased word ``size``-grams of ``text`` (the whole text when shorter)."""
    words = re.findall(r"\w+", text.lower())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def fingerprint(text: str) -> str:
    """Hash of the text with case, punctuation and spacing removed (exact-duplicate key)."""
    return hashlib.sha1(" ".join(re.findall(r"\w+", text.lower())).encode()).hexdigest()


class DuplicateDetector:
    """Find exact and near duplicates among articles.

    Args:
        jaccard_threshold: Shingle Jaccard at or above which two texts are near duplicates.
        containment_threshold: Share of the shorter text's shingles found in the longer one at
            or above which the shorter is a trimmed copy (or the longer a padded copy).
        num_perm: MinHash permutations; more is slower and more accurate.
    """

    def __init__(
        self,
        jaccard_threshold: float = 0.8,
        containment_threshold: float = 0.9,
        num_perm: int = 128,
    ) -> None:
        self.jaccard_threshold = jaccard_threshold
        self.containment_threshold = containment_threshold
        self.num_perm = num_perm

    def find(self, items: Sequence[DedupeItem]) -> list[DuplicateLink]:
        """Return one link per duplicate article, pointing at the earliest original.

        Args:
            items: Articles in first-seen order.
        """
        from datasketch import MinHash, MinHashLSH

        # A low LSH threshold finds containment candidates too (a half-length trimmed copy has
        # Jaccard about 0.5 with its source); every candidate is verified exactly below.
        lsh = MinHashLSH(threshold=0.3, num_perm=self.num_perm)
        seen_text: dict[str, str] = {}
        sets: dict[str, set[str]] = {}
        links: list[DuplicateLink] = []
        for item in items:
            exact = seen_text.get(fingerprint(item.text))
            if exact is not None:
                links.append(DuplicateLink(item.id, exact, "exact", 1.0))
                continue
            seen_text[fingerprint(item.text)] = item.id
            grams = shingles(item.text)
            minhash = MinHash(num_perm=self.num_perm)
            minhash.update_batch([g.encode() for g in grams])
            link = self._best_match(item.id, grams, lsh.query(minhash), sets)
            if link is not None:
                links.append(link)
            sets[item.id] = grams
            lsh.insert(item.id, minhash)
        return _resolve_chains(links)

    def _best_match(
        self, item_id: str, grams: set[str], candidates: list[str], sets: dict[str, set[str]]
    ) -> DuplicateLink | None:
        best: DuplicateLink | None = None
        for other in candidates:
            score, kind = self._similarity(grams, sets[other])
            if kind and (best is None or score > best.score):
                best = DuplicateLink(item_id, other, "near", round(score, 4))
        return best

    def _similarity(self, a: set[str], b: set[str]) -> tuple[float, bool]:
        if not a or not b:
            return 0.0, False
        shared = len(a & b)
        jaccard = shared / len(a | b)
        containment = shared / min(len(a), len(b))
        if jaccard >= self.jaccard_threshold:
            return jaccard, True
        return containment, containment >= self.containment_threshold


def _resolve_chains(links: list[DuplicateLink]) -> list[DuplicateLink]:
    """Point every duplicate at the root original (a copy of a copy names the first)."""
    parent = {link.article_id: link.original_id for link in links}

    def root(node: str) -> str:
        while node in parent:
            node = parent[node]
        return node

    return [
        DuplicateLink(link.article_id, root(link.original_id), link.kind, link.score)
        for link in links
    ]
