"""Stage 1, ingest: every input format, path expansion, encodings and content-hash ids."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from storyline.extract import extract
from storyline.ingest import expand_paths, format_of, iter_documents
from storyline.model import Article, DocKind, RawDocument, Rejected
from tests.ingest.inputs import (
    WarcRecord,
    article_html,
    article_text,
    body_paragraphs,
    jsonl,
    standard_warc_records,
    write_warc,
)

Item = RawDocument | Rejected


def read(*paths: Path | str) -> list[Item]:
    return list(iter_documents([str(p) for p in paths]))


def docs(items: list[Item]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def rejections(items: list[Item]) -> list[Rejected]:
    return [i for i in items if isinstance(i, Rejected)]


def only_doc(items: list[Item]) -> RawDocument:
    assert len(items) == 1, items
    assert isinstance(items[0], RawDocument), items[0]
    return items[0]


def article_of(raw: RawDocument) -> Article:
    result = extract(raw)
    assert isinstance(result, Article), result
    return result


# -- formats ---------------------------------------------------------------------------------


def test_txt_is_a_text_dump(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(article_text(1), encoding="utf-8")
    doc = only_doc(read(path))
    assert doc.kind is DocKind.TEXT
    assert doc.source == str(path)
    assert doc.content == article_text(1)
    assert doc.encoding == "utf-8"
    assert doc.url is None
    assert dict(doc.hints) == {}


@pytest.mark.parametrize("name", ["page.html", "page.htm", "PAGE.HTML", "page.xhtml"])
def test_html_suffixes(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(article_html(1), encoding="utf-8")
    doc = only_doc(read(path))
    assert doc.kind is DocKind.HTML
    assert doc.content == article_html(1)


def test_jsonl_fields_become_hints(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    text = "The ferry between Oldmarsh and Fennick resumed service on Monday after repairs."
    records = [
        {
            "url": "https://wire.example/ferry",
            "title": "Ferry resumes service",
            "text": text,
            "date": "2025-03-03T09:30:00Z",
            "source": "Marsh Wire",
        },
        {"url": "https://wire.example/bridge", "title": "Bridge", "html": article_html(4)},
    ]
    path.write_text(jsonl(records[:1]) + "\n" + jsonl(records[1:]), encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.source == f"{path}#line=1"
    assert second.source == f"{path}#line=3"  # the blank line 2 is skipped but counted
    assert first.kind is DocKind.TEXT and second.kind is DocKind.HTML
    assert first.url == "https://wire.example/ferry"
    assert first.content == text
    assert first.hints["title"] == "Ferry resumes service"
    assert first.hints["date"] == "2025-03-03T09:30:00Z"
    assert first.hints["outlet"] == "Marsh Wire"
    assert "byline" not in first.hints  # empty hints are dropped
    assert second.content == article_html(4)


def test_jsonl_text_record_is_kept_as_is(tmp_path: Path) -> None:
    # Whole-page cleaning would throw away this short "Home"-style first line; a record's
    # text is the article as the scraper parsed it.
    text = (
        "Subscribe to our newsletter for more.\n"
        "The ferry between Oldmarsh and Fennick resumed service on Monday after repairs.\n"
        "Operators said the timetable would return to normal by Friday."
    )
    path = tmp_path / "wire.jsonl"
    path.write_text(jsonl([{"title": "Ferry", "text": text, "source": "Marsh Wire"}]))
    article = article_of(only_doc(read(path)))
    assert article.text == text
    assert article.title == "Ferry"
    assert article.outlet == "Marsh Wire"


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    write_warc(path, standard_warc_records(), gzip=compressed)
    items = read(path)
    found = docs(items)
    assert [d.url for d in found] == [
        "https://courier.example/one",
        "https://courier.example/two",
        "https://courier.example/three",
    ]
    assert all(d.kind is DocKind.HTML for d in found)
    assert found[0].source == f"{path}#https://courier.example/one"
    assert found[0].content == article_html(1)
    # The charset of the HTTP Content-Type header decodes the page.
    assert found[2].encoding == "windows-1252"
    assert "Fishermen at the café" in found[2].content
    # The image is skipped without a word; the 404 is rejected with its status.
    [gone] = rejections(items)
    assert gone.source == f"{path}#https://courier.example/gone"
    assert "404" in gone.reason


def test_warc_without_html_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    write_warc(path, [WarcRecord("https://x.example/a.png", b"\x89PNG", "image/png")], gzip=True)
    [item] = read(path)
    assert isinstance(item, Rejected)
    assert item.source == str(path)
    assert "no HTML response records" in item.reason


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Fennick Courier</title><link>https://courier.example/</link>
<description>Local news</description>
<item><title>Breakwater to be finished before winter</title>
<link>https://courier.example/breakwater</link>
<pubDate>Mon, 03 Mar 2025 09:30:00 +0000</pubDate><dc:creator>Ada Finch</dc:creator>
<description>Short teaser only.</description>
<content:encoded><![CDATA[BODY]]></content:encoded></item>
<item><title>Library hours extended</title><link>https://courier.example/library</link>
<pubDate>Tue, 04 Mar 2025 10:00:00 +0000</pubDate>
<description>&lt;p&gt;The council voted on Tuesday to extend the opening hours of all four
libraries in the district from next month.&lt;/p&gt;</description></item>
<item><title>Empty item</title><link>https://courier.example/empty</link></item>
</channel></rss>
""".replace("BODY", body_paragraphs(5))


