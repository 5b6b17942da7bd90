"""The store's side of user edits: the ``edits`` and ``aliases`` tables, written with the
edited grouping in one transaction."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from storyline.model import Alias, DuplicateLink, Edit, Event, Storyline
from storyline.store import Store
from tests.store.test_sqlite import add_articles

IDS = [f"{n:016x}" for n in range(1, 5)]
E1, E2 = "e-" + "1" * 16, "e-" + "2" * 16
S1 = "s-" + "1" * 16


def grouping(*events: Event) -> tuple[list[Event], list[Storyline]]:
    story = Storyline(S1, "Story", tuple(e.id for e in events), date(2025, 3, 1), None)
    return list(events), [story]


@pytest.fixture
def built(store: Store) -> Store:
    add_articles(store, range(1, 5))
    events, stories = grouping(
        Event(E1, "One", date(2025, 3, 1), (IDS[0], IDS[1]), S1),
        Event(E2, "Two", date(2025, 3, 2), (IDS[2], IDS[3]), S1),
    )
    store.replace_groups([DuplicateLink(IDS[1], IDS[0], "exact", 1.0)], events, stories)
    return store


def test_an_edit_is_recorded_with_its_grouping_and_aliases(built: Store) -> None:
    merged = Event(E1, "One", date(2025, 3, 1), tuple(IDS), S1)
    edit = Edit("merge", "event", {"keep": E1, "alias": E2, "members": IDS})
    stored = built.record_edit(edit, *grouping(merged), [Alias(E2, E1, "event")])
    assert stored.id == 1 and stored.at
    assert built.edits() == [stored]
    assert built.events() == [merged]
    assert built.aliases() == [Alias(E2, E1, "event")]
    assert built.duplicates() == [DuplicateLink(IDS[1], IDS[0], "exact", 1.0)]  # kept


def test_a_failing_edit_writes_nothing(built: Store) -> None:
    before = (built.events(), built.storylines())
    broken = Event(E1, "One", None, ("not-an-article",), S1)
    with pytest.raises(sqlite3.IntegrityError):
        built.record_edit(Edit("rename", "event", {"id": E1, "title": "x"}), *grouping(broken))
    assert built.edits() == [] and built.aliases() == []
    assert (built.events(), built.storylines()) == before


def test_aliases_follow_chains_and_resolve_ids(built: Store) -> None:
    events, stories = built.events(), built.storylines()
    e3 = "e-" + "3" * 16
    built.record_edit(Edit("merge", "event", {}), events, stories, [Alias(e3, E2, "event")])
    built.record_edit(Edit("merge", "event", {}), events, stories, [Alias(E2, E1, "event")])
    assert built.aliases() == [Alias(E2, E1, "event"), Alias(e3, E1, "event")]
    assert built.resolve_id(e3) == [("event", E1)]
    assert built.resolve_id("e-3") == [("event", E1)]
    assert built.resolve_id(E2) == [("event", E2)]  # a live id wins over an alias


def test_a_build_keeps_edits_and_aliases(built: Store) -> None:
    events, stories = built.events(), built.storylines()
    built.record_edit(Edit("pin", "event", {"id": E1}), events, stories)
    built.replace_groups([], events, stories)
    assert [e.kind for e in built.edits()] == ["pin"]


def test_edit_kinds_are_checked_by_the_schema(built: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        built.record_edit(Edit("explode", "event", {}), built.events(), built.storylines())
