"""Render an HTML page into a whole-page text dump, the input of text mode.

This reproduces the renderer described in the extraction data README (an innerText-like walk
of ``<body>``): it lets HTML-only data (the metadata set) become extra training dumps, and lets
tests make dumps from HTML. Block elements start and end a line, ``td``/``th`` are joined by a
space, hidden subtrees are skipped and whitespace collapses except inside ``pre``.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

SKIPPED = frozenset(
    "head script style noscript template svg math iframe object embed canvas select option "
    "datalist textarea input img video audio source track map area link meta title base".split()
)
BLOCKS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "listing main menu nav ol p plaintext pre section summary table caption thead tbody tfoot "
    "tr ul xmp frame noframes button".split()
)
PREFORMATTED = frozenset({"pre", "xmp", "listing", "plaintext"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_NEWLINE = "\x01"  # a block break; source newlines are ordinary whitespace
# Without an explicit encoding libxml2 reads bytes lacking a <meta charset> as Latin-1.
_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)


def render_dump(html: str | bytes) -> str:
    """The text dump of an HTML page: one block per line, boilerplate included.

    Args:
        html: The page source (text or UTF-8 bytes).

    Returns:
        The dump, lines joined by ``\\n`` ('' for an empty or unparsable page).
    """
    data = html.encode("utf-8") if isinstance(html, str) else html
    if not data.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(data, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError):
        return ""
    body = root.find("body")
    parts: list[str] = []
    _walk(body if body is not None else root, parts, pre=False)
    return _finish("".join(parts))


def _tag(element: lxml.etree._Element) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _hidden(element: lxml.etree._Element) -> bool:
    if element.get("hidden") is not None:
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def _walk(element: lxml.etree._Element, parts: list[str], pre: bool) -> None:
    tag = _tag(element)
    if tag in SKIPPED or _hidden(element):
        return
    pre = pre or tag in PREFORMATTED
    if tag in BLOCKS or tag == "br":
        parts.append(_NEWLINE)
    if tag in ("td", "th"):
        parts.append(" ")
    if element.text:
        parts.append(_text(element.text, pre))
    for child in element:
        _walk(child, parts, pre)
        if child.tail:
            parts.append(_text(child.tail, pre))
    if tag in BLOCKS:
        parts.append(_NEWLINE)


def _text(text: str, pre: bool) -> str:
    # Inside <pre> source newlines are real line breaks; a private marker keeps them apart
    # from the spaces that are collapsed below.
    return text.replace("\n", "\x00") if pre else text


def _finish(text: str) -> str:
    lines = []
    for raw in text.split(_NEWLINE):
        for piece in raw.split("\x00"):
            line = re.sub(r"\s+", " ", piece).strip()
            if line:
                lines.append(line)
    return "\n".join(lines)
