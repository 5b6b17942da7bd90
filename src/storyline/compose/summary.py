"""Cited extractive summaries of a set of articles (an event or a storyline).

The summary is the set of whole sentences, within a word budget, that covers the most
*concepts* — pairs of adjacent content-word stems — weighted by how many articles state them
(the concept-coverage objective of Gillick & Favre's ICSI summariser, solved greedily: each
step takes the sentence with the most uncovered weight per word^``length_power``). Weighting
by articles rewards what several sources say and makes repetition worthless once covered;
an article counts once with its copies (pass lineage roots as ``source``). Sentences that
cannot stand alone are not candidates: quote fragments, questions, sentences opening with a
pronoun or a connective that points back ("He said", "But"), too short or too long.

Every chosen sentence cites the articles holding a sentence that says the same (content-word
Dice ≥ :data:`CITE_DICE`), its own first. Written by hand because no maintained library
does concept-coverage summarisation with citations. Tokens keep their order and mark stop
words (a concept may hold one), which the provenance stage's token sets do not, so the
tokeniser here is its own: scikit-learn's stop words and a light suffix stemmer.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.analyze.quotes import sentences

#: Least content-word Dice between two sentences for one to cite the other's article.
CITE_DICE = 0.5
MIN_WORDS, MAX_WORDS = 8, 45
#: What a source's lead sentence adds to a concept's weight (chosen on DUC 2003).
LEAD_WEIGHT = 1.0
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_OPENERS = frozenset(
    "he she it they his her its their this that these those but and or so yet also however "
    "meanwhile still then there here we i you".split()
)


@dataclass(frozen=True)
class Source:
    """An article to summarise.

    Attributes:
        id: The article id that citations name.
        text: Its body text.
        published: Its publication date (orders the summary), if known.
        source: What counts as one source: the article's lineage root (a copy counts with
            its original), the article itself when None.
    """

    id: str
    text: str
    published: date | None = None
    source: str | None = None


@dataclass(frozen=True)
class Cited:
    """A summary sentence and the articles it rests on (the article it was taken from
    first)."""

    text: str
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class _Sentence:
    doc: int
    position: int
    text: str
    words: int
    concepts: frozenset[tuple[str, str]]
    stems: frozenset[str]
    #: Whether it may be chosen (it stands alone); any sentence may be cited.
    eligible: bool = True


def summarize(
    docs: Sequence[Source],
    max_words: int = 100,
    length_power: float = 0.0,
    max_sentences: int | None = None,
    lead_weight: float = LEAD_WEIGHT,
) -> list[Cited]:
    """A summary of ``docs`` in at most about ``max_words`` words (the last sentence may run
    past the budget; cut it when an exact length is needed), sentences in the order of
    their articles' dates, each citing its articles.

    Args:
        docs: The articles.
        max_words: The word budget.
        length_power: How much a long sentence's gain is discounted (0, the default chosen
            on DUC 2003: not at all — a long sentence that covers more is worth it).
        max_sentences: At most this many sentences (a timeline's sentences per date).
        lead_weight: What a source's first sentence adds to the weight of the concepts it
            states (0 when the texts are not whole articles, so have no lead).
    """
    every = [s for i, doc in enumerate(docs) for s in _sentences_of(i, doc.text)]
    candidates = [s for s in every if s.eligible]
    if not candidates:
        return []
    weight = _concept_weights(docs, candidates, lead_weight)
    chosen = _greedy(candidates, weight, max_words, length_power)[:max_sentences]
    chosen.sort(key=lambda s: (docs[s.doc].published or date.min, s.doc, s.position))
    return [Cited(s.text, _citations(s, every, docs)) for s in chosen]


def stems(text: str) -> list[str]:
    """Lower-cased word stems of a text; stop words are kept, marked with a leading ``~``
    (a concept may hold one — "the ban", "ban on" — but not two)."""
    out = []
    for word in _WORD.findall(text):
        lower = word.lower().strip("'’-")
        out.append(f"~{lower}" if lower in ENGLISH_STOP_WORDS or len(lower) < 2 else _stem(lower))
    return out


def content(tokens: Sequence[str]) -> frozenset[str]:
    """The content-word stems among :func:`stems`."""
    return frozenset(t for t in tokens if not t.startswith("~"))


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _sentences_of(doc: int, text: str) -> list[_Sentence]:
    found = []
    for position, (start, end) in enumerate(sentences(text)):
        sentence = " ".join(text[start:end].split())
        words = sentence.split()
        if not words:
            continue
        eligible = MIN_WORDS <= len(words) <= MAX_WORDS and _stands_alone(sentence, words)
        tokens = stems(sentence)
        concepts = frozenset(_pairs(tokens)) if eligible else frozenset()
        stemmed = content(tokens)
        found.append(_Sentence(doc, position, sentence, len(words), concepts, stemmed, eligible))
    return found


def _stands_alone(sentence: str, words: list[str]) -> bool:
    """Whether a sentence reads on its own in a summary."""
    first = words[0].strip("\"“‘'(").lower()
    quotes = sum(sentence.count(mark) for mark in '"“”')
    return (
        words[0][:1].isupper()
        and first not in _OPENERS
        and quotes % 2 == 0
        and not sentence.rstrip().endswith("?")
        and sentence.rstrip()[-1:] in ".!\"”’'"
    )


def _concept_weights(
    docs: Sequence[Source], candidates: Sequence[_Sentence], lead_weight: float = LEAD_WEIGHT
) -> dict[tuple[str, str], float]:
    """A concept's weight: the number of sources stating it, plus the number whose lead
    sentence states it (news puts the event first), for concepts that at least
    :func:`_least_sources` sources state (rarer ones are one writer's wording)."""
    stated: dict[tuple[str, str], set[str]] = defaultdict(set)
    led: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc in docs:
        source = doc.source or doc.id
        for pair in _pairs(stems(doc.text)):
            stated[pair].add(source)
        lead = sentences(doc.text)[:1]
        for pair in _pairs(stems(doc.text[lead[0][0] : lead[0][1]]) if lead else []):
            led[pair].add(source)
    floor = _least_sources(len({d.source or d.id for d in docs}))
    wanted = {c for s in candidates for c in s.concepts}
    return {
        c: lead_weight * len(led[c]) + len(stated[c]) for c in wanted if len(stated[c]) >= floor
    }


def _pairs(tokens: Sequence[str]) -> set[tuple[str, str]]:
    return {
        (a, b)
        for a, b in itertools.pairwise(tokens)
        if not (a.startswith("~") and b.startswith("~"))
    }


def _least_sources(count: int) -> int:
    return max(1, min(3, math.ceil(count / 4)))


def _greedy(
    candidates: Sequence[_Sentence],
    weight: dict[tuple[str, str], float],
    budget: int,
    length_power: float,
) -> list[_Sentence]:
    chosen: list[_Sentence] = []
    covered: set[tuple[str, str]] = set()
    used = 0
    left = list(candidates)
    while left and used < budget:
        gains = [_gain(s, weight, covered) / s.words**length_power for s in left]
        top = max(range(len(left)), key=gains.__getitem__)
        if gains[top] <= 0:
            break
        best = left[top]
        chosen.append(best)
        covered |= best.concepts
        used += best.words
        left = [s for s in left if s is not best and not _repeats(s, chosen)]
    return chosen


def _gain(
    sentence: _Sentence, weight: dict[tuple[str, str], float], covered: set[tuple[str, str]]
) -> float:
    return sum(weight.get(c, 0.0) for c in sentence.concepts - covered)


def _repeats(sentence: _Sentence, chosen: Sequence[_Sentence]) -> bool:
    return any(_dice(sentence.stems, c.stems) >= CITE_DICE for c in chosen)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _citations(
    sentence: _Sentence, candidates: Sequence[_Sentence], docs: Sequence[Source]
) -> tuple[str, ...]:
    cited = [docs[sentence.doc].id]
    for other in candidates:
        if docs[other.doc].id not in cited and _dice(sentence.stems, other.stems) >= CITE_DICE:
            cited.append(docs[other.doc].id)
    return tuple(cited)
