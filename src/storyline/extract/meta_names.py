"""Turning byline strings into author names: cues, dates, outlets and placeholders removed.

A byline mixes the name with other things ("Von Jana Roth, dpa | 3. Mai 2024", "Posted on
May 3 by jroth", "Name *" in a comment form); the rules here are language-neutral where they
can be (dates, separators, outlets after a comma) and list the byline cues of the languages
the project sees most (de, en, fr, es, pt, it, nl, scandinavian).
"""

from __future__ import annotations

import re

from storyline.extract.meta import clean

_LEAD = re.compile(
    r"^[-–—|·•/]\s*(?=\S)"
    r"|^(?:(?:post author|text|artikel|blog beitrag|beitrag|a|an|story|words|interview|"
    r"posted|written|published|veröffentlicht|erstellt|geschrieben|publié|publicado|"
    r"publiziert|eingestellt|verfasst)\s+)?(?:by|von|vom|par|por|door|av|from)\s*:?\s+(?=\S)"
    r"|^(?:autor(?:in|en)?|authors?|auteurs?|autore|text|texte|redaktion|interview|"
    r"verfasst von|geschrieben von)\s*:\s*|^(?:autor(?:in|en)?|authors?|auteurs?)\s+(?=[A-ZÄÖÜ])"
    r"|^[©]\s*",
    re.I,
)
# "Posted on May 3, 2024 by X", "Posted in News by X": what precedes the cue is no name.
_DATED_LEAD = re.compile(
    r"^(?:.{0,60}?\d.{0,30}?|(?:posted|published|veröffentlicht|publié|publicado)\b.{0,60}?)"
    r"\s(?:by|von|par|por)\s+(?=\S)",
    re.I,
)
_TAIL = re.compile(
    r"\s+(?:am|um|on|le|el|at|il|op|den|sagt|says|dice|schreibt|wrote|schrieb|vor|hace|"
    r"stand|updated|aktualisiert|tags?|kategorien?|categor(?:y|ies)|illustrations?|fotos?|"
    r"photos?|bilder?|grafik|publiziert|published|veröffentlicht|posted|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|"
    r"freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so|january|feb(?:ruary)?|march|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|"
    r"märz|oktober|dezember|(?:chef)?redakteur(?:in)?|"
    r"lesezeit|reading|übersetzt|translated)\b.*$"
    r"|\s*(?:\s[-–—|•·»]\s|[|•·»(\[:]).*$|\s+\d.*$|[\s,]+$",
    re.I,
)
_PLACEHOLDER = re.compile(
    r"^(?:admin(?:istrator)?|editor|unknown|anonymous|"
    r"no author|none|null|undefined|guest|gast|user|webmaster|autor(?:in|en)?|authors?|"
    r"auteurs?|von|by|par|por|from)$"
    r"|^(?:name|posted|published|veröffentlicht|publiziert|erstellt|profil|profile|mehr|"
    r"more|menu|menü|login|anmelden|afficher)\b",
    re.I,
)
_NOT_A_NAME = re.compile(
    r"https?://|www\.|@|\*|\.(?:com|de|org|net|html?)\b|^(?:foto|fotos|bild|photo|image|"
    r"quelle|source|illustration|grafik)\b|\b(?:erforderlich|required|kommentar|comment)",
    re.I,
)
_URLISH = re.compile(r"https?:|www\.|@\w|^/", re.I)
_LIST = re.compile(r"\s*(?:,|;|&|\bund\b|\band\b|\bet\b|\by\b|\be\b)\s*", re.I)


def clean_name(text: str, keep_lists: bool = False) -> str | None:
    """The name(s) in a byline string, or None when it holds no plausible name.

    Args:
        text: A byline, meta value or JSON-LD name.
        keep_lists: Keep several names in the page's wording ("A und B", "A, B"); otherwise
            text after a comma is taken to be an outlet or title ("Jane Doe, CNN").
    """
    text = clean(text)
    if _URLISH.search(text):
        return None
    for pattern in (_LEAD, _DATED_LEAD, _LEAD):
        text = pattern.sub("", text, count=1)
    text = _TAIL.sub("", text).strip(" :,;-–—·•/")
    head, slash, _agency = text.partition("/")
    if slash and " " in head.strip():
        text = head.strip()  # "Jane Doe/dpa": the agency after a full name
    text = _drop_outlet(text, keep_lists)
    if not _plausible(text):
        return None
    return text


def names_in(text: str) -> str | None:
    """Name(s) of a visible byline, several kept in the page's own wording."""
    return clean_name(text, keep_lists=True)


def looks_like_name(text: str) -> bool:
    """Whether free text after a byline cue is a name: capitalised words and particles only.

    Used for cues found in running text ("von 500 auf 20", "By the numbers"), where a
    lower-case word means the cue was an ordinary preposition.
    """
    words = [w for w in _LIST.split(text) for w in w.split()]
    particles = {"von", "van", "de", "der", "den", "da", "di", "del", "la", "le", "zu", "ten"}
    return bool(words) and all(w[:1].isupper() or w in particles for w in words)


def is_login(name: str) -> bool:
    """Whether a value looks like a user name ("jane.doe", "jdoe_42") rather than a name."""
    if " " in name:
        return False
    return bool(re.search(r"[._\d]", name)) or (name.islower() and len(name) >= 10)


def _drop_outlet(text: str, keep_lists: bool) -> str:
    """Cut ", CNN" / ", dpa" / ", PhD": a one-word part after a comma is not a person."""
    parts = [p.strip() for p in text.split(",")]
    kept = [parts[0]]
    for part in parts[1:]:
        if not keep_lists or len(part.split()) < 2 or part[:1].islower():
            break
        kept.append(part)
    return ", ".join(kept)


def _plausible(text: str) -> bool:
    if not text or len(text) > 120 or not any(ch.isalpha() for ch in text):
        return False
    if _NOT_A_NAME.search(text) or _PLACEHOLDER.match(text):
        return False
    names = [n for n in _LIST.split(text) if n]
    return all(len(n.split()) <= 5 for n in names) and len(names) <= 8
