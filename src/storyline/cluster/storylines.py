"""Storylines: chain events that share key names and vocabulary across weeks or months.

:class:`StorylineLinker` links events in time order to the storyline whose mean profile they
resemble most, so a storyline can drift (a November presser, a January visit, an April joint
statement) while one bridging event cannot weld two storylines together.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[\s-][A-Z][a-z]+)*)\b", re.MULTILINE)
_NAME_STOP = frozenset(
    "The A An In On At He She It They We I But And This That Where When If These Those "
    "Mr Mrs Ms Dr Chair Chief Governor Regional Mayor Minister President Councilor Councillor "
    "Administrator Secretary General Attorney Deputy Senator Judge Officer Director Spokesman "
    "Spokeswoman Prime Foreign Defence Defense Professor Sir Lady Lord King Queen Prince "
    "Princess Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December".split()
)


def key_names(text: str) -> Counter[str]:
    """Mentions of capitalised names that are not sentence openers (people, places, bodies).

    A cheap stand-in for named-entity recognition that needs no model: names recur across
    the events of a storyline even when the vocabulary of each event differs, and the count
    says how central a name is to the text.
    """
    names: Counter[str] = Counter()
    for match in _NAME.finditer(text):
        words = [w for w in re.split(r"[\s-]", match.group(1)) if w not in _NAME_STOP]
        if words:
            names[" ".join(words)] += 1
    return names


def count_names(texts: Iterable[str]) -> Counter[str]:
    """:func:`key_names` summed over ``texts`` (an event's or a storyline's articles)."""
    names: Counter[str] = Counter()
    for text in texts:
        names.update(key_names(text))
    return names


@dataclass(frozen=True)
class EventProfile:
    """What storyline linking needs from an event."""

    id: str
    day: date | None
    terms: Mapping[str, float]
    names: Mapping[str, int] = field(default_factory=dict)


class StorylineLinker:
    """Chain events into storylines: group-average linkage over events in time order.

    Each event, in time order, joins the open storyline whose profile it is most similar to,
    when that similarity reaches ``threshold``; otherwise it opens a storyline. A storyline's
    profile is the mean of its events' (unit) term and key-name vectors, so a storyline can
    drift (a November presser, a January visit, an April joint statement) as its events
    accumulate, but one bridging event cannot chain two storylines together: single link
    did exactly that on mixed Timeline17 (an article on BP's Libya dealings pulled the Libyan,
    Syrian and Egyptian uprisings into the oil-spill storyline). Similarity mixes the cosine of
    term centroids with the cosine of key-name vectors (counts weighted by IDF over events),
    because names persist across the events of a storyline while the rest of the vocabulary
    changes. A storyline silent for more than ``max_gap_days`` takes no new event.

    The defaults were chosen on DUC 2003 (its TDT topics as storylines; see the README's
    Quality section); Timeline17 was not used to choose them.

    Online linking cannot undo an early split: a storyline opened by an event that resembled
    no storyline yet may later grow to resemble one. After linking, each storyline opened in
    the call folds into an older one when their means reach ``merge_threshold`` (stricter than
    ``threshold``: merging two storylines takes more evidence than one event joining one).
    Stored (seeded) storylines never merge with each other, so their ids stay stable.

    Args:
        threshold: Minimum similarity for an event to join a storyline.
        max_gap_days: Largest silence a storyline may bridge.
        name_weight: Share of the similarity that comes from key names (the rest from terms).
        merge_threshold: Minimum similarity of two storylines' means to merge them
            (``None`` disables the pass).
    """

    def __init__(
        self,
        threshold: float = 0.4,
        max_gap_days: float = 400.0,
        name_weight: float = 0.5,
        merge_threshold: float | None = 0.5,
    ) -> None:
        self.threshold = threshold
        self.max_gap_days = max_gap_days
        self.name_weight = name_weight
        self.merge_threshold = merge_threshold

    def fit(self, events: Sequence[EventProfile]) -> StorylineLinker:
        """Group ``events``; the result is in ``labels_`` (event id to storyline number)."""
        return self.seed([], {}).partial_fit(events)

    def seed(self, events: Sequence[EventProfile], labels: Mapping[str, int]) -> StorylineLinker:
        """Register events already in storylines, so :meth:`partial_fit` links new ones to them.

        Incremental builds keep every stored event in its storyline: seeding never re-decides
        them. Each new event is then compared with the seeded storylines (whatever their dates)
        and with the storylines the new events before it opened or joined.

        Args:
            events: The profiles of the stored events.
            labels: Event id → storyline number, for every seeded event.
        """
        self._seeds = list(events)
        self.labels_ = {e.id: labels[e.id] for e in self._seeds}
        return self

    def partial_fit(self, events: Sequence[EventProfile]) -> StorylineLinker:
        """Link new events in time order; new storylines get numbers after the known ones."""
        seeds: list[EventProfile] = getattr(self, "_seeds", [])
        self.labels_ = dict(getattr(self, "labels_", {}))
        ordered = sorted(events, key=lambda e: (e.day is None, e.day or date.min))
        idf = _name_idf([*seeds, *ordered])
        index = _StoryIndex()
        for event in seeds:
            index.add(self.labels_[event.id], _unit_vectors(event, idf))
        known = set(index.stories)
        for event in ordered:
            vectors = _unit_vectors(event, idf)
            label = self._best(vectors, index)
            if label is None:
                label = max(self.labels_.values(), default=-1) + 1
            index.add(label, vectors)
            self.labels_[event.id] = label
        if self.merge_threshold is not None:
            self._consolidate(index, sorted(set(index.stories) - known))
        self._seeds = [*seeds, *ordered]
        return self

    def _best(self, event: _Vectors, index: _StoryIndex) -> int | None:
        """The open storyline most similar to ``event``, if it reaches the threshold."""
        best, best_score = None, self.threshold
        for label in index.candidates(event):
            story = index.stories[label]
            if story.gap_days(event.day) > self.max_gap_days:
                continue
            score = self._mix(story.terms.cosine(event.terms), story.names.cosine(event.names))
            if _improves(score, best, best_score):
                best, best_score = label, score
        return best

    def _mix(self, terms: float, names: float) -> float:
        """The linking similarity: term and name cosines weighted by ``name_weight``."""
        return (1 - self.name_weight) * terms + self.name_weight * names

    def _consolidate(self, index: _StoryIndex, fresh: list[int]) -> None:
        """Fold storylines opened in this call into older ones whose means they resemble.

        One pass, oldest first, so a storyline that grew by absorbing others is compared in its
        grown form with the younger ones after it.
        """
        into: dict[int, int] = {}
        for label in fresh:
            target = self._older_match(label, index)
            if target is not None:
                index.merge(label, into=target)
                into[label] = target
        for event_id, label in self.labels_.items():
            while label in into:
                label = into[label]
            self.labels_[event_id] = label

    def _older_match(self, label: int, index: _StoryIndex) -> int | None:
        """The older storyline most similar to ``label``'s, at ``merge_threshold`` or more."""
        story = index.stories[label]
        assert self.merge_threshold is not None
        best, best_score = None, self.merge_threshold
        for other in index.candidates(story.signature()):
            if other >= label or index.stories[other].span_gap_days(story) > self.max_gap_days:
                continue
            candidate = index.stories[other]
            score = self._mix(
                story.terms.similarity(candidate.terms), story.names.similarity(candidate.names)
            )
            if _improves(score, best, best_score):
                best, best_score = other, score
        return best