@pytest.mark.parametrize("name", ["courier.rss", "courier.xml"])
def test_rss_uses_content_encoded(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(RSS, encoding="utf-8")
    items = read(path)
    first, second = docs(items)
    assert first.source == f"{path}#entry=1"
    assert first.url == "https://courier.example/breakwater"
    assert first.hints["outlet"] == "Fennick Courier"
    assert first.hints["byline"] == "Ada Finch"
    assert first.hints["date"] == "2025-03-03T09:30:00+00:00"
    article = article_of(first)
    assert article.title == "Breakwater to be finished before winter"
    assert "breakwater number 5 would be finished" in article.text
    assert "teaser" not in article.text  # content:encoded wins over the description
    assert article.text.count("\n") == 2  # one paragraph per <p>
    assert article.published is not None and article.published.isoformat().startswith(
        "2025-03-03T09:30"
    )
    assert "libraries in the district" in article_of(second).text  # summary-only entry
    [empty] = rejections(items)
    assert empty.source == f"{path}#entry=3"
    assert "no content or summary" in empty.reason


def test_atom_feed(tmp_path: Path) -> None:
    escaped = body_paragraphs(6).replace("<", "&lt;").replace(">", "&gt;")
    path = tmp_path / "notes.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Marsh Notes</title><id>urn:notes</id>'
        "<updated>2025-03-06T12:00:00Z</updated>"
        '<entry><title>Wall finished early</title><link href="https://notes.example/wall"/>'
        "<id>urn:notes:1</id><published>2025-03-05T08:15:00Z</published>"
        "<updated>2025-03-06T08:15:00Z</updated><author><name>Rui Costa</name></author>"
        f'<content type="html">{escaped}</content></entry></feed>',
        encoding="utf-8",
    )
    doc = only_doc(read(path))
    assert doc.url == "https://notes.example/wall"
    article = article_of(doc)
    assert (article.title, article.outlet, article.byline) == (
        "Wall finished early",
        "Marsh Notes",
        "Rui Costa",
    )
    assert article.day is not None and article.day.isoformat() == "2025-03-05"  # not updated
    assert "breakwater number 6" in article.text


def test_xml_that_is_not_a_feed_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text("<?xml version='1.0'?><urlset><url><loc>x</loc></url></urlset>")
    [item] = read(path)
    assert isinstance(item, Rejected)
    assert "not an RSS or Atom feed" in item.reason


