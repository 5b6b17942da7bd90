"""Where the entity recogniser runs, and how its names reach the rest of the article.

spaCy's small English model tags about 7,000 words a second on one core here: the whole
text of every article would hold the analysis to a fifth of its target speed. It is run on
the parts that decide who said what — the lead, each sentence holding a quote or its
speaker, and the sentence before it (where a pronoun's antecedent is) — and every name it
found there is then looked up in the rest of the text (a name keeps its label through an
article: "Oskar Dren" tagged once is a person wherever he appears; his surname alone too).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from storyline.analyze.quotes import Quote, sentences
from storyline.model import Mention

#: Sentences of the lead always tagged.
LEAD_SENTENCES = 3
#: Characters of context tagged on each side of a speaker or an unseen name (within its
#: sentence): the recogniser decides from a few words around a name.
REACH = 100


def segments(text: str, quotes: Iterable[Quote]) -> list[tuple[int, int]]:
    """The spans of ``text`` to tag: the lead, the words around each speaker (with the
    sentence before when the speaker is a pronoun or a description), merged, in order."""
    spans = sentences(text)
    wanted = list(spans[:LEAD_SENTENCES])
    starts = [start for start, _ in spans]
    for quote in quotes:
        if quote.speaker is None:
            continue
        index = _index(starts, quote.speaker_start)
        end = quote.speaker_start + len(quote.speaker)
        wanted.append(_window(text, spans[index], quote.speaker_start, end))
        if index and (not quote.speaker[:1].isupper() or quote.speaker in _PRONOUNS):
            wanted.append(spans[index - 1])
    return _merge(wanted)


def _window(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """``REACH`` characters either side of ``[start, end)``, within the sentence, cut at
    spaces."""
    low, high = max(sentence[0], start - REACH), min(sentence[1], end + REACH)
    if low > sentence[0]:
        low = text.find(" ", low, start) + 1 or low
    if high < sentence[1]:
        high = text.rfind(" ", end, high) if text.rfind(" ", end, high) > 0 else high
    return low, high


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_PRONOUNS = frozenset("He She They We I It The".split())


def _index(starts: Sequence[int], offset: int) -> int:
    """The index of the sentence holding ``offset`` (its start is the last one before it)."""
    low, high = 0, len(starts)
    while high - low > 1:
        middle = (low + high) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle
    return low


class _Intervals:
    """Disjoint or overlapping ``[start, end)`` spans, asked "does one hold this offset?" in
    log time (long texts have thousands of mentions)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def __contains__(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]


def propagate(
    article_id: str, text: str, tagged: Sequence[Mention], spans: Sequence[tuple[int, int]]
) -> list[Mention]:
    """The tagged mentions and every other occurrence, outside the tagged ``spans``, of a
    name they hold (with the label it was given most; a person's surname as a person)."""
    labels: dict[str, Counter[str]] = {}
    for mention in tagged:
        labels.setdefault(mention.text, Counter())[mention.label] += 1
        words = mention.text.split()
        if mention.label == "PERSON" and len(words) > 1 and len(words[-1]) > 2:
            labels.setdefault(words[-1], Counter())["PERSON"] += 0  # known only as a person
    names = sorted((n for n in labels if len(n) > 2 and n[:1].isupper()), key=len, reverse=True)
    if not names:
        return list(tagged)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    found = list(tagged)
    tagged_spans = _Intervals(spans)
    for match in pattern.finditer(text):
        if match.start() not in tagged_spans:
            label = labels[match.group(0)].most_common(1)[0][0] if labels[match.group(0)] else ""
            found.append(Mention(article_id, match.start(), match.end(), match.group(0), label))
    return sorted(found, key=lambda m: m.start)


# A capitalised word inside a sentence: a name the first pass may not have seen.
_CAPITALISED = re.compile(r"(?<=[\w,;:)’”] )[A-Z][\w’'.-]*")
_COMMON = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday I Mr Mrs Ms Dr The A An".split()
)


def uncovered(
    text: str, spans: Sequence[tuple[int, int]], mentions: Sequence[Mention]
) -> list[tuple[int, int]]:
    """The words around each name outside ``spans`` that no mention covers — a capitalised
    word past its sentence's first that the article uses again: the second pass of the
    recogniser tags only these (a name used once outside the lead and the attributions is
    left)."""
    covered = _Intervals([*((m.start, m.end) for m in mentions), *spans])
    words = [m for m in _CAPITALISED.finditer(text) if m.group(0).rstrip(".") not in _COMMON]
    uses = Counter(m.group(0) for m in words)
    spans_of = sentences(text)
    starts = [start for start, _ in spans_of]
    found: list[tuple[int, int]] = []
    for match in words:
        if uses[match.group(0)] < 2 or match.start() in covered:
            continue
        if found and match.start() < found[-1][1]:  # words in text order: the last window
            continue
        sentence = spans_of[_index(starts, match.start())]
        found.append(_window(text, sentence, match.start(), match.end()))
    return _merge(found)
