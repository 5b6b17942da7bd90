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
    r"recipe|rezept|recette|receta|zum profil|profile|"
    r"posted|gepostet|written|published|veröffentlicht|erstellt|geschrieben|publié|publicado|"
    r"publiziert|eingestellt|verfasst|submitted|eingereicht|escrito|écrit|scritto|geschreven)\s+)?"
    r"(?:by|von|vom|par|por|door|av|from)\s*:?\s+(?=\S)"
    r"|^(?:autor(?:in|en|a|e)?|authors?|auteure?s?|autore|text|texte|texto|testo|tekst|"
    r"redaktion|redacción|rédaction|reportage|interview|"
    r"verfasst von|geschrieben von)\s*:\s*|^(?:autor(?:in|en)?|authors?|auteurs?)\s+(?=[A-ZÄÖÜ])"
    r"|^(?:©|\(c\)|copyright)\s*|^(?:责任编辑|作者|编辑|记者|撰文)\s*[:：]\s*|^记者\s*(?=\S)",
    re.I,
)
# A role or outlet-role before the name ("FOCUS-Online-Experte Jana Roth", "Redakteurin Jana
# Roth"): the role is capitalised like a name, so it is only cut before two name words.
_ROLE = re.compile(
    r"^(?i:(?:[\w-]+-)?(?:experte|expertin|redakteur(?:in)?|chefredakteur(?:in)?|"
    r"korrespondent(?:in)?|reporter(?:in)?|gastautor(?:in)?|kolumnist(?:in)?|"
    r"volontär(?:in)?|staff writer|senior writer|correspondent|columnist|contributor|"
    r"rédacteur|rédactrice|journaliste|periodista|redactor(?:a)?|corresponsal|"
    r"(?:rechts|fach)?anwalt|(?:rechts|fach)?anwältin|attorney|lawyer|abogad[oa]|avocate?))\s+"
    r"(?=[A-ZÄÖÜ][\w'’.-]*\s+[A-ZÄÖÜ])"
)
# "Posted on May 3, 2024 by X", "Posted in News by X": what precedes the cue is no name.
_DATED_LEAD = re.compile(
    r"^(?:.{0,60}?\d.{0,30}?|(?:posted|published|veröffentlicht|publié|publicado)\b.{0,60}?)"
    r"\s(?:by|von|par|por)\s+(?=\S)",
    re.I,
)
_TAIL = re.compile(
    r"\s+(?:am|um|on|le|el|at|il|op|den|sagt|says|dice|schreibt|wrote|schrieb|vor|hace|"
    r"stand|updated|aktualisiert|under|tags?|kategorien?|categor(?:y|ies)|illustrations?|fotos?|"
    r"photos?|bilder?|grafik|publiziert|published|veröffentlicht|posted|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|"
    r"freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so|january|feb(?:ruary)?|march|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|"
    r"märz|oktober|dezember|(?:chef)?redakteur(?:in)?|herausgeber(?:in)?|journalist(?:in)?|"
    r"korrespondent(?:in)?|reporter(?:in)?|volontär(?:in)?|moderator(?:in)?|"
    r"lesezeit|reading|übersetzt|translated)\b.*$"
    r"|\s*(?:\s[-–—|•·»]\s|[|•·»(\[:]).*$|\s+\d.*$|[\s,]+$"
    # "Jana Roth; Illustration: Ada Finch": a labelled credit after the name.
    r"|\s*[;,]\s*[^\s;,:]+\s*:.*$",
    re.I,
)
_PLACEHOLDER = re.compile(
    r"^(?:admin(?:istrator)?|editor|unknown|anonymous|anonym|anonyme|anónimo|publisher|"
    r"super user|"
    r"no author|none|null|undefined|guest|gast|user|webmaster|autor(?:in|en|/in|\*in|:in)?|"
    r"authors?|auteurs?|von|by|par|por|from|text)$"
    r"|^(?:name|posted|gepostet|published|publicado|publié|veröffentlicht|publiziert|erstellt|"
    r"profil|profile|mehr|more|menu|menü|login|anmelden|afficher|about the author|"
    r"über (?:den|die) autor(?:in)?|à propos de l'auteur|sobre el autor)\b",
    re.I,
)
_NOT_A_NAME = re.compile(
    r"https?://|www\.|@|\*|[!?]|\.(?:com|de|org|net|html?)\b|^(?:foto|fotos|bild|photo|image|"
    r"quelle|source|illustration|grafik)\b|"
    # Stock-photo agencies: an image credit in a byline-like element.
    r"\b(?:getty\s?images|imago|shutterstock|istock(?:photo)?|adobe\s?stock|unsplash|pixabay|"
    r"picture[- ]alliance)\b|\b(?:erforderlich|required|kommentar|comment)",
    re.I,
)
_OUTLET = (
    r"\be\.\s?V\.|\b(?:GmbH|AG|SE|Inc|Ltd|LLC|Verlag|Verband|Online|Media|Magazin|Zeitung|"
    r"Landesanstalt|Ministerium|Institut|Stiftung|Universität|University|News|Rundfunk|"
    r"Redaktion|Gruppe|Group|Presse|Press|Agentur|Agency|Team|Verein|Entertainment|"
    r"Productions?|Studios?|Records|Solutions|Services|Systems|Consulting|Partners)\b"
)
_OUTLET_WORDS = re.compile(_OUTLET)
# An organisation rather than a person: its name says so, or it is all capitals ("DITIB").
ORGANISATION = re.compile(rf"{_OUTLET}|^[A-ZÄÖÜ\W]{{2,}}$")
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
    text = _ROLE.sub("", text, count=1)
    text = _TAIL.sub("", text).strip(" :,;-–—·•/")
    head, slash, _agency = text.partition("/")
    if slash and " " in head.strip():
        text = head.strip()  # "Jane Doe/dpa": the agency after a full name
    text = _drop_outlet(_undouble(text), keep_lists)
    if not _plausible(text):
        return None
    return text


