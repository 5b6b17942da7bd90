"""Where the entity recogniser runs, and how its names reach the rest of the article.

spaCy's small English model tags about 7,000 words a second on one core here: the whole
text of every article would hold the analysis to a fifth of its target speed. It is run on
the parts that decide who said what — the lead, each sentence holding a quote or its
speaker, and the sentence before it (where a pronoun's antecedent is) — and every name it
found there is then looked up in the rest of the text (a name keeps its label through an
article: "Oskar Dren" tagged once is a person wherever he appears; his surname alone too).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from storyline.analyze.quotes import Quote, sentences
from storyline.model import Mention

#: Sentences of the lead always tagged.
LEAD_SENTENCES = 3


def segments(text: str, quotes: Iterable[Quote]) -> list[tuple[int, int]]:
    """The spans of ``text`` to tag: the lead, and each sentence naming a speaker (with the
    sentence before when the speaker is a pronoun or a description), merged, in order."""
    spans = sentences(text)
    wanted = set(range(min(LEAD_SENTENCES, len(spans))))
    starts = [start for start, _ in spans]
    for quote in quotes:
        if quote.speaker is None:
            continue
        index = _index(starts, quote.speaker_start)
        wanted.add(index)
        if index and (not quote.speaker[:1].isupper() or quote.speaker in _PRONOUNS):
            wanted.add(index - 1)
    merged: list[tuple[int, int]] = []
    for index in sorted(wanted):
        start, end = spans[index]
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
    for match in pattern.finditer(text):
        if not any(start <= match.start() < end for start, end in spans):
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
    """Sentences outside ``spans`` holding a name no mention covers — a capitalised word past
    the sentence's first that the article uses again: the second pass of the recogniser
    tags only these (a name used once outside the lead and the attributions is left)."""
    covered = [(m.start, m.end) for m in mentions]
    words = [m for m in _CAPITALISED.finditer(text) if m.group(0).rstrip(".") not in _COMMON]
    uses = Counter(m.group(0) for m in words)
    found: list[tuple[int, int]] = []
    spans_of = sentences(text)
    for match in words:
        if any(a <= match.start() < b for a, b in (*covered, *spans, *found[-1:])):
            continue
        if uses[match.group(0)] > 1:
            found.extend(s for s in spans_of if s[0] <= match.start() < s[1])
    return found
