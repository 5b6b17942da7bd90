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


def test_report_shows_lineage_sources_and_outlets(tmp_path: Path) -> None:
    from datetime import date

    from storyline.model import LineageEdge

    day = date(2025, 10, 8)
    wire = Article(
        "w", "w", "w.jsonl", "Quake hits", "Text.", outlet="Meridian Press", published=day
    )
    flag = Flag("wire_copy", "Meridian Press: trimmed copy (95% shared) of w")
    copy = Article(
        "c", "c", "c.txt", "Quake", "Text.", outlet="Daily Courant", published=day, flags=(flag,)
    )
    event = Event("e-1", "Quake hits", day, ("w", "c"), "s-1")
    story = Storyline("s-1", "Quake", ("e-1",), day, day)
    edge = LineageEdge("c", "w", "containment", "trimmed", 0.95, agency="Meridian Press")
    write_report(build_document([wire, copy], [event], [story], [], lineage=[edge]), tmp_path)
    html = (tmp_path / "index.html").read_text()
    assert "1 independent source ·" in html.replace("</strong>", "")
    assert "first seen: Meridian Press (by publication date)" in html
    assert "trimmed copy of Meridian Press, 2025-10-08 · score 0.95 (wire: Meridian Press)" in html
    assert "Meridian Press: trimmed copy (95% shared) of w" in html  # the flag's evidence
    assert "<h2>Outlets</h2>" in html
    md = (tmp_path / "report.md").read_text()
    assert "| Daily Courant | 1 | 0 | 1 | 0 | 1 | 0 |" in md


def test_storylines_open_with_a_cited_summary_that_links_its_articles(tmp_path: Path) -> None:
    from datetime import date

    day = date(2025, 11, 14)
    said = "Kardova sent <script>x()</script> artillery shells to Dunmar on Friday, officials said."
    first = Article("a", "a", "a.txt", "Shells", said + " Talks follow.", outlet="Meridian Press",
                    published=day)  # fmt: skip
    second = Article("b", "b", "b.txt", "Shells", said, outlet="Daily Courant", published=day)
    event = Event("e-1", "Shells", day, ("a", "b"), "s-1")
    story = Storyline("s-1", "Shells", ("e-1",), day, day)
    doc = build_document([first, second], [event], [story], [], summarise=True)
    (summary,) = doc["storylines"][0]["summary"]
    assert summary == {"text": said, "article_ids": ["a", "b"]}
    assert doc["events"][0]["summary"] == [summary]
    assert doc["storylines"][0]["sources"] == [
        {"outlet": "Daily Courant", "article_ids": ["b"], "original": True},
        {"outlet": "Meridian Press", "article_ids": ["a"], "original": True},
    ]
    write_report(doc, tmp_path)
    html = (tmp_path / "index.html").read_text()
    assert 'class="cite" href="#a"' in html and 'class="cite" href="#b"' in html
    assert "<script>x()" not in html and "Kardova sent &lt;script&gt;x()" in html


def test_the_web_pages_are_written_as_a_static_site_with_working_links(tmp_path: Path) -> None:
    import re

    from storyline.web.static import write_site

    written = write_site(_doc(), tmp_path)
    assert {p.relative_to(tmp_path).as_posix() for p in written} == {
        "index.html",
        "storylines/s-1.html",
        "articles/a1.html",
    }
    for path in written:
        html = path.read_text()
        assert "<script>alert(1)" not in html  # the title is untrusted text
        assert "<form" not in html  # no server to search
        for target in re.findall(r'href="([^"#?]+)', html):
            assert (path.parent / target).resolve().is_file(), (path, target)
