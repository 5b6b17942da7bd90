"""User edits (merge, split, rename, pin) on the demo corpus in a real SQLite database: applied
at once, kept by later incremental builds and replayed by ``build --full``."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from storyline import edits, ids, pipeline, queries
from storyline.model import Edit, Rejected
from storyline.store import Store
from tests.conftest import DEMO
from tests.test_pipeline import ingest_before


@dataclass(frozen=True)
class Half:
    """The first half of the demo corpus, built; and what the second half grows."""

    db: Path
    grown_events: list[str]
    grown_stories: list[str]


@pytest.fixture(scope="module")
def full_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("full") / "demo.db"
    with Store(db) as store:
        pipeline.ingest(store, [str(DEMO)])
        pipeline.build(store)
    return db


@pytest.fixture(scope="module")
def half(tmp_path_factory: pytest.TempPathFactory) -> Half:
    folder = tmp_path_factory.mktemp("half")
    with Store(folder / "half.db") as store:
        ingest_before(store)
        pipeline.build(store)
        before = pipeline.export(store)
    shutil.copy(folder / "half.db", folder / "probe.db")
    after = _finish(folder / "probe.db")
    grown_events = [e["id"] for e in before["events"] if _event(after, e["id"]) != _event_ids(e)]
    stories = {s["id"]: s["event_ids"] for s in after["storylines"]}
    grown_stories = [s["id"] for s in before["storylines"] if stories[s["id"]] != s["event_ids"]]
    return Half(folder / "half.db", grown_events, grown_stories)


def _event_ids(event: dict[str, Any]) -> list[str]:
    return list(event["article_ids"])


def _event(doc: dict[str, Any], event_id: str) -> list[str] | None:
    return next((list(e["article_ids"]) for e in doc["events"] if e["id"] == event_id), None)


def _story(doc: dict[str, Any], story_id: str) -> dict[str, Any] | None:
    return next((s for s in doc["storylines"] if s["id"] == story_id), None)


def _finish(db: Path, full: bool = False) -> dict[str, Any]:
    """Ingest the whole demo corpus and build; the export."""
    with Store(db) as store:
        pipeline.ingest(store, [str(DEMO)])
        pipeline.build(store, full=full)
        return pipeline.export(store)


def _rebuild(db: Path, full: bool) -> dict[str, Any]:
    with Store(db) as store:
        pipeline.build(store, full=full)
        return pipeline.export(store)


def copy(source: Path, tmp_path: Path, name: str = "s.db") -> Path:
    target = tmp_path / name
    shutil.copy(source, target)
    return target


def ok(outcome: Edit | Rejected) -> Edit:
    assert isinstance(outcome, Edit), outcome
    return outcome


def two_events_of_one_storyline(store: Store) -> tuple[str, str]:
    """The two earliest events of the first storyline with several events (older first)."""
    story = next(s for s in store.storylines() if len(s.event_ids) >= 2)
    return story.event_ids[0], story.event_ids[1]


# -- merge -----------------------------------------------------------------------------------


@pytest.mark.parametrize("newer_first", [True, False])
def test_merge_keeps_the_older_id_whichever_order_it_is_typed(
    full_db: Path, tmp_path: Path, newer_first: bool
) -> None:
    with Store(copy(full_db, tmp_path)) as store:
        older, newer = two_events_of_one_storyline(store)
        members = {e.id: e.article_ids for e in store.events()}
        edit = ok(edits.merge(store, *((newer, older) if newer_first else (older, newer))))
        assert (edit.args["keep"], edit.args["alias"]) == (older, newer)
        events = {e.id: e.article_ids for e in store.events()}
        assert newer not in events
        assert set(events[older]) == set(members[older]) | set(members[newer])
        assert [(a.alias, a.id, a.kind) for a in store.aliases()] == [(newer, older, "event")]
        assert [e.kind for e in store.edits()] == ["merge"]


def test_an_alias_resolves_in_show_and_in_the_export(full_db: Path, tmp_path: Path) -> None:
    with Store(copy(full_db, tmp_path)) as store:
        older, newer = two_events_of_one_storyline(store)
        ok(edits.merge(store, older, newer))
        shown = queries.describe(store, newer)
        doc = pipeline.export(store)
    assert shown["id"] == older and shown["resolved_from"] == newer
    assert shown["aliases"] == [newer]
    assert doc["aliases"] == [{"alias": newer, "id": older, "kind": "event"}]


def test_aliases_follow_chains_of_merges(full_db: Path, tmp_path: Path) -> None:
    with Store(copy(full_db, tmp_path)) as store:
        story = next(s for s in store.storylines() if len(s.event_ids) >= 3)
        first, second, third = story.event_ids[:3]
        ok(edits.merge(store, second, third))
        ok(edits.merge(store, first, second))
        assert {a.alias: a.id for a in store.aliases()} == {second: first, third: first}
        assert queries.describe(store, third)["id"] == first


def test_merged_storylines(full_db: Path, tmp_path: Path) -> None:
    db = copy(full_db, tmp_path)
    with Store(db) as store:
        a, b = sorted(store.storylines(), key=lambda s: (s.start, s.id))[:2]
        edit = ok(edits.merge(store, b.id, a.id))
        assert edit.args["keep"] == a.id
        merged = {s.id: set(s.event_ids) for s in store.storylines()}
    assert b.id not in merged and merged[a.id] == set(a.event_ids) | set(b.event_ids)
    for full in (False, True):
        doc = _rebuild(db, full)
        assert set(_story(doc, a.id)["event_ids"]) == merged[a.id]  # type: ignore[index]
        assert _story(doc, b.id) is None


# -- edits survive incremental and full builds ------------------------------------------------


def test_merge_split_and_rename_survive_incremental_and_full_builds(
    half: Half, tmp_path: Path
) -> None:
    db = copy(half.db, tmp_path)
    with Store(db) as store:
        older, newer = two_events_of_one_storyline(store)
        ok(edits.merge(store, older, newer))
        big = max((e for e in store.events() if e.id != older), key=lambda e: len(e.article_ids))
        moved = big.article_ids[-2:]
        split = ok(edits.split(store, big.id, list(moved)))
        story = store.storylines()[0]
        ok(edits.rename(store, story.id, "Our own title"))
        merged = set(next(e.article_ids for e in store.events() if e.id == older))
    assert split.args["new"] == ids.event_id(moved[0])
    incremental = _finish(db)
    for doc in (incremental, _rebuild(db, full=True)):
        assert merged <= set(_event(doc, older) or ())
        assert _event(doc, newer) is None
        assert set(moved) <= set(_event(doc, str(split.args["new"])) or ())
        assert not set(moved) & set(_event(doc, big.id) or ())
        assert _story(doc, story.id)["title"] == "Our own title"  # type: ignore[index]
        assert doc["aliases"] == [{"alias": newer, "id": older, "kind": "event"}]


def test_a_full_build_reproduces_the_edits(half: Half, tmp_path: Path) -> None:
    db = copy(half.db, tmp_path)
    with Store(db) as store:
        older, newer = two_events_of_one_storyline(store)
        ok(edits.merge(store, newer, older))
        big = max(store.events(), key=lambda e: len(e.article_ids))
        ok(edits.split(store, big.id, [big.article_ids[-1]]))
    incremental = _finish(db)
    full = _rebuild(db, full=True)
    assert full["events"] == incremental["events"]
    assert full["storylines"] == incremental["storylines"]


def test_split_storyline(full_db: Path, tmp_path: Path) -> None:
    db = copy(full_db, tmp_path)
    with Store(db) as store:
        story = max(store.storylines(), key=lambda s: len(s.event_ids))
        moved = story.event_ids[-1]
        edit = ok(edits.split(store, story.id, [moved]))
    new = str(edit.args["new"])
    assert new == ids.storyline_id(moved)
    for full in (False, True):
        doc = _rebuild(db, full)
        assert _story(doc, new)["event_ids"] == [moved]  # type: ignore[index]
        assert moved not in _story(doc, story.id)["event_ids"]  # type: ignore[index]


def test_splitting_out_the_first_article_keeps_the_event_id(full_db: Path, tmp_path: Path) -> None:
    with Store(copy(full_db, tmp_path)) as store:
        event = max(store.events(), key=lambda e: len(e.article_ids))
        edit = ok(edits.split(store, event.id, [event.article_ids[0]]))
        assert event.id == ids.event_id(event.article_ids[0])  # that id is taken: not reused
        assert edit.args["new"] != event.id
        events = {e.id: e.article_ids for e in store.events()}
    assert events[event.id] == event.article_ids[1:]
    assert events[str(edit.args["new"])] == event.article_ids[:1]


# -- pin -------------------------------------------------------------------------------------


def test_a_pinned_event_takes_no_new_articles(half: Half, tmp_path: Path) -> None:
    assert half.grown_events, "the second half of the demo grows some first-half events"
    db = copy(half.db, tmp_path)
    target = half.grown_events[0]
    with Store(db) as store:
        ok(edits.rename(store, target, "Pinned event"))
        ok(edits.pin(store, target))
        members = next(e.article_ids for e in store.events() if e.id == target)
    for doc in (_finish(db), _rebuild(db, full=True)):
        assert _event(doc, target) == list(members)
        assert next(e["title"] for e in doc["events"] if e["id"] == target) == "Pinned event"
    with Store(db) as store:
        ok(edits.unpin(store, target))
    grown = _rebuild(db, full=True)
    assert len(_event(grown, target) or ()) > len(members)


def test_a_pinned_storyline_takes_no_new_events(half: Half, tmp_path: Path) -> None:
    assert half.grown_stories
    db = copy(half.db, tmp_path)
    target = half.grown_stories[0]
    with Store(db) as store:
        ok(edits.pin(store, target))
        story = next(s for s in store.storylines() if s.id == target)
    incremental = _finish(db)
    assert _story(incremental, target)["event_ids"] == list(story.event_ids)  # type: ignore[index]
    assert _story(incremental, target)["title"] == story.title  # type: ignore[index]
    full = _rebuild(db, full=True)
    assert _story(full, target)["event_ids"] == list(story.event_ids)  # type: ignore[index]


# -- bad edits -------------------------------------------------------------------------------


BAD = [
    ("merge", ("e-0000000000000000", "EVENT"), "no event or storyline"),
    ("merge", ("EVENT", "STORY"), "kinds differ"),
    ("merge", ("EVENT", "EVENT"), "are the same"),
    ("merge", ("ARTICLE", "EVENT"), "only events and storylines"),
    ("split", ("EVENT", "0123456789abcdef"), "is not a member"),
    ("split", ("EVENT", "ALL"), "at least one member"),
    ("rename", ("EVENT", "  "), "empty"),
    ("unpin", ("EVENT",), "is not pinned"),
]


@pytest.mark.parametrize(("command", "args", "reason"), BAD, ids=[b[2] for b in BAD])
def test_a_bad_edit_is_refused_with_a_reason_and_changes_nothing(
    full_db: Path, tmp_path: Path, command: str, args: tuple[str, ...], reason: str
) -> None:
    with Store(copy(full_db, tmp_path)) as store:
        event = max(store.events(), key=lambda e: len(e.article_ids))
        names = {
            "EVENT": event.id,
            "STORY": store.storylines()[0].id,
            "ARTICLE": event.article_ids[0],
        }
        before = pipeline.export(store)
        values: list[Any] = [names.get(a, a) for a in args]
        if command == "split":
            values = [values[0], list(event.article_ids) if args[1] == "ALL" else [values[1]]]
        outcome = getattr(edits, command)(store, *values)
        assert isinstance(outcome, Rejected) and reason in outcome.reason, outcome
        assert outcome.stage == "edit"
        assert pipeline.export(store) == before
        assert store.edits() == []


def test_pinning_twice_is_refused(full_db: Path, tmp_path: Path) -> None:
    with Store(copy(full_db, tmp_path)) as store:
        event = store.events()[0]
        ok(edits.pin(store, event.id))
        again = edits.pin(store, event.id[:8])
    assert isinstance(again, Rejected) and "already pinned" in again.reason


def test_the_same_edits_give_the_same_result(full_db: Path, tmp_path: Path) -> None:
    docs = []
    for name in ("a.db", "b.db"):
        db = copy(full_db, tmp_path, name)
        with Store(db) as store:
            older, newer = two_events_of_one_storyline(store)
            ok(edits.merge(store, newer, older))
            story = max(store.storylines(), key=lambda s: len(s.event_ids))
            ok(edits.split(store, story.id, [story.event_ids[-1]]))
        docs.append(_rebuild(db, full=True))
    assert docs[0] == docs[1]
