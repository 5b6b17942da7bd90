"""The extract entry point: which mode a document takes, and what every mode reports."""

from __future__ import annotations

from datetime import date

from storyline.extract import MIN_BODY_WORDS, extract
from storyline.ingest import make_document, record_document
from storyline.model import Article, DocKind, RawDocument, Rejected

BODY = (
    "Home\n"
    "The ferry between Oldmarsh and Fennick resumed service on Monday after repairs.\n"
    "Share this article\n"
    "Operators said the timetable would return to normal by Friday, weather permitting."
)


def as_article(item: RawDocument | Rejected) -> Article:
    assert isinstance(item, RawDocument), item
    result = extract(item)
    assert isinstance(result, Article), result
    return result


def test_jsonl_text_record_is_kept_as_is() -> None:
    record = {
        "title": "  Ferry   resumes ",
        "text": BODY,
        "date": "2025-03-03",
        "source": "Marsh Wire",
        "author": "Ada Finch",
        "url": "https://wire.example/ferry",
    }
    article = as_article(record_document("/in/wire.jsonl#line=4", record))
    assert article.text == BODY  # no line judged boilerplate: the record is the article
    assert article.title == "Ferry resumes"
    assert article.published == date(2025, 3, 3)
    assert article.published_evidence == "input field: '2025-03-03'"
    assert (article.outlet, article.byline, article.url) == (
        "Marsh Wire",
        "Ada Finch",
        "https://wire.example/ferry",
    )
    assert article.source == "/in/wire.jsonl#line=4"
    assert article.id == article.raw_id


def test_jsonl_text_record_outlet_falls_back_to_url_host() -> None:
    record = {"text": BODY, "url": "https://www.wire.example/ferry"}
    article = as_article(record_document("/in/wire.jsonl#line=1", record))
    assert article.outlet == "wire.example"
    assert article.title == ""
    assert article.published is None and article.published_evidence is None


def test_jsonl_html_record_is_extracted_like_a_page() -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.splitlines()[1::2])
    html = f"<html><head><title>Ferry back</title></head><body><article>{paragraphs}"
    html += "</article></body></html>"
    article = as_article(record_document("/in/w.jsonl#line=1", {"html": html, "text": "x"}))
    assert "resumed service on Monday" in article.text
    assert "Share this article" not in article.text


def test_feed_fragment_keeps_short_blocks() -> None:
    html = (
        "<html><body><p>The ferry between Oldmarsh and Fennick resumed service on Monday.</p>"
        "<p>Short line.</p><ul><li>Timetable back by Friday.</li></ul></body></html>"
    )
    raw = make_document(
        "/in/feed.rss#entry=2",
        html,
        DocKind.HTML,
        "https://courier.example/ferry",
        {"title": "Ferry back", "fragment": "yes", "outlet": "Fennick Courier", "date": ""},
    )
    article = as_article(raw)
    assert article.text == (
        "The ferry between Oldmarsh and Fennick resumed service on Monday.\n"
        "Short line.\nTimetable back by Friday."
    )
    assert (article.title, article.outlet) == ("Ferry back", "Fennick Courier")
    assert article.published is None  # an empty date hint is dropped, not guessed


def test_too_short_body_is_rejected_with_the_word_count() -> None:
    raw = record_document("/in/w.jsonl#line=9", {"text": "Only five words are here."})
    assert isinstance(raw, RawDocument)
    result = extract(raw)
    assert result == Rejected(
        "/in/w.jsonl#line=9",
        f"no article text found in the text (5 words of body, fewer than {MIN_BODY_WORDS})",
        stage="extract",
    )


def test_language_is_detected_from_the_body() -> None:
    text = (
        "Le conseil municipal a voté mardi la réparation du mur du port après la tempête. "
        "Les travaux commenceront au printemps et dureront environ trois mois."
    )
    article = as_article(record_document("/in/w.jsonl#line=1", {"text": text}))
    assert article.language == "fr"
