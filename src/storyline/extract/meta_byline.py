"""Bylines without a byline mark: a cue in its own element, a dated line, a profile link, a
signature under the text, a copyright notice; and the shared text scan of the page body.

These finders run only when no marked byline (``class="author"``, ``rel=author``) and no cue
line ("Von …") names the author, so each asks for more evidence that a name is an author's:
a cue just before it, a date beside it, a profile address spelling it, its place right under
the article's last paragraph, or the site's own name.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.extract.meta import Found, PageSource, clean, host_of, key, text_of, unarchived
from storyline.extract.meta_names import ORGANISATION, clean_name, looks_like_name

# An <aside> or <footer> outside the article is page furniture; inside it, often the article's
# own meta box ("Posted by …").
_SKIP_TAGS = {"form", "figure", "figcaption", "nav", "select"}
_COPYRIGHT = re.compile(
    r"(?:(?:©|\(c\)|copyright)\s*)+(?:since\s+)?(?:(?:19|20)\d{2}\s*(?:[-–]\s*(?:(?:19|20)\d{2})?)?\s*)?"
    r"(?:by\s+)?(?P<name>[A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ]\.)?(?:\s+[A-ZÄÖÜ][\w'’-]+){1,2})"
    r"(?=\s*(?:[.,|•·](?![a-z])|\s+all\b|\s+alle\b|\s*$|\s+\d))",
    re.I,
)

_LONE_CUE = re.compile(
    r"^(?:(?:von|by|par|por|door|autor(?:in|en)?|authors?|auteurs?(?:\(s\))?|autore|"
    r"verfasst von|geschrieben von)\s*:?|(?:text|texte|redaktion)\s*:)$",
    re.I,
)
# Only an explicit press contact: a plain "Kontakt" heads addresses of shops and offices.
_CONTACT = re.compile(
    r"^(?:presse|medien|press|media)(?:kontakt|\s+contacts?)\s*:?$|^contact presse\s*:?$"
    r"|^(?:presse|medien)ansprechpartner(?:in)?\s*:?$|^contacto de prensa\s*:?$",
    re.I,
)
_NAME_LINE = re.compile(
    r"^(?:\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})\s*[-–—|·•/]\s*"
    r"(?P<name>[^\d|]{4,60})$"
)


def body_texts(page: PageSource) -> list[Any]:
    """The body's non-blank text nodes, read once for all the text-scanning finders.

    Args:
        page: The page to read.
    """
    cached: list[Any] | None = getattr(page, "_author_texts", None)
    if cached is None:
        cached = page.tree.xpath("//body//text()[normalize-space()]")
        page._author_texts = cached  # type: ignore[attr-defined]
    return cached


def from_lone_cue(page: PageSource) -> Found | None:
    """A cue in an element of its own ("<b>Text:</b> Jana Roth", "<h4>Autor</h4><p>…"):
    the name is the text that follows it.

    Args:
        page: The page to read.
    """
    return _name_after(page, _LONE_CUE, "text after the cue")


def from_press_contact(page: PageSource) -> Found | None:
    """The person a press release names as its contact ("<b>Pressekontakt</b><br>Jana Roth"):
    a release has no byline, and its contact is the person who speaks for it.

    Args:
        page: The page to read.
    """
    return _name_after(page, _CONTACT, "press contact")


def _name_after(page: PageSource, cue: re.Pattern[str], what: str) -> Found | None:
    """A person's name in the text right after a short element that holds only ``cue``."""
    for node in body_texts(page):
        if node.is_tail or len(node) > 30 or not cue.match(node.strip()):
            continue
        element = node.getparent()
        if element is None or len(text_of(element)) > 25 or not outside(element):
            continue
        following = element.xpath(
            "following::text()[normalize-space()][not(ancestor::script)][position() <= 2]"
        )
        for text in following[:1]:
            name = clean_name(str(text))
            person = name and not ORGANISATION.search(name) and looks_like_name(name)
            if name and person and 1 < len(name.split()) <= 5:
                return Found(name, f"{what} {str(node).strip()!r}", 0.5)
    return None


def from_dated_line(page: PageSource) -> Found | None:
    """A short line of a date and a name ("11.12.2019 - Jana Roth"), the usual byline shape.

    Args:
        page: The page to read.
    """
    for node in body_texts(page):
        text = node.strip()
        if not text[:1].isdigit() or not 12 < len(text) <= 80:
            continue
        match = _NAME_LINE.match(clean(text))
        if match is None:
            continue
        element = node.getparent()
        name = clean_name(match.group("name"))
        if name and looks_like_name(name) and 1 < len(name.split()) <= 4 and outside(element):
            return Found(name, f"dated byline line {text[:40]!r}", 0.5)
    return None


_PROFILE_PATH = re.compile(
    r"/(?:autor(?:in|en)?|authors?|auteurs?|autores?|profile?s?|people|persons?|personen|"
    r"staff|team|newsteam|mitarbeiter(?:innen)?|menschen|redaktion|journalist(?:en|s)?|"
    r"contributors?|experten|experts?|writers?|kontakte?|contacts?)/",
    re.I,
)


