"""Combine two article-body extractions paragraph by paragraph.

The primary extraction (trafilatura, tuned for precision) is usually right about where the
article is but sometimes keeps a headline, teaser links or an "about the company" box at its
edges, and sometimes picks a tiny wrong block or stops early. A second, independent
extractor (readability) makes different mistakes, so:

* when the two agree on the article, paragraphs at the *edges* of the primary text that the
  second one does not contain are trimmed (boilerplate sits at the edges; inside the article
  an unsupported paragraph is more often an embed, such as a quoted tweet, that the second
  extractor drops on purpose);
* when the primary text is much shorter than a prose-like second text, the primary one
  missed most of the article, and the second text is used instead.

Paragraphs that only the second extractor has are never added: on the train and dev pages
they were image captions and teasers 56 times out of 59 (inside the primary's span, unsupported
primary paragraphs were article text 33 times out of 50, hence trimming only at the edges).

All rules compare texts by the benchmark's unit, 4-token shingles, so they need no language
knowledge.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+")
#: Share of the primary's shingles the second text must contain to count as agreeing.
AGREEMENT = 0.7
#: The primary is replaced when it has fewer tokens than this share of the second text.
SHORT_RATIO = 0.5
#: A leading unsupported paragraph is trimmed only up to this length (a headline or teaser
#: link); a longer one is more likely a lead paragraph the second extractor missed.
LEAD_MAX_TOKENS = 15
#: Trimming never removes more than this share of the primary's tokens.
MAX_TRIMMED = 0.5
#: A second text stands alone only if this share of its tokens is in lines of prose length.
PROSE_SHARE = 0.5
PROSE_LINE_TOKENS = 10
MIN_PROSE_TOKENS = 30


def tokens(text: str) -> list[str]:
    """The benchmark's tokens of ``text``: ``\\w+`` runs, case kept."""
    return _TOKEN.findall(text)


def token_count(text: str) -> int:
    """Number of ``\\w+`` tokens in ``text``."""
    return len(_TOKEN.findall(text))


def looks_like_prose(text: str) -> bool:
    """Whether most of ``text`` is in sentence-length lines (not a menu or link list)."""
    counts = [token_count(line) for line in text.split("\n")]
    total = sum(counts)
    prose = sum(n for n in counts if n >= PROSE_LINE_TOKENS)
    return total >= MIN_PROSE_TOKENS and prose >= PROSE_SHARE * total


class SecondOpinion:
    """An independent extraction, indexed to test which parts of another text it contains."""

    def __init__(self, text: str) -> None:
        self.text = text
        words = _TOKEN.findall(text)
        self.size = len(words)
        self._shingles = set(zip(words, words[1:], words[2:], words[3:], strict=False))
        self._joined = f" {' '.join(words)} "
        self.prose = looks_like_prose(text)

    def contains(self, text: str) -> float:
        """Share of ``text``'s shingles found here (short texts: 1.0 or 0.0 as a phrase)."""
        words = _TOKEN.findall(text)
        if not words:
            return 1.0
        if len(words) < 4:
            return 1.0 if f" {' '.join(words)} " in self._joined else 0.0
        shingles = list(zip(words, words[1:], words[2:], words[3:], strict=False))
        return sum(s in self._shingles for s in shingles) / len(shingles)

    def agrees_with(self, primary: str) -> bool:
        """Whether most of ``primary`` is also in this text."""
        return bool(primary.strip()) and self.size > 0 and self.contains(primary) >= AGREEMENT

    def replaces(self, primary: str) -> bool:
        """Whether ``primary`` missed most of the article that this prose-like text found."""
        return self.prose and token_count(primary) < SHORT_RATIO * self.size


def trim_edges(primary: str, opinion: SecondOpinion) -> str:
    """Drop paragraphs at the start and end of ``primary`` that ``opinion`` does not contain.

    Returns ``primary`` unchanged when the two texts do not agree on the article, or when
    trimming would remove too much of it.
    """
    if not opinion.agrees_with(primary):
        return primary
    paragraphs = primary.split("\n")
    supported = [opinion.contains(p) >= 0.5 for p in paragraphs]
    start = 0
    while (
        start < len(paragraphs)
        and not supported[start]
        and token_count(paragraphs[start]) <= LEAD_MAX_TOKENS
    ):
        start += 1
    end = len(paragraphs)
    while end > start and not supported[end - 1]:
        end -= 1
    kept = "\n".join(paragraphs[start:end])
    if token_count(kept) < (1 - MAX_TRIMMED) * token_count(primary):
        return primary
    return kept


def combine(primary: str, second: str | SecondOpinion) -> str:
    """The article body from a precise ``primary`` extraction and a ``second`` opinion.

    Args:
        primary: Paragraphs (one per line) from the precision-oriented extractor.
        second: Paragraphs from an independent extractor ("" when it found nothing), or
            their :class:`SecondOpinion` when the caller has already built it.
    """
    opinion = second if isinstance(second, SecondOpinion) else SecondOpinion(second)
    if opinion.replaces(primary):
        return opinion.text
    if opinion.size == 0:
        return primary
    return trim_edges(primary, opinion)
