"""Claims: attributed assertions grouped across articles, and whether independent sources
corroborate them, one source alone carries them, or someone denies them.

A claim is a quote or reported statement (:mod:`storyline.analyze.quotes`) seen as an
assertion: its speaker (or None for the article itself), its polarity (a denial verb or a
negation makes it ``denies``), whether it is hedged ("allegedly", "may", "reportedly") and
the numbers it states ("over 10,000 containers", "$138 million"). Claims of one storyline
that say the same thing are grouped: their content words and numbers overlap (Dice over
content-word stems, figures counted twice). A group's status counts *independent* sources:
an article that copies or rewrites another counts as its source (lineage roots), so a wire
story and its republications are one source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyline.ids import content_hash
from storyline.model import Attribution
from storyline.provenance.rewrites import content_tokens as content_tokens_of

_DENIAL_VERBS = frozenset(
    "denied denies deny rejected rejects disputed disputes dismissed dismisses refuted "
    "refutes contested contests".split()
)
_NEGATION = re.compile(r"\b(?:not|no|never|n[’']t|nothing|neither|nor|denied|false|untrue)\b", re.I)
_HEDGE = re.compile(
    r"\b(?:allegedly|alleged|reportedly|apparently|may|might|could|possibly|perhaps|suggests?|"
    r"appears?|seems?|likely|unconfirmed|claimed|believed)\b",
    re.I,
)
_NUMBER = re.compile(
    r"(?:(?:over|more than|about|around|nearly|almost|at least|up to|some)\s+)?"
    r"[$€£]?\d[\d,.]*(?:\s*(?:million|billion|trillion|thousand|percent|per cent|%))?"
    r"(?:\s+(?!and\b|or\b|the\b|in\b|of\b|to\b)[a-z][a-z-]+)?",
    re.I,
)
GROUP_THRESHOLD = 0.4


@dataclass(frozen=True)
class Claim:
    """One attributed assertion of one article."""

    id: str
    article_id: str
    speaker: str | None
    text: str
    polarity: str
    hedged: bool
    numbers: tuple[str, ...]


@dataclass(frozen=True)
class ClaimGroup:
    """Claims of one storyline that say the same thing, and what the sources make of it.

    Attributes:
        status: ``disputed`` (someone asserts it and someone denies it), ``corroborated``
            (asserted by two independent sources or more) or ``single_source``.
        independent_sources: Lineage roots among the asserting articles.
    """

    id: str
    storyline_id: str
    summary: str
    status: str
    independent_sources: int
    asserted_by: tuple[str, ...]
    denied_by: tuple[str, ...]
    claim_ids: tuple[str, ...]


def claim_of(attribution: Attribution) -> Claim:
    """The claim an attribution makes (polarity, hedging and numbers read from it)."""
    denies = (attribution.verb or "").lower() in _DENIAL_VERBS or bool(
        _NEGATION.search(attribution.text)
    )
    hedged = bool(_HEDGE.search(attribution.text)) or (attribution.verb or "") in (
        "claimed", "alleged", "claims", "alleges"
    )  # fmt: skip
    numbers = tuple(m.group(0).strip() for m in _NUMBER.finditer(attribution.text))
    return Claim(
        "c-" + content_hash(attribution.id),
        attribution.article_id,
        attribution.speaker,
        attribution.text,
        "denies" if denies else "asserts",
        hedged,
        numbers,
    )


def similarity(a: Claim, b: Claim) -> float:
    """Dice overlap of two claims' content-word stems, their figures counted twice."""
    return _dice(content_tokens_of(a.text), content_tokens_of(b.text))


def _dice(words_a: frozenset[str], words_b: frozenset[str]) -> float:
    figures_a = {t for t in words_a if t[0].isdigit()}
    figures_b = {t for t in words_b if t[0].isdigit()}
    shared = len(words_a & words_b) + len(figures_a & figures_b)
    total = len(words_a) + len(words_b) + len(figures_a) + len(figures_b)
    return 2 * shared / total if total else 0.0


#: Words in more claims than this are not used to find candidate pairs (a storyline's
#: common words would pair every claim with every other).
BLOCK_MAX = 50


def _candidate_pairs(tokens: Sequence[frozenset[str]]) -> set[tuple[int, int]]:
    """Pairs of claims sharing a word that few claims of the storyline use."""
    postings: dict[str, list[int]] = {}
    for index, words in enumerate(tokens):
        for word in words:
            postings.setdefault(word, []).append(index)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if 1 < len(members) <= BLOCK_MAX:
            pairs.update((i, j) for j in members for i in members if j < i)
    return pairs


def group_claims(
    storyline_id: str,
    claims: Sequence[Claim],
    root_of: Mapping[str, str],
    threshold: float = GROUP_THRESHOLD,
) -> list[ClaimGroup]:
    """Group a storyline's claims across articles and give each group its status.

    Args:
        storyline_id: The storyline.
        claims: Its claims, in article order.
        root_of: Article id → the article it derives from at the root of its lineage
            (absent for originals): a copy's claim is its source's claim.
        threshold: Least :func:`similarity` for two claims of different sources to group.
    """
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tokens = [content_tokens_of(c.text) for c in claims]
    for i, j in sorted(_candidate_pairs(tokens)):
        same_article = claims[i].article_id == claims[j].article_id
        if not same_article and _dice(tokens[i], tokens[j]) >= threshold:
            parent[find(i)] = find(j)
    members: dict[int, list[Claim]] = {}
    for i, claim in enumerate(claims):
        members.setdefault(find(i), []).append(claim)
    return [_group(storyline_id, group, root_of) for group in members.values()]


def _group(storyline_id: str, claims: list[Claim], root_of: Mapping[str, str]) -> ClaimGroup:
    asserting = [c for c in claims if c.polarity == "asserts"]
    denying = [c for c in claims if c.polarity == "denies"]
    sources = {root_of.get(c.article_id, c.article_id) for c in asserting}
    if asserting and denying:
        status = "disputed"
    elif len(sources) >= 2:
        status = "corroborated"
    else:
        status = "single_source"
    summary = max(claims, key=lambda c: (len(c.numbers), -len(c.text))).text
    return ClaimGroup(
        "g-" + content_hash(storyline_id, *sorted(c.id for c in claims)),
        storyline_id,
        summary,
        status,
        len(sources),
        tuple(dict.fromkeys(c.speaker or "(the article)" for c in asserting)),
        tuple(dict.fromkeys(c.speaker or "(the article)" for c in denying)),
        tuple(c.id for c in claims),
    )