def _improves(score: float, best: int | None, best_score: float) -> bool:
    """Whether ``score`` beats the pick so far: the first to reach the floor (``best_score``
    while ``best`` is None), then only a strictly higher one; nothing at 0 links."""
    if score <= 0:
        return False
    return score > best_score or (best is None and score == best_score)


@dataclass(frozen=True)
class _Vectors:
    day: date | None
    terms: dict[str, float]
    names: dict[str, float]


class _Mean:
    """A running sum of unit vectors with its norm kept current (cosine in O(|other|))."""

    def __init__(self) -> None:
        self.sum: dict[str, float] = {}
        self._norm2 = 0.0

    def add(self, vector: Mapping[str, float]) -> None:
        for key, weight in vector.items():
            old = self.sum.get(key, 0.0)
            self.sum[key] = old + weight
            self._norm2 += (old + weight) ** 2 - old * old

    def cosine(self, unit: Mapping[str, float]) -> float:
        if self._norm2 <= 0.0 or not unit:
            return 0.0
        dot = sum(w * self.sum.get(k, 0.0) for k, w in unit.items())
        return dot / math.sqrt(self._norm2)

    def similarity(self, other: _Mean) -> float:
        """Cosine between two means."""
        if self._norm2 <= 0.0 or other._norm2 <= 0.0:
            return 0.0
        small, large = sorted((self.sum, other.sum), key=len)
        dot = sum(w * large.get(k, 0.0) for k, w in small.items())
        return dot / math.sqrt(self._norm2 * other._norm2)

    def unit(self) -> dict[str, float]:
        return {k: w / math.sqrt(self._norm2) for k, w in self.sum.items()} if self._norm2 else {}