def test_gzipped_html_and_jsonl_read_like_plain_files(tmp_path: Path) -> None:
    records = jsonl([{"title": "T", "text": "The harbour wall in Oldmarsh is finished at last."}])
    (tmp_path / "page.html").write_text(article_html(7))
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(article_html(7).encode()))
    (tmp_path / "wire.jsonl").write_text(records)
    (tmp_path / "wire.jsonl.gz").write_bytes(gzip.compress(records.encode()))
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(article_text(7).encode()))
    html, html_gz = read(tmp_path / "page.html"), read(tmp_path / "page.html.gz")
    assert only_doc(html_gz).content == only_doc(html).content
    assert only_doc(html_gz).source == str(tmp_path / "page.html.gz")
    wire, wire_gz = read(tmp_path / "wire.jsonl"), read(tmp_path / "wire.jsonl.gz")
    assert only_doc(wire_gz).content == only_doc(wire).content
    assert only_doc(wire_gz).source == f"{tmp_path / 'wire.jsonl.gz'}#line=1"
    assert only_doc(read(tmp_path / "story.txt.gz")).kind is DocKind.TEXT


# -- paths -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.txt", ".txt"),
        ("a.HTM", ".htm"),
        ("a.html.gz", ".html"),
        ("a.warc.gz", ".warc"),
        ("a.b.jsonl", ".jsonl"),
        ("feed.atom", ".atom"),
        ("a.pdf", None),
        ("a.gz", None),
        ("README", None),
    ],
)
def test_format_of(name: str, fmt: str | None) -> None:
    assert format_of(Path(name)) == fmt


def make_tree(root: Path) -> None:
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text(article_text(1))
    (root / "b" / "page.html").write_text(article_html(2))
    (root / "b" / "deep" / "c.txt").write_text(article_text(3))
    (root / ".hidden.txt").write_text(article_text(4))
    (root / ".git" / "inside.txt").write_text(article_text(5))
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not supported")
    (root / "Makefile").write_text("all:\n")


def test_directory_walk_is_recursive_sorted_and_skips_hidden_and_unsupported(
    tmp_path: Path,
) -> None:
    make_tree(tmp_path)
    items = read(tmp_path)
    # Top-down: a folder's files (sorted) before its subfolders (sorted).
    assert [i.source for i in items] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "page.html"),
        str(tmp_path / "b" / "deep" / "c.txt"),
    ]
    assert not rejections(items)  # unsupported files met in a walk are skipped silently


def test_unsupported_file_named_explicitly_is_rejected(tmp_path: Path) -> None:
    make_tree(tmp_path)
    pdf, makefile = read(tmp_path / "notes.pdf", tmp_path / "Makefile")
    assert isinstance(pdf, Rejected) and isinstance(makefile, Rejected)
    assert pdf.reason == "unsupported file type '.pdf'"
    assert makefile.reason == "unsupported file type '(none)'"


def test_hidden_file_named_explicitly_is_read(tmp_path: Path) -> None:
    make_tree(tmp_path)
    assert only_doc(read(tmp_path / ".hidden.txt")).content == article_text(4)


def test_glob_patterns(tmp_path: Path) -> None:
    make_tree(tmp_path)
    flat = read(f"{tmp_path}/*.txt")
    assert [i.source for i in flat] == [str(tmp_path / "a.txt")]  # hidden files do not match
    recursive = read(f"{tmp_path}/**/*.txt")
    assert [i.source for i in recursive] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "deep" / "c.txt"),
    ]
    # A pattern matching a folder walks it; one matching an unsupported file skips it.
    assert [i.source for i in read(f"{tmp_path}/b*")] == [
        str(tmp_path / "b" / "page.html"),
        str(tmp_path / "b" / "deep" / "c.txt"),
    ]
    assert read(f"{tmp_path}/*.pdf") == []


def test_glob_matching_nothing_is_rejected(tmp_path: Path) -> None:
    pattern = f"{tmp_path}/*.html"
    assert read(pattern) == [Rejected(pattern, "the pattern matched no files")]


def test_missing_path_is_rejected_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(article_text(1))
    missing = tmp_path / "nope" / "b.txt"
    items = read(missing, tmp_path / "a.txt")
    assert items[0] == Rejected(str(missing), "no such file or directory")
    assert isinstance(items[1], RawDocument)


