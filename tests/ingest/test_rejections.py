"""Bad input: each problem becomes a ``Rejected`` with a reason, and the run goes on."""

from __future__ import annotations

import gzip
import os
import random
from pathlib import Path

import pytest

from storyline.extract import extract
from storyline.ingest import MAX_DOCUMENT_BYTES, iter_documents
from storyline.model import RawDocument, Rejected
from tests.ingest.inputs import (
    article_html,
    article_text,
    jsonl,
    standard_warc_records,
    write_warc,
)

Item = RawDocument | Rejected
FIFTY_MB = 50 * 1024 * 1024


def read(*paths: Path | str, max_bytes: int = MAX_DOCUMENT_BYTES) -> list[Item]:
    return list(iter_documents([str(p) for p in paths], max_bytes=max_bytes))


def rejected_one(path: Path, **kwargs: int) -> Rejected:
    items = read(path, **kwargs)
    assert len(items) == 1, items
    assert isinstance(items[0], Rejected), items[0]
    assert items[0].source == str(path)
    assert items[0].stage == "ingest"
    return items[0]


def random_binary(size: int = 4096) -> bytes:
    rng = random.Random(7)
    data = bytearray(rng.randbytes(size))
    data[10:14] = b"\x00\x00\x00\x00"
    return bytes(data)


