"""End to end on the bundled demo corpus, whose true grouping we wrote down ourselves."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storyline import pipeline
from storyline.evaluation.metrics import bcubed
from storyline.store import Store
from tests.conftest import DEMO, ROOT


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("demo")
    with Store(folder / "demo.db") as store:
        summary = pipeline.run(store, [str(DEMO)], folder / "out")
        document = pipeline.export(store)
    return {"summary": summary, "doc": document, "folder": folder}


def _truth_key(source: str, url: str | None) -> tuple[str, str | None]:
    relative = Path(source.split("#", 1)[0]).resolve().relative_to(DEMO.resolve()).as_posix()
    return relative, url if relative.endswith((".jsonl", ".rss")) else None


def _joined(
    doc: dict[str, Any], truth: dict[str, Any]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    by_key = {
        (t["source"], t["url"] if t["source"].endswith((".jsonl", ".rss")) else None): t
        for t in truth["articles"]
    }
    return [(a, by_key[_truth_key(a["source"], a["url"])]) for a in doc["articles"]]


def test_demo_is_ingested_without_rejections(demo_run: dict[str, Any], demo_truth: dict) -> None:
    summary = demo_run["summary"]
    assert summary.ingest.rejected == []
    assert summary.ingest.added == len(demo_truth["articles"]) == 61


def test_demo_storylines_match_the_truth_exactly(demo_run: dict, demo_truth: dict) -> None:
    doc = demo_run["doc"]
    story_of = {e["id"]: e["storyline_id"] for e in doc["events"]}
    groups: dict[str, set[str]] = defaultdict(set)
    for article, truth in _joined(doc, demo_truth):
        groups[story_of[article["event_id"]]].add(truth["storyline"])
    assert all(len(labels) == 1 for labels in groups.values()), groups
    assert len(groups) == len({t["storyline"] for t in demo_truth["articles"]}) == 7


def test_demo_events_are_close_to_the_truth(demo_run: dict, demo_truth: dict) -> None:
    pairs = _joined(demo_run["doc"], demo_truth)
    score = bcubed([a["event_id"] for a, _ in pairs], [t["event"] for _, t in pairs])
    assert score.recall == 1.0  # copies, twins and wire reprints all land in their event
    assert score.f1 >= 0.95


def test_demo_metadata_is_extracted(demo_run: dict, demo_truth: dict) -> None:
    pairs = _joined(demo_run["doc"], demo_truth)
    dates = sum((a["published"] or "")[:10] == t["published"] for a, t in pairs)
    outlets = sum(a["outlet"] == t["outlet"] for a, t in pairs)
    titles = sum(a["title"] == t["title"] for a, t in pairs)
    assert dates == len(pairs)
    assert outlets >= len(pairs) - 1
    assert titles >= len(pairs) - 2


def test_demo_copies_are_flagged_with_their_original(demo_run: dict, demo_truth: dict) -> None:
    pairs = _joined(demo_run["doc"], demo_truth)
    flagged = {t["source"] for a, t in pairs if any("duplicate" in f["kind"] for f in a["flags"])}
    farm = next(t for _, t in pairs if t["kind"] == "content_farm_copy")
    assert farm["source"] in flagged
    by_source = {t["source"]: a for a, t in pairs}
    for first, second in demo_truth["notes"]["html_text_pairs"]:
        a, b = by_source[first], by_source[second]
        links = {(f["detail"]) for f in a["flags"] + b["flags"] if "duplicate" in f["kind"]}
        assert links & {a["id"], b["id"]}, (first, second)


def test_content_farm_copy_under_a_false_date_stays_in_the_original_event(
    demo_run: dict, demo_truth: dict
) -> None:
    pairs = _joined(demo_run["doc"], demo_truth)
    farm = next(a for a, t in pairs if t["kind"] == "content_farm_copy")
    assert farm["published"].startswith("2027")
    events = {e["id"]: e for e in demo_run["doc"]["events"]}
    assert events[farm["event_id"]]["date"] == "2025-11-14"


def test_export_validates_against_the_documented_schema(demo_run: dict) -> None:
    schema = json.loads((ROOT / "docs" / "schema.json").read_text())
    jsonschema.validate(demo_run["doc"], schema)
    written = json.loads((demo_run["folder"] / "out" / "storylines.json").read_text())
    assert written == demo_run["doc"]


def test_rebuild_and_reingest_keep_ids_and_change_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        pipeline.run(store, [str(DEMO)], tmp_path / "out")
        first = pipeline.export(store)
        counts = store.counts()
        again = pipeline.ingest(store, [str(DEMO)])
        pipeline.build(store)
        assert again.added == 0 and again.unchanged == 61
        assert store.counts() == counts
        assert pipeline.export(store) == first


def test_ids_do_not_depend_on_the_database(tmp_path: Path, demo_run: dict) -> None:
    with Store(tmp_path / "b.db") as store:
        pipeline.ingest(store, [str(DEMO)])
        pipeline.build(store)
        doc = pipeline.export(store)
    assert {s["id"] for s in doc["storylines"]} == {s["id"] for s in demo_run["doc"]["storylines"]}


def test_self_disclosed_ai_piece_and_wire_credits_are_found(
    demo_run: dict, demo_truth: dict
) -> None:
    pairs = _joined(demo_run["doc"], demo_truth)
    ai = next(a for a, t in pairs if t["kind"] == "ai_rewrite")
    assert [f["kind"] for f in ai["flags"]] == ["ai_disclosed", "rewrite"]
    assert "content generation system" in ai["disclosures"][0]["evidence"]
    flagged = [a for a, _ in pairs if any(f["kind"] == "ai_disclosed" for f in a["flags"])]
    assert flagged == [ai]  # no false alarm on the 60 human-written articles
    wire = [a for a, t in pairs if t["kind"] == "wire_copy"]
    # Pages that only print the dateline "(MP)" keep the abbreviation: no page spells it out.
    agencies = [{c["name"] for c in a["contributors"] if c["kind"] == "agency"} for a in wire]
    assert all(names and names <= {"MP", "Meridian Press"} for names in agencies), agencies


def _key(truth: dict) -> str:
    """The truth's source, with the item URL for one record of a feed file."""
    feed = truth["source"].endswith((".jsonl", ".rss"))
    return truth["source"] + (truth["url"] if feed else "")


