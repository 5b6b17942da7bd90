"""Storyline-level evaluation helpers: the Arab Spring confusion share and event counts."""

from __future__ import annotations

from storyline.cluster import EventProfile
from storyline.evaluation.storylines import EventsOf, confusion_share

TOPICS = ("egypt", "libya", "syria")


def test_a_storyline_led_by_a_fourth_topic_counts_against_each_topic() -> None:
    gold = {"b1": "bpoil", "b2": "bpoil", "b3": "bpoil", "e": "egypt", "l": "libya", "s": "syria"}
    swallowed = {doc: 0 for doc in gold}
    assert confusion_share(swallowed, gold, TOPICS) == {"egypt": 1.0, "libya": 1.0, "syria": 1.0}


def test_topics_kept_apart_score_zero_and_a_stolen_half_scores_half() -> None:
    gold = {"e1": "egypt", "e2": "egypt", "e3": "egypt", "l1": "libya", "l2": "libya"}
    apart = {"e1": 0, "e2": 0, "e3": 0, "l1": 1, "l2": 1}
    assert confusion_share(apart, gold, ("egypt", "libya")) == {"egypt": 0.0, "libya": 0.0}
    half = {"e1": 0, "e2": 0, "e3": 0, "l1": 0, "l2": 1}
    assert confusion_share(half, gold, ("egypt", "libya")) == {"egypt": 0.0, "libya": 0.5}


def test_multi_event_counts_storylines_that_chain_two_events() -> None:
    events = EventsOf(
        {"a": "e1", "b": "e1", "c": "e2", "d": "e3"},
        [EventProfile(e, None, {}) for e in ("e1", "e2", "e3")],
    )
    assert events.multi_event({"a": 0, "b": 0, "c": 0, "d": 1}) == 1
    assert events.multi_event({"a": 0, "b": 0, "c": 1, "d": 2}) == 0
