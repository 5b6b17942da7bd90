"""Page metadata (title, author, site name) from HTML, each with its evidence and confidence.

Every field is chosen from several candidates (``<meta>`` tags, JSON-LD, visible headings and
bylines) by agreement: a value that two independent sources state is more trustworthy than
one any single source states, and which source wins says how the page was built, which is
reported as evidence so a reader can check it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from storyline.extract.fields import outlet_from_url


@dataclass(frozen=True)
class Found:
    """One extracted value with where it came from and how sure we are.

    Attributes:
        value: The value, whitespace-normalised.
        evidence: A short name of the source, e.g. ``"og:title"`` or ``"JSON-LD author"``.
        confidence: A rough probability in [0, 1] that the value is right.
    """

    value: str
    evidence: str
    confidence: float


@dataclass(frozen=True)
class PageMeta:
    """Title, author(s) and site name of a page; any may be missing."""

    title: Found | None
    author: Found | None
    sitename: Found | None


def page_metadata(tree: Any, url: str | None = None) -> PageMeta:
    """Extract title, author and site name from a parsed HTML page.

    Args:
        tree: The page parsed by :func:`storyline.extract.dates.parse_html`.
        url: The page URL; its host helps recognise site-name suffixes.
    """
    from storyline.extract.meta_author import find_author
    from storyline.extract.meta_title import find_title

    page = PageSource(tree, url)
    return PageMeta(find_title(page), find_author(page), page.sitename())


def clean(text: str | None) -> str:
    """Collapse whitespace (including no-break and zero-width spaces) and strip."""
    return re.sub(r"[\s\u00a0\u200b\u2009\ufeff]+", " ", text or "").strip()


class PageSource:
    """Lazy, cached access to the parts of a page the field finders read."""

    def __init__(self, tree: Any, url: str | None) -> None:
        self.tree = tree
        self.url = url
        self._meta: dict[str, list[str]] | None = None
        self._json_ld: list[dict[str, Any]] | None = None

    def meta(self, key: str) -> list[str]:
        """Contents of ``<meta>`` tags whose name/property/itemprop is ``key`` (lower case)."""
        if self._meta is None:
            self._meta = {}
            for node in self.tree.xpath("//meta[@content]"):
                for attr in ("property", "name", "itemprop"):
                    name = (node.get(attr) or "").strip().lower()
                    value = clean(node.get("content"))
                    if name and value:
                        self._meta.setdefault(name, []).append(value)
        return self._meta.get(key, [])

    def first_meta(self, *keys: str) -> tuple[str, str] | None:
        """The first non-empty ``(key, content)`` among ``keys``, in order."""
        for key in keys:
            values = self.meta(key)
            if values:
                return key, values[0]
        return None

    def json_ld(self) -> list[dict[str, Any]]:
        """Every JSON-LD object on the page, ``@graph`` members and nested lists flattened."""
        if self._json_ld is None:
            self._json_ld = []
            for script in self.tree.xpath('//script[@type="application/ld+json"]'):
                data = load_json(script.text_content())
                self._json_ld.extend(walk_json(data))
        return self._json_ld

    def by_id(self, ref: str) -> dict[str, Any] | None:
        """The JSON-LD object whose ``@id`` is ``ref`` (Yoast graphs link authors that way)."""
        for item in self.json_ld():
            if item.get("@id") == ref and len(item) > 1:
                return item
        return None

    def articles(self) -> list[dict[str, Any]]:
        """JSON-LD objects that describe the page's content (Article, BlogPosting, ...)."""
        return [item for item in self.json_ld() if is_article(item)]

    def site_names(self) -> list[str]:
        """Names the site goes by: og:site_name, application-name, publisher, host labels."""
        cached: list[str] | None = getattr(self, "_site_names", None)
        if cached is None:
            cached = self._site_names = self._find_site_names()
        return cached

    def _find_site_names(self) -> list[str]:
        names = list(self.meta("og:site_name")) + list(self.meta("application-name"))
        for item in self.json_ld():
            kind = item.get("@type")
            if kind in ("WebSite", "Organization", "NewsMediaOrganization") and item.get("name"):
                names.append(clean(str(item["name"])))
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                names.append(clean(publisher["name"]))
        host = host_of(unarchived(self.url))
        if host:
            names.append(host)
            names.append(host.rsplit(".", 1)[0])
        names.extend(self._home_link_names(host))
        return [n for n in names if n]

    def _home_link_names(self, host: str | None) -> list[str]:
        """What links to the home page say (the logo's alt text, "Site name"): the site's name."""
        names = []
        for link in self.tree.xpath("//a[@href]")[:400]:
            href = link.get("href", "").strip()
            path = href.split("//", 1)[-1].split("/", 1)[-1] if "//" in href else href
            if path.strip("/#") not in ("", "index.html", "index.php"):
                continue  # cheap test first: most links are not to the home page
            target = host_of(href) if href.startswith("http") else None
            if target not in (None, host):
                continue
            alts = link.xpath(".//img/@alt|.//@title")
            for text in [text_of(link), *(clean(a) for a in alts)]:
                if 2 < len(text) <= 60:
                    names.append(text)
        return names

    def sitename(self) -> Found | None:
        """The site name: og:site_name, else the JSON-LD publisher, else nothing."""
        found = self.first_meta("og:site_name", "application-name")
        if found:
            return Found(found[1], found[0], 0.9)
        for item in self.json_ld():
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                return Found(clean(publisher["name"]), "JSON-LD publisher", 0.8)
        return None


_ARTICLE_TYPE = re.compile(r"Article|Posting|Report|Review|Recipe|WebPage|Blog|Story|Page", re.I)


def host_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``; None for malformed URLs rather than an error."""
    try:
        return outlet_from_url(url)
    except ValueError:
        return None


def unarchived(url: str | None) -> str | None:
    """The original URL of a Wayback Machine copy (its host names the site, not archive.org)."""
    if url and "web.archive.org/web/" in url:
        rest = url.split("web.archive.org/web/", 1)[1].split("/", 1)
        if len(rest) == 2:
            inner = rest[1]
            return inner if "://" in inner else f"http://{inner}"
    return url


def is_article(item: dict[str, Any]) -> bool:
    """Whether a JSON-LD object describes a piece of content rather than a site or person."""
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and _ARTICLE_TYPE.search(k) for k in kinds)


def load_json(text: str) -> Any:
    """Parse a JSON-LD block, tolerating the stray control characters many CMSs emit."""
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    for candidate in (text, re.sub(r"[\x00-\x1f]+", " ", text)):
        try:
            return json.loads(candidate)
        except (ValueError, TypeError):
            continue
    return None


def walk_json(data: Any) -> list[dict[str, Any]]:
    """All dicts of a JSON-LD document: top-level items, lists and ``@graph`` members."""
    if isinstance(data, list):
        return [d for item in data for d in walk_json(item)]
    if isinstance(data, dict):
        return [data, *walk_json(data.get("@graph", []))]
    return []


def text_of(node: Any, sep: str = "") -> str:
    """Visible text of an element, whitespace-normalised, scripts and styles ignored.

    Args:
        node: The element.
        sep: Put between text nodes: "" keeps inline markup from splitting words
            ("<b>Sch</b>ule"); " " keeps separately styled parts (name, date) apart.
    """
    parts = node.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]|.//br")
    return clean(sep.join(p if isinstance(p, str) else " " for p in parts))


def key(text: str) -> str:
    """Comparison key: case-folded letters and digits only (quotes, dashes, spaces ignored)."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())
