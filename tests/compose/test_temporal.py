"""Date expressions resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.compose.temporal import time_mentions

#: A Thursday.
PUBLISHED = date(2025, 11, 20)


def resolved(text: str, published: date | None = PUBLISHED) -> list[tuple[str, str]]:
    return [(m.text, m.label()) for m in time_mentions(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote was held on March 3, 2011.", [("March 3, 2011", "2011-03-03")]),
        ("It opened on 3rd March 2011 in Cairo.", [("3rd March 2011", "2011-03-03")]),
        ("The file is dated 2011-02-14.", [("2011-02-14", "2011-02-14")]),
        ("Ministers met on Tuesday.", [("Tuesday", "2025-11-18")]),
        ("Ministers met on Thursday.", [("Thursday", "2025-11-20")]),
        ("Ministers met last Thursday.", [("last Thursday", "2025-11-13")]),
        ("The minister will visit on Monday.", [("Monday", "2025-11-24")]),
        ("Yesterday 40 people died.", [("Yesterday", "2025-11-19")]),
        ("Police arrived two days ago.", [("two days ago", "2025-11-18")]),
        ("Prices rose last month.", [("last month", "2025-10")]),
        ("Talks began in September.", [("in September", "2025-09")]),
        ("Since May 2009 nothing moved.", [("May 2009", "2009-05")]),
        ("The strike ended on November 12.", [("November 12", "2025-11-12")]),
        ("Applications open on January 5.", [("January 5", "2026-01-05")]),
        ("Elections are scheduled for March 3.", [("March 3", "2026-03-03")]),
        ("The plant closed in 2010.", [("in 2010", "2010")]),
    ],
)
def test_expressions_resolve(text: str, expected: list[tuple[str, str]]) -> None:
    assert resolved(text) == expected


def test_lower_case_month_and_weekday_names_are_other_words() -> None:
    assert resolved("Talks may resume; protesters march 3 miles; the sun shone.") == []


def test_relative_expressions_need_a_publication_date() -> None:
    text = "On Tuesday the army said it shelled the city on March 3, 2011."
    assert resolved(text, None) == [("March 3, 2011", "2011-03-03")]


def test_mentions_keep_offsets_and_say_whether_relative() -> None:
    text = "On Tuesday, a week after March 3, 2011, it rained."
    first, second = time_mentions(text, date(2011, 3, 10))
    assert text[first.start : first.end] == "Tuesday" and first.relative
    assert first.value == date(2011, 3, 8) and first.granularity == "day"
    assert not second.relative and second.value == date(2011, 3, 3)


def test_invalid_days_are_skipped() -> None:
    assert resolved("It is dated February 30, 2011 and 2011-13-01.") == []