def from_profile_link(page: PageSource) -> Found | None:
    """A link whose text is a person's name and whose address ends in that name's slug
    (``/team/jana-roth``, ``/profil/…/jana-roth``): a link to the author's profile.

    Args:
        page: The page to read.
    """
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
        if name and looks_like_name(name) and outside(link):
            return Found(name, f"link to a profile {href[-40:]!r}", 0.5)
    return None


# A short paragraph right after the article's text and before no more of it.
_SIGNATURE = (
    "//body//p[string-length(normalize-space()) <= 40]"
    "[preceding-sibling::p[position() <= 3][string-length(normalize-space()) >= 200]]"
    "[not(following-sibling::p[string-length(normalize-space()) >= 200])]"
)
_EMPHASIS = "self::b or self::strong or self::i or self::em"


def from_signature(page: PageSource) -> Found | None:
    """A name signed under the article ("<p><b>Jana Roth</b></p>" after the last paragraph).

    The name must be set apart (bold, italic or right-aligned) and close the text: a bold
    line followed by more long paragraphs is a subheading, which German capitalises too.

    Args:
        page: The page to read.
    """
    for para in page.tree.xpath(_SIGNATURE):
        text = text_of(para, " ")
        emphasised = para.xpath(f".//*[{_EMPHASIS}]")
        aligned = "right" in f"{para.get('align')} {para.get('style')}".lower()
        if not aligned and not any(text_of(e, " ") == text for e in emphasised):
            continue
        name = clean_name(text)
        if name and looks_like_name(name) and 2 <= len(name.split()) <= 3 and outside(para):
            return Found(name, "name signed under the text", 0.45)
    return None


_LOGIN = re.compile(r"([^\W\d_]{2,})[._-]([^\W\d_]{2,})")


def name_for_login(page: PageSource, login: str) -> str | None:
    """The name a ``first.last`` login stands for, as a text of the page spells it, a middle
    initial included ("christian.stadtfeld" → "Christian P. Stadtfeld"); None if no text does.

    Args:
        page: The page to read.
        login: A user name from structured data.
    """
    parts = _LOGIN.fullmatch(login)
    if parts is None:
        return None
    first, last = (re.escape(p) for p in parts.groups())
    pattern = re.compile(rf"(?<!\w){first}\s+(?:[A-ZÄÖÜ]\.\s+)?{last}(?!\w)", re.I)
    for node in body_texts(page):
        match = pattern.search(node)
        if match and looks_like_name(match.group(0)):
            return clean(match.group(0))
    return None


def from_copyright(page: PageSource) -> Found | None:
    """The copyright holder of a personal site ("© 2019 Jana Roth").

    A page without any byline on a personal site is written by its owner; elsewhere the
    holder is usually the publisher. So the holder counts when named like the domain
    ("janaroth"), or when the page's last notice, outside figures (photo credits), names a
    person who shares no word with the site's names and no word of an organisation (and no
    photo credit, "Foto © Jana Roth", is read).

    Args:
        page: The page to read.
    """
    host = host_of(unarchived(page.url)) or ""
    domain = key(host.rsplit(".", 1)[0])
    nodes = page.tree.xpath(
        "//body//text()[contains(., '©') or contains(., '(c)') or "
        "contains(., 'Copyright') or contains(., 'copyright')]"
        "[not(ancestor::figure or ancestor::figcaption)]"
    )
    for node in reversed(nodes[-5:]):
        match = _COPYRIGHT.search(str(node))
        if match is None or _PHOTO.search(str(node)[: match.start()]):
            continue
        name = match.group("name")
        if domain and key(name) == domain and looks_like_name(name):
            return Found(name, "copyright holder named like the site", 0.5)
        if _personal(page, name) and node is nodes[-1]:
            return Found(name, "copyright holder, a person", 0.4)
    return None


_PHOTO = re.compile(r"\b(?:foto|fotos|photo|bild|image|picture|grafik)\b", re.I)


def _personal(page: PageSource, name: str) -> bool:
    """Whether a holder is a person: two or three name words, none of the site's names."""
    site_words = {key(w) for n in page.site_names() for w in re.split(r"[\s.-]+", n)}
    words = name.split()
    return (
        looks_like_name(name)
        and 2 <= len(words) <= 3
        and not ORGANISATION.search(name)
        and "copyright" not in name.lower()
        and not any(key(w) in site_words for w in words)
    )


def outside(element: Any) -> bool:
    """Whether an element is outside comments, forms, figures, navigation and footers.

    Args:
        element: The element to check.
    """
    for node in (element, *element.iterancestors()):
        boxed = node.tag in ("aside", "footer") and not node.xpath("ancestor::article")
        if node.tag in _SKIP_TAGS or boxed:
            return False
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if "comment" in marks or "respond" in marks:
            return False
    return True