def _flagged(pairs: list, kind: str) -> set[str]:
    return {_key(t) for a, t in pairs if any(f["kind"] == kind for f in a["flags"])}


def _truth(pairs: list, *kinds: str) -> set[str]:
    return {_key(t) for _, t in pairs if t["kind"] in kinds}


def test_demo_provenance_flags_match_the_truth_exactly(demo_run: dict, demo_truth: dict) -> None:
    pairs = _joined(demo_run["doc"], demo_truth)
    assert _flagged(pairs, "wire_copy") == _truth(pairs, "wire_copy", "content_farm_copy")
    assert _flagged(pairs, "page_date_suspect") == _truth(pairs, "content_farm_copy")
    assert _flagged(pairs, "content_farm_signals") == _truth(pairs, "content_farm_copy")
    assert _flagged(pairs, "rewrite") == _truth(pairs, "ai_rewrite")
    duplicates = _flagged(pairs, "near_duplicate") | _flagged(pairs, "exact_duplicate")
    versions = [set(pair) for pair in demo_truth["notes"]["html_text_pairs"]]
    assert duplicates - set().union(*versions) == _truth(pairs, "wire_copy", "content_farm_copy")
    # The same page saved as HTML and as text, same time: either may be the copy, not both.
    assert all(len(duplicates & pair) == 1 for pair in versions)