class _Story:
    """A storyline's profile while linking: mean term and name vectors and its time span."""

    def __init__(self) -> None:
        self.terms, self.names = _Mean(), _Mean()
        self.first: date | None = None
        self.last: date | None = None

    def add(self, event: _Vectors) -> None:
        self.terms.add(event.terms)
        self.names.add(event.names)
        self._widen(event.day)

    def _widen(self, day: date | None) -> None:
        if day is not None:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)

    def gap_days(self, day: date | None) -> float:
        """Days between ``day`` and the storyline's span (0 inside it or when undated)."""
        if day is None or self.first is None or self.last is None:
            return 0.0
        return float(max((self.first - day).days, (day - self.last).days, 0))

    def span_gap_days(self, other: _Story) -> float:
        """Days between the two storylines' spans (0 when they overlap or one is undated)."""
        return min(self.gap_days(other.first), self.gap_days(other.last))

    def absorb(self, other: _Story) -> None:
        self.terms.add(other.terms.sum)
        self.names.add(other.names.sum)
        self._widen(other.first)
        self._widen(other.last)

    def signature(self) -> _Vectors:
        """The storyline's mean as vectors, to look up similar storylines in the index."""
        return _Vectors(self.last, self.terms.unit(), self.names.unit())


#: Candidate storylines are those sharing one of the event's heaviest terms or names: a
#: storyline that shares none of them cannot reach the threshold in practice, and looking up
#: every term would touch every storyline through common words on a long stream.
RETRIEVAL_KEYS = 24


class _StoryIndex:
    """Storyline profiles and an inverted index from terms and names to storylines."""

    def __init__(self) -> None:
        self.stories: dict[int, _Story] = {}
        self._terms: dict[str, set[int]] = {}
        self._names: dict[str, set[int]] = {}

    def add(self, label: int, event: _Vectors) -> None:
        self.stories.setdefault(label, _Story()).add(event)
        for term in event.terms:
            self._terms.setdefault(term, set()).add(label)
        for name in event.names:
            self._names.setdefault(name, set()).add(label)

    def merge(self, label: int, into: int) -> None:
        """Move storyline ``label`` into ``into`` (profiles and postings)."""
        story = self.stories.pop(label)
        self.stories[into].absorb(story)
        for postings in (self._terms, self._names):
            for key in (*story.terms.sum, *story.names.sum):
                labels = postings.get(key)
                if labels is not None and label in labels:
                    labels.discard(label)
                    labels.add(into)

    def candidates(self, event: _Vectors) -> list[int]:
        """Storylines sharing a heavy term or name with ``event``, oldest first."""
        found: set[int] = set()
        for vector, postings in ((event.terms, self._terms), (event.names, self._names)):
            for key in heapq.nlargest(RETRIEVAL_KEYS, vector, key=vector.__getitem__):
                found.update(postings.get(key, ()))
        return sorted(found)


def _name_idf(events: Sequence[EventProfile]) -> dict[str, float]:
    """Smoothed IDF of key names over events (as scikit-learn's ``smooth_idf``)."""
    df: Counter[str] = Counter()
    for event in events:
        df.update(event.names.keys())
    n = len(events)
    return {name: math.log((1 + n) / (1 + count)) + 1 for name, count in df.items()}


#: An event takes part in linking through its heaviest centroid terms only: a long-running
#: event's centroid holds thousands of terms whose tail changes no decision (identical
#: storylines on DUC 2003/2004 and Timeline17 with 300) but dominated the linking time.
SIGNATURE_TERMS = 300


