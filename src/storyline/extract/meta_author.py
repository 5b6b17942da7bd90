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

from storyline.extract.meta import Found, PageSource, clean, host_of, key, text_of, unarchived
from storyline.extract.meta_names import clean_name, is_login, looks_like_name, names_in

_META_KEYS = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
    "cse_author",
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
    r"erstellt|geschrieben|verfasst|publié|publicado)\s+)?(?:von|by|par|por|door)\s*:?\s+\S"
    r"|^[\d.:/\s-]{8,}(?:uhr\s+)?(?:von|by|par|por)\s+\S"
    r"|^(?:posted|published|veröffentlicht|publié|publicado)\b.{0,60}?\s(?:by|von|par|por)\s+\S"
    r"|^[-–—|·•/\s]*(?:autor(?:in|en)?|author|auteur|text|redaktion)\s*:\s*\S"
    r"|^(?:autor(?:in|en)?|authors?)\s+[A-ZÄÖÜ]",
    re.I,
)

_ORGANISATION = re.compile(
    r"\b(?:e\.\s?V\.|GmbH|AG|SE|Inc|Ltd|LLC|Verlag|Verband|Online|Media|Magazin|Zeitung|"
    r"Landesanstalt|Ministerium|Institut|Stiftung|Universität|University|News)\b|^[A-ZÄÖÜ\W]{2,}$"
)
_CUE_START = re.compile(
    r"[-–—|·•/\s]*(?:text|artikel|blog beitrag|beitrag|posted|written|published|veröffentlicht|"
    r"erstellt|geschrieben|verfasst|publié|publicado|von|by|par|por|door|autor(?:in|en)?|"
    r"authors?|auteur|redaktion"
    r")\b|[\d.:/\s-]{8,}(?:uhr\s+)?(?:von|by)\s",
    re.I,
)
# An <aside> or <footer> outside the article is page furniture; inside it, often the article's
# own meta box ("Posted by …").
_SKIP_TAGS = {"form", "figure", "figcaption", "nav", "select"}
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:since\s+)?(?:(?:19|20)\d{2}\s*(?:[-–]\s*(?:(?:19|20)\d{2})?)?\s*)?"
    r"(?:by\s+)?(?P<name>[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ]\.)?(?:\s+[A-ZÄÖÜ][\w'’-]+){1,2})"
    r"(?=\s*(?:[.,|•·]|\s+all\b|\s+alle\b|\s*$|\s+\d))",
    re.I,
)
_CUE_ONLY = re.compile(r"^(?:von|by|par|por|autor(?:in)?:?|author:?)$", re.I)


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
    """Without a personal structured author: a visible byline, else the structured value
    (an organisation or login), else a personal site's copyright holder."""
    visible = _from_marked(page) or _from_cue(page)
    if visible is not None:
        return visible
    unmarked = _from_lone_cue(page) or _from_dated_line(page) or _from_profile_link(page)
    if unmarked is not None:
        return unmarked
    return structured[0] if structured else _from_copyright(page)


def _confirm(page: PageSource, best: Found, structured: list[Found]) -> Found:
    """Raise confidence when sources agree; use the page's wording for several authors."""
    names = best.value.split("; ")
    visible = _from_marked(page) or _from_cue(page)
    if visible is not None and _fuller(visible.value, best.value):
        # JSON-LD "Stefanus" next to a byline "Stefanus Stahl": the same person, in full.
        return Found(visible.value, f"{visible.evidence}, extending {best.evidence}", 0.85)
    full = _full_name(page, best.value) if len(best.value.split()) == 1 else None
    if full is not None:
        return Found(full, f"{best.evidence}, in full as on the page", 0.8)
    if len(names) > 1:
        wording = _visible_wording(page, names)
        if wording:
            return Found(wording, f"{best.evidence}, as worded in the byline", 0.9)
    if any(key(c.value) == key(best.value) for c in structured if c is not best):
        return Found(best.value, f"{best.evidence} (confirmed)", 0.95)
    return best


