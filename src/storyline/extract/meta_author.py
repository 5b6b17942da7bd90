"""The author(s) of an HTML page from structured data, meta tags and visible bylines.

Structured sources (JSON-LD ``author``, ``<meta name=author>``) are precise when present but
often name the organisation ("SWR Sport", the site itself) or a login ("jane.doe"); the visible
byline ("Von Jane Doe", ``class="author"``) names the journalist as readers see it. So a
structured value that is the site's name or a login gives way to a visible byline, values that
are links, handles or placeholders ("admin", "Name *") are never reported, and comment sections
are never read.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.extract.meta import Found, PageSource, clean, key, text_of
from storyline.extract.meta_byline import (
    body_texts,
    from_copyright,
    from_dated_line,
    from_lone_cue,
    from_press_contact,
    from_profile_link,
    from_signature,
    name_for_login,
    outside,
)
from storyline.extract.meta_names import (
    ORGANISATION,
    clean_name,
    is_login,
    looks_like_name,
    names_in,
    split_names,
)

_META_KEYS = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "cse_author",
    "citation_author",
)
_OUTSIDE = (
    "not(ancestor-or-self::*[contains(translate(@class,'COMENT','coment'),'comment')"
    " or contains(@id,'comment') or contains(@class,'respond') or self::form or self::figure"
    " or self::figcaption or self::nav or self::select"
    " or self::aside[not(ancestor::article)] or self::footer[not(ancestor::article)]"
    " or contains(@class,'teaser') or contains(@class,'listing') or contains(@class,'related')"
    " or contains(@class,'media-box') or contains(@class,'gallery')])"
)
_MARKED = (
    "//body//*[(@rel='author' or @itemprop='author' or contains(translate(@class,"
    "'AUTHORBYLINE','authorbyline'),'author') or contains(translate(@class,'AUTHORBYLINE',"
    "'authorbyline'),'byline') or contains(translate(@class,'AUTHORBYLINE','authorbyline'),"
    "'autor') or contains(@class,'vcard') or self::byline or "
    "contains(translate(@id,'AUTHOR','author'),'author') or "
    "self::a[contains(@href,'/author/') or contains(@href,'/autor/')])]"
)
# Checked only on the few marked candidates: as part of _MARKED it ran on every element.
_IS_OUTSIDE = f"self::*[{_OUTSIDE}]"
_SHORT_TAGS = "p span div li em i small strong b address a h4 h5 h6".split()
_SHORT = f"//body//*[{' or '.join(f'self::{t}' for t in _SHORT_TAGS)}][{_OUTSIDE}]"
_CUE = re.compile(
    r"^[-–—|·•/\s]*(?:(?:text|artikel|blog beitrag|beitrag|posted|written|published|veröffentlicht|"
    r"erstellt|geschrieben|verfasst|publié|publicado|submitted|eingereicht|gepostet|escrito|"
    r"écrit|scritto|geschreven)\s+)?(?:von|by|par|por|door|av)\s*:?\s+\S"
    r"|^[\d.:/\s-]{8,}(?:uhr\s+)?(?:von|by|par|por)\s+\S"
    r"|^(?:posted|published|veröffentlicht|publié|publicado)\b.{0,60}?\s(?:by|von|par|por)\s+\S"
    r"|^[-–—|·•/\s]*(?:autor(?:in|en|a|e)?|author|auteure?|text|texte|texto|testo|tekst|"
    r"redaktion|redacción|rédaction|reportage)\s*:\s*\S"
    r"|^(?:autor(?:in|en)?|authors?)\s+[A-ZÄÖÜ]"
    r"|^(?:责任编辑|作者|编辑|记者|撰文)\s*[:：]\s*\S",
    re.I,
)

_CUE_START = re.compile(
    r"[-–—|·•/\s]*(?:text|artikel|blog beitrag|beitrag|posted|written|published|veröffentlicht|"
    r"erstellt|geschrieben|verfasst|publié|publicado|submitted|eingereicht|gepostet|escrito|"
    r"écrit|scritto|geschreven|von|by|par|por|door|av|autor(?:in|en|a|e)?|authors?|"
    r"auteure?|texte?|texto|testo|tekst|redaktion|redacción|rédaction|reportage|"
    r"责任编辑|作者|编辑|记者|撰文"
    r")\b|[\d.:/\s-]{8,}(?:uhr\s+)?(?:von|by)\s",
    re.I,
)
_CUE_ONLY = re.compile(
    r"^(?:(?:artikel|text|beitrag|posted|written|geschrieben|verfasst)\s+)?(?:von|by|par|por)"
    r"\s*:?$|^(?:autor(?:in)?|author)\s*:?$",
    re.I,
)


def find_author(page: PageSource) -> Found | None:
    """The page's author(s), several joined with ``"; "``, with evidence.

    Args:
        page: The page to read.
    """
    sites = {key(name) for name in page.site_names()} - {""}
    structured = [c for c in (_from_json_ld(page), _from_meta(page)) if c is not None]
    personal = [c for c in structured if not _is_site(c.value, sites) and not _impersonal(c)]
    if personal:
        return _confirm(page, personal[0], structured)
    return _from_page(page, structured)


def _from_page(page: PageSource, structured: list[Found]) -> Found | None:
    """Without a personal structured author: a visible byline, else a login as the page
    spells it, else an unmarked byline (cue, dated line, profile link, signature), else the
    structured value (an organisation or login), else a copyright holder or press contact."""
    visible = _from_marked(page) or _from_cue(page)
    if visible is not None:
        return visible
    spelled = _spelled_login(page, structured)
    if spelled is not None:
        return spelled
    unmarked = (
        from_lone_cue(page)
        or from_dated_line(page)
        or from_profile_link(page)
        or from_signature(page)
    )
    if unmarked is not None:
        return unmarked
    if structured:
        return structured[0]
    return from_copyright(page) or from_press_contact(page)


def _spelled_login(page: PageSource, structured: list[Found]) -> Found | None:
    """A structured login ("jana.roth") as the page spells the name ("Jana M. Roth")."""
    for found in structured:
        if is_login(found.value):
            name = name_for_login(page, found.value)
            if name is not None:
                return Found(name, f"{found.evidence}, as spelled on the page", 0.7)
    return None


def _confirm(page: PageSource, best: Found, structured: list[Found]) -> Found:
    """Raise confidence when sources agree; use the page's wording for several authors."""
    names = best.value.split("; ")
    visible = _from_marked(page) or _from_cue(page)
    if visible is not None and _fuller(visible.value, best.value):
        # JSON-LD "Stefanus" next to a byline "Stefanus Stahl": the same person, in full.
        return Found(visible.value, f"{visible.evidence}, extending {best.evidence}", 0.85)
    longer = _longer_list(best, [visible, *structured])
    if longer is not None:
        return Found(longer.value, f"{longer.evidence}, naming more than {best.evidence}", 0.8)
    full = _full_name(page, best.value) if len(best.value.split()) == 1 else None
    if full is not None:
        return Found(full, f"{best.evidence}, in full as on the page", 0.8)
    if len(names) > 1:
        wording = _same_names(visible, names) or _visible_wording(page, names)
        if wording:
            return Found(wording, f"{best.evidence}, as worded in the byline", 0.9)
    if any(key(c.value) == key(best.value) for c in structured if c is not best):
        return Found(best.value, f"{best.evidence} (confirmed)", 0.95)
    return best