def _unit_vectors(event: EventProfile, idf: Mapping[str, float]) -> _Vectors:
    terms = event.terms
    if len(terms) > SIGNATURE_TERMS:
        terms = dict(heapq.nlargest(SIGNATURE_TERMS, terms.items(), key=lambda kv: kv[1]))
    names = {name: count * idf[name] for name, count in event.names.items()}
    return _Vectors(event.day, _unit(terms), _unit(names))


def _unit(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {k: w / norm for k, w in vector.items()} if norm else {}


@dataclass(frozen=True)
class Keywords:
    """What a storyline is about: its most telling names and terms, most telling first."""

    names: tuple[str, ...]
    terms: tuple[str, ...]


def describe(stories: Mapping[str, Sequence[str]], top: int = 5) -> dict[str, Keywords]:
    """Key names and key terms of each storyline, against the other storylines.

    A name or term is telling when the storyline uses it often and few other storylines use it
    at all (TF-IDF with storylines as documents), so "Kardova" and "shells" describe an arms
    storyline while "said" and a country every storyline mentions do not. Terms that merely
    repeat a chosen name are left out.

    Args:
        stories: Storyline id → the texts of its articles (headline and body).
        top: How many names and how many terms to keep.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = list(stories)
    if not ids:
        return {}
    counts = [_story_names(stories[sid]) for sid in ids]
    names = _top_names(counts, top)
    # A term every storyline uses tells none apart: with two storylines or more it is dropped.
    vectorizer = TfidfVectorizer(
        sublinear_tf=True,
        max_df=(len(ids) - 1) / len(ids) if len(ids) > 1 else 1.0,
        stop_words="english",
        token_pattern=r"(?u)\b[^\W\d_][\w'’-]*\w\b",
        preprocessor=_no_possessive,
    )
    try:
        matrix = vectorizer.fit_transform(["\n".join(stories[sid]) for sid in ids]).tocsr()
    except ValueError:  # no word left (only numbers, or every word in every storyline)
        return {sid: Keywords(tuple(n), ()) for sid, n in zip(ids, names, strict=True)}
    vocabulary = vectorizer.get_feature_names_out()
    out = {}
    for row, (sid, chosen) in enumerate(zip(ids, names, strict=True)):
        covered = {word.lower() for name in chosen for word in name.split()}
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        ranked = sorted(
            zip(matrix.data[start:end], matrix.indices[start:end], strict=True),
            key=lambda pair: (-pair[0], vocabulary[pair[1]]),
        )
        terms = [str(vocabulary[i]) for _, i in ranked if str(vocabulary[i]) not in covered]
        out[sid] = Keywords(tuple(chosen), tuple(terms[:top]))
    return out


def _no_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text.lower())


_POSSESSIVE = re.compile(r"['’]s\b")
#: Not names in a storyline's description (the name finder itself keeps them: the event
#: scorer was trained on its output as it is).
_NOT_KEY_NAMES = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_LOWER_WORD = re.compile(r"\b[a-z][a-z-]+\b")


def _story_names(texts: Sequence[str]) -> Counter[str]:
    """Key names of the texts, without one-word names the texts also use in lower case
    ("City", "Ministry" at a sentence's middle are capitalised common nouns, not names)."""
    names = count_names(texts)
    lower = {word for text in texts for word in _LOWER_WORD.findall(text)}
    return Counter(
        {
            n: c
            for n, c in names.items()
            if n not in _NOT_KEY_NAMES and (" " in n or n.lower() not in lower)
        }
    )


def _top_names(counts: Sequence[Counter[str]], top: int) -> list[list[str]]:
    """Each storyline's names by sublinear count x IDF over storylines (ties by name)."""
    df: Counter[str] = Counter()
    for story in counts:
        df.update(story.keys())
    n = len(counts)
    ranked = []
    for story in counts:
        weight = {
            name: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[name])) + 1)
            for name, c in story.items()
            if n == 1 or df[name] < n  # a name every storyline uses tells none apart
        }
        ranked.append(sorted(weight, key=lambda name: (-weight[name], name))[:top])
    return ranked
