import numpy as np
import pytest

from storyline.provenance.copies import CopyDetector, CopyItem, fingerprint, sketch
from storyline.provenance.hashing import shingle_hashes, signature, words

WIRE = (
    "BRASK, Ostrelia (MP) — Ostrelia's defence ministry said on Friday that it had received "
    "several consignments of artillery shells from Kardova since September, the first official "
    "confirmation of an arms relationship that neighbouring states have warned about for months. "
    "A spokesman said the deliveries were lawful and defensive and declined to give numbers. "
    "Kardova's foreign ministry did not respond to requests for comment on Friday evening. "
    "Analysts said the shipments could change the balance along the northern border region."
)
OTHER = (
    "Harbor City's council voted eight to five on Tuesday to lend two hundred and ten million "
    "dollars for a new football stadium on the Old Railyards site, over protests from residents "
    "of Fenwick who say rents will rise and the promised affordable housing will never be built."
)

FILLER = (
    "Our correspondent in Dunmar adds that the northern port was unusually busy all week, with "
    "grey freighters queueing offshore and dock workers saying they had been told to keep quiet."
)


def test_words_fold_case_and_ignore_punctuation() -> None:
    assert fingerprint("Hello, World!") == fingerprint("hello   world")
    assert fingerprint("Hello, World!") != fingerprint("Hello, Word!")
    found = words("Ünïcode wörds, plain-text")
    assert len(found.hashes) == 4
    assert found.char_span(0, 1) == (0, 13)


def test_shingles_cover_short_texts_and_runs_of_five() -> None:
    assert len(shingle_hashes(words("one two three").hashes)) == 1
    assert len(shingle_hashes(words("a b c d e f").hashes)) == 2
    assert len(shingle_hashes(words("").hashes)) == 0


def test_signature_agreement_estimates_jaccard() -> None:
    text = " ".join(f"w{i}" for i in range(2004))
    full = np.unique(shingle_hashes(words(text).hashes))
    half = full[: len(full) // 2]
    agreement = float((signature(full) == signature(half)).mean())
    assert agreement == pytest.approx(0.5, abs=0.12)


def test_exact_near_trimmed_and_padded_copies_point_at_their_source() -> None:
    items = [
        CopyItem("orig", WIRE),
        CopyItem("exact", WIRE.upper()),
        CopyItem("edited", WIRE.replace("on Friday evening", "by deadline")),
        CopyItem("trimmed", WIRE.split(" Kardova's foreign")[0]),
        CopyItem("padded", WIRE + " " + FILLER),
        CopyItem("other", OTHER),
    ]
    edges = {e.article_id: e for e in CopyDetector().find(items)}
    assert set(edges) == {"exact", "edited", "trimmed", "padded"}
    assert {e.source_id for e in edges.values()} == {"orig"}
    assert (edges["exact"].relation, edges["exact"].kind, edges["exact"].score) == (
        "copy",
        "exact",
        1.0,
    )
    assert edges["edited"].kind == "near" and edges["edited"].score >= 0.8
    assert (edges["trimmed"].relation, edges["trimmed"].kind) == ("containment", "trimmed")
    assert (edges["padded"].relation, edges["padded"].kind) == ("containment", "padded")


def test_edges_quote_the_shared_passages() -> None:
    padded = "Subscribe for more news from us. " + WIRE
    (edge,) = CopyDetector().find([CopyItem("a", WIRE), CopyItem("b", padded)])
    span = edge.spans[0]
    assert padded[span.start : span.end] == WIRE.rstrip(".")  # spans run word to word
    assert padded[: span.start].startswith("Subscribe")


def test_a_padded_copy_names_the_story_it_copies_not_a_trimmed_copy_of_it() -> None:
    trimmed = WIRE.split(" Kardova's foreign")[0]
    padded = WIRE + " Our correspondent adds that the port of Dunmar was busy all week long."
    items = [CopyItem("wire", WIRE), CopyItem("trim", trimmed), CopyItem("pad", padded)]
    edges = {e.article_id: e.source_id for e in CopyDetector().find(items)}
    assert edges == {"trim": "wire", "pad": "wire"}


def test_a_teaser_inside_a_long_article_is_not_a_copy() -> None:
    teaser = "Ostrelia's defence ministry said on Friday"
    assert CopyDetector().find([CopyItem("a", WIRE), CopyItem("b", teaser)]) == []


def test_unrelated_articles_are_not_copies() -> None:
    assert CopyDetector().find([CopyItem("a", WIRE), CopyItem("b", OTHER)]) == []


def test_two_processes_find_the_same_edges_as_one() -> None:
    items = [CopyItem(f"d{i}", f"{WIRE} Item number {i} of the feed.") for i in range(1100)]
    items.append(CopyItem("other", OTHER))
    one = CopyDetector().find(items)
    two = CopyDetector(n_jobs=2).find(items)
    assert one == two and len(one) == 1099


def test_sketch_is_picklable() -> None:
    import pickle

    found = sketch(WIRE)
    assert pickle.loads(pickle.dumps(found)).key == found.key
