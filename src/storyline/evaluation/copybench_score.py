"""Scoring of the copy-lineage benchmark: a detector's edges and flags against the truth.

:func:`score` is the scorer; :func:`oracle` gives the perfect prediction and
:func:`format_scores` printable lines. The benchmark itself is made by
:func:`storyline.evaluation.copybench.generate`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from storyline.evaluation.metrics import PRF

if TYPE_CHECKING:
    from storyline.evaluation.copybench import BenchDoc, Truth

LINEAGE_RELATIONS = ("copy", "containment", "rewrite")
FLAG_KINDS = ("wire_copy", "page_date_suspect", "content_farm_signals")


_AGENCY_ALIASES = {
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP",
    "agence france presse": "AFP",
}  # fmt: skip


def _agency_key(name: str) -> str:
    return _AGENCY_ALIASES.get(name.strip().lower(), name.strip())


def families(truth: Iterable[Truth]) -> dict[str, str]:
    """Each article's copy family: the original or independent report it derives from."""
    source = {t.article_id: t.source_id for t in truth}

    def root(article: str) -> str:
        seen = {article}
        while (up := source.get(article)) and up not in seen:
            article = up
            seen.add(up)
        return article

    return {a: root(a) for a in source}


@dataclass
class _Prediction:
    """A detector's output, by article."""

    lineage: dict[str, dict[str, list[str | None]]]
    agencies: dict[str, str | None]
    flags: Mapping[str, set[str]]


def _parse(
    edges: Iterable[Sequence[Any]], flags: Mapping[str, set[str]], agencies: Mapping[str, str]
) -> _Prediction:
    lineage: dict[str, dict[str, list[str | None]]] = defaultdict(lambda: defaultdict(list))
    attributed: dict[str, str | None] = {}
    for edge in edges:
        article, source, relation = edge[0], edge[1], edge[2]
        agency = edge[3] if len(edge) > 3 else None
        if relation in LINEAGE_RELATIONS:
            lineage[article][relation].append(source)
        if agency or relation == "wire":
            known = attributed.get(article)
            attributed[article] = known or (_agency_key(agency) if agency else None)
    attributed.update({a: _agency_key(name) for a, name in agencies.items()})
    return _Prediction(lineage, attributed, flags)


def _prf(correct: int, predicted: int, found: int, truth: int) -> dict[str, Any]:
    """Precision and recall with their counts (1.0 when there is nothing to get wrong)."""
    metric = PRF(correct / predicted if predicted else 1.0, found / truth if truth else 1.0)
    return {
        "precision": metric.precision,
        "recall": metric.recall,
        "f1": metric.f1,
        "predicted": predicted,
        "correct": correct,
        "truth": truth,
        "found": found,
    }


def _relation_scores(
    truth: dict[str, Truth], family: dict[str, str], pred: _Prediction
) -> dict[str, Any]:
    def right(article: str, source: str | None, relation: str) -> bool:
        t = truth.get(article)
        if t is None or t.relation != relation or source is None or source == article:
            return False
        return family.get(source) == family[article]

    out: dict[str, Any] = {}
    for relation in LINEAGE_RELATIONS:
        made = {a: rels[relation] for a, rels in pred.lineage.items() if rels.get(relation)}
        correct = sum(all(right(a, s, relation) for s in srcs) for a, srcs in made.items())
        wanted = [a for a, t in truth.items() if t.relation == relation]
        found = sum(any(right(a, s, relation) for s in made.get(a, [])) for a in wanted)
        out[relation] = _prf(correct, len(made), found, len(wanted))
    return out


