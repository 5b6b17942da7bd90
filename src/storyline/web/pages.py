"""The page templates of ``storyline serve`` and of the static site, with their filters
and the links between pages on the server (no web framework needed to render them)."""

from __future__ import annotations

import re
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from storyline.report import _when


def environment() -> Environment:
    """The Jinja2 environment of the pages (autoescaped), served or written as files."""
    env = Environment(
        loader=PackageLoader("storyline.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = _when
    env.filters["highlight"] = highlight
    return env


def served_link(kind: str, item: str = "", cited: str = "") -> str:
    """The URL of a page on the server (an article opened from a citation marks it)."""
    if kind == "home":
        return "/"
    if kind == "storyline":
        return f"/storylines/{item}"
    return f"/articles/{item}" + (f"?hl={quote(cited)}#cited" if cited else "")


def highlight(text: str, wanted: str) -> Markup:
    """``text`` escaped, with each occurrence of ``wanted`` (whitespace aside) marked."""
    if not wanted.strip():
        return escape(text)
    words = [re.escape(w) for w in wanted.split()]
    pattern = re.compile(r"\s+".join(words))
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(Markup('<mark id="cited">') + escape(match.group(0)) + Markup("</mark>"))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)
