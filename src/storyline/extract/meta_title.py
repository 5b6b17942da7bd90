"""The headline of an HTML page, chosen by agreement between its title candidates.

``<title>`` and ``og:title`` usually carry the site's name ("Headline | Site"), while the
visible ``<h1>`` carries the exact headline but on many pages is the site logo or a section
name instead. So the metadata titles, with site names stripped, say *which* h1 is the
headline, and the h1 says how it is worded; without an agreeing h1 the metadata titles vote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.extract.meta import Found, PageSource, clean, key, text_of

# A separator between headline and site name needs spaces around it ("A - B", "A | B"),
# except for bars and bullets, which never occur inside a headline.
_SEPARATOR = re.compile(r"\s+(?:[-–—:/~]|::|»|«)\s+|\s*[|•·]\s*")
_MAX_H1 = 6
_HEADLINE_PART = (
    ".//*[contains(translate(@class,'HEADLINTE','headlinte'),'headline') or "
    "contains(translate(@class,'TITLE','title'),'title')]"
)


def find_title(page: PageSource) -> Found | None:
    """The page's headline with its evidence (see the module docstring for the rules).

    Args:
        page: The page to read.
    """
    sites = {key(name) for name in page.site_names()}
    sites.discard("")
    metas = _meta_titles(page, sites)
    h1s = _headings(page, "h1", sites)
    agreeing = _agreeing_heading(metas, h1s, _headings(page, "h2", sites))
    if agreeing is not None:
        return agreeing
    if len(set(map(key, h1s))) == 1:
        # One visible headline that disagrees with the metadata: the metadata are often an
        # SEO rewrite, and readers (and annotators) take the headline as shown.
        return Found(h1s[0], "single h1", 0.6)
    if metas:
        return _vote(metas)
    if h1s:
        return Found(h1s[0], "first h1", 0.5)
    return None


def _agreeing_heading(metas: list[tuple[str, str]], h1s: list[str], h2s: list[str]) -> Found | None:
    """The first heading (h1s before h2s) that a metadata title confirms: the same text or
    one part of a title gives the heading's wording; a heading that only adds a kicker to a
    metadata title gives the metadata title."""
    for tag, headings in (("h1", h1s), ("h2", h2s)):
        for heading in headings:
            for source, value in metas:
                if _same(heading, value) or _is_part(heading, value):
                    return Found(heading, f"{tag} matching {source}", 0.95)
                if _kicker_before(heading, value):
                    return Found(value, f"{source} (the {tag} adds a kicker)", 0.9)
    return None


def _meta_titles(page: PageSource, sites: set[str]) -> list[tuple[str, str]]:
    raw: list[tuple[str, str]] = []
    for item in page.articles():
        headline = item.get("headline") or item.get("name")
        if isinstance(headline, str) and clean(headline):
            raw.append(("JSON-LD headline", clean(headline)))
            break
    for name in ("og:title", "twitter:title", "dc.title"):
        raw.extend((name, value) for value in page.meta(name)[:1])
    titles = page.tree.xpath("//head/title|//title")
    if titles and text_of(titles[0]):
        raw.append(("<title>", text_of(titles[0])))
    return [(source, strip_site_name(value, sites, raw)) for source, value in raw]


def strip_site_name(title: str, sites: set[str], others: Sequence[tuple[str, str]] = ()) -> str:
    """Remove leading/trailing segments that name the site ("Headline | Site" → "Headline").

    A segment is the site's name when it matches og:site_name, the JSON-LD publisher or the
    host, or when another title candidate of the page is exactly the rest of the title (the
    site suffix is what ``<title>`` adds to ``og:title``).

    Args:
        title: A title candidate.
        sites: Comparison keys (:func:`key`) of the site's names.
        others: The page's other title candidates as ``(source, value)`` pairs.
    """
    parts = _SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    other_keys = {key(value) for _source, value in others if key(value) != key(title)}
    for start in range(len(parts)):
        for end in range(len(parts), start, -1):
            if (start, end) == (0, len(parts)):
                continue
            span = _join(title, parts, start, end)
            if key(span) in other_keys and not _is_site(span, sites):
                return span
    while len(parts) > 1 and _is_site(parts[-1], sites):
        parts.pop()
    while len(parts) > 1 and _is_site(parts[0], sites):
        parts.pop(0)
    return _join(title, parts, 0, len(parts))


def _join(title: str, parts: list[str], start: int, end: int) -> str:
    """Segments ``start:end`` of ``title`` with their original separators."""
    first = title.find(parts[start])
    last = title.rfind(parts[end - 1]) + len(parts[end - 1])
    return clean(title[first:last]) if first >= 0 and last > first else clean(parts[start])


def _is_site(segment: str, sites: set[str]) -> bool:
    seg = key(segment)
    if not seg:
        return True
    for site in sites:
        if seg == site or (len(site) >= 4 and (site in seg or seg in site) and len(seg) < 40):
            return True
    return False


def _headings(page: PageSource, tag: str, sites: set[str]) -> list[str]:
    """Texts of the first few ``tag`` headings that are not the site name.

    A heading whose part is marked as the headline (``<span class="headline">`` after a
    kicker) yields that part first, then the whole heading.
    """
    found: list[str] = []
    path = f"//body//{tag}[not(ancestor::nav or ancestor::footer or ancestor::aside)]"
    for node in page.tree.xpath(path)[:_MAX_H1]:
        text = text_of(node)
        if not 3 <= len(text) <= 300 or _is_site(text, sites):
            continue
        for part in node.xpath(_HEADLINE_PART):
            part_text = text_of(part)
            if 3 <= len(part_text) < len(text):
                found.append(part_text)
                break
        found.append(text)
    return found


def _same(heading: str, title: str) -> bool:
    """Equal, or the metadata title is a cut-down start of the heading (og:title is often
    truncated or shortened)."""
    h, t = key(heading), key(title)
    return bool(h and t) and (h == t or (len(t) >= 15 and h.startswith(t)))


def _is_part(heading: str, title: str) -> bool:
    """The heading is one of the title's separator-delimited parts."""
    h = key(heading)
    return len(h) >= 10 and any(key(part) == h for part in _SEPARATOR.split(title))


def _kicker_before(heading: str, title: str) -> bool:
    """Whether the h1 is a kicker ("Immobilienkrise") followed by the metadata title."""
    h, t = key(heading), key(title)
    return len(t) >= 15 and len(h) > len(t) and h.endswith(t)


def _vote(metas: list[tuple[str, str]]) -> Found:
    """The metadata title most candidates agree on; priority order breaks ties."""
    counts: dict[str, int] = {}
    for _source, value in metas:
        counts[key(value)] = counts.get(key(value), 0) + 1
    best = max(range(len(metas)), key=lambda i: (counts[key(metas[i][1])], -i))
    source, value = metas[best]
    agreeing = counts[key(value)]
    confidence = 0.85 if agreeing > 1 else 0.6
    return Found(
        value, source if agreeing == 1 else f"{source} (+{agreeing - 1} agreeing)", confidence
    )
