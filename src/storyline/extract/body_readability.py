"""readability-lxml as a second opinion on the article body, converted to plain paragraphs.

readability returns cleaned HTML; the body combiner (:mod:`.body`) compares paragraphs, so
the summary is flattened here with lxml, one paragraph per block element.
"""

from __future__ import annotations

import copy
import functools
import logging
import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

log = logging.getLogger(__name__)

#: Elements that start and end a paragraph in the flattened text.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary "
    "table tr ul caption thead tbody tfoot".split()
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button"})
_SPACE = re.compile(r"\s+")
#: Removed before scoring: what readability's own cleaner removes (comments are stripped
#: separately), plus subtrees that hold many nodes but no article text: inline SVG icons,
#: and the navigation, footers and asides that readability scores node by node only to
#: discard (pruning them made it about a fifth faster with the same output on our pages).
_CLEANED_TAGS = (
    "script",
    "style",
    "link",
    "noscript",
    "svg",
    "template",
    "select",
    "iframe",
    "nav",
    "footer",
    "aside",
)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def readability_text(html: str | Any) -> str:
    """The article body readability-lxml finds, one paragraph per line ("" on failure).

    Args:
        html: The full page source, or the page already parsed by lxml (left unchanged).
    """
    try:
        summary = _document_class()(html).summary(html_partial=True)
    except Exception as exc:  # readability raises on unparseable or article-less pages
        log.debug("readability failed: %s", exc)
        return ""
    return summary_text(summary)


@functools.cache
def _document_class() -> type[Any]:
    """readability's ``Document`` with a cheaper parse (imported lazily: it is slow to load).

    A third of readability's time went to lxml's ``Cleaner`` rewriting every link, which only
    matters for rendering the summary as HTML; for text, dropping the non-content nodes is
    enough, so the parse keeps readability's hidden-node removal and skips the rest.
    """
    from readability import Document
    from readability.htmls import build_doc

    class _TextDocument(Document):
        def _parse(self, input: Any) -> Any:
            if isinstance(input, str | bytes):
                doc, self.encoding = build_doc(input)
            else:
                # readability prunes what it parses and re-parses for its second, gentler
                # pass, so a given tree is copied each time (a third of the cost of parsing).
                doc, self.encoding = copy.deepcopy(input), None
            for elem in doc.xpath("//*[@hidden]"):
                elem.drop_tree()
            for elem in doc.xpath("//*[@style]"):
                if _DISPLAY_NONE.search(elem.get("style")):
                    elem.drop_tree()
            etree.strip_elements(doc, *_CLEANED_TAGS, with_tail=False)
            etree.strip_tags(doc, etree.Comment, etree.ProcessingInstruction)
            return doc

    return _TextDocument


def summary_text(summary: str) -> str:
    """Flatten an HTML fragment to text: one line per block, whitespace collapsed."""
    if not summary.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(summary, create_parent="div")
    except (etree.ParserError, ValueError, AssertionError):
        # lxml asserts on fragments without a body (e.g. a frameset page's summary).
        return ""
    parts: list[str] = []
    _walk(root, parts)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(node: etree._Element, parts: list[str]) -> None:
    """Append the text of ``node`` to ``parts``, with newlines around block elements."""
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in _SKIP_TAGS or not tag:
        # Comments and processing instructions have no text, but their tails do.
        parts.append(node.tail or "")
        return
    block = tag in BLOCK_TAGS
    if block or tag == "br":
        parts.append("\n")
    parts.append(node.text or "")
    for child in node:
        _walk(child, parts)
    if block:
        parts.append("\n")
    elif tag in ("td", "th"):
        parts.append(" ")
    parts.append(node.tail or "")