def _longer_list(best: Found, others: list[Found | None]) -> Found | None:
    """Another source that names the best author among others ("A, B" where JSON-LD has
    only "A"): sites often list just the first author in structured data."""
    names = {key(n) for n in split_names(best.value)}
    for other in others:
        if other is None or not looks_like_name(other.value):
            continue
        theirs = {key(n) for n in split_names(other.value)}
        if len(theirs) > len(names) and names <= theirs:
            return other
    return None


def _same_names(visible: Found | None, names: list[str]) -> str | None:
    """The visible byline's wording ("A und B") when it names exactly the structured authors."""
    if visible is None:
        return None
    theirs = {key(n) for n in split_names(visible.value)}
    return visible.value if theirs == {key(n) for n in names} else None


def _full_name(page: PageSource, first: str) -> str | None:
    """The full name a structured first name ("Stefanus") goes by on the page
    ("Stefanus Stahl"): the most frequent capitalised word after it in short lines."""
    if is_login(first) or len(first) < 3 or not first[:1].isupper():
        return None
    pattern = re.compile(rf"(?<!\w){re.escape(first)}\s+([A-ZÄÖÜ][\w'’-]+)(?!\s*[A-ZÄÖÜa-z])")
    seen: dict[str, int] = {}
    for node in body_texts(page):
        if first not in node:
            continue
        text = str(node) if len(node) <= 80 else node.lstrip()[:80]
        if len(node) > 80 and not text.startswith(first):
            continue  # only a long text that opens with the name: an author's bio
        for match in pattern.finditer(text):
            name = f"{first} {match.group(1)}"
            if looks_like_name(name) and outside(node.getparent()):
                seen[name] = seen.get(name, 0) + 1
    return max(seen, key=lambda n: seen[n]) if seen else None