def _full_name(page: PageSource, first: str) -> str | None:
    """The full name a structured first name ("Stefanus") goes by on the page
    ("Stefanus Stahl"): the most frequent capitalised word after it in short lines."""
    if is_login(first) or len(first) < 3 or not first[:1].isupper():
        return None
    pattern = re.compile(rf"(?<!\w){re.escape(first)}\s+([A-ZÄÖÜ][\w'’-]+)(?!\s*[A-ZÄÖÜa-z])")
    seen: dict[str, int] = {}
    for node in _texts(page):
        if len(node) > 80 or first not in node:
            continue
        for match in pattern.finditer(node):
            name = f"{first} {match.group(1)}"
            if looks_like_name(name) and _outside(node.getparent()):
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
    return (
        is_login(found.value)
        or "Organization" in found.evidence
        or bool(_ORGANISATION.search(found.value))
    )


def _join(names: list[str]) -> str:
    unique: list[str] = []
    for name in names:
        if key(name) not in {key(u) for u in unique}:
            unique.append(name)
    return "; ".join(unique)


def _from_json_ld(page: PageSource) -> Found | None:
    for item in page.articles():
        value = item.get("author") or item.get("creator")
        names = _ld_names(page, value)
        if names:
            kinds = {str(a.get("@type")) for a in _as_list(value) if isinstance(a, dict)}
            org = kinds == {"Organization"} or kinds == {"NewsMediaOrganization"}
            return Found(_join(names), "JSON-LD author" + (" (Organization)" if org else ""), 0.85)
    return None


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
    name = value.get("name")
    if isinstance(name, list):
        name = name[0] if name else None
    cleaned = clean_name(name) if isinstance(name, str) else None
    return [cleaned] if cleaned else []


def _from_meta(page: PageSource) -> Found | None:
    for meta_key in _META_KEYS:
        names = [n for v in page.meta(meta_key) if (n := clean_name(v, keep_lists=True))]
        if names:
            return Found(_join(names), f"<meta {meta_key}>", 0.8)
    return None


def _from_marked(page: PageSource) -> Found | None:
    """A byline element (rel/itemprop=author, class *author*/*byline*) outside comments.

    Unlike structured values, a visible byline that matches the site's name is kept: on
    one-person blogs the author and the blog share a name.
    """
    checked = 0
    for node in page.tree.xpath(_MARKED):
        if node.tag in ("meta", "link", "body", "html", "article", "section", "main"):
            continue
        if not node.xpath(_IS_OUTSIDE):
            continue
        checked += 1
        if checked > 40:
            break
        named = node.xpath(".//*[@itemprop='name']")
        text = text_of(named[0], " ") if named else text_of(node, " ")
        if _CUE_ONLY.match(text) and node.getparent() is not None:
            text = text_of(node.getparent(), " ")  # "By" in its own span, the name beside it
        if len(text) > 150:
            continue
        found = names_in(text)
        if found:
            return Found(found, _describe(node), 0.6)
    return None


def _from_cue(page: PageSource) -> Found | None:
    """A short visible line that starts with a byline cue ("Von …", "By …", "Autor: …").

    Text nodes are scanned (cheap) and only those starting with a cue are looked at in
    their element, which must lie outside comments, navigation and footers.
    """
    for node in _texts(page):
        if not _CUE_START.match(node.lstrip()):
            continue
        parent = node.getparent()
        element = parent.getparent() if node.is_tail else parent
        if element is None or not _outside(element):
            continue
        text = text_of(element, " ")
        if len(text) > 300 or not _CUE.match(text):
            continue
        found = names_in(text[:100])
        if found and looks_like_name(found):
            return Found(found, f"byline text {text[:40]!r}", 0.55)
    return None


_LONE_CUE = re.compile(
    r"^(?:(?:von|by|par|por|door|autor(?:in|en)?|authors?|auteurs?(?:\(s\))?|autore|"
    r"verfasst von|geschrieben von)\s*:?|(?:text|texte|redaktion)\s*:)$",
    re.I,
)
_NAME_LINE = re.compile(
    r"^(?:\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})\s*[-–—|·•/]\s*"
    r"(?P<name>[^\d|]{4,60})$"
)


def _texts(page: PageSource) -> list[Any]:
    """The body's non-blank text nodes, read once for all the text-scanning finders."""
    cached: list[Any] | None = getattr(page, "_author_texts", None)
    if cached is None:
        cached = page.tree.xpath("//body//text()[normalize-space()]")
        page._author_texts = cached  # type: ignore[attr-defined]
    return cached


