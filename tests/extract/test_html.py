"""HTML mode: trafilatura for title, body and metadata; our finders for dated evidence."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from storyline.extract import extract
from storyline.extract.html import extract_html, fragment_text
from storyline.ingest import make_document
from storyline.model import Article, DocKind, Rejected

PARAGRAPHS = [
    "The harbour authority in Fennick said on Tuesday that the new breakwater would be finished "
    "before the winter storms arrive, according to its chief engineer.",
    "Work on the breakwater began in the spring and has employed about forty people from the "
    "town and the surrounding villages, the authority said.",
    "Fishermen said the new wall would make the harbour safer during easterly gales, which have "
    "damaged several boats in recent years.",
]
TITLE = "Fennick breakwater to be finished before winter"
META = (
    '<meta property="og:site_name" content="The Fennick Courier">'
    '<meta name="author" content="Ada Finch">'
    '<meta property="article:published_time" content="2025-11-14T17:32:00-05:00">'
)


def page(head: str = META, before_body: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{TITLE} | The Fennick Courier</title>{head}</head><body>"
        "<div id='cookie-consent'><p>We use cookies to personalise content and ads.</p></div>"
        "<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
        "<li><a href='/sport'>Sport</a></li></ul></nav></header>"
        f"<main><article><h1>{TITLE}</h1>{before_body}{paragraphs}</article>"
        "<aside><h2>Most read</h2><ul><li><a href='/a'>Library hours extended</a></li>"
        "<li><a href='/b'>Council tax rise approved</a></li></ul></aside></main>"
        "<footer><p>© 2025 The Fennick Courier. All rights reserved.</p></footer></body></html>"
    )


def extract_page(html: str, url: str | None = None, **hints: str) -> Article:
    raw = make_document("/in/page.html", html, DocKind.HTML, url=url, hints=hints or None)
    assert not isinstance(raw, Rejected)
    result = extract(raw)
    assert isinstance(result, Article), result
    return result


def test_title_body_byline_outlet_and_meta_date() -> None:
    article = extract_page(page())
    assert article.title == TITLE
    assert article.text == "\n".join(PARAGRAPHS)
    assert article.byline == "Ada Finch"
    assert article.outlet == "The Fennick Courier"
    assert article.published == datetime(2025, 11, 14, 17, 32, tzinfo=timezone(timedelta(hours=-5)))
    assert article.published_evidence == (
        "<meta article:published_time='2025-11-14T17:32:00-05:00'>"
    )
    assert article.language == "en"


@pytest.mark.parametrize("noise", ["cookies", "Most read", "Library hours", "Home", "©"])
def test_page_furniture_is_not_in_the_body(noise: str) -> None:
    assert noise not in extract_page(page()).text


def test_json_ld_date_published() -> None:
    ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "Courier"},'
        '{"@type": "NewsArticle", "datePublished": "2025-10-01T08:00:00Z",'
        ' "dateModified": "2025-10-03T08:00:00Z"}]}</script>'
    )
    article = extract_page(page(head=ld))
    assert article.published == datetime(2025, 10, 1, 8, 0, tzinfo=UTC)
    assert article.published_evidence == "JSON-LD datePublished='2025-10-01T08:00:00Z'"


def test_json_ld_beats_meta_and_broken_json_ld_is_skipped() -> None:
    head = (
        '<script type="application/ld+json">{not json at all</script>'
        '<script type="application/ld+json">[{"@type": "NewsArticle", "datePublished": '
        '"2025-02-02"}]</script>'
        '<meta property="article:published_time" content="2025-01-01T00:00:00Z">'
    )
    article = extract_page(page(head=head))
    assert article.published == date(2025, 2, 2)
    assert "JSON-LD" in (article.published_evidence or "")


def test_time_element() -> None:
    article = extract_page(page(head="", before_body='<time datetime="2025-09-09">9 Sep</time>'))
    assert article.published == date(2025, 9, 9)
    assert article.published_evidence == "<time datetime='2025-09-09'>"


def test_unparseable_meta_is_passed_over() -> None:
    head = (
        '<meta name="pubdate" content="sometime last week">'
        '<meta itemprop="datePublished" content="2025-04-04">'
    )
    article = extract_page(page(head=head))
    assert article.published == date(2025, 4, 4)
    assert article.published_evidence == "<meta datepublished='2025-04-04'>"


def test_date_in_the_url() -> None:
    article = extract_page(page(head=""), url="https://courier.example/2025/03/14/breakwater")
    assert article.published == date(2025, 3, 14)
    assert article.published_evidence == "date in the URL path"
    assert article.outlet == "courier.example"  # no og:site_name: the host names the outlet
    assert article.url == "https://courier.example/2025/03/14/breakwater"


def test_input_hints_win_over_page_metadata() -> None:
    article = extract_page(
        page(), title="Wire headline", date="2025-12-24", outlet="Marsh Wire", byline="Rui Costa"
    )
    assert (article.title, article.outlet, article.byline) == (
        "Wire headline",
        "Marsh Wire",
        "Rui Costa",
    )
    assert article.published == date(2025, 12, 24)
    assert article.published_evidence == "input field: '2025-12-24'"


def test_heading_and_byline_are_not_repeated_in_the_body() -> None:
    html = page(before_body="<p>By Ada Finch</p>")
    text = extract_page(html).text
    assert not text.startswith(TITLE)
    assert "By Ada Finch" not in text
    assert text.endswith(PARAGRAPHS[-1])


def test_extract_html_directly() -> None:
    found = extract_html(page())
    assert (found.title, found.byline, found.sitename) == (
        TITLE,
        "Ada Finch",
        "The Fennick Courier",
    )
    assert found.published is not None and found.published[0].isoformat().startswith("2025-11-14")


def test_page_without_article_text_is_rejected() -> None:
    html = (
        "<html><head><title>Fennick Courier</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<div class='ad-slot'></div><footer>© 2025 Fennick Courier</footer></body></html>"
    )
    raw = make_document("/in/home.html", html, DocKind.HTML)
    assert not isinstance(raw, Rejected)
    result = extract(raw)
    assert isinstance(result, Rejected)
    assert result.stage == "extract"
    assert result.source == "/in/home.html"
    assert "no article text found in the HTML page" in result.reason


def test_fragment_text_keeps_every_block() -> None:
    html = (
        "<p>One <b>bold</b> paragraph.</p><ul><li>An item <p>with a nested paragraph</p></li></ul>"
        "<script>var tracking = 1;</script><style>p {}</style><blockquote>A quote.</blockquote>"
    )
    assert fragment_text(html) == "One bold paragraph.\nAn item with a nested paragraph\nA quote."


def test_fragment_text_without_blocks() -> None:
    assert fragment_text("Just a line of text <br> with a break") == (
        "Just a line of text with a break"
    )
    assert fragment_text("") == ""


def test_a_bare_copyright_year_is_not_taken_for_a_publication_date() -> None:
    article = extract_page(page(head=""))  # the page's only date is its "© 2025" footer
    assert article.published is None
    assert article.published_evidence is None