# "Kultur Von Jana Roth": a section label before a capitalised cue that starts its own line.
_SECTION_LEAD = re.compile(
    r"^(?:\S+\s+){1,3}?(?:Von|VON|By|BY|Par|Por)\s+(?=[A-ZÄÖÜ][^\s]*(?:\s+[A-ZÄÖÜ]|$))"
)
# An interview's byline names the guest and the interviewer; both are its authors.
_CONVERSATION = re.compile(
    r"\s+(?:im gespräch mit|im interview mit|in conversation with|en conversation avec|"
    r"en conversación con|in conversazione con)\s+",
    re.I,
)


def names_in(text: str) -> str | None:
    """Name(s) of a visible byline, several kept in the page's own wording.

    Args:
        text: The byline's visible text.
    """
    text = _SECTION_LEAD.sub("", clean(text), count=1)
    parts = _CONVERSATION.split(text, maxsplit=1)
    if len(parts) == 2:
        names = [clean_name(part) for part in parts]
        if all(names):
            return "; ".join(n for n in names if n)
    return clean_name(text, keep_lists=True)


def looks_like_name(text: str) -> bool:
    """Whether free text after a byline cue is a name: capitalised words and particles only.

    Used for cues found in running text ("von 500 auf 20", "By the numbers"), where a
    lower-case word means the cue was an ordinary preposition.
    """
    words = [w for w in _LIST.split(text) for w in w.split()]
    particles = {"von", "van", "de", "der", "den", "da", "di", "del", "la", "le", "zu", "ten"}
    # Scripts without case (Chinese, Arabic) cannot show a name by capitals: letters suffice.
    return bool(words) and all(
        (w[:1].isalpha() and not w[:1].islower()) or w in particles for w in words
    )


def split_names(text: str) -> list[str]:
    """The separate names of a list ("A, B und C" gives three).

    Args:
        text: A byline or joined author value.
    """
    return [n.strip() for n in _LIST.split(text) if n.strip()]


def is_login(name: str) -> bool:
    """Whether a value looks like a user name ("jane.doe", "jdoe_42") rather than a name."""
    if " " in name:
        return False
    return bool(re.search(r"[._\d]", name)) or (name.islower() and len(name) >= 10)


def _undouble(text: str) -> str:
    """One copy of a name a page prints twice in one element (a visible and a hidden copy)."""
    words = text.split()
    half = len(words) // 2
    long_enough = half >= 2 or (half == 1 and len(words[0]) > 3)  # not "R. R."
    if long_enough and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return text


def _drop_outlet(text: str, keep_lists: bool) -> str:
    """Cut ", CNN" / ", dpa" / ", PhD": a one-word part after a comma is not a person."""
    parts = [p.strip() for p in text.split(",")]
    kept = [parts[0]]
    for part in parts[1:]:
        if not keep_lists or len(part.split()) < 2 or part[:1].islower():
            break
        if _OUTLET_WORDS.search(part):
            break  # "Jana Roth, Courier News, Berlin": the outlet and what follows it
        kept.append(part)
    return ", ".join(kept)


def _plausible(text: str) -> bool:
    if not text or len(text) > 120 or not text[0].isalpha():
        return False
    if _NOT_A_NAME.search(text) or _PLACEHOLDER.match(text):
        return False
    names = [n for n in _LIST.split(text) if n]
    return all(len(n.split()) <= 5 for n in names) and len(names) <= 8