def test_demo_copies_point_at_the_article_they_copy(demo_run: dict, demo_truth: dict) -> None:
    pairs = _joined(demo_run["doc"], demo_truth)
    by_key = {(t["source"], t["url"]): a["id"] for a, t in pairs}
    by_source = {t["source"]: a["id"] for a, t in pairs}  # pages are one file each
    lineage = {a["id"]: a["lineage"] for a, _ in pairs}
    for article, truth in pairs:
        if truth["kind"] == "near_duplicate_html_version":  # either way round (see above)
            source = by_source[truth["duplicate_of"]["source"]]
            edge = article["lineage"] or lineage[source]
            assert edge["source_id"] in (article["id"], source)
        elif truth["kind"] == "original":
            assert article["lineage"] is None or truth["source"] in _version_sources(demo_truth)
        else:
            source = truth["duplicate_of"]
            assert article["lineage"]["source_id"] == by_key[(source["source"], source["url"])]


def _version_sources(truth: dict) -> set[str]:
    return {source for pair in truth["notes"]["html_text_pairs"] for source in pair}


def test_demo_independent_source_counts_are_right(demo_run: dict, demo_truth: dict) -> None:
    pairs = _joined(demo_run["doc"], demo_truth)
    kind = {a["id"]: t["kind"] for a, t in pairs}
    doc = demo_run["doc"]
    for event in doc["events"]:
        originals = [a for a in event["article_ids"] if kind[a] == "original"]
        assert event["independent_sources"] == len(originals), event["title"]
    events = {e["id"]: e for e in doc["events"]}
    for story in doc["storylines"]:
        members = [a for e in story["event_ids"] for a in events[e]["article_ids"]]
        assert story["independent_sources"] == sum(kind[a] == "original" for a in members)


def test_demo_wire_story_is_first_seen_and_the_farm_date_is_not_trusted(
    demo_run: dict, demo_truth: dict
) -> None:
    pairs = _joined(demo_run["doc"], demo_truth)
    farm = next(a for a, t in pairs if t["kind"] == "content_farm_copy")
    event = next(e for e in demo_run["doc"]["events"] if farm["id"] in e["article_ids"])
    first = next(a for a, _ in pairs if a["id"] == event["first_seen"]["article_id"])
    assert (
        first["outlet"] == "Meridian Press" and event["first_seen"]["basis"] == "publication date"
    )
    assert event["date"] == "2025-11-14"
    outlets = {o["outlet"]: o for o in demo_run["doc"]["outlets"]}
    assert outlets["Newsbeat Today"] | {} == {
        "outlet": "Newsbeat Today",
        "articles": 1,
        "originals": 0,
        "copies": 1,
        "rewrites": 0,
        "wire_copies": 1,
        "suspect_dates": 1,
    }
    assert outlets["Meridian Press"]["originals"] == outlets["Meridian Press"]["articles"]


def test_reextract_upgrades_old_extractions_and_keeps_ids(tmp_path: Path) -> None:
    with Store(tmp_path / "r.db") as store:
        pipeline.ingest(store, [str(DEMO / "text" / "harbor-gazette")])
        pipeline.build(store)
        before = pipeline.export(store)
        store.conn.execute("UPDATE articles SET extractor_version = '0.0', title = 'stale'")
        assert pipeline.reextract(store).added == len(before["articles"])
        assert pipeline.reextract(store).added == 0  # nothing is outdated any more
        pipeline.build(store)
        after = pipeline.export(store)
    assert after == before


def _dump(site: str, headline: str, body: list[str]) -> str:
    menu = [f"{site} Home", "World", "Business", "Sport", "Subscribe", "Sign in"]
    footer = [
        "Most read",
        "Mayor opens new library 3 days ago",
        f"© 2026 {site}. All rights reserved.",
    ]
    return "\n".join([*menu, headline, "By Ana Li", "Published March 3, 2026", *body, *footer])


def _sentences(topic: str, n: int) -> list[str]:
    return [
        f"The {topic} report number {i} describes how officials in the region responded to "
        f"the events of the week, with residents and experts offering their views on {topic}."
        for i in range(n)
    ]


