import json
from pathlib import Path

from storyline.export import build_document
from storyline.model import Article, Event, Flag, Rejected, Storyline
from storyline.report import write_report


def _doc() -> dict:
    article = Article(
        id="a1",
        raw_id="a1",
        source="x.html",
        title="<script>alert(1)</script> Headline",
        text="Body with <b>markup</b> | pipes",
        url="https://site.example/a",
        outlet="Site",
        flags=(Flag("near_duplicate", "a0"),),
    )
    event = Event("e-1", article.title, None, ("a1",), "s-1")
    story = Storyline("s-1", article.title, ("e-1",), None, None)
    return build_document([article], [event], [story], [Rejected("bad.bin", "binary <x>")])


def test_report_writes_three_files_and_escapes_untrusted_text(tmp_path: Path) -> None:
    files = write_report(_doc(), tmp_path)
    assert sorted(p.name for p in files) == ["index.html", "report.md", "storylines.json"]
    html = (tmp_path / "index.html").read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Headline" in html
    assert "binary &lt;x&gt;" in html
    assert "near duplicate" in html
    md = (tmp_path / "report.md").read_text()
    assert "\\<script\\>" in md and "| Site |" in md
    assert json.loads((tmp_path / "storylines.json").read_text())["articles"][0]["id"] == "a1"


def test_report_is_self_contained(tmp_path: Path) -> None:
    write_report(_doc(), tmp_path)
    html = (tmp_path / "index.html").read_text()
    assert "<link " not in html and "<script" not in html.replace("&lt;script", "")
    assert 'href="#s-1"' in html
