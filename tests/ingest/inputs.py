"""Builders for small, original input files written into ``tmp_path`` at test time."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

TOWNS = ("Oldmarsh", "Fennick", "Brayton", "Cullow", "Dunholm", "Eskwick", "Farrow", "Gilby")


def article_text(n: int) -> str:
    """A whole-page text dump of a short invented local news story, unique for each ``n``."""
    town = TOWNS[n % len(TOWNS)]
    return (
        f"THE {town.upper()} COURIER\nHome\nNews\nSport\nSubscribe\n"
        f"Council in {town} approves repairs to road number {n} after storms\n"
        "By Ada Finch\n"
        "Published 3 March 2025\n"
        f"The council in {town} voted on Tuesday to approve repairs to road number {n}, "
        "which was damaged during the winter storms, officials said.\n"
        f"The work on road number {n} is expected to take {n % 7 + 2} weeks and will be paid "
        "for from the emergency budget of the district.\n"
        f"Residents of {town} said they welcomed the decision after months of complaints about "
        "potholes and flooding on the route.\n"
        f"© 2025 The {town} Courier. All rights reserved.\n"
    )


def body_paragraphs(n: int) -> str:
    """Three HTML paragraphs of an invented story, unique for each ``n``."""
    town = TOWNS[n % len(TOWNS)]
    return (
        f"<p>The harbour authority in {town} said on Tuesday that breakwater number {n} "
        "would be finished before the winter storms arrive, according to its engineers.</p>"
        f"<p>Work on breakwater number {n} began in the spring and has employed about forty "
        "people from the town and the surrounding villages.</p>"
        "<p>Fishermen said the new wall would make the harbour safer during easterly gales, "
        "which have damaged several boats in recent years.</p>"
    )


def article_html(n: int, head: str = "", before_body: str = "") -> str:
    """A saved article page with navigation and a footer around the story."""
    town = TOWNS[n % len(TOWNS)]
    title = f"Breakwater number {n} in {town} to be finished before winter"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title} | {town} Courier</title>{head}</head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        f"<article><h1>{title}</h1>{before_body}{body_paragraphs(n)}</article>"
        f"<footer>© 2025 {town} Courier</footer></body></html>"
    )


def jsonl(records: Sequence[Any]) -> str:
    """JSON Lines text of ``records``."""
    return "".join(json.dumps(r) + "\n" for r in records)


@dataclass(frozen=True)
class WarcRecord:
    """One HTTP response to write into a WARC file."""

    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"


def write_warc(path: Path, records: Sequence[WarcRecord], gzip: bool) -> list[int]:
    """Write response records with warcio; return the file offset where each record starts."""
    starts = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for rec in records:
            starts.append(handle.tell())
            headers = StatusAndHeaders(
                rec.status, [("Content-Type", rec.content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                rec.url, "response", payload=io.BytesIO(rec.body), http_headers=headers
            )
            writer.write_record(record)
    return starts


PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
GONE = b"<html><body>Gone</body></html>"


def standard_warc_records() -> list[WarcRecord]:
    """A page, an image, a 404, another page and a windows-1252 page, in that order."""
    western = article_html(3).replace("Fishermen", "Fishermen at the café").encode("cp1252")
    return [
        WarcRecord("https://courier.example/one", article_html(1).encode()),
        WarcRecord("https://courier.example/logo.png", PNG, "image/png"),
        WarcRecord("https://courier.example/gone", GONE, status="404 Not Found"),
        WarcRecord("https://courier.example/two", article_html(2).encode()),
        WarcRecord("https://courier.example/three", western, "text/html; charset=windows-1252"),
    ]
