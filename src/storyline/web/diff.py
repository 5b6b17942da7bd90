"""What extraction kept of a page and what it removed, line by line: the article page's
"removed boilerplate" view and ``GET /api/articles/{id}/boilerplate``.

The page is split into the lines a reader sees: a text dump's own lines, or an HTML page's
visible text with a line per block element (scripts, styles and the head dropped). Each line
is then marked kept or removed by aligning its words with the extracted text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

import lxml.html
from lxml import etree

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_HTML_START = re.compile(r"^\ufeff?\s*<[!?a-zA-Z]")
_INVISIBLE = ("head", "script", "style", "noscript", "template", "svg", "iframe", "object")
_BLOCKS = frozenset(
    "address article aside blockquote body dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary "
    "table td th tr ul option button label title caption".split()
)


@dataclass(frozen=True)
class Line:
    """One line of a page as ingested.

    Attributes:
        text: The line as a reader sees it (untrusted: escape it when shown).
        kept: Whether extraction kept it (most of its words are in the article's text).
    """

    text: str
    kept: bool


def looks_like_html(raw: str) -> bool:
    """Whether a stored page is HTML (starts with a tag) rather than a text dump.

    The store hands the web app a page's content only; every HTML document it holds (saved
    pages, WARC records, feed entries wrapped in ``<html>``, JSONL ``html`` fields) opens with
    markup, while a text dump opens with words even when it quotes a tag further down.
    """
    return _HTML_START.match(raw) is not None


def boilerplate_lines(raw: str, kept_text: str, is_html: bool) -> list[Line]:
    """The page's lines, each marked kept or removed by extraction.

    Lines are matched on words, not compared as lines: extraction joins wrapped lines,
    normalises whitespace and quotes and may trim a caption, so equal lines would miss most
    of what it kept. Both sides are reduced to case-folded words and aligned in order with
    :class:`difflib.SequenceMatcher` (junk heuristics off: common words must align too); a
    line is kept when most of its words are in the alignment, so a nav word that happens to
    occur in the article does not keep its line.

    Args:
        raw: The page as ingested (HTML source or text dump).
        kept_text: What extraction kept (the article's title and text).
        is_html: Whether ``raw`` is HTML (see :func:`looks_like_html`).

    Returns:
        The non-blank lines in page order.
    """
    lines = visible_lines(raw) if is_html else [s.strip() for s in raw.splitlines() if s.strip()]
    words, owner = [], []
    for number, line in enumerate(lines):
        for word in _words(line):
            words.append(word)
            owner.append(number)
    matcher = SequenceMatcher(None, words, _words(kept_text), autojunk=False)
    hits: Counter[int] = Counter()
    for block in matcher.get_matching_blocks():
        hits.update(owner[block.a : block.a + block.size])
    return [Line(line, 2 * hits[n] > len(_words(line))) for n, line in enumerate(lines)]


def removed(lines: list[Line]) -> tuple[int, int]:
    """How many lines, and words (runs of letters and digits), extraction removed."""
    gone = [line.text for line in lines if not line.kept]
    return len(gone), sum(len(_words(text)) for text in gone)


def visible_lines(html: str) -> list[str]:
    """The text a browser shows of ``html``, a line per block element, whitespace collapsed.

    Args:
        html: An HTML document or fragment.

    Returns:
        The non-blank lines (none for a page lxml cannot parse).
    """
    try:
        root = lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (etree.ParserError, ValueError):
        return []
    if root.tag in _INVISIBLE:  # a fragment that is one script: nothing to see
        return []
    for element in list(root.iter(*_INVISIBLE)):
        element.drop_tree()
    for element in root.iter():
        # Source newlines inside a paragraph are spaces to a browser: collapse them first,
        # then mark the breaks that block elements and <br> make.
        element.text = _collapse(element.text)
        element.tail = _collapse(element.tail)
        if element.tag == "br" or element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
        if element.tag in _BLOCKS:
            element.text = "\n" + (element.text or "")
    text = root.text_content()
    return [line.strip() for line in text.split("\n") if line.strip()]


def _collapse(text: str | None) -> str | None:
    return None if text is None else _SPACE.sub(" ", text)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())