def _linked_scores(
    truth: dict[str, Truth], family: dict[str, str], pred: _Prediction
) -> dict[str, Any]:
    """Any lineage edge, relation ignored: is the article derived, and from the right family?"""
    derived = {a for a, t in truth.items() if t.relation in LINEAGE_RELATIONS}
    sources = {a: [s for srcs in rels.values() for s in srcs] for a, rels in pred.lineage.items()}
    sources = {a: s for a, s in sources.items() if s}

    def right(a: str, s: str | None) -> bool:
        return a in derived and s is not None and s != a and family.get(s) == family.get(a)

    correct = sum(all(right(a, s) for s in srcs) for a, srcs in sources.items())
    found = sum(any(right(a, s) for s in sources.get(a, [])) for a in derived)
    return _prf(correct, len(sources), found, len(derived))


def _mislabelled(truth: dict[str, Truth], family: dict[str, str], pred: _Prediction) -> dict:
    """Originals and independent reports given a lineage edge to another family."""
    roots = [a for a, t in truth.items() if t.relation in ("original", "independent")]

    def crosses(a: str) -> bool:
        srcs = [s for rel in pred.lineage.get(a, {}).values() for s in rel]
        return any(s is None or family.get(s) != family[a] for s in srcs)

    wrong = sum(crosses(a) for a in roots)
    return {"share": wrong / len(roots) if roots else 0.0, "count": wrong, "of": len(roots)}


def _wire_scores(truth: dict[str, Truth], pred: _Prediction) -> dict[str, Any]:
    """Wire detection (agency or ``wire_copy`` flag) and agency attribution."""
    wire = {a: t.agency for a, t in truth.items() if t.agency}
    flagged = {a for a, kinds in pred.flags.items() if "wire_copy" in kinds and a in truth}
    detected = (set(pred.agencies) & set(truth)) | flagged
    named = {a: g for a, g in pred.agencies.items() if g and a in truth}
    right = sum(wire.get(a) == g for a, g in named.items())
    return {
        "detected": _prf(
            len(detected & set(wire)), len(detected), len(detected & set(wire)), len(wire)
        ),
        "agency": _prf(right, len(named), right, len(wire)),
    }


def _flag_scores(truth: dict[str, Truth], pred: _Prediction) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in FLAG_KINDS:
        wanted = {a for a, t in truth.items() if kind in t.flags}
        got = {a for a, kinds in pred.flags.items() if kind in kinds and a in truth}
        if kind == "wire_copy":
            # The agency's own page carries its dateline: flagging it is neither right nor wrong.
            got -= {a for a, t in truth.items() if t.agency and t.source_id is None}
        hit = len(got & wanted)
        out[kind] = _prf(hit, len(got), hit, len(wanted))
    return out


def _source_counts(docs: Sequence[BenchDoc], truth: dict[str, Truth], pred: _Prediction) -> dict:
    """Independent sources per story, true (roots) against predicted (articles with no edge)."""
    real: Counter[str] = Counter()
    guessed: Counter[str] = Counter()
    for doc in docs:
        real[doc.story] += truth[doc.id].relation in ("original", "independent")
        edges = pred.lineage.get(doc.id, {})
        guessed[doc.story] += not any(edges.get(r) for r in LINEAGE_RELATIONS)
    errors = [abs(real[s] - guessed[s]) for s in real]
    n = len(errors)
    return {
        "mae": sum(errors) / n if n else 0.0,
        "exact": sum(e == 0 for e in errors) / n if n else 1.0,
        "stories": n,
    }


