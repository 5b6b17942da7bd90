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

import math
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
# Words that reject what someone else said: a claim holding one denies, whatever it is about.
_REJECTION = re.compile(
    r"\b(?:baseless|fabricat\w*|invented|false|falsely|untrue|not true|lies|lying|fantas\w+|"
    r"nonsense|groundless|unfounded|misleading|smear|propaganda|disagrees?|out of context|"
    r"no evidence|categorically|refute\w*|deny|denies|denied)\b",
    re.I,
)
_NEGATION = re.compile(r"\b(?:not|no|never|n[’']t|nothing|neither|nor)\b", re.I)
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
#: Least TF-IDF cosine (IDF over the storyline's claims) for two claims to group.
GROUP_THRESHOLD = 0.35
#: Least score for a denial left alone to join the assertion it most likely rejects.
LINK_THRESHOLD = 0.15


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
    negated: bool = False  # holds a negation: it denies a group's claim it negates


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
    denial_ids: tuple[str, ...] = ()


def claim_of(attribution: Attribution) -> Claim:
    """The claim an attribution makes (polarity, hedging and numbers read from it).

    It denies when its verb does ("denied", "rejected") or its words reject ("a baseless
    fabrication", "the figure was invented"); a plain negation ("it is not a tourism
    visit") asserts, unless its group holds the claim it negates (:func:`group_claims`).
    """
    denies = (attribution.verb or "").lower() in _DENIAL_VERBS or bool(
        _REJECTION.search(attribution.text)
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
        bool(_NEGATION.search(attribution.text)),
    )


#: Words a sentence of the article itself needs to be a claim.
MIN_STATEMENT_WORDS = 6
_FIGURE = re.compile(r"\d")


def statements(article_id: str, text: str, attributions: Sequence[Attribution]) -> list[Claim]:
    """The article's own claims: its sentences that state a figure ("58 children under 6
    have tested above the threshold") outside every quote and reported statement, speaker
    None ("the article itself")."""
    from storyline.analyze.quotes import sentences

    taken = [(a.start, a.end) for a in attributions]
    found = []
    for start, end in sentences(text):
        sentence = text[start:end].strip()
        if len(sentence.split()) < MIN_STATEMENT_WORDS or not _FIGURE.search(sentence):
            continue
        if any(a < end and b > start for a, b in taken):
            continue
        said = Attribution(
            content_hash(article_id, str(start), str(end), "statement"),
            article_id, start, end, sentence, "statement", None, None, None,
        )  # fmt: skip
        found.append(claim_of(said))
    return found


def _weights(tokens: Sequence[frozenset[str]], sources: Sequence[str]) -> list[dict[str, float]]:
    """Unit TF-IDF vectors of token sets, figures counted twice. IDF is over the storyline's
    sources (lineage roots: a wire story's copies do not make its words common), so its
    common words — its places and parties — weigh little."""
    used: dict[str, set[str]] = {}
    for words, source in zip(tokens, sources, strict=True):
        for word in words:
            used.setdefault(word, set()).add(source)
    count = len(set(sources))
    vectors = []
    for words in tokens:
        weights = {w: math.log(1 + count / len(used[w])) * (2 if w[0].isdigit() else 1)
                   for w in words}  # fmt: skip
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        vectors.append({w: v / norm for w, v in weights.items()})
    return vectors


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(v * large.get(w, 0.0) for w, v in small.items())


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


#: The share of the threshold two claims of one speaker need: outlets quoting one
#: statement pick different words of it.
SAME_SPEAKER = 0.75


def _needed(a: Claim, b: Claim, threshold: float) -> float:
    same = a.speaker is not None and b.speaker is not None and a.speaker == b.speaker
    return threshold * SAME_SPEAKER if same else threshold


def _nested(a: Claim, b: Claim) -> bool:
    """Whether one claim of an article quotes within the other (“...” inside reported speech)."""
    inner_a, inner_b = a.text.strip(' .,“”"'), b.text.strip(' .,“”"')
    return bool(inner_a and inner_b) and (inner_a in b.text or inner_b in a.text)


