"""Stage 1, ingest: turn paths, directories and globs into :class:`RawDocument` values.

Supported inputs (optionally gzip-compressed as ``name.ext.gz``):

* ``.txt``: a whole-page text dump (what "select all, copy" of a page gives);
* ``.html`` / ``.htm``: a saved page;
* ``.jsonl``: one article per line with any of ``url, title, text, html, date, source``;
* ``.warc`` / ``.warc.gz``: HTTP response records holding HTML (via warcio);
* ``.rss`` / ``.atom`` / ``.xml``: RSS or Atom feeds (via feedparser).

Every problem becomes a :class:`Rejected` value with a reason, never an exception, so one bad
file cannot stop a run. Nothing here touches the store.
"""

from __future__ import annotations

import glob
import gzip
import json
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from storyline.ids import content_hash
from storyline.model import DocKind, RawDocument, Rejected

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
"""Default size limit for one document (a file, a JSONL line or a WARC record)."""

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES

_GLOB_CHARS = re.compile(r"[*?\[]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)
_CONTROL_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))

Item = RawDocument | Rejected


@dataclass(frozen=True)
class InputFile:
    """A file to read, and whether the user named it (rather than a directory walk finding it)."""

    path: Path
    explicit: bool


def format_of(path: Path) -> str | None:
    """Return the input format suffix of ``path`` (``.gz`` looked through), or None."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if not suffixes:
        return None
    return suffixes[-1] if suffixes[-1] in SUPPORTED_SUFFIXES else None


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[InputFile | Rejected]:
    """Expand files, directories (recursively, sorted) and glob patterns into input files.

    Files found while walking a directory are kept only when their format is supported, and
    hidden files and folders are skipped; a file the user named is always returned so that an
    unsupported type gets a rejection with a reason rather than silence.
    """
    for raw in paths:
        text = os.fspath(raw)
        path = Path(text)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield InputFile(path, explicit=True)
        elif _GLOB_CHARS.search(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                yield Rejected(text, "the pattern matched no files")
            for match in matches:
                yield from expand_paths([match]) if Path(match).is_dir() else _walk_one(Path(match))
        else:
            yield Rejected(text, "no such file or directory")


def _walk(root: Path) -> Iterator[InputFile]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield from _walk_one(Path(dirpath) / name)


def _walk_one(path: Path) -> Iterator[InputFile]:
    if format_of(path) is not None:
        yield InputFile(path, explicit=False)


def iter_documents(
    paths: Iterable[str | os.PathLike[str]], max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[Item]:
    """Yield a raw document or a rejection for every page found under ``paths``.

    Args:
        paths: Files, directories and glob patterns, in any mix.
        max_bytes: Documents larger than this are rejected rather than loaded.
    """
    for entry in expand_paths(paths):
        if isinstance(entry, Rejected):
            yield entry
        else:
            yield from read_file(entry.path, max_bytes=max_bytes)


def read_file(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Item]:
    """Read one input file, dispatching on its format."""
    source = str(path)
    fmt = format_of(path)
    if fmt is None:
        yield Rejected(source, f"unsupported file type {''.join(path.suffixes) or '(none)'!r}")
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Rejected(source, f"cannot read the file: {exc.strerror or exc}")
        return
    if size == 0:
        yield Rejected(source, "empty file")
        return
    if fmt in WARC_SUFFIXES:
        yield from read_warc(path, max_bytes)
    elif fmt in JSONL_SUFFIXES:
        yield from read_jsonl(path, max_bytes)
    else:
        yield from _read_single(path, fmt, size, max_bytes)


def _read_single(path: Path, fmt: str, size: int, max_bytes: int) -> Iterator[Item]:
    source = str(path)
    if size > max_bytes and path.suffix.lower() != ".gz":
        yield Rejected(source, _too_large(size, max_bytes))
        return
    data = _read_bytes(path, max_bytes)
    if isinstance(data, Rejected):
        yield data
    elif fmt in FEED_SUFFIXES:
        yield from read_feed(source, data)
    else:
        kind = DocKind.HTML if fmt in HTML_SUFFIXES else DocKind.TEXT
        yield make_document(source, data, kind)


def _too_large(size: int | None, limit: int) -> str:
    """The rejection reason; ``size`` is None when reading stopped at the limit."""
    what = f"document is {_size(size)}, over" if size is not None else "document is over"
    return (
        f"{what} the {_size(limit)} limit for one page "
        "(raise it with --max-bytes if this is really one article)"
    )


def _size(n: int) -> str:
    """``n`` bytes for people: "20.0 MB" (MiB, as the limit is set) or "1,234 bytes"."""
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n:,} bytes"


def _read_bytes(path: Path, max_bytes: int) -> bytes | Rejected:
    """Read a file, gunzipping ``.gz`` and refusing truncated or oversized content."""
    try:
        with _open_binary(path) as handle:
            data = handle.read(max_bytes + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        return Rejected(str(path), f"truncated or corrupt gzip file ({exc})")
    except OSError as exc:
        return Rejected(str(path), f"cannot read the file: {exc}")
    if len(data) > max_bytes:
        return Rejected(str(path), _too_large(None, max_bytes))
    if not data.strip():
        return Rejected(str(path), "file holds only whitespace")
    return data


def _open_binary(path: Path) -> IO[bytes]:
    if path.suffix.lower() == ".gz":
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def decode(data: bytes, declared: str | None = None) -> tuple[str, str] | str:
    """Decode page bytes, detecting the encoding when they are not UTF-8.

    Args:
        data: The raw bytes.
        declared: An encoding the container declares (HTTP header, ``<meta charset>``).

    Returns:
        ``(text, encoding)`` on success, or a rejection reason.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and _looks_binary(data):
        return "binary content, not text (control bytes such as NUL found)"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared or _meta_charset(data)
    if declared:
        try:
            return data.decode(_whatwg(declared)), _whatwg(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return _detect(data)


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    control = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    return b"\x00" in head or control > len(head) * 0.02


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _whatwg(name: str) -> str:
    # Browsers decode these labels as their supersets (WHATWG Encoding Standard); so do we.
    aliases = {"iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252", "gb2312": "gb18030"}
    return aliases.get(name.strip().lower(), name.strip().lower())


def _detect(data: bytes) -> tuple[str, str] | str:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return "not valid UTF-8, and no other text encoding fits the bytes"
    # Between code pages that fit equally well the detector's pick is arbitrary (cp1250 sorts
    # first, so "naïve" came out as "naďve"); like browsers, fall back to windows-1252.
    for match in matches:
        if "cp1252" in match.could_be_from_charset and _as_likely(match, best):
            return str(match), "cp1252"
    return str(best), best.encoding


def _as_likely(match: Any, best: Any) -> bool:
    """Whether charset_normalizer rates ``match`` as good as ``best`` (its own tie rule)."""
    return abs(match.chaos - best.chaos) < 0.005 and abs(match.coherence - best.coherence) <= 0.02


def make_document(
    source: str,
    data: bytes | str,
    kind: DocKind,
    url: str | None = None,
    hints: dict[str, str] | None = None,
    declared: str | None = None,
) -> Item:
    """Build a :class:`RawDocument` from bytes or text, or reject what cannot be decoded."""
    if isinstance(data, bytes):
        decoded = decode(data, declared)
        if isinstance(decoded, str):
            return Rejected(source, decoded)
        text, encoding = decoded
    else:
        text, encoding = data, "utf-8"
    if not text.strip():
        return Rejected(source, "document holds no text")
    clean_hints = {k: v for k, v in (hints or {}).items() if v}
    doc_id = content_hash(kind.value, url, text, json.dumps(clean_hints, sort_keys=True))
    return RawDocument(doc_id, source, kind, text, url, clean_hints, encoding)


def read_jsonl(path: Path, max_bytes: int) -> Iterator[Item]:
    """Read one article per line; a broken line is rejected and the rest still read."""
    source = str(path)
    try:
        with _open_binary(path) as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield _jsonl_record(f"{source}#line={number}", line, max_bytes)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield Rejected(source, f"truncated or corrupt gzip file ({exc}); earlier lines were kept")


def _jsonl_record(source: str, line: bytes, max_bytes: int) -> Item:
    if len(line) > max_bytes:
        return Rejected(source, _too_large(len(line), max_bytes))
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Rejected(source, f"not valid JSON: {exc}")
    if not isinstance(record, dict):
        return Rejected(source, "a JSONL line must hold a JSON object")
    return record_document(source, record)


def record_document(source: str, record: dict[str, Any]) -> Item:
    """Turn a JSON article record into a document.

    ``html`` is extracted like a saved page. ``text`` is taken as the article body as it
    stands (records come from scrapers that already parsed the page); ingest whole-page text
    dumps as ``.txt`` files to have their boilerplate removed.
    """
    html, text = record.get("html"), record.get("text")
    hints = {
        "title": _str(record.get("title")),
        "date": _str(record.get("date") or record.get("published")),
        "outlet": _str(record.get("source") or record.get("outlet")),
        "byline": _str(record.get("author") or record.get("byline")),
    }
    url = _str(record.get("url")) or None
    if isinstance(html, str) and html.strip():
        return make_document(source, html, DocKind.HTML, url, hints)
    if isinstance(text, str) and text.strip():
        return make_document(source, text, DocKind.TEXT, url, {**hints, "clean": "yes"})
    return Rejected(source, "the record has neither a non-empty 'text' nor 'html' field")


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def read_warc(path: Path, max_bytes: int) -> Iterator[Item]:
    """Yield the HTML responses of a WARC file; a truncated file keeps the records before it."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source, count = str(path), 0
    try:
        with path.open("rb") as handle:
            archive, end = ArchiveIterator(handle), 0
            for record in archive:
                item = _warc_record(source, record, max_bytes)
                end = _record_end(archive, record)
                if item is not None:
                    count += 1
                    yield item
            _check_rest(handle, end)
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError, AttributeError) as exc:
        # warcio raises AttributeError on a record header cut short (no WARC-Target-URI).
        detail = "a record header is cut short" if isinstance(exc, AttributeError) else exc
        yield Rejected(source, f"truncated or corrupt WARC after {count} records ({detail})")
        return
    if count == 0:
        yield Rejected(source, "the WARC holds no HTML response records")


def _record_end(archive: Any, record: Any) -> int:
    """Read the rest of a WARC record and return the file offset where it ends.

    Raises:
        EOFError: The file ends inside the record. warcio hands out such a record (or one cut
            off with its gzip member) as if it were whole, only shorter than it says.
    """
    stream = record.raw_stream
    while stream.read(65536):
        pass
    if record.length is None or getattr(stream, "limit", 0) > 0:
        raise EOFError("the file ends inside a record")
    return int(archive.get_record_offset() + archive.get_record_length())


def _check_rest(handle: IO[bytes], end: int) -> None:
    """Raise EOFError when anything but blank lines follows the last whole record.

    warcio stops without an error when the file ends inside a record header.
    """
    handle.seek(end)
    if handle.read(4096).strip():
        raise EOFError("the file ends inside a record header")


def _warc_record(source: str, record: Any, max_bytes: int) -> Item | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{source}#{url}"
    status = record.http_headers.get_statuscode()
    if status != "200":
        return Rejected(where, f"HTTP status {status}, not a page")
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return Rejected(where, _too_large(None, max_bytes))
    charset = re.search(r"charset=([\w.:-]+)", content_type, re.IGNORECASE)
    return make_document(
        where, payload, DocKind.HTML, url, declared=charset.group(1) if charset else None
    )


def read_feed(source: str, data: bytes) -> Iterator[Item]:
    """Yield one document per RSS/Atom entry, using its full content when present."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        detail = f" ({problem})" if problem else ""
        yield Rejected(source, f"not an RSS or Atom feed with entries{detail}")
        return
    outlet = _str(feed.feed.get("title"))
    for number, entry in enumerate(feed.entries, start=1):
        yield _feed_entry(f"{source}#entry={number}", entry, outlet)


def _feed_entry(source: str, entry: Any, outlet: str) -> Item:
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents else entry.get("summary", "")
    hints = {
        "title": _str(entry.get("title")),
        "date": _feed_date(entry),
        "outlet": outlet,
        "byline": _str(entry.get("author")),
        "fragment": "yes",
    }
    if not _str(body):
        return Rejected(source, "the feed entry has no content or summary")
    return make_document(
        source,
        f"<html><body>{body}</body></html>",
        DocKind.HTML,
        _str(entry.get("link")) or None,
        hints,
    )


def _feed_date(entry: Any) -> str:
    import calendar
    from datetime import UTC, datetime

    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return ""
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).isoformat()