def score(
    docs: Sequence[BenchDoc],
    truth: Sequence[Truth],
    edges: Iterable[Sequence[Any]],
    flags: Mapping[str, set[str]],
    agencies: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Score a detector's lineage edges, wire attributions and flags against the truth.

    An edge ``(article, source, relation)`` with relation ``copy``, ``containment`` or
    ``rewrite`` is right when the truth says ``article`` derives with that relation from
    ``source`` or from any page of ``source``'s copy family (same original or independent
    report: copies of copies count, and so does naming a sibling copy as the source).
    Precision is per article and relation: an article's edges of one relation count as right
    only when all of them are right. Recall is the share of the truth's articles of that
    relation with at least one right edge.

    Wire attribution: an edge may carry the agency as a fourth element, ``(article, source,
    "wire", "AP")`` (source may be None when only the credit was seen); ``agencies`` maps
    article to agency too and wins over edges. A ``wire`` edge without an agency, or the
    ``wire_copy`` flag, counts as detection without attribution. The agency's own page counts
    as wire (it carries the dateline), but a ``wire_copy`` flag on it is neither right nor
    wrong in the flag scores.

    Args:
        docs: The benchmark pages (their stories group the independent-source counts).
        truth: Their truth, from :func:`~storyline.evaluation.copybench.generate`.
        edges: Predicted ``(article, source, relation[, agency])`` tuples; relation is one of
            ``copy``, ``containment``, ``rewrite`` or ``wire``.
        flags: Predicted flag kinds per article (``wire_copy``, ``page_date_suspect``,
            ``content_farm_signals``; others are ignored).
        agencies: Predicted agency per article (``AP``, ``Reuters``, ``AFP``; the full names
            are understood).

    Returns:
        ``relations`` (per relation P/R with counts), ``linked`` (any relation),
        ``independent_mislabelled`` (share of originals and independent reports with an edge
        to another family; the target is < 1%), ``wire`` (``detected`` and ``agency`` P/R),
        ``flags`` (P/R per kind) and ``independent_sources`` (per-story ``mae`` and ``exact``
        share of the count of lineage roots).
    """
    by_id = {t.article_id: t for t in truth}
    family = families(truth)
    pred = _parse(edges, flags, agencies or {})
    return {
        "docs": len(docs),
        "relations": _relation_scores(by_id, family, pred),
        "linked": _linked_scores(by_id, family, pred),
        "independent_mislabelled": _mislabelled(by_id, family, pred),
        "wire": _wire_scores(by_id, pred),
        "flags": _flag_scores(by_id, pred),
        "independent_sources": _source_counts(docs, by_id, pred),
    }


def oracle(
    truth: Iterable[Truth],
) -> tuple[list[tuple[str, str | None, str, str | None]], dict[str, set[str]]]:
    """The perfect prediction: the truth's own edges (with agencies) and flags."""
    edges: list[tuple[str, str | None, str, str | None]] = []
    flags: dict[str, set[str]] = {}
    for t in truth:
        if t.relation in LINEAGE_RELATIONS:
            edges.append((t.article_id, t.source_id, t.relation, None))
        if t.agency:
            edges.append((t.article_id, t.source_id, "wire", t.agency))
        if t.flags:
            flags[t.article_id] = set(t.flags)
    return edges, flags


def format_scores(result: Mapping[str, Any]) -> list[str]:
    """The scores as printable lines (for ``make bench``)."""
    lines = [f"copy lineage benchmark: {result['docs']} pages"]
    rows = [
        *((r, result["relations"][r]) for r in LINEAGE_RELATIONS),
        ("any lineage", result["linked"]),
    ]
    rows += [
        ("wire (detected)", result["wire"]["detected"]),
        ("wire agency", result["wire"]["agency"]),
    ]
    rows += [(f"flag {k}", v) for k, v in result["flags"].items()]
    for name, m in rows:
        lines.append(
            f"  {name:<28} P {m['precision']:.3f}  R {m['recall']:.3f}  "
            f"({m['correct']}/{m['predicted']} predicted, {m['found']}/{m['truth']} found)"
        )
    bad, counts = result["independent_mislabelled"], result["independent_sources"]
    lines.append(
        f"  independent reports mislabelled: {bad['share']:.2%} ({bad['count']}/{bad['of']})"
    )
    lines.append(
        f"  independent-source count: MAE {counts['mae']:.3f}, exact {counts['exact']:.1%} "
        f"of {counts['stories']} stories"
    )
    return lines


# --- summary and command line -----------------------------------------------------------------