def test_site_templates_are_learned_across_pages_at_ingest(tmp_path: Path) -> None:
    folder = tmp_path / "dumps"
    folder.mkdir()
    for i, topic in enumerate(["harbour", "budget", "school"]):
        text = _dump("The Quay Post", f"Story {i} about the {topic} plans", _sentences(topic, 4))
        (folder / f"{topic}.txt").write_text(text)
    with Store(tmp_path / "t.db") as store:
        pipeline.ingest(store, [str(folder)])
        articles = store.articles()
        raws = {r.id: r for r in store.raw_documents()}
    assert len(articles) == 3
    for article in articles:
        assert "Most read" not in article.text and "Subscribe" not in article.text
        assert article.text.count("\n") == 3  # the four body paragraphs, nothing else
    assert pipeline.apply_site_templates(Store(tmp_path / "t.db")) == len(raws)


def test_two_scrapes_of_one_article_do_not_template_its_body(tmp_path: Path) -> None:
    from storyline.extract.templates import corpus_templates

    body = _sentences("flood", 5)
    first = _dump("The Quay Post", "Flood defences fail", body)
    second = _dump("The Quay Post", "Flood defences fail (updated)", [*body, "An update."])
    other = _dump("The Quay Post", "Budget passes", _sentences("budget", 4))
    pages = [("a", None, first), ("b", None, second), ("c", None, other)]
    templates = corpus_templates(pages)
    assert not any(line.lower().startswith("the flood report") for line in templates["a"])
    assert any("subscribe" in line for line in templates["a"])


# -- incremental builds: stable ids, and the same grouping as a one-shot build ----------------

CUT = "2026-01-01"
"""Demo articles dated before this are ingested first (27 of 61), the rest (34) later."""


def ingest_before(store: Store, cut: str = CUT) -> int:
    """Ingest the demo corpus, then forget the pages dated on or after ``cut`` (and undated
    ones), as if they had not been scraped yet. Returns how many were forgotten."""
    pipeline.ingest(store, [str(DEMO)])
    late = [a.raw_id for a in store.articles() if a.day is None or a.day.isoformat() >= cut]
    store.conn.executemany("DELETE FROM raw_documents WHERE id = ?", [(r,) for r in late])
    return len(late)


