"""Rewrites: the same facts in the same order, in other words.

A rewrite (a content farm's "spun" copy, an AI summary of a wire story) shares few 5-word runs
with its source, so copy detection misses it, but sentence by sentence it follows the source:
each of its sentences keeps the names, numbers and key words of one source sentence, and the
sentences come in the source's order. Independent reports of the same event share names and
numbers too, but they choose and order their facts differently, so only a small share of
their sentences aligns in order.

Sentences are compared by the Dice overlap of their content words (lower-cased, stop words
dropped, cut to their first six letters so "shipped"/"shipment" match) and numbers; the
alignment is the best monotone matching of sentences whose overlap reaches
``sentence_threshold`` (a weighted longest-common-subsequence). No library aligns documents
sentence by sentence with order, hence the dynamic programme here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.model import LineageEdge, Span

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
_TOKEN = re.compile(r"\d[\d.,]*\d|\d|[^\W\d_]+")
_STEM = 6


@dataclass(frozen=True)
class RewriteItem:
    """What rewrite detection needs from an article."""

    id: str
    text: str


@dataclass(frozen=True)
class _Sentences:
    spans: tuple[Span, ...]
    tokens: tuple[frozenset[str], ...]
    vocabulary: frozenset[str]


def sentences(text: str) -> list[Span]:
    """Sentence spans of ``text`` (line breaks always end a sentence)."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append(Span(start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append(Span(start, len(text)))
    return spans


def content_tokens(sentence: str) -> frozenset[str]:
    """Numbers and content-word stems of a sentence."""
    found = set()
    for token in _TOKEN.findall(sentence.lower()):
        if token[0].isdigit():
            found.add(token.replace(",", ""))
        elif len(token) > 2 and token not in ENGLISH_STOP_WORDS:
            found.add(token[:_STEM])
    return frozenset(found)


def _prepare(text: str) -> _Sentences:
    spans = tuple(sentences(text))
    tokens = tuple(content_tokens(text[s.start : s.end]) for s in spans)
    return _Sentences(spans, tokens, frozenset().union(*tokens) if tokens else frozenset())


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass(frozen=True)
class Alignment:
    """The in-order sentence matching of a later text with an earlier one."""

    pairs: tuple[tuple[int, int], ...]
    similarities: tuple[float, ...]
    later_sentences: int
    earlier_sentences: int

    @property
    def coverage(self) -> float:
        """Share of the later text's sentences matched in order."""
        return len(self.pairs) / self.later_sentences if self.later_sentences else 0.0

    @property
    def score(self) -> float:
        """How closely the later text follows the earlier: the geometric mean of the shares
        of both texts' sentences matched, times the matched sentences' mean overlap.

        Both shares count because an independent report may match a short wire story's few
        sentences; the overlap counts because independent reports match sentences on the
        event's names alone, while a rewrite keeps most of each sentence's content words.
        """
        if not self.pairs:
            return 0.0
        earlier = len(self.pairs) / self.earlier_sentences
        mean = sum(self.similarities) / len(self.similarities)
        return (self.coverage * earlier) ** 0.5 * mean


def align(
    later: Sequence[frozenset[str]], earlier: Sequence[frozenset[str]], threshold: float
) -> Alignment:
    """The heaviest in-order matching of sentences whose overlap reaches ``threshold``."""
    n, m = len(later), len(earlier)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, above, a = best[i], best[i - 1], later[i - 1]
        for j in range(1, m + 1):
            score = _dice(a, earlier[j - 1])
            take = above[j - 1] + score if score >= threshold else 0.0
            row[j] = max(above[j], row[j - 1], take)
    pairs = []
    i, j = n, m
    while i and j:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    pairs.reverse()
    similarities = tuple(_dice(later[i], earlier[j]) for i, j in pairs)
    return Alignment(tuple(pairs), similarities, n, m)


class RewriteDetector:
    """Find rewrites among the articles of each event.

    Args:
        sentence_threshold: Least Dice overlap for two sentences to be matched.
        min_score: Least :attr:`Alignment.score` of a rewrite.
        min_pairs: Least number of matched sentences (a three-line brief says too little).
        candidates: Earlier articles of the event compared per article, most word overlap
            first (bounds the cost of very large events).
    """

    def __init__(
        self,
        sentence_threshold: float = 0.35,
        min_score: float = 0.35,
        min_pairs: int = 3,
        candidates: int = 10,
    ) -> None:
        self.sentence_threshold = sentence_threshold
        self.min_score = min_score
        self.min_pairs = min_pairs
        self.candidates = candidates

    def find(
        self, events: Mapping[str, Sequence[RewriteItem]], exclude: AbstractSet[str] = frozenset()
    ) -> list[LineageEdge]:
        """One edge per rewritten article, to the earlier article of its event it follows best.

        Args:
            events: Event id → its articles in first-seen order.
            exclude: Articles already known as copies (they are not re-examined as rewrites,
                and they are not taken as sources: the original they copy is).
        """
        edges = []
        for members in events.values():
            prepared = {m.id: _prepare(m.text) for m in members if m.id not in exclude}
            order = [m for m in members if m.id in prepared]
            for position, item in enumerate(order):
                edge = self._best(item, order[:position], prepared)
                if edge is not None:
                    edges.append(edge)
        return edges

    def _best(
        self, item: RewriteItem, earlier: Sequence[RewriteItem], prepared: Mapping[str, _Sentences]
    ) -> LineageEdge | None:
        mine = prepared[item.id]
        if len(mine.spans) < self.min_pairs or not earlier:
            return None
        ranked = sorted(earlier, key=lambda e: -len(mine.vocabulary & prepared[e.id].vocabulary))
        best: tuple[Alignment, str] | None = None
        for other in ranked[: self.candidates]:
            found = align(mine.tokens, prepared[other.id].tokens, self.sentence_threshold)
            if best is None or found.score > best[0].score:
                best = (found, other.id)
        if best is None or not self._is_rewrite(best[0]):
            return None
        alignment, source = best
        spans = tuple(mine.spans[i] for i, _ in alignment.pairs)
        return LineageEdge(item.id, source, "rewrite", "rewrite", round(alignment.score, 4), spans)

    def _is_rewrite(self, alignment: Alignment) -> bool:
        return len(alignment.pairs) >= self.min_pairs and alignment.score >= self.min_score
