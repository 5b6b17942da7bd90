"""Publication dates: parsing, and choosing the right visible date line."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from storyline.extract.dates import (
    DATE_PATTERN,
    date_from_hint,
    date_from_html,
    date_from_lines,
    date_from_url,
    find_published,
    parse_datetime,
    parse_html,
)


def test_us_style_with_time_and_zone() -> None:
    parsed = parse_datetime("Nov. 14, 2025 5:32 p.m. ET")
    assert isinstance(parsed, datetime)
    assert (parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute) == (
        2025,
        11,
        14,
        17,
        32,
    )
    assert parsed.utcoffset() in (timedelta(hours=-5), timedelta(hours=-4))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 November 2025", date(2025, 11, 14)),
        ("November 14th, 2025", date(2025, 11, 14)),
        ("2025-11-14", date(2025, 11, 14)),
        ("2025-11-14T17:32:00Z", datetime(2025, 11, 14, 17, 32, tzinfo=UTC)),
        ("2025-11-14 17:32", datetime(2025, 11, 14, 17, 32)),
        ("14/11/2025 09:12", datetime(2025, 11, 14, 9, 12)),
        ("03/04/2025", date(2025, 4, 3)),  # day first
        ("  14 Nov 2025  ", date(2025, 11, 14)),
    ],
)
def test_parse_datetime(text: str, expected: date) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert type(parsed) is type(expected)  # a date when no time is given, else a datetime


@pytest.mark.parametrize("text", ["", "   ", "garbage", "2025-13-45", "2025-02-30T10:00"])
def test_parse_datetime_rejects(text: str) -> None:
    assert parse_datetime(text) is None


@pytest.mark.parametrize(
    "line",
    [
        "Nov. 14, 2025 5:32 p.m. ET",
        "14 November 2025",
        "2025-11-14T17:32:00Z",
        "14/11/2025 09:12",
        "Published: Friday, November 14th, 2025 at 5:32 PM EST",
    ],
)
def test_date_pattern_finds_each_format_and_it_parses(line: str) -> None:
    match = DATE_PATTERN.search(line)
    assert match is not None
    parsed = parse_datetime(match.group(0))
    assert parsed is not None
    assert (parsed.year, parsed.month, parsed.day) == (2025, 11, 14)


def test_published_line_beats_updated_line() -> None:
    lines = ["A headline about the harbour", "Updated 15 November 2025", "Published 14 Nov 2025"]
    found = date_from_lines(lines, title_index=0)
    assert found == (date(2025, 11, 14), "text line 3: 'Published 14 Nov 2025'")


def test_bare_date_beats_updated_line() -> None:
    lines = ["Headline", "Updated 15 November 2025", "By Ada Finch", "14 November 2025"]
    found = date_from_lines(lines, title_index=0)
    assert found is not None and found[0] == date(2025, 11, 14)


def test_nearest_line_after_the_headline_wins() -> None:
    lines = ["2 January 2020", "Headline", "14 November 2025", "Body text", "1 March 2026"]
    found = date_from_lines(lines, title_index=1)
    assert found is not None and found[0] == date(2025, 11, 14)


def test_long_lines_and_lines_without_dates_are_ignored() -> None:
    long_line = "In a statement on 14 November 2025 the council said " + "more words " * 20
    assert date_from_lines([long_line, "No date here"], title_index=None) is None


def test_updated_line_is_used_when_it_is_all_there_is() -> None:
    found = date_from_lines(["Headline", "Last updated 15 November 2025"], title_index=0)
    assert found is not None and found[0] == date(2025, 11, 15)


def test_date_from_hint() -> None:
    assert date_from_hint("2025-11-14") == (date(2025, 11, 14), "input field: '2025-11-14'")
    assert date_from_hint("") is None
    assert date_from_hint(None) is None
    assert date_from_hint("not a date") is None


def test_date_from_html_without_any_date() -> None:
    html = "<html><body><p>No date anywhere on this page.</p></body></html>"
    assert date_from_html(parse_html(html), html, None) is None


def test_parse_html_of_nothing() -> None:
    assert parse_html("") is None


def _tree(head: str = "", body: str = "") -> object:
    return parse_html(f"<html lang='de'><head>{head}</head><body>{body}</body></html>")


def test_shown_date_beats_markup_and_agreement_raises_confidence() -> None:
    head = '<meta property="article:published_time" content="2021-11-29T14:13:37+01:00">'
    body = "<h1>Neue Brücke</h1><p>12.01.2022</p>"
    found = find_published(_tree(head, body), head, None, "Neue Brücke")
    assert found is not None and found[0] == date(2022, 1, 12) and found[2] == 0.75
    assert found[1] == "date shown after the headline: '12.01.2022'"
    agreeing = find_published(_tree(head, "<h1>Neue Brücke</h1><p>29.11.2021</p>"), head, None)
    assert agreeing is not None and agreeing[2] > 0.9 and "as shown on the page" in agreeing[1]


def test_utc_markup_date_is_the_publishers_local_date() -> None:
    head = '<meta property="article:published_time" content="2022-11-06T23:00:00Z">'
    found = date_from_html(_tree(head), head, "https://zeitung.example.de/a")
    assert found is not None and found[0].isoformat().startswith("2022-11-07")


def test_article_date_published_beats_other_json_ld_objects() -> None:
    head = (
        '<script type="application/ld+json">[{"@type": "WebSite", "datePublished": "2010-01-01"},'
        '{"@type": "NewsArticle", "datePublished": "2022-02-02"}]</script>'
    )
    found = date_from_html(_tree(head), head, None)
    assert found is not None and found[0] == date(2022, 2, 2)


def test_url_date_when_the_page_has_no_markup_date() -> None:
    found = find_published(_tree(), "", "https://x.example/2022/11/29/slug")
    assert found == (date(2022, 11, 29), "date in the URL path", 0.8)
    assert date_from_url("https://x.example/2022/13/40/slug") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2022-1-26T14:32:06+02:00",
            datetime(2022, 1, 26, 14, 32, 6, tzinfo=timezone(timedelta(hours=2))),
        ),
        (
            "2019-06-17T18:28:00+0200",
            datetime(2019, 6, 17, 18, 28, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("Wed, 04 May 2022 00:25:56 GMT", datetime(2022, 5, 4, 0, 25, 56, tzinfo=UTC)),
    ],
)
def test_parse_datetime_cms_variants(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


def test_parse_html_with_an_xml_declaration() -> None:
    tree = parse_html('<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>')
    assert tree is not None and tree.xpath("//p")


def test_timestamp_a_day_after_the_shown_date_wins() -> None:
    head = '<meta property="article:published_time" content="2020-05-04T14:50:00+02:00">'
    found = find_published(_tree(head, "<h1>Neue Brücke</h1><p>03.05.2020</p>"), head, None)
    assert found is not None and found[0].isoformat().startswith("2020-05-04")
    earlier = '<meta property="article:published_time" content="2020-05-02T14:50:00+02:00">'
    shown = find_published(_tree(earlier, "<h1>Neue Brücke</h1><p>03.05.2020</p>"), earlier, None)
    assert shown is not None and shown[0] == date(2020, 5, 3)


def test_item_date_published_beats_a_generic_date_meta() -> None:
    head = '<meta name="date" content="2022-01-21T15:38:44+01:00">'
    body = '<p><time itemprop="datePublished" datetime="2022-01-27">27.1.</time></p>'
    found = date_from_html(_tree(head, body), head, None)
    assert found is not None and found[0] == date(2022, 1, 27)
    alone = date_from_html(_tree(head), head, None)
    assert alone is not None and alone[0].isoformat().startswith("2022-01-21")


def _shown(body: str, headline: str | None = "Neue Brücke") -> date | None:
    found = find_published(_tree("", body), "", None, headline)
    return found[0] if found is not None else None


def test_a_date_in_the_headline_itself_is_not_the_date_line() -> None:
    body = "<h1>Sitzung vom 10. Oktober 2019</h1><p>26/12/2019</p><p>von Redaktion</p>"
    assert _shown(body, "Sitzung vom 10. Oktober 2019") == date(2019, 12, 26)


def test_a_relative_stamp_first_means_later_dates_belong_to_other_items() -> None:
    head = '<meta property="article:published_time" content="2019-10-01T09:00:00+02:00">'
    body = "<h1>Neue Brücke</h1><p>vor 4 Monaten</p><h3>Alter Beitrag</h3><p>18. Januar 2019</p>"
    found = find_published(_tree(head, body), head, None, "Neue Brücke")
    assert found is not None and found[0].isoformat().startswith("2019-10-01")


def test_the_ends_of_a_date_range_are_not_a_date_line() -> None:
    body = "<h1>Neue Brücke</h1><p>Tippspiel 28.01.2022 – 29.01.2022</p><p>Stand 02.02.2022</p>"
    assert _shown(body) == date(2022, 2, 2)
    assert _shown("<h1>Neue Brücke</h1><p>21.01.2022 - 14:00 Uhr</p>") == date(2022, 1, 21)


def test_a_dateline_opening_a_paragraph_is_read() -> None:
    text = "Mehrfach hatte die Branche gewarnt, doch die Regierung blieb bei ihrem Plan. " * 2
    assert _shown(f"<h1>Neue Brücke</h1><p>29.11.2022 – {text}</p>") == date(2022, 11, 29)
    assert _shown(f"<h1>Neue Brücke</h1><p>(21. November 2022) {text}</p>") == date(2022, 11, 21)
    assert _shown(f"<h1>Neue Brücke</h1><p>Am 21. November 2022 {text}</p>") is None


def test_markup_date_shown_further_down_beats_the_first_shown_date() -> None:
    head = '<meta property="article:published_time" content="2018-06-22T10:20:00+02:00">'
    body = "<h1>Neue Brücke</h1><p>2018-08-29 14:15</p><p>22.06.2018 10:20</p>"
    found = find_published(_tree(head, body), head, None, "Neue Brücke")
    assert found is not None and found[0].isoformat().startswith("2018-06-22")
    assert "shown near the headline" in found[1]


def test_a_shown_date_before_the_url_date_is_not_the_publication_date() -> None:
    url = "https://blog.example/2015/12/12/slug/"
    body = "<h1>Neue Brücke</h1><p>28.12.2012</p>"
    assert find_published(_tree("", body), "", url, "Neue Brücke") == (
        date(2015, 12, 12),
        "date in the URL path",
        0.8,
    )
    head = '<meta property="article:published_time" content="2015-12-12T10:00:00+01:00">'
    month_only = find_published(_tree(head, body), head, "https://b.example/2015/12/slug", None)
    assert month_only is not None and month_only[0].isoformat().startswith("2015-12-12")


def test_a_markup_date_far_from_the_url_date_is_a_restamp() -> None:
    head = '<meta property="article:published_time" content="2019-06-17T18:28:00+02:00">'
    found = find_published(_tree(head), head, "https://x.example/2017/7/12/slug", None)
    assert found is not None and found[0] == date(2017, 7, 12)
    near = find_published(_tree(head), head, "https://x.example/2019/6/16/slug", None)
    assert near is not None and near[0].isoformat().startswith("2019-06-17")


def test_a_date_cued_as_published_anywhere_on_the_page() -> None:
    head = '<meta name="date" content="11/01/2023 12:43:42">'
    body = "<h1>Neue Brücke</h1>" + "<p>Lange Meldung ohne Datum, Absatz um Absatz.</p>" * 30
    body += "<footer><p>Erstellt am: 01.11.2023</p></footer>"
    found = find_published(_tree(head, body), head, None, "Neue Brücke")
    assert found is not None and found[0] == date(2023, 11, 1)
    assert "Erstellt am" in found[1]


def test_a_page_printing_utc_days_keeps_its_shown_date() -> None:
    head = '<meta property="article:published_time" content="2019-12-26T23:07:45+00:00">'
    body = "<h1>Neue Brücke</h1><p>26/12/2019</p>"
    found = find_published(_tree(head, body), head, "https://verein.example.ch/p", "Neue Brücke")
    assert found is not None and found[0] == date(2019, 12, 26)
    midnight = '<meta property="article:published_time" content="2022-11-06T23:00:00Z">'
    body = "<h1>Neue Brücke</h1><p>6.11.2022</p>"
    found = find_published(_tree(midnight, body), midnight, "https://z.example.de/a", None)
    assert found is not None and found[0].isoformat().startswith("2022-11-07")


def test_a_stamp_without_a_zone_a_day_after_does_not_beat_the_shown_date() -> None:
    head = '<meta name="date" content="2020-04-29T11:52:23">'
    body = "<h1>Neue Brücke</h1><p>Stand: 28.04.2020 18:00 Uhr</p>"
    found = find_published(_tree(head, body), head, None, "Neue Brücke")
    assert found is not None and found[0] == date(2020, 4, 28)


def test_numeric_date_order_comes_from_unambiguous_dates() -> None:
    from storyline.extract.dates import numeric_date_order

    assert numeric_date_order(["Posted 10/25/2026", "Posted 10/01/2026"]) == "MDY"
    assert numeric_date_order(["Posted 25/10/2026"]) == "DMY"
    assert numeric_date_order(["Posted 10/01/2026"]) is None
    assert numeric_date_order(["25/10/2026", "10/25/2026"]) is None  # a tie tells nothing


def test_an_ambiguous_numeric_date_is_read_in_the_given_order() -> None:
    from datetime import date

    from storyline.extract.dates import published_from_lines

    lines = ["Headline of the story", "Posted 10/01/1998", "Body text here."]
    assert published_from_lines(lines, 0)[0] == date(1998, 1, 10)  # day first by default
    assert published_from_lines(lines, 0, "MDY")[0] == date(1998, 10, 1)


def test_dates_of_a_link_list_are_other_stories_dates() -> None:
    from datetime import date

    from storyline.extract.dates import published_from_lines

    lines = [
        "Related",
        "Transit agency approves stormwater upgrade — November 16, 1995",
        "Hospital board unveils housing project — August 16, 1998",
        "Big headline of the day",
        "Thursday, October 1, 1998 • 17:58",
        "Body text.",
    ]
    found = published_from_lines(lines, 0)
    assert found is not None and found[0].date() == date(1998, 10, 1)
    assert found[0].hour == 17  # the time after a bullet is kept
    byline = published_from_lines(["Headline", "By Jane Doe — October 1, 1998", "Text."], 0)
    assert byline is not None and byline[0] == date(1998, 10, 1)