def _from_lone_cue(page: PageSource) -> Found | None:
    """A cue in an element of its own ("<b>Text:</b> Jana Roth", "<h4>Autor</h4><p>…"):
    the name is the text that follows it."""
    for node in _texts(page):
        if node.is_tail or len(node) > 30 or not _LONE_CUE.match(node.strip()):
            continue
        element = node.getparent()
        if element is None or len(text_of(element)) > 25 or not _outside(element):
            continue
        following = element.xpath(
            "following::text()[normalize-space()][not(ancestor::script)][position() <= 2]"
        )
        for text in following[:1]:
            candidate = clean_name(str(text))
            if candidate and looks_like_name(candidate) and 1 < len(candidate.split()) <= 5:
                return Found(candidate, f"text after the cue {str(node).strip()!r}", 0.5)
    return None


def _from_dated_line(page: PageSource) -> Found | None:
    """A short line of a date and a name ("11.12.2019 - Jana Roth"), the usual byline shape."""
    for node in _texts(page):
        text = node.strip()
        if not text[:1].isdigit() or not 12 < len(text) <= 80:
            continue
        match = _NAME_LINE.match(clean(text))
        if match is None:
            continue
        element = node.getparent()
        name = clean_name(match.group("name"))
        if name and looks_like_name(name) and 1 < len(name.split()) <= 4 and _outside(element):
            return Found(name, f"dated byline line {text[:40]!r}", 0.5)
    return None


_PROFILE_PATH = re.compile(
    r"/(?:autor(?:in|en)?|authors?|auteurs?|autores?|profile?s?|people|persons?|personen|"
    r"staff|team|newsteam|mitarbeiter(?:innen)?|menschen|redaktion|journalist(?:en|s)?|"
    r"contributors?|experten|experts?|writers?|kontakte?|contacts?)/",
    re.I,
)


def _from_profile_link(page: PageSource) -> Found | None:
    """A link whose text is a person's name and whose address ends in that name's slug
    (``/team/jana-roth``, ``/profil/…/jana-roth``): a link to the author's profile."""
    for link in page.tree.xpath("//body//a[@href]")[:1500]:
        href = link.get("href", "").split("?", 1)[0].split("#", 1)[0].rstrip("/")
        slug = href.rsplit("/", 1)[-1].rsplit(".", 1)[0] if "/" in href else ""
        if ("-" not in slug and "_" not in slug) or not _PROFILE_PATH.search(href):
            continue
        text = clean(link.text_content())
        words = text.split()
        if not 2 <= len(words) <= 4 or key(slug) not in (key(text), key(" ".join(words[::-1]))):
            continue
        name = clean_name(text)
        if name and looks_like_name(name) and _outside(link):
            return Found(name, f"link to a profile {href[-40:]!r}", 0.5)
    return None


def _from_copyright(page: PageSource) -> Found | None:
    """The copyright holder of a personal site ("© 2019 Jana Roth" on janaroth.example).

    A personal site without bylines is written by its owner; elsewhere the holder is
    usually the publisher, so the name must be the domain name ("janaroth").
    """
    host = host_of(unarchived(page.url)) or ""
    domain = key(host.rsplit(".", 1)[0])
    for node in page.tree.xpath(
        "//body//text()[contains(., '©') or contains(., '(c)') or "
        "contains(., 'Copyright') or contains(., 'copyright')]"
    )[-5:]:
        match = _COPYRIGHT.search(str(node))
        if match is None:
            continue
        name = match.group("name")
        if domain and key(name) == domain and looks_like_name(name):
            return Found(name, "copyright holder named like the site", 0.5)
    return None


def _outside(element: Any) -> bool:
    """Whether an element is outside comments, forms, figures, navigation and footers."""
    for node in (element, *element.iterancestors()):
        boxed = node.tag in ("aside", "footer") and not node.xpath("ancestor::article")
        if node.tag in _SKIP_TAGS or boxed:
            return False
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if "comment" in marks or "respond" in marks:
            return False
    return True


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
