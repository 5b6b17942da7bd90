from datetime import date

from storyline.model import Article, Contributor, Disclosure, Event, LineageEdge
from storyline.provenance import duplicate_links, lineage_of, origin_order, outlet_records, trace


def _article(aid: str, outlet: str, day: date | None, **extra: object) -> Article:
    return Article(
        aid, aid, aid, f"title {aid}", f"text {aid}", published=day, outlet=outlet, **extra
    )  # type: ignore[arg-type]


NOV14, NOV15 = date(2025, 11, 14), date(2025, 11, 15)
DATELINE = Contributor("MP", "agency", "BRASK, Ostrelia (MP) —")
WIRE = _article("wire", "Meridian Press", NOV14, contributors=(DATELINE,))
COPY = _article("copy", "Brask Times", NOV14, contributors=(DATELINE,))
FARM = _article("farm", "Newsbeat Today", date(2027, 2, 9))
OWN = _article("own", "Daily Courant", NOV15)
EDGES = [
    LineageEdge("copy", "wire", "containment", "trimmed", 0.97),
    LineageEdge("farm", "copy", "copy", "near", 0.99),
]
EVENT = Event("ev", "t", NOV14, ("wire", "copy", "farm", "own"))


def test_the_agency_goes_first_on_its_day_and_an_ai_piece_last() -> None:
    ai = _article("ai", "Coastline Now", NOV14, disclosures=(Disclosure("ai_generated", "x"),))
    ordered = origin_order([ai, COPY, WIRE, FARM])
    assert [a.id for a in ordered] == ["wire", "copy", "ai", "farm"]


def test_wire_lines_flags_and_dates_with_evidence() -> None:
    found = trace([WIRE, COPY, FARM, OWN], EDGES, [EVENT])
    assert {e.article_id: e.agency for e in found.edges} == {
        "copy": "Meridian Press",
        "farm": "Meridian Press",
    }
    kinds = {aid: sorted(f.kind for f in flags) for aid, flags in found.flags.items()}
    assert kinds == {
        "copy": ["near_duplicate", "wire_copy"],
        "farm": ["near_duplicate", "page_date_suspect", "wire_copy"],
    }
    suspect = next(f for f in found.flags["farm"] if f.kind == "page_date_suspect")
    assert "452 days after the 2025-11-14 article it copies (copy)" in suspect.detail


def test_a_credit_alone_marks_a_wire_copy_and_a_contribution_is_not_one() -> None:
    credited = _article("c", "Daily Courant", NOV15, contributors=(DATELINE,))
    helped = Contributor(
        "Associated Press", "agency", "The Associated Press contributed to this report."
    )
    contributed = _article("h", "Daily Courant", NOV15, contributors=(helped,))
    found = trace([credited, contributed], [], [])
    assert [f.kind for f in found.flags["c"]] == ["wire_copy"]
    assert [f.kind for f in found.flags["h"]] == ["wire_contribution"]


def test_an_article_far_from_its_events_dates_is_suspect() -> None:
    late = _article("late", "X", date(2026, 6, 1))
    others = [_article(f"o{i}", "Y", NOV14) for i in range(2)]
    event = Event("ev", "t", NOV14, ("o0", "o1", "late"))
    found = trace([*others, late], [], [event])
    assert [f.kind for f in found.flags["late"]] == ["page_date_suspect"]
    assert set(found.flags) == {"late"}


def test_independent_sources_count_lineage_roots() -> None:
    articles = {a.id: a for a in (WIRE, COPY, FARM, OWN)}
    order = {aid: i for i, aid in enumerate(articles)}
    lineage = lineage_of(EVENT.article_ids, articles, {"copy", "farm"}, order)
    assert lineage.roots == ("wire", "own") and lineage.independent_sources == 2
    assert (lineage.first_seen, lineage.basis) == ("wire", "publication date")
    undated = lineage_of(["own"], {"own": _article("own", "Z", None)}, set(), {"own": 0})
    assert (undated.first_seen, undated.basis) == ("own", "ingestion order")


def test_duplicate_links_name_the_root_original() -> None:
    links = {link.article_id: link.original_id for link in duplicate_links(EDGES)}
    assert links == {"copy": "wire", "farm": "wire"}


def test_outlet_records_count_originals_and_copies() -> None:
    records = {r.outlet: r for r in outlet_records([WIRE, COPY, FARM, OWN], EDGES)}
    assert (records["Meridian Press"].originals, records["Meridian Press"].copies) == (1, 0)
    assert (records["Brask Times"].originals, records["Brask Times"].copies) == (0, 1)