def test_expand_paths_marks_named_files_explicit(tmp_path: Path) -> None:
    make_tree(tmp_path)
    entries = list(expand_paths([tmp_path / "a.txt", tmp_path / "b"]))
    assert [(e.path, e.explicit) for e in entries if not isinstance(e, Rejected)] == [
        (tmp_path / "a.txt", True),
        (tmp_path / "b" / "page.html", False),
        (tmp_path / "b" / "deep" / "c.txt", False),
    ]


# -- encodings -------------------------------------------------------------------------------

WESTERN = (
    "Residents of Port Alden queued outside the café on Quay Street on Tuesday after the "
    "council said the water was safe to drink again.\n"
    "The owner, Zoë Brandt, said the reopening was a relief. The naïve hope that the problem "
    "would fix itself is gone, she said, and the façade of the old pump house will be restored.\n"
    "The council's résumé of the work shows that 41 homes were tested in the first week, and "
    "every school has now had its pipes flushed.\n"
)


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_undeclared_western_text_decodes_correctly(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(WESTERN.encode(codec))
    doc = only_doc(read(path))
    assert doc.content == WESTERN
    assert doc.encoding == "cp1252"


def test_undeclared_cp1252_with_smart_quotes(tmp_path: Path) -> None:
    text = "“We are très pleased,” said Zoë Müller — who runs a crêperie — on Tuesday.\n" * 3
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode("cp1252"))
    assert only_doc(read(path)).content == text


def test_undeclared_cyrillic_text_decodes_correctly(tmp_path: Path) -> None:
    text = (
        "Мэр города заявил во вторник, что новая автобусная линия начнёт работать осенью. "
        "Жители, которые годами просили об этом, встретили решение с радостью.\n"
    )
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode("cp1251"))
    assert only_doc(read(path)).content == text


@pytest.mark.parametrize(
    ("meta", "label"),
    [
        ('<meta charset="windows-1252">', "windows-1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252"),
    ],
)
def test_meta_charset_is_used(tmp_path: Path, meta: str, label: str) -> None:
    page = f"<html><head>{meta}</head><body><p>{WESTERN}</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    doc = only_doc(read(path))
    assert doc.encoding == label
    assert doc.content == page


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbf" + WESTERN.encode())
    doc = only_doc(read(path))
    assert doc.content == WESTERN
    assert doc.encoding == "utf-8-sig"


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(WESTERN.encode("utf-16"))
    assert only_doc(read(path)).content == WESTERN


# -- ids -------------------------------------------------------------------------------------


def test_equal_inputs_get_equal_ids(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text(article_text(1))
    shutil.copy(tmp_path / "a" / "story.txt", tmp_path / "b" / "copy.txt")
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(article_text(1).encode()))
    first, copy, zipped = docs(
        read(tmp_path / "a" / "story.txt", tmp_path / "b" / "copy.txt", tmp_path / "story.txt.gz")
    )
    assert first.id == copy.id == zipped.id
    assert first.source != copy.source
    again = only_doc(read(tmp_path / "a" / "story.txt"))
    assert again == first  # reading twice gives the very same document


def test_different_inputs_get_different_ids(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(article_text(1))
    (tmp_path / "two.txt").write_text(article_text(2))
    (tmp_path / "one.html").write_text(article_text(1))  # same text, other kind
    ids = {d.id for d in docs(read(tmp_path))}
    assert len(ids) == 3


def test_record_metadata_is_part_of_the_id(tmp_path: Path) -> None:
    text = "The harbour wall in Oldmarsh is finished at last, the council said on Monday."
    records = [
        {"title": "Wall finished", "text": text},
        {"title": "Wall finished", "text": text},
        {"title": "Wall done", "text": text},
        {"title": "Wall finished", "text": text, "url": "https://x.example/wall"},
    ]
    (tmp_path / "wire.jsonl").write_text(jsonl(records))
    ids = [d.id for d in docs(read(tmp_path / "wire.jsonl"))]
    assert ids[0] == ids[1]
    assert len(set(ids)) == 3
