"""StorylineLinker.seed / partial_fit: stored storylines keep their events, new events join."""

from __future__ import annotations

from datetime import date

from storyline.cluster import EventProfile, StorylineLinker

HARBOUR = {"harbour": 1.0, "stadium": 1.0, "council": 0.5}
LUMEN = {"lumen": 1.0, "competition": 1.0, "hearing": 0.5}


def profile(i: str, terms: dict[str, float], day: date, names: dict[str, int]) -> EventProfile:
    return EventProfile(i, day, terms, names)


def test_new_events_join_seeded_storylines_or_open_new_ones() -> None:
    seeds = [
        profile("a", HARBOUR, date(2025, 1, 1), {"Harbor City": 3}),
        profile("b", LUMEN, date(2025, 1, 2), {"Lumen": 2}),
    ]
    linker = StorylineLinker().seed(seeds, {"a": 7, "b": 3})
    linker.partial_fit(
        [
            profile("c", HARBOUR, date(2025, 3, 1), {"Harbor City": 1}),
            profile("d", {"flood": 1.0}, date(2025, 3, 2), {"Dunmore": 1}),
            profile("e", {"flood": 1.0, "rain": 0.2}, date(2025, 3, 3), {"Dunmore": 2}),
        ]
    )
    labels = linker.labels_
    assert (labels["a"], labels["b"], labels["c"]) == (7, 3, 7)  # seeds never move
    assert labels["d"] == labels["e"] == 8  # a new storyline, numbered after the known ones


def test_partial_fit_without_seeds_equals_fit() -> None:
    events = [
        profile("a", HARBOUR, date(2025, 1, 1), {"Harbor City": 3}),
        profile("b", LUMEN, date(2025, 1, 2), {"Lumen": 2}),
        profile("c", HARBOUR, date(2025, 3, 1), {"Harbor City": 1}),
    ]
    assert StorylineLinker().partial_fit(events).labels_ == StorylineLinker().fit(events).labels_


def test_the_gap_limit_holds_for_seeds_in_either_direction() -> None:
    seeds = [profile("a", HARBOUR, date(2026, 1, 1), {"Harbor City": 3})]
    linker = StorylineLinker(max_gap_days=30).seed(seeds, {"a": 0})
    linker.partial_fit([profile("old", HARBOUR, date(2025, 1, 1), {"Harbor City": 1})])
    assert linker.labels_["old"] == 1
