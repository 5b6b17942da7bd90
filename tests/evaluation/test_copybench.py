"""The copy-lineage benchmark: the scorer on hand-made cases, the generator on the real data."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from storyline.evaluation import copybench_pages as pages
from storyline.evaluation import copybench_rewrite as rw
from storyline.evaluation.copybench import AGENCY_DATELINE, DERIVED, BenchDoc, Truth, generate
from storyline.evaluation.copybench_score import families, format_scores, oracle, score

# --- the scorer, on a hand-made benchmark -------------------------------------------------
# Story s1: a (original) <- b (verbatim) <- c (republished from b); d (independent) <- e
# (trimmed); a <- f (rewrite). Story s2: g (AP wire original) <- h (verbatim wire copy).

TRUTH = [
    Truth("a", None, "original", "original"),
    Truth("b", "a", "copy", "verbatim"),
    Truth("c", "b", "copy", "republished", None, frozenset({"page_date_suspect"})),
    Truth("d", None, "independent", "independent"),
    Truth("e", "d", "containment", "trimmed"),
    Truth("f", "a", "rewrite", "rewrite"),
    Truth("g", None, "original", "original", "AP"),
    Truth("h", "g", "copy", "verbatim", "AP", frozenset({"wire_copy"})),
]
STORY = {"a": "s1", "b": "s1", "c": "s1", "d": "s1", "e": "s1", "f": "s1", "g": "s2", "h": "s2"}
DOCS = [
    BenchDoc(t.article_id, "page", "body", "title", "outlet", date(2021, 5, 1), STORY[t.article_id])
    for t in TRUTH
]


def _pr(result: dict, *keys: str) -> tuple[float, float]:
    node = result
    for key in keys:
        node = node[key]
    return node["precision"], node["recall"]


def test_families_follow_copies_of_copies() -> None:
    assert families(TRUTH) == {
        "a": "a", "b": "a", "c": "a", "d": "d", "e": "d", "f": "a", "g": "g", "h": "g"
    }  # fmt: skip


def test_a_perfect_prediction_scores_one_everywhere() -> None:
    edges, flags = oracle(TRUTH)
    result = score(DOCS, TRUTH, edges, flags)
    for relation in ("copy", "containment", "rewrite"):
        assert _pr(result, "relations", relation) == (1.0, 1.0)
    assert _pr(result, "linked") == (1.0, 1.0)
    assert _pr(result, "wire", "agency") == (1.0, 1.0)
    assert _pr(result, "wire", "detected") == (1.0, 1.0)
    for kind in ("page_date_suspect", "wire_copy"):
        assert _pr(result, "flags", kind) == (1.0, 1.0)
    assert result["independent_mislabelled"]["share"] == 0.0
    assert result["independent_sources"] == {"mae": 0.0, "exact": 1.0, "stories": 2}


WRONG_EDGES = [
    ("b", "a", "copy"),  # right
    ("c", "a", "copy"),  # right: c copies b, a copy of a
    ("d", "a", "copy"),  # an independent report taken for a copy
    ("e", "d", "copy"),  # right source, wrong relation (it is a trimmed copy)
    ("f", "a", "containment"),  # a rewrite called containment
]  # and h, a wire copy, is missed


def test_a_wrong_prediction_scores_what_it_got_right() -> None:
    flags = {"c": {"page_date_suspect"}, "b": {"content_farm_signals"}}
    result = score(DOCS, TRUTH, WRONG_EDGES, flags, agencies={"g": "AP", "h": "Reuters"})
    assert _pr(result, "relations", "copy") == (2 / 4, 2 / 3)
    assert _pr(result, "relations", "containment") == (0.0, 0.0)
    assert _pr(result, "relations", "rewrite") == (1.0, 0.0)  # nothing predicted, one missed
    assert _pr(result, "linked") == (4 / 5, 4 / 5)
    assert result["independent_mislabelled"] == {"share": 1 / 3, "count": 1, "of": 3}
    assert _pr(result, "wire", "agency") == (1 / 2, 1 / 2)
    assert _pr(result, "flags", "page_date_suspect") == (1.0, 1.0)
    assert _pr(result, "flags", "content_farm_signals") == (0.0, 1.0)  # none to find: 1.0
    # s1 has 2 roots (a, d) and 1 predicted (a); s2 has 1 (g) and 2 predicted (g, h).
    assert result["independent_sources"] == {"mae": 1.0, "exact": 0.0, "stories": 2}


def test_one_wrong_source_spoils_precision_but_not_recall() -> None:
    edges = [("b", "a", "copy"), ("b", "d", "copy")]
    result = score(DOCS, TRUTH, edges, {})
    assert result["relations"]["copy"]["correct"] == 0
    assert result["relations"]["copy"]["found"] == 1


def test_a_sibling_copy_is_a_right_source_and_a_root_copying_its_copy_is_wrong() -> None:
    edges = [("c", "b", "copy"), ("h", "g", "copy"), ("a", "b", "copy")]
    result = score(DOCS, TRUTH, edges, {})
    assert result["relations"]["copy"]["correct"] == 2  # a is the original: wrong
    assert result["independent_mislabelled"]["count"] == 0  # but within its own family


def test_wire_edges_carry_the_agency_and_full_names_are_understood() -> None:
    edges = [("h", None, "wire", "Associated Press"), ("g", None, "wire", "AP")]
    result = score(DOCS, TRUTH, edges, {})
    assert _pr(result, "wire", "agency") == (1.0, 1.0)
    edges_without_agency = [("h", None, "wire")]
    result = score(DOCS, TRUTH, edges_without_agency, {"b": {"wire_copy"}})
    assert result["wire"]["detected"]["predicted"] == 2
    assert _pr(result, "wire", "detected") == (1 / 2, 1 / 2)
    assert result["wire"]["agency"]["predicted"] == 0


def test_a_wire_copy_flag_on_the_agencys_own_page_is_neutral() -> None:
    result = score(DOCS, TRUTH, [], {"g": {"wire_copy"}, "h": {"wire_copy"}})
    assert _pr(result, "flags", "wire_copy") == (1.0, 1.0)


def test_an_edge_with_an_unknown_article_or_source_is_wrong() -> None:
    edges = [("b", None, "copy"), ("d", "zz", "rewrite"), ("zz", "a", "copy")]
    result = score(DOCS, TRUTH, edges, {})
    assert _pr(result, "relations", "copy") == (0.0, 0.0)
    assert result["relations"]["copy"]["predicted"] == 2
    assert result["independent_mislabelled"]["count"] == 1


def test_the_scores_print() -> None:
    edges, flags = oracle(TRUTH)
    lines = format_scores(score(DOCS, TRUTH, edges, flags))
    assert any(line.strip().startswith("copy") and "P 1.000  R 1.000" in line for line in lines)
    assert any("independent-source count: MAE 0.000" in line for line in lines)


# --- the text machinery --------------------------------------------------------------------

SAMPLE = (
    "Rebels attacked a village in the west and killed six civilians, a military spokesman said "
    "Thursday. The attack occurred overnight near the border, 270 kilometers west of the "
    "capital. Officials said the government would send more troops to the region. Residents "
    "reportedly fled their homes after the attack. The president announced an investigation "
    "on Friday."
)


def test_sentences_keep_abbreviations_and_initials_together() -> None:
    text = "Gov. Smith met U.S. officials on Sept. 2. J.R. Doe said no. It rained."
    assert rw.sentences(text) == [
        "Gov. Smith met U.S. officials on Sept. 2.",
        "J.R. Doe said no.",
        "It rained.",
    ]


def test_a_rewrite_keeps_names_and_numbers_and_shares_few_shingles() -> None:
    paras = [rw.sentences(SAMPLE)]
    rewritten = rw.join(rw.rewrite(paras, random.Random(1)))
    assert rw.jaccard(SAMPLE, rewritten) < 0.3
    assert set(re.findall(r"\d+", SAMPLE)) <= set(re.findall(r"\d+", rewritten))
    for name in ("Rebels", "Thursday", "Friday"):
        assert name in rewritten


def test_trim_cuts_at_a_sentence_inside_the_bounds_or_refuses() -> None:
    paras = [rw.sentences(SAMPLE)]
    trimmed = rw.trim(paras, random.Random(0))
    assert trimmed is not None
    share = rw.word_count(trimmed) / rw.word_count(paras)
    assert 0.4 <= share <= 0.7
    assert SAMPLE.startswith(rw.join(trimmed))
    assert rw.trim([["One short sentence only."]], random.Random(0)) is None


# --- the generator, on the labelled data ----------------------------------------------------


@pytest.fixture(scope="module")
def bench(data_dir: Path) -> tuple[list[BenchDoc], list[Truth]]:
    return generate(seed=7, max_stories=25, root=data_dir)


def _pairs(bench: tuple[list[BenchDoc], list[Truth]]) -> dict[str, tuple[BenchDoc, Truth]]:
    docs, truth = bench
    return {d.id: (d, t) for d, t in zip(docs, truth, strict=True)}


@pytest.mark.data
def test_generation_is_deterministic(data_dir: Path, bench: tuple) -> None:
    assert generate(seed=7, max_stories=25, root=data_dir) == bench
    assert generate(seed=8, max_stories=25, root=data_dir) != bench


@pytest.mark.data
def test_generation_does_not_depend_on_the_hash_seed(data_dir: Path) -> None:
    # Flags are frozensets, whose repr follows the hash seed: digest them sorted.
    code = (
        "import hashlib, sys; from pathlib import Path;"
        "from storyline.evaluation.copybench import generate;"
        "d, t = generate(seed=3, max_stories=6, root=Path(sys.argv[1]));"
        "rows = [(x.article_id, x.source_id, x.variant, x.agency, sorted(x.flags)) for x in t];"
        "print(hashlib.sha256(repr((d, rows)).encode()).hexdigest())"
    )
    env = dict(os.environ)
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(data_dir)],
            env={**env, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        for seed in ("1", "2")
    ]
    digests = {run.stdout for run in runs}
    assert len(digests) == 1


@pytest.mark.data
def test_every_variant_relation_and_flag_is_present(bench: tuple) -> None:
    docs, truth = bench
    variants = {t.variant for t in truth}
    assert variants == {"original", "independent", *DERIVED}
    assert {t.relation for t in truth} == {
        "original",
        "independent",
        "copy",
        "containment",
        "rewrite",
    }
    assert {f for t in truth for f in t.flags} == {
        "wire_copy",
        "page_date_suspect",
        "content_farm_signals",
    }
    wire_copies = [(d, t) for d, t in zip(docs, truth, strict=True) if t.agency and t.source_id]
    kept = [d for d, _ in wire_copies if AGENCY_DATELINE.match(d.body)]
    assert kept and len(kept) < len(wire_copies)  # some copies strip the dateline


@pytest.mark.data
def test_pages_are_unique_ordered_and_copies_come_after_their_sources(bench: tuple) -> None:
    docs, truth = bench
    assert len({d.id for d in docs}) == len(docs)
    position = {d.id: i for i, d in enumerate(docs)}
    moments = [d.published_at for d in docs]
    assert moments == sorted(moments)  # type: ignore[type-var]
    pairs = _pairs(bench)
    for t in truth:
        if t.source_id:
            assert position[t.source_id] < position[t.article_id]
            assert pairs[t.source_id][0].story == pairs[t.article_id][0].story


@pytest.mark.data
def test_variant_bodies_have_the_promised_overlap(bench: tuple) -> None:
    pairs = _pairs(bench)
    for doc, t in pairs.values():
        if t.source_id is None:
            continue
        source = pairs[t.source_id][0].body
        if t.variant == "rewrite":
            assert rw.jaccard(doc.body, source) < 0.3, doc.id
        elif t.variant == "trimmed":
            assert rw.containment(doc.body, source) >= 0.9, doc.id
            assert rw.word_count(rw.paragraphs(doc.body)) < rw.word_count(rw.paragraphs(source))
        elif t.variant == "padded":
            assert rw.containment(source, doc.body) >= 0.9, doc.id
            assert len(doc.body) > len(source)
        elif t.variant == "verbatim":
            assert source.endswith(doc.body)  # the same body, its dateline maybe stripped


@pytest.mark.data
def test_light_edits_change_few_words(bench: tuple) -> None:
    pairs = _pairs(bench)
    edits = [(d, t) for d, t in pairs.values() if t.variant == "light_edit"]
    assert edits
    for doc, t in edits:
        source = pairs[t.source_id or ""][0].body
        new_words = 1 - rw.containment(doc.body, source, n=1)  # distinct words not in the source
        assert new_words <= 0.1, doc.id
        assert rw.containment(doc.body, source) >= 0.5, doc.id


@pytest.mark.data
def test_rewrites_keep_the_numbers(bench: tuple) -> None:
    pairs = _pairs(bench)
    for doc, t in pairs.values():
        if t.variant == "rewrite":
            source = pairs[t.source_id or ""][0].body
            assert set(re.findall(r"\d+", source)) <= set(re.findall(r"\d+", doc.body)), doc.id


@pytest.mark.data
def test_independent_reports_share_little_text(bench: tuple) -> None:
    docs, truth = bench
    roots = [d for d, t in zip(docs, truth, strict=True) if t.source_id is None]
    by_story: dict[str, list[BenchDoc]] = {}
    for doc in roots:
        by_story.setdefault(doc.story, []).append(doc)
    for story in by_story.values():
        for i, a in enumerate(story):
            for b in story[:i]:
                assert rw.containment(a.body, b.body) <= 0.25, (a.id, b.id)


@pytest.mark.data
def test_republications_are_late_content_farm_pages(bench: tuple) -> None:
    pairs = _pairs(bench)
    for doc, t in pairs.values():
        if t.variant != "republished":
            continue
        source = pairs[t.source_id or ""][0]
        assert 182 <= (doc.published - source.published).days <= 548
        assert doc.outlet in pages.FARM_OUTLETS
        assert "About the author:" in doc.page and "Related Posts" in doc.page
        assert {"page_date_suspect", "content_farm_signals"} <= t.flags


@pytest.mark.data
def test_wire_copies_carry_their_roots_agency(bench: tuple) -> None:
    pairs = _pairs(bench)
    roots = families(t for _, t in pairs.values())
    for doc, t in pairs.values():
        root_truth = pairs[roots[doc.id]][1]
        if t.relation in ("copy", "containment"):
            assert t.agency == root_truth.agency
            assert ("wire_copy" in t.flags) == (t.agency is not None)
        if t.source_id is None and t.agency:
            assert AGENCY_DATELINE.match(doc.body) and doc.outlet == pages.AGENCY_NAMES[t.agency]
        if t.source_id is None and not t.agency:
            assert not AGENCY_DATELINE.match(doc.body)


@pytest.mark.data
def test_pages_wrap_the_body_in_boilerplate(bench: tuple) -> None:
    docs, _ = bench
    for doc in docs:
        lines = doc.page.split("\n")
        assert doc.title in lines
        assert all(line in lines for line in doc.body.split("\n"))
        assert len(lines) > len(doc.body.split("\n")) + 6
        assert f"© {doc.published.year}" in doc.page


@pytest.mark.data
def test_the_oracle_scores_perfectly_on_the_generated_benchmark(bench: tuple) -> None:
    docs, truth = bench
    edges, flags = oracle(truth)
    result = score(docs, truth, edges, flags)
    assert all(
        _pr(result, "relations", r) == (1.0, 1.0) for r in ("copy", "containment", "rewrite")
    )
    assert result["independent_sources"]["exact"] == 1.0
    assert isinstance(docs[0].published_at, datetime)
