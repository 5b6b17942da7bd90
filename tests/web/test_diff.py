"""What extraction kept of a page, line by line: text dumps and HTML pages."""

from __future__ import annotations

from storyline.web.diff import Line, boilerplate_lines, looks_like_html, removed, visible_lines

BODY = [
    "DUNMAR, Ostrelia — Kardova delivered artillery shells to the port of Dunmar on Friday.",
    "Officials said the shells came on two cargo ships from Sarn and were unloaded overnight.",
]
KEPT = "Shells arrive in Dunmar\n" + "\n".join(BODY)


def test_a_text_dump_keeps_its_article_lines_and_removes_the_rest() -> None:
    top = ["PORT WATCH", "Home / News", "", "Shells arrive in Dunmar", "By Lena Hart"]
    bottom = ["Share: Facebook · Email <script>window.pwned = 1</script>", "  Most read  "]
    raw = "\n".join([*top, *BODY, *bottom])
    lines = boilerplate_lines(raw, KEPT, is_html=False)
    assert [line.text for line in lines if line.kept] == ["Shells arrive in Dunmar", *BODY]
    gone = [line.text for line in lines if not line.kept]
    assert gone == [
        "PORT WATCH",
        "Home / News",
        "By Lena Hart",
        "Share: Facebook · Email <script>window.pwned = 1</script>",  # as text, not parsed
        "Most read",  # blank lines dropped, the others stripped
    ]
    assert removed(lines) == (5, 2 + 2 + 3 + 8 + 2)  # words: runs of letters and digits


def test_lines_that_extraction_joined_or_reworded_slightly_count_as_kept() -> None:
    raw = "Menu\nThe minister said on Friday that the\ntalks would   resume next week.\nAds"
    kept = "The minister said on Friday that the talks would resume next week!"
    lines = boilerplate_lines(raw, kept, is_html=False)
    assert [line.kept for line in lines] == [False, True, True, False]


def test_a_nav_word_that_also_occurs_in_the_text_does_not_keep_its_line() -> None:
    raw = "World Politics Sport Opinion\n" + "\n".join(BODY)
    lines = boilerplate_lines(raw, "World leaders met. " + " ".join(BODY), is_html=False)
    assert lines[0] == Line("World Politics Sport Opinion", kept=False)
    assert all(line.kept for line in lines[1:])


HTML = """<!doctype html>
<html><head><title>Shells | Port Watch</title><style>p { color: red }</style></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<script>document.write("<p>written by a script</p>")</script>
<article><h1>Shells arrive in Dunmar</h1>
<p>DUNMAR, Ostrelia — Kardova delivered artillery shells
   to the port of Dunmar on Friday.</p>
<p>Officials said the shells came on <b>two cargo ships</b> from Sarn and were unloaded
overnight.<br>Photo: Port Watch</p></article>
<noscript>Enable JavaScript</noscript>
<footer>© 2025 Port Watch</footer>
</body></html>"""


def test_html_is_its_visible_text_a_line_per_block() -> None:
    assert visible_lines(HTML) == [
        "Home World",
        "Shells arrive in Dunmar",
        BODY[0],  # the source's line break inside the paragraph is a space
        BODY[1],  # inline markup stays on its line
        "Photo: Port Watch",  # <br> breaks the line
        "© 2025 Port Watch",
    ]


def test_html_diff_marks_nav_and_footer_removed_and_never_shows_scripts() -> None:
    lines = boilerplate_lines(HTML, KEPT, is_html=True)
    assert [line.text for line in lines if not line.kept] == [
        "Home World",
        "Photo: Port Watch",
        "© 2025 Port Watch",
    ]
    assert not any("script" in line.text or "color" in line.text for line in lines)


def test_odd_html_gives_lines_or_none_without_raising() -> None:
    declared = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Hello there</p></body></html>'
    assert visible_lines(declared) == ["Hello there"]
    assert visible_lines("<p>A fragment</p><p>from a feed</p>") == ["A fragment", "from a feed"]
    assert visible_lines("") == []
    assert visible_lines("<script>alert(1)</script>") == []
    assert boilerplate_lines("", "some text", is_html=True) == []


def test_html_is_told_from_a_text_dump_by_how_it_starts() -> None:
    assert looks_like_html(HTML)
    assert looks_like_html("\ufeff  <html><body>x</body></html>")
    assert looks_like_html("<p>A feed entry</p>")
    assert not looks_like_html("PORT WATCH\nShells <script>x</script> arrive\n")
    assert not looks_like_html("< 5 ships arrived")