def two_step(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Exports after building the first half, and after ingesting the rest and building."""
    with Store(path) as store:
        ingest_before(store)
        pipeline.build(store)
        first = pipeline.export(store)
        pipeline.ingest(store, [str(DEMO)])
        pipeline.build(store)
        return first, pipeline.export(store)


def partitions(doc: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """Article id → event id, and article id → storyline id."""
    event_of = {a["id"]: a["event_id"] for a in doc["articles"]}
    story_of = {e["id"]: e["storyline_id"] for e in doc["events"]}
    return event_of, {a: story_of[e] for a, e in event_of.items()}


@pytest.fixture(scope="module")
def incremental(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    return two_step(tmp_path_factory.mktemp("inc") / "inc.db")


def test_incremental_build_keeps_every_event_and_storyline_id(incremental: tuple) -> None:
    first, second = incremental
    assert len(first["articles"]) == 27 and len(second["articles"]) == 61
    events = {e["id"]: set(e["article_ids"]) for e in second["events"]}
    for event in first["events"]:
        assert event["id"] in events
        assert set(event["article_ids"]) <= events[event["id"]]
    stories = {s["id"]: set(s["event_ids"]) for s in second["storylines"]}
    for story in first["storylines"]:
        assert story["id"] in stories
        assert set(story["event_ids"]) <= stories[story["id"]]
    grown = {e["id"]: e for e in second["events"]}
    assert any(grown[e["id"]]["article_ids"] != e["article_ids"] for e in first["events"])


def test_incremental_build_equals_a_full_rebuild(incremental: tuple, demo_run: dict) -> None:
    """Two-step incremental vs one-shot full build on the demo corpus, as B-cubed F1 of one
    partition against the other. Tolerance: F1 >= 0.95 for events and for storylines.
    Measured: events 1.0 and storylines 1.0 (20 events, 7 storylines, identical ids), cut at
    2026-01-01 (27 + 34 articles) and at 2026-01-15 (30 + 31)."""
    _, second = incremental
    full = demo_run["doc"]
    inc_events, inc_stories = partitions(second)
    full_events, full_stories = partitions(full)
    ids = sorted(full_events)
    assert sorted(inc_events) == ids
    events = bcubed([inc_events[i] for i in ids], [full_events[i] for i in ids])
    stories = bcubed([inc_stories[i] for i in ids], [full_stories[i] for i in ids])
    assert events.f1 >= 0.95 and stories.f1 >= 0.95, (events, stories)
    assert len(second["events"]) == len(full["events"])
    assert len(second["storylines"]) == len(full["storylines"])
    print(f"incremental vs rebuild B-cubed F1: events {events.f1:.3f}, storylines {stories.f1:.3f}")


def test_incremental_runs_are_deterministic(incremental: tuple, tmp_path: Path) -> None:
    assert two_step(tmp_path / "again.db") == incremental


def test_full_build_regroups_from_scratch(tmp_path: Path, demo_run: dict) -> None:
    with Store(tmp_path / "f.db") as store:
        ingest_before(store)
        pipeline.build(store)
        pipeline.ingest(store, [str(DEMO)])
        summary = pipeline.build(store, full=True)
        doc = pipeline.export(store)
    assert summary.articles == 61
    assert partitions(doc) == partitions(demo_run["doc"])


def test_an_incremental_build_with_nothing_new_changes_nothing(demo_run: dict) -> None:
    with Store(demo_run["folder"] / "demo.db") as store:
        pipeline.build(store)
        assert pipeline.export(store) == demo_run["doc"]


def test_build_config_picks_the_scorer_unless_a_threshold_is_given() -> None:
    from storyline.cluster.scorer import default_scorer

    assert pipeline.BuildConfig().event_clusterer().scorer_ is default_scorer()
    classic = pipeline.BuildConfig(threshold=0.2, window_days=3.0).event_clusterer()
    assert classic.scorer_ is None and classic.threshold == 0.2


def test_two_processes_build_the_same_grouping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo_run: dict
) -> None:
    """`storyline build --jobs 2` on a large batch: a worker vectorises ahead, same result."""
    from storyline import regrouping
    from storyline.cluster import events

    monkeypatch.setattr(regrouping, "PARALLEL_FROM", 1)
    monkeypatch.setattr(events, "CHUNK", 8)  # so the 61 demo articles make several chunks
    with Store(tmp_path / "jobs.db") as store:
        pipeline.ingest(store, [str(DEMO)])
        pipeline.build(store, pipeline.BuildConfig(n_jobs=2), full=True)
        document = pipeline.export(store)
    expected = demo_run["doc"]
    assert [e["article_ids"] for e in document["events"]] == [
        e["article_ids"] for e in expected["events"]
    ]
    assert [s["event_ids"] for s in document["storylines"]] == [
        s["event_ids"] for s in expected["storylines"]
    ]


def test_storylines_carry_their_key_names_and_terms(demo_run: dict) -> None:
    stories = {s["title"]: s for s in demo_run["doc"]["storylines"]}
    arms = next(s for title, s in stories.items() if "Kardova" in title)
    assert arms["key_names"][:2] == ["Kardova", "Ostrelia"] and "shells" in arms["key_terms"]
    for story in stories.values():
        assert story["key_names"] and story["key_terms"]
    html = (demo_run["folder"] / "out" / "index.html").read_text(encoding="utf-8")
    assert "Key names: <strong>Kardova, Ostrelia" in html


def test_a_sites_numeric_dates_are_read_the_way_its_other_pages_show(tmp_path: Path) -> None:
    folder = tmp_path / "us"
    folder.mkdir()
    for i, (stamp, topic) in enumerate([("10/25/2026", "harbour"), ("10/01/2026", "budget")]):
        page = _dump("The Quay Post", f"Story {i} about the {topic} plans", _sentences(topic, 4))
        (folder / f"{i}.txt").write_text(page.replace("Published March 3, 2026", f"Posted {stamp}"))
    with Store(tmp_path / "d.db") as store:
        pipeline.ingest(store, [str(folder)])
        days = sorted(a.day.isoformat() for a in store.articles() if a.day)
    assert days == ["2026-10-01", "2026-10-25"]  # not 10 January


def test_analyze_is_incremental_and_export_carries_entities_and_quotes(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as store:
        pipeline.ingest(store, [str(DEMO)])
        pipeline.build(store)
        first = pipeline.analyze(store)
        again = pipeline.analyze(store)
        doc = pipeline.export(store)
    assert first.analyzed == 61 and first.quotes > 300
    assert again.analyzed == 0 and again.up_to_date == 61
    schema = json.loads((Path(__file__).parents[1] / "docs" / "schema.json").read_text())
    jsonschema.validate(doc, schema)
    dren = next(e for e in doc["entities"] if e["name"] == "Oskar Dren")
    assert dren["type"] == "PERSON" and "Dren" in dren["aliases"]
    said = [q for q in doc["quotes"] if q["text"].startswith("These deliveries are lawful")]
    assert said and all(q["speaker"] == "Oskar Dren" for q in said)
    assert any(q["speaker_entity_id"] == dren["id"] for q in said)
    # The Dren quote is carried by the Meridian Press wire story and its republications:
    # one independent source, not five.
    group = next(g for g in doc["claim_groups"] if g["summary"].startswith("These deliveries"))
    assert group["independent_sources"] == 1 and group["status"] == "single_source"
    assert {g["status"] for g in doc["claim_groups"]} >= {"single_source", "corroborated"}


def test_demo_report_shows_who_said_what(demo_run: dict) -> None:
    html = (demo_run["folder"] / "out" / "index.html").read_text(encoding="utf-8")
    assert "Who said what (" in html and "Oskar Dren" in html
    markdown = (demo_run["folder"] / "out" / "report.md").read_text(encoding="utf-8")
    assert "| Speaker | Said | Outlet | Published |" in markdown
    assert "| Claim | Status | Sources | Asserted by | Denied by |" in markdown
    assert "Claims: disputed and corroborated" in html
    assert demo_run["doc"]["entities"] and demo_run["doc"]["quotes"]


def test_storyline_timelines_date_events_from_the_text(demo_run: dict) -> None:
    """The arms storyline's timeline puts the first admission on the Friday the wire story
    names, cites the original and its copies, and shows the expression it was dated by."""
    doc = demo_run["doc"]
    story = next(s for s in doc["storylines"] if "Kardova" in s["title"])
    days = {entry["date"]: entry for entry in story["timeline"]}
    assert list(days) == sorted(days) and len(days) >= 5
    admission = days["2025-11-14"]
    assert "artillery shells" in admission["text"]
    assert len(admission["article_ids"]) >= 3
    assert {e["expression"] for e in admission["evidence"]} == {"Friday"}
    assert all(e["anchor"] == "2025-11-14" for e in admission["evidence"])
    for entry in story["timeline"]:
        assert set(entry["article_ids"]) == {i for c in entry["summary"] for i in c["article_ids"]}


def test_a_false_page_date_does_not_move_the_timeline(demo_run: dict, demo_truth: dict) -> None:
    """The content-farm copy dated 2027 says "on Friday" too: read against its own date that
    would add a day in 2027; read against its original's date it joins 2025-11-14."""
    doc = demo_run["doc"]
    farm = [
        a
        for a, t in _joined(doc, demo_truth)
        if t["kind"] == "content_farm_copy" and a["published"] and a["published"] >= "2027"
    ]
    assert farm, "the demo's falsely dated copy"
    days = [entry["date"] for s in doc["storylines"] for entry in s["timeline"]]
    assert days and max(days) < "2027"
    cited = [
        entry["date"]
        for s in doc["storylines"]
        for entry in s["timeline"]
        if farm[0]["id"] in entry["article_ids"]
    ]
    assert cited == ["2025-11-14"]