def write_single_line(path: Path, prefix: bytes, size: int, suffix: bytes) -> None:
    """Write ``prefix``, ``size`` bytes of words with no newline, and ``suffix``, quickly."""
    chunk = (b"word " * (2**20 // 5 + 1))[: 2**20]
    with path.open("wb") as handle:
        handle.write(prefix)
        for _ in range(size // len(chunk)):
            handle.write(chunk)
        handle.write(suffix)


# -- whole files -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.jsonl", "empty.warc"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    assert rejected_one(tmp_path / name).reason == "empty file"


@pytest.mark.parametrize("name", ["blank.txt", "blank.html", "blank.html.gz"])
def test_whitespace_only_file(tmp_path: Path, name: str) -> None:
    data = b"  \n\t\r\n   \n"
    (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    assert rejected_one(tmp_path / name).reason == "file holds only whitespace"


@pytest.mark.parametrize("name", ["photo.txt", "photo.html"])
def test_binary_file(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(random_binary())
    assert "binary content, not text" in rejected_one(tmp_path / name).reason


def test_bytes_that_are_no_text_encoding(tmp_path: Path) -> None:
    # No control bytes (so not "binary"), not UTF-8, and no code page makes sense of it.
    (tmp_path / "garbled.txt").write_bytes(bytes(range(128, 256)) * 20)
    reason = rejected_one(tmp_path / "garbled.txt").reason
    assert reason == "not valid UTF-8, and no other text encoding fits the bytes"


def test_truncated_gzip_html(tmp_path: Path) -> None:
    data = gzip.compress(article_html(1).encode())
    (tmp_path / "page.html.gz").write_bytes(data[: len(data) // 2])
    assert "truncated or corrupt gzip" in rejected_one(tmp_path / "page.html.gz").reason


def test_not_gzip_at_all(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(article_html(1).encode())
    assert "truncated or corrupt gzip" in rejected_one(tmp_path / "page.html.gz").reason


def test_truncated_gzip_jsonl_keeps_earlier_lines(tmp_path: Path) -> None:
    records = [{"title": f"T{n}", "text": article_text(n)} for n in range(40)]
    data = gzip.compress(jsonl(records).encode(), compresslevel=0)  # stored: lines survive
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    *kept, last = items
    assert 10 <= len(kept) < 40
    assert all(isinstance(i, RawDocument) for i in kept)
    assert [i.source for i in kept] == [f"{path}#line={n}" for n in range(1, len(kept) + 1)]
    assert [getattr(i, "content", None) for i in kept] == [
        article_text(n) for n in range(len(kept))
    ]
    assert isinstance(last, Rejected)
    assert last.source == str(path)
    assert "truncated or corrupt gzip" in last.reason
    assert "earlier lines were kept" in last.reason


def test_50_mb_single_line_text_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    write_single_line(path, b"", FIFTY_MB, b"\n")
    assert rejected_one(path).reason == (
        "document is 50.0 MB, over the 20.0 MB limit for one page "
        "(raise it with --max-bytes if this is really one article)"
    )


def test_50_mb_jsonl_line_is_rejected_and_the_other_lines_kept(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    before = jsonl([{"title": "Before", "text": article_text(1)}]).encode()
    after = jsonl([{"title": "After", "text": article_text(2)}]).encode()
    write_single_line(path, before + b'{"title": "Huge", "text": "', FIFTY_MB, b'"}\n' + after)
    first, huge, last = read(path)
    assert isinstance(first, RawDocument) and first.hints["title"] == "Before"
    assert isinstance(last, RawDocument) and last.hints["title"] == "After"
    assert isinstance(huge, Rejected)
    assert huge.source == f"{path}#line=2"
    assert huge.reason.startswith("document is 50.0 MB, over the 20.0 MB limit")


def test_gzip_bomb_is_cut_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"x " * 600_000 + b"</p>"))
    assert path.stat().st_size < 100_000
    reason = rejected_one(path, max_bytes=1_000_000).reason
    assert reason.startswith("document is over the 1,000,000 bytes limit")  # size unknown


def test_max_bytes_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(article_text(1))
    size = path.stat().st_size
    assert (
        f"document is {size:,} bytes, over the 100 bytes limit"
        in rejected_one(path, max_bytes=100).reason
    )
    assert isinstance(read(path, max_bytes=10_000)[0], RawDocument)


# -- records inside files --------------------------------------------------------------------


def test_jsonl_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    good = jsonl([{"title": "One", "text": article_text(1)}])
    path.write_text(good + '{"title": "Two", "text": "unterminated\n' + good.replace("One", "3"))
    first, broken, third = read(path)
    assert isinstance(first, RawDocument) and isinstance(third, RawDocument)
    assert third.source == f"{path}#line=3"
    assert isinstance(broken, Rejected)
    assert broken.source == f"{path}#line=2"
    assert broken.reason.startswith("not valid JSON")


def test_jsonl_line_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b'{"title": "Caf\xe9", "text": "x"}\n')
    [item] = read(path)
    assert isinstance(item, Rejected) and item.reason.startswith("not valid JSON")


def test_jsonl_line_that_is_a_list(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(jsonl([["title", "text"], {"title": "Fine", "text": article_text(1)}]))
    listed, fine = read(path)
    assert listed == Rejected(f"{path}#line=1", "a JSONL line must hold a JSON object")
    assert isinstance(fine, RawDocument)


@pytest.mark.parametrize(
    "record",
    [
        {"title": "Only a title", "url": "https://x.example/a"},
        {"title": "Blank", "text": "   ", "html": ""},
        {"title": "Wrong types", "text": 42, "html": ["<p>x</p>"]},
    ],
    ids=["missing", "blank", "not-strings"],
)
def test_record_without_text_or_html(tmp_path: Path, record: dict[str, object]) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(jsonl([record]))
    [item] = read(path)
    assert item == Rejected(
        f"{path}#line=1", "the record has neither a non-empty 'text' nor 'html' field"
    )


def test_html_without_text_is_rejected_at_extract(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Home | Fennick Courier</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><div class='ad'></div>"
        "<footer>© 2025 Fennick Courier</footer></body></html>"
    )
    path = tmp_path / "index.html"
    path.write_text(page)
    [raw] = read(path)
    assert isinstance(raw, RawDocument)  # ingest accepts it: it is a readable page
    result = extract(raw)
    assert isinstance(result, Rejected)
    assert result.stage == "extract"
    assert result.source == str(path)
    assert "no article text" in result.reason


# -- WARC ------------------------------------------------------------------------------------


def record_bounds(path: Path, compressed: bool) -> tuple[list[int], int]:
    starts = write_warc(path, standard_warc_records(), gzip=compressed)
    return starts, path.stat().st_size


@pytest.mark.parametrize("compressed", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("where", ["payload", "header"])
def test_truncated_warc_keeps_records_before_the_cut(
    tmp_path: Path, compressed: bool, where: str
) -> None:
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    starts, _ = record_bounds(path, compressed)
    # Cut inside the fourth record (the second HTML page): in its header or in its body.
    fourth, fifth = starts[3], starts[4]
    cut = fourth + 40 if where == "header" else fourth + (fifth - fourth) * 3 // 4
    path.write_bytes(path.read_bytes()[:cut])
    items = read(path)
    assert [i.source.rsplit("#", 1)[-1] for i in items] == [
        "https://courier.example/one",
        "https://courier.example/gone",  # the 404 rejection
        str(path),
    ]
    assert isinstance(items[0], RawDocument)
    assert items[0].content == article_html(1)
    last = items[-1]
    assert isinstance(last, Rejected)
    assert last.source == str(path)
    assert "truncated or corrupt WARC after 2 records" in last.reason


@pytest.mark.parametrize("compressed", [True, False], ids=["warc.gz", "warc"])
def test_warc_cut_in_half(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    _, size = record_bounds(path, compressed)
    path.write_bytes(path.read_bytes()[: size // 2])
    items = read(path)
    assert isinstance(items[0], RawDocument)
    assert items[0].url == "https://courier.example/one"
    assert isinstance(items[-1], Rejected)
    assert items[-1].source == str(path)
    assert "truncated or corrupt WARC" in items[-1].reason
    assert all(isinstance(i, Rejected) or i.content.endswith("</html>") for i in items)


def test_file_that_is_not_a_warc(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc").write_text(article_text(1))
    assert "truncated or corrupt WARC" in rejected_one(tmp_path / "crawl.warc").reason


# -- the run goes on -------------------------------------------------------------------------


def test_one_bad_file_of_each_kind_does_not_stop_the_run(tmp_path: Path) -> None:
    bad = {
        "a_empty.txt": b"",
        "b_blank.txt": b"\n \n",
        "c_binary.html": random_binary(),
        "d_cut.html.gz": gzip.compress(article_html(1).encode())[:40],
        "e_garbled.txt": bytes(range(128, 256)) * 20,
        "f_notwarc.warc": b"hello",
        "g_notfeed.rss": b"<html><body>hello</body></html>",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "z_good.txt").write_text(article_text(9))
    items = read(tmp_path)
    assert [os.path.basename(i.source) for i in items] == [*sorted(bad), "z_good.txt"]
    assert all(isinstance(i, Rejected) and i.reason for i in items[:-1])
    assert isinstance(items[-1], RawDocument)
    assert items[-1].content == article_text(9)