def _fuller(visible: str, structured: str) -> bool:
    short, full = key(structured), key(visible)
    return (
        len(short) >= 3
        and full.startswith(short)
        and len(structured.split()) == 1 < len(visible.split())
    )


def _visible_wording(page: PageSource, names: list[str]) -> str | None:
    """A visible byline naming all ``names`` ("A und B", "A, B"), minus its "By" prefix."""
    keys = [key(n) for n in names]
    for node in page.tree.xpath(_SHORT):
        text = text_of(node, " ")
        if len(text) <= 200 and all(k in key(text) for k in keys):
            cut = clean_name(text, keep_lists=True)
            if cut and key(cut).startswith(keys[0]) and key(cut).endswith(keys[-1]):
                return cut
    return None


def _impersonal(found: Found) -> bool:
    """A login, or an organisation (by JSON-LD type or by its name), rather than a person."""
    value = found.value
    return (
        is_login(value)
        or (" " in value and not looks_like_name(value))  # "deinen Hochzeitsbloggern"
        or "Organization" in found.evidence
        or bool(ORGANISATION.search(value))
    )


def _join(names: list[str]) -> str:
    unique: list[str] = []
    for name in names:
        if key(name) not in {key(u) for u in unique}:
            unique.append(name)
    return "; ".join(unique)


def _from_json_ld(page: PageSource) -> Found | None:
    """The author of the page's content item: an article first, else another creative work
    (a HowTo, a series), never a photo or video, whose author is its photographer's."""
    works = [i for i in page.json_ld() if "author" in i and not _media(i)]
    for item in [*page.articles(), *works]:
        value = item.get("author") or item.get("creator")
        names = _ld_names(page, value)
        if names:
            kinds = {str(a.get("@type")) for a in _as_list(value) if isinstance(a, dict)}
            org = kinds == {"Organization"} or kinds == {"NewsMediaOrganization"}
            return Found(_join(names), "JSON-LD author" + (" (Organization)" if org else ""), 0.85)
    return None


def _media(item: dict[str, Any]) -> bool:
    kinds = item.get("@type")
    return any("Object" in str(k) for k in _as_list(kinds))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _ld_names(page: PageSource, value: Any) -> list[str]:
    """Names in a JSON-LD ``author`` value: a string, a Person, an ``@id`` ref or a list."""
    if isinstance(value, list):
        return [n for v in value for n in _ld_names(page, v)]
    if isinstance(value, str):
        name = clean_name(value)
        return [name] if name else []
    if not isinstance(value, dict):
        return []
    if "name" not in value and isinstance(value.get("@id"), str):
        value = page.by_id(value["@id"]) or value
    name = value.get("name") or _given_and_family(value)
    if isinstance(name, list):
        name = name[0] if name else None
    cleaned = clean_name(name) if isinstance(name, str) else None
    return [cleaned] if cleaned else []


def _given_and_family(person: dict[str, Any]) -> str | None:
    """A Person given only as ``givenName`` and ``familyName``, as schema.org allows."""
    parts = [person.get("givenName"), person.get("familyName")]
    words = [p for p in parts if isinstance(p, str) and p.strip()]
    return " ".join(words) if len(words) == 2 else None


def _from_meta(page: PageSource) -> Found | None:
    """``<meta name=author>`` and its kin, else the "Written by" pair of Twitter cards."""
    for meta_key in _META_KEYS:
        names = [n for v in page.meta(meta_key) if (n := clean_name(v, keep_lists=True))]
        if names:
            return Found(_join(names), f"<meta {meta_key}>", 0.8)
    for label, data in (("twitter:label1", "twitter:data1"), ("twitter:label2", "twitter:data2")):
        if any(_WRITTEN_BY.match(v) for v in page.meta(label)):
            names = [n for v in page.meta(data) if (n := clean_name(v))]
            if names:
                return Found(names[0], f"<meta {data}> (written by)", 0.75)
    return None


