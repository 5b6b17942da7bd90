"""Timelines: days named by independent sources, summarised with citations and evidence."""

from __future__ import annotations

from datetime import date

from storyline.compose.timeline import Dated, timeline

QUAKE = (
    "A magnitude 6.1 earthquake struck off Marrow Island on Tuesday, killing nine people "
    "and cutting the ferry link to the mainland.\n"
    "Rescue teams from the mainland reached the harbour town of Saltmere late on Wednesday "
    "with fuel, water and a field hospital."
)
FOLLOW_UP = (
    "The government approved a $95 million relief package for Marrow Island on Monday, "
    "ministers said after a cabinet meeting in the capital.\n"
    "The earthquake that struck off Marrow Island on March 17 killed nine people and cut "
    "the ferry link to the mainland for a week."
)


def test_days_named_by_articles_form_the_timeline_with_evidence() -> None:
    docs = [
        Dated("a", QUAKE, date(2026, 3, 18)),  # a Wednesday: "Tuesday" is March 17
        Dated("b", FOLLOW_UP, date(2026, 4, 7)),  # a Tuesday: "Monday" is April 6
    ]
    entries = timeline(docs)
    assert [e.day for e in entries] == [date(2026, 3, 17), date(2026, 3, 18), date(2026, 4, 6)]
    quake = entries[0]
    assert set(quake.article_ids) == {"a", "b"}  # both say it of March 17
    assert quake.weight == 2
    assert {(e.article_id, e.expression, e.anchor) for e in quake.evidence} == {
        ("a", "Tuesday", date(2026, 3, 18)),
        ("b", "March 17", date(2026, 4, 7)),
    }
    assert "relief package" in entries[2].text


def test_copies_name_a_day_once_and_the_heaviest_days_are_kept() -> None:
    docs = [
        Dated("a", QUAKE, date(2026, 3, 18), source="a"),
        Dated("copy", QUAKE, date(2026, 3, 18), source="a"),
        Dated("b", FOLLOW_UP, date(2026, 4, 7)),
    ]
    entries = timeline(docs, max_dates=1)
    assert [(e.day, e.weight) for e in entries] == [(date(2026, 3, 17), 2)]


def test_a_page_without_a_trusted_date_resolves_only_absolute_dates() -> None:
    docs = [Dated("farm", FOLLOW_UP, None)]
    assert timeline(docs) == []  # "on Monday", "on March 17": unresolvable without a date
    docs = [Dated("farm", FOLLOW_UP.replace("March 17", "March 17, 2026"), None)]
    assert [e.day for e in timeline(docs)] == [date(2026, 3, 17)]


def test_window_and_least_weight_bound_the_days() -> None:
    docs = [Dated("a", QUAKE, date(2026, 3, 18)), Dated("b", FOLLOW_UP, date(2026, 4, 7))]
    window = (date(2026, 3, 18), date(2026, 4, 30))
    assert [e.day for e in timeline(docs, window=window)] == [date(2026, 3, 18), date(2026, 4, 6)]
    assert [e.day for e in timeline(docs, min_weight=2)] == [date(2026, 3, 17)]


def test_page_furniture_and_timestamps_do_not_date_events() -> None:
    text = (
        "Picture taken March 2, 2026, shows the harbour of Saltmere in the morning light.\n"
        "March 4, 2026 6:19 pm EDT -- Report this comment as inappropriate for the forum.\n"
        "The ferry company resumed sailings to Marrow Island on March 25, 2026, after repairs."
    )
    entries = timeline([Dated("a", text, date(2026, 3, 26))])
    assert [e.day for e in entries] == [date(2026, 3, 25)]


def test_no_dates_no_timeline() -> None:
    assert timeline([Dated("a", "Nothing here names a day at all, not even one.", None)]) == []
    assert timeline([]) == []