class _Groups:
    """Union-find over claim indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)

    def members(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            found.setdefault(self.find(i), []).append(i)
        return found


def group_claims(
    storyline_id: str,
    claims: Sequence[Claim],
    root_of: Mapping[str, str],
    threshold: float = GROUP_THRESHOLD,
) -> list[ClaimGroup]:
    """Group a storyline's claims across articles and give each group its status.

    Claims of different articles group when their content words and figures agree (TF-IDF
    cosine ≥ ``threshold``, connected); within an article, a quote nested in reported speech
    joins it. A denial then left without any assertion joins the group it most likely
    rejects: the most similar one, more so when it names one of that group's speakers
    ("the allegation, made by Rhea Mallin, ...").

    Args:
        storyline_id: The storyline.
        claims: Its claims, in article order.
        root_of: Article id → the article it derives from at the root of its lineage
            (absent for originals): a copy's claim is its source's claim.
        threshold: Least similarity for two claims of different articles to group.
    """
    tokens = [content_tokens_of(c.text) for c in claims]
    vectors = _weights(tokens, [root_of.get(c.article_id, c.article_id) for c in claims])
    groups = _Groups(len(claims))
    for i, j in sorted(_candidate_pairs(tokens)):
        if claims[i].article_id == claims[j].article_id:
            if _nested(claims[i], claims[j]):
                groups.join(i, j)
        elif _cosine(vectors[i], vectors[j]) >= _needed(claims[i], claims[j], threshold):
            groups.join(i, j)
    _link_denials(claims, vectors, groups)
    return [
        _group(storyline_id, [claims[i] for i in members], root_of)
        for members in groups.members().values()
    ]


def _link_denials(
    claims: Sequence[Claim], vectors: Sequence[Mapping[str, float]], groups: _Groups
) -> None:
    """Join each group made only of denials to the asserting group it scores best with."""
    members = groups.members()
    asserting = {
        root: ids
        for root, ids in members.items()
        if any(claims[i].polarity == "asserts" for i in ids)
    }
    for root, ids in members.items():
        if root in asserting:
            continue
        best, target = LINK_THRESHOLD, None
        for other, other_ids in asserting.items():
            score = max(_cosine(vectors[i], vectors[j]) for i in ids for j in other_ids)
            score += 0.3 * _names_speaker(claims, ids, other_ids)
            if score > best:
                best, target = score, other
        if target is not None:
            groups.join(root, target)


def _names_speaker(claims: Sequence[Claim], ids: Sequence[int], other_ids: Sequence[int]) -> bool:
    """Whether the denials name (by surname) a speaker of the other group's claims."""
    text = " ".join(claims[i].text for i in ids)
    speakers = {name.split()[-1] for j in other_ids if (name := claims[j].speaker)}
    return any(
        re.search(rf"\b{re.escape(name)}\b", text) for name in speakers if name[:1].isupper()
    )


def _group(storyline_id: str, claims: list[Claim], root_of: Mapping[str, str]) -> ClaimGroup:
    source = {c.id: root_of.get(c.article_id, c.article_id) for c in claims}
    plain = {source[c.id] for c in claims if c.polarity == "asserts" and not c.negated}
    # A negation denies the group's claim when another source asserts it plainly.
    denying = [
        c for c in claims
        if c.polarity == "denies" or (c.negated and plain - {source[c.id]})
    ]  # fmt: skip
    asserting = [c for c in claims if c not in denying]
    sources = {source[c.id] for c in asserting}
    if asserting and denying:
        status = "disputed"
    elif len(sources) >= 2:
        status = "corroborated"
    else:
        status = "single_source"
    summary = max(asserting or claims, key=lambda c: (len(c.numbers), -len(c.text))).text
    return ClaimGroup(
        "g-" + content_hash(storyline_id, *sorted(c.id for c in claims)),
        storyline_id,
        summary,
        status,
        len(sources),
        tuple(dict.fromkeys(c.speaker or "(the article)" for c in asserting)),
        tuple(dict.fromkeys(c.speaker or "(the article)" for c in denying)),
        tuple(c.id for c in claims),
        tuple(c.id for c in denying),
    )
