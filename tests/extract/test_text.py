"""Text mode: whole-page dumps cleaned down to headline, byline, date, outlet and body."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from storyline.extract import extract
from storyline.extract import text as text_module
from storyline.extract.text import best_block, clean_dump, decode_blocks, line_score
from storyline.ingest import make_document
from storyline.model import Article, DocKind, Rejected

BODY = [
    "The river ferry between Oldmarsh and Fennick resumed service on Monday after three weeks "
    "of repairs to its landing stage, which was damaged by the February floods.",
    "About two hundred passengers crossed on the first morning, according to the operator, "
    "Fennick River Lines, which said the timetable would return to normal by Friday.",
    "“It has been a long three weeks of driving round by the bridge,” said Tamsin Hollow, a "
    "nurse who commutes to the hospital in Oldmarsh.",
    "The county council paid for the repairs from its emergency roads budget. A spokesman said "
    "a permanent replacement for the landing stage would be considered in the spring.",
]
HEADLINE = "Ferry service to Oldmarsh resumes after three weeks of landing stage repairs"
BOILERPLATE = [
    "Home",
    "Subscribe",
    "Sign in",
    "News › Transport",
    "3 min read",
    "Share this article",
    "Share on Facebook",
    "Photo: The ferry leaving Oldmarsh on Monday morning. (Fennick Courier)",
    "Advertisement",
    "Ada Finch is the Courier's transport reporter. She has covered the county since 2019.",
    "Most read",
    "Library hours extended across the district · 3 years ago",
    "Council tax rise approved after long debate · 2 days ago",
    "FNCK 104.20 ▲ 1.2%",
    "Data & news supplied by Quayside Data. Quotes delayed at least 15 minutes.",
    "Sign up for our newsletter",
    "This site uses cookies to improve your experience. By continuing you agree to our cookie "
    "policy.",
    "© 2025 The Fennick Courier. All rights reserved.",
]
DUMP = "\n".join(
    [
        "THE FENNICK COURIER",
        "Your county, every day",
        *BOILERPLATE[:4],
        HEADLINE,
        "Passengers welcome the return of the river crossing as operators promise a timetable",
        "3 min read",
        "By Ada Finch and Rui Costa | Published 3 March 2025, 09:30",
        "Updated 4 March 2025, 11:00",
        "Share this article",
        "Share on Facebook",
        BODY[0],
        BOILERPLATE[7],
        BODY[1],
        "Advertisement",
        BODY[2],
        BODY[3],
        *BOILERPLATE[9:],
    ]
)


def extract_dump(text: str, **hints: str) -> Article:
    raw = make_document("/in/page.txt", text.encode(), DocKind.TEXT, hints=hints or None)
    assert not isinstance(raw, Rejected)
    result = extract(raw)
    assert isinstance(result, Article), result
    return result


def test_text_dump_fields() -> None:
    article = extract_dump(DUMP)
    assert article.title == HEADLINE
    assert article.byline == "Ada Finch and Rui Costa"
    assert article.published == datetime(2025, 3, 3, 9, 30)
    assert article.published_evidence == (
        "text line 10: 'By Ada Finch and Rui Costa | Published 3 March 2025, 09:30'"
    )
    assert article.outlet == "The Fennick Courier"
    assert article.language == "en"
    assert article.source == "/in/page.txt"


def test_text_dump_body_is_exactly_the_paragraphs() -> None:
    assert extract_dump(DUMP).text == "\n".join(BODY)


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_line_is_removed(line: str) -> None:
    assert line not in extract_dump(DUMP).text


def test_clean_dump_reports_lines_and_indexes() -> None:
    page = clean_dump(DUMP)
    assert page.title == HEADLINE
    assert page.lines[page.title_index or 0] == HEADLINE
    assert [page.lines[i] for i in page.body] == BODY
    assert all(line == line.strip() and line for line in page.lines)


def test_title_hint_picks_the_headline_line() -> None:
    standfirst = (
        "Passengers welcome the return of the river crossing as operators promise a timetable"
    )
    page = clean_dump(DUMP, title_hint=standfirst.upper())
    assert page.title == standfirst


def test_related_list_ends_the_body() -> None:
    text = "\n".join([HEADLINE, *BODY[:2], "Related", *BODY[2:]])
    assert extract_dump(text).text == "\n".join(BODY[:2])


def test_published_line_beats_an_earlier_updated_line() -> None:
    text = "\n".join(
        [HEADLINE, "Updated 4 March 2025", "By Ada Finch", "Published 2 March 2025", *BODY]
    )
    article = extract_dump(text)
    assert article.day is not None and article.day.isoformat() == "2025-03-02"
    assert "Published 2 March 2025" in (article.published_evidence or "")


def test_input_hints_win_over_the_page() -> None:
    article = extract_dump(
        DUMP, title="Ferry is back", date="2025-02-01", outlet="Marsh Wire", byline="Staff"
    )
    assert (article.title, article.outlet, article.byline) == (
        "Ferry is back",
        "Marsh Wire",
        "Staff",
    )
    assert article.published is not None and article.published.isoformat() == "2025-02-01"
    assert article.published_evidence == "input field: '2025-02-01'"
    assert article.text == "\n".join(BODY)  # still cleaned: only "clean" records skip that


def test_outlet_from_url_beats_the_footer() -> None:
    raw = make_document("/in/p.txt", DUMP, DocKind.TEXT, url="https://www.courier.example/x")
    assert not isinstance(raw, Rejected)
    result = extract(raw)
    assert isinstance(result, Article)
    assert result.outlet == "courier.example"
    assert result.url == "https://www.courier.example/x"


def test_dump_without_body_is_rejected() -> None:
    text = "\n".join(["Home", "News", "Sport", "Sign in", "© 2025 The Fennick Courier"])
    raw = make_document("/in/nav.txt", text, DocKind.TEXT)
    assert not isinstance(raw, Rejected)
    result = extract(raw)
    assert isinstance(result, Rejected)
    assert result.stage == "extract"
    assert result.reason.startswith("no article text found in the text")


def test_empty_dump() -> None:
    page = clean_dump("\n \n")
    assert (page.lines, page.body, page.title_index, page.byline, page.title) == (
        (),
        (),
        None,
        None,
        "",
    )


def test_line_score_prefers_prose() -> None:
    assert line_score(BODY[0]) > 0
    assert line_score("Home") < 0
    assert line_score("Council tax rise approved · 2 days ago") == -20.0
    assert line_score("This site uses cookies.") == -25.0


@pytest.mark.parametrize(
    ("scores", "block"),
    [
        ([-5, 10, 3, -20, 4], (1, 3)),
        ([-1, -2], (0, 1)),
        ([2, -1, 2], (0, 3)),
        ([], (0, 0)),
    ],
)
def test_best_block(scores: list[float], block: tuple[int, int]) -> None:
    assert best_block(scores) == block


@pytest.mark.parametrize(
    ("scores", "switch", "mask"),
    [
        ([2, 2, -1, 2, 2], 2.0, [1, 1, 1, 1, 1]),  # a weak gap inside the body is bridged
        ([2, 2, -1, 2, 2], 0.0, [1, 1, 0, 1, 1]),
        ([-3, 5, -3], 1.0, [0, 1, 0]),
        ([-1, -1], 1.0, [0, 0]),
        ([0.5, -4, -4, 0.5], 1.0, [0, 0, 0, 0]),  # isolated weak lines are not worth a switch
        ([], 1.0, []),
    ],
)
def test_decode_blocks(scores: list[float], switch: float, mask: list[int]) -> None:
    assert decode_blocks(np.array(scores, dtype=float), switch).tolist() == [bool(m) for m in mask]


def test_clean_dump_without_a_model_uses_the_heuristic_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(text_module, "default_model", lambda: None)
    page = clean_dump(DUMP)
    assert page.title == HEADLINE
    assert [page.lines[i] for i in page.body] == BODY


def test_a_one_paragraph_story_is_kept_even_when_it_reads_like_a_bio() -> None:
    from storyline.extract.text import clean_dump

    body = (
        "President Biden is canceling projects to build a wall along the southern border "
        "using diverted defense funds and will use some funding to counter environmental "
        "damage from the wall's construction, an administration official said on Friday...."
    )
    page = "\n".join(
        ["Prairie Sentinel", "Menu  Search  News", "Biden cancels border wall projects",
         "Posted 05/01/2021", "By Nadia Quinlan", body, "Share this article", "© 2021 Prairie"]
    )  # fmt: skip
    found = clean_dump(page)
    assert [found.lines[i] for i in found.body] == [body]