# The label WordPress SEO plugins give the author in Twitter card data, in several languages.
_WRITTEN_BY = re.compile(
    r"^(?:written by|verfasst von|geschrieben von|escrito por|écrit par|scritto da|"
    r"geschreven door|skrevet af|skriven av|autor)\b",
    re.I,
)


def _from_marked(page: PageSource) -> Found | None:
    """A byline element (rel/itemprop=author, class *author*/*byline*) outside comments.

    Unlike structured values, a visible byline that matches the site's name is kept: on
    one-person blogs the author and the blog share a name. A byline with more than a name in
    it ("Matthias blogname") gives way to a marked element inside it that holds the name alone.
    """
    checked = 0
    outer, fallback = None, None
    for node in page.tree.xpath(_MARKED):
        if outer is not None and outer not in node.iterancestors():
            break
        if node.tag in _NOT_BYLINE_TAGS or not node.xpath(_IS_OUTSIDE):
            continue
        checked += 1
        if checked > 40:
            break
        found = _marked_name(node)
        if found and looks_like_name(found):
            return Found(found, _describe(node), 0.6)
        if found and outer is None:
            outer, fallback = node, Found(found, _describe(node), 0.6)
    return fallback


_NOT_BYLINE_TAGS = {"meta", "link", "body", "html", "article", "section", "main"}


def _marked_name(node: Any) -> str | None:
    """The name(s) in a marked element: its ``itemprop=name`` part, else all its text."""
    named = node.xpath(".//*[@itemprop='name']")
    text = text_of(named[0], " ") if named else text_of(node, " ")
    if _CUE_ONLY.match(text) and node.getparent() is not None:
        text = text_of(node.getparent(), " ")  # "By" in its own span, the name beside it
    return names_in(text) if len(text) <= 150 else None


def _from_cue(page: PageSource) -> Found | None:
    """A short visible line that starts with a byline cue ("Von …", "By …", "Autor: …").

    Text nodes are scanned (cheap) and only those starting with a cue are looked at in
    their element, which must lie outside comments, navigation and footers.
    """
    for node in body_texts(page):
        if not _CUE_START.match(node.lstrip()):
            continue
        parent = node.getparent()
        element = parent.getparent() if node.is_tail else parent
        if element is None or not outside(element):
            continue
        text = text_of(element, " ")
        if node.is_tail and not _CUE.match(text):
            text = _line_after(node)  # "<a>Fix</a> Von Jana Roth": the cue after a sibling
        if len(text) > 300 or not _CUE.match(text):
            continue
        found = names_in(text[:100])
        if found and (looks_like_name(found) or _handle_after_cue(found, text)):
            return Found(found, f"byline text {text[:40]!r}", 0.55)
    return None


def _line_after(tail: Any) -> str:
    """A tail text and the inline elements after it up to the next line break: the line
    "Autor: <a>Jana Roth</a>" within a long ``<br>``-separated block."""
    parts = [str(tail)]
    sibling = tail.getparent().getnext()
    while sibling is not None and sibling.tag != "br" and len(parts) < 12:
        parts += [text_of(sibling, " "), sibling.tail or ""]
        sibling = sibling.getnext()
    return clean(" ".join(parts))


_POSTED_BY = re.compile(
    r"^(?:posted|written|published|geschrieben|verfasst|veröffentlicht|publié|publicado)\b"
    r".{0,60}?\b(?:by|von|par|por)\s",
    re.I,
)


def _handle_after_cue(found: str, text: str) -> bool:
    """A user name ("jroth") after "Posted by": there the cue is no preposition in a sentence,
    so a lower-case word is the blogger's handle, which is how such blogs sign."""
    return " " not in found and len(found) >= 3 and bool(_POSTED_BY.match(text))


def _describe(node: Any) -> str:
    for attr in ("rel", "itemprop", "class"):
        if node.get(attr):
            return f"byline <{node.tag} {attr}={node.get(attr)[:40]!r}>"
    return f"byline <{node.tag}>"


def _is_site(name: str, sites: set[str]) -> bool:
    """Whether a name is the site/publisher (fuzzy: "Die FURCHE" vs "furche.at")."""
    k = key(name)
    if k in sites:
        return True
    return any(len(s) >= 5 and (s in k or k in s) and len(k) <= len(s) + 8 for s in sites)
