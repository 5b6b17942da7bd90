"""Rewrites: the same facts in the same order, in other words.

A rewrite (a content farm's "spun" copy, an AI summary of a wire story) shares few 5-word runs
with its source, so copy detection misses it, but sentence by sentence it follows the source:
each of its sentences keeps the names, numbers and key words of one source sentence, and the
sentences come in the source's order. Independent reports of the same event share names and
numbers too, but they choose and order their facts differently, so only a small share of
their sentences aligns in order.

Sentences are compared by the Dice overlap of their content words (lower-cased, stop words
dropped, cut to their first six letters so "shipped"/"shipment" match) and numbers (two
sentences whose figures all differ do not match); the
alignment is the best monotone matching of sentences whose overlap reaches
``sentence_threshold`` (a weighted longest-common-subsequence). No library aligns documents
sentence by sentence with order, hence the dynamic programme here.
"""

from __future__ import annotations

import functools
import heapq
import re
from collections import Counter
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


@functools.lru_cache(maxsize=65536)
def _numbers(tokens: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in tokens if t[0].isdigit())


def sentence_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice overlap of two sentences' tokens, or 0 when both state numbers and none agree:
    a rewrite keeps its source's figures, while formulaic reports of different weeks
    ("jobless claims fell to 444,000" / "... to 473,000") differ exactly there."""
    numbers_a, numbers_b = _numbers(a), _numbers(b)
    if numbers_a and numbers_b and not numbers_a & numbers_b:
        return 0.0
    return _dice(a, b)


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
            score = sentence_similarity(a, earlier[j - 1])
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
    similarities = tuple(sentence_similarity(later[i], earlier[j]) for i, j in pairs)
    return Alignment(tuple(pairs), similarities, n, m)


class RewriteDetector:
    """Find rewrites: articles that follow an earlier article sentence by sentence.

    Candidate sources of an article are the earlier articles of its event and the earlier
    articles that share its rarest words (a rewrite may be clustered apart from its source,
    or published months later); a candidate must share at least ``min_vocabulary`` of its
    content words (Dice) before the sentences are aligned.

    Args:
        sentence_threshold: Least overlap for two sentences to be matched
            (:func:`sentence_similarity`).
        min_scores: ``(matched sentences, least score)`` pairs: the least
            :attr:`Alignment.score` of a rewrite by how many sentences it matches, since a few
            short sentences align by chance more easily than many (formulaic leads of
            independent reports do); fewer matches than the smallest count is no rewrite.
        min_vocabulary: Least Dice overlap of the two texts' content words to align them.
        candidates: Most candidates found by shared rare words, per article.
        rare_words: How many of an article's rarest words look up candidates.
    """

    def __init__(
        self,
        sentence_threshold: float = 0.35,
        min_scores: tuple[tuple[int, float], ...] = ((5, 0.35), (3, 0.45), (2, 0.5)),
        min_vocabulary: float = 0.35,
        candidates: int = 10,
        rare_words: int = 30,
    ) -> None:
        self.sentence_threshold = sentence_threshold
        self.min_scores = sorted(min_scores, reverse=True)
        self.min_vocabulary = min_vocabulary
        self.candidates = candidates
        self.rare_words = rare_words

    def find(
        self,
        items: Sequence[RewriteItem],
        event_of: Mapping[str, str] | None = None,
        exclude: AbstractSet[str] = frozenset(),
    ) -> list[LineageEdge]:
        """One edge per rewritten article, to the earlier article it follows best.

        Args:
            items: Every article, in the order they appeared (earlier ones are the sources).
            event_of: Article id → event id; articles of one event are always compared.
            exclude: Articles already known as copies (they are not re-examined as rewrites,
                and they are not taken as sources: the original they copy is).
        """
        kept = [item for item in items if item.id not in exclude]
        prepared = {item.id: _prepare(item.text) for item in kept}
        lookup = _RareWords(prepared, self.rare_words)
        mates: dict[str, list[str]] = {}
        edges = []
        for item in kept:
            event = (event_of or {}).get(item.id)
            same_event = mates.get(event, []) if event is not None else []
            earlier = [*same_event, *lookup.similar(item.id, self.candidates)]
            edge = self._best(item, list(dict.fromkeys(earlier)), prepared)
            if edge is not None:
                edges.append(edge)
            lookup.add(item.id)
            if event is not None:
                mates.setdefault(event, []).append(item.id)
        return edges

    def _best(
        self, item: RewriteItem, earlier: Sequence[str], prepared: Mapping[str, _Sentences]
    ) -> LineageEdge | None:
        mine = prepared[item.id]
        if len(mine.spans) < 2:
            return None
        best: tuple[Alignment, str] | None = None
        for other in earlier:
            if _dice(mine.vocabulary, prepared[other].vocabulary) < self.min_vocabulary:
                continue
            found = align(mine.tokens, prepared[other].tokens, self.sentence_threshold)
            if best is None or found.score > best[0].score:
                best = (found, other)
        if best is None or not self._is_rewrite(best[0]):
            return None
        alignment, source = best
        spans = tuple(mine.spans[i] for i, _ in alignment.pairs)
        return LineageEdge(item.id, source, "rewrite", "rewrite", round(alignment.score, 4), spans)

    def _is_rewrite(self, alignment: Alignment) -> bool:
        pairs = len(alignment.pairs)
        least = next((score for count, score in self.min_scores if pairs >= count), None)
        return least is not None and alignment.score >= least


class _RareWords:
    """An inverted index from content words to the articles added so far, queried with an
    article's rarest words (document frequency over all articles given at the start)."""

    def __init__(self, prepared: Mapping[str, _Sentences], rare_words: int) -> None:
        self.prepared = prepared
        self.df: Counter[str] = Counter()
        for sentences_ in prepared.values():
            self.df.update(sentences_.vocabulary)
        self.rare_words = rare_words
        self.postings: dict[str, list[str]] = {}

    def _rarest(self, article_id: str) -> list[str]:
        shared = [w for w in self.prepared[article_id].vocabulary if self.df[w] > 1]
        return heapq.nsmallest(self.rare_words, shared, key=lambda w: (self.df[w], w))

    def add(self, article_id: str) -> None:
        for word in self._rarest(article_id):
            self.postings.setdefault(word, []).append(article_id)

    def similar(self, article_id: str, top: int) -> list[str]:
        """Earlier articles sharing most of ``article_id``'s rarest words (IDF-weighted)."""
        scores: dict[str, float] = {}
        for word in self._rarest(article_id):
            weight = 1.0 / self.df[word]
            for other in self.postings.get(word, ()):
                scores[other] = scores.get(other, 0.0) + weight
        return heapq.nlargest(top, scores, key=lambda other: (scores[other], other))
