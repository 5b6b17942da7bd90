"""Small field helpers shared by both extraction modes: outlet, byline, language, whitespace."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?)?"
    r"[,\s]*(?P<name>[A-Z][\w&'’.\- ]{1,60}?)(?:,?\s*(?:Inc|LLC|Ltd|plc)\.?)?"
    r"(?:[.,|]|\s+all rights|\s*$)",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|von|por|par)\s+"
    r"(?P<name>[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3}"
    r"(?:\s*(?:,|and|&)\s*[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3})*)",
)
_BYLINE_TAIL = re.compile(r"\s*(?:[|,•·–-]\s*)?(?:published|updated|posted)\b.*$", re.I)


def outlet_from_url(url: str | None) -> str | None:
    """The site's host name without ``www.``, e.g. ``harborgazette.example``."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return host or None


_CORPORATE = re.compile(
    r"\s+(?:publishing(?: house| co(?:mpany)?\.?| group| ltd\.?)?|news ?(?:&|and) ?media|"
    r"media(?: group| ltd\.?| inc\.?)?|company|co\.?|group|holdings|corporation|corp\.?|"
    r"newspapers?(?: group)?|ltd\.?|inc\.?|llc|plc|limited)$",
    re.IGNORECASE,
)


def outlet_from_copyright(lines: list[str]) -> str | None:
    """The outlet named by a footer such as ``© 2025 The Harbor Gazette. All rights reserved.``.

    Footers often name the publishing company ("Brask Times Publishing House"); a masthead line
    at the top of the page that the company name starts with is the outlet, else the company
    name is cut back to the brand by dropping corporate suffixes.
    """
    name = _copyright_name(lines)
    if name is None:
        return None
    for line in lines[:5]:
        if 1 <= len(line.split()) <= 6 and name.casefold().startswith(line.casefold()):
            return name[: len(line)]
    stripped = _CORPORATE.sub("", name)
    return stripped or name


def _copyright_name(lines: list[str]) -> str | None:
    for line in reversed(lines):
        if len(line) > 200 or not re.search(r"©|\(c\)|copyright", line, re.I):
            continue
        match = _COPYRIGHT.search(line.strip())
        if match:
            name = match.group("name").strip(" .,-")
            if name and name.lower() not in {"all rights reserved", "the"}:
                return name
    return None


_EMAIL = re.compile(r"\b[\w.+-]+@((?:[a-z0-9-]+\.)+[a-z]{2,})\b", re.IGNORECASE)
_HANDLE = re.compile(r"\bfollow (?:us )?(?:on \w+ )?(?:at )?@(\w{2,30})\b", re.IGNORECASE)
_MAIL_HOSTS = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "proton.me", "icloud.com"}


def outlet_from_contacts(lines: list[str]) -> tuple[str, str] | None:
    """The outlet named by the page's contact details: the domain of an e-mail address
    (``tips@harborgazette.example``), else a "Follow @handle" prompt; with the line as evidence.

    Web-mail domains say nothing about the outlet and are skipped.
    """
    for pattern in (_EMAIL, _HANDLE):
        for line in lines:
            match = pattern.search(line) if len(line) < 300 else None
            if match and match.group(1).lower() not in _MAIL_HOSTS:
                value = match.group(1).lower() if pattern is _EMAIL else "@" + match.group(1)
                return value, line.strip()
    return None


def byline_from_line(line: str) -> str | None:
    """Return the author names of a byline line (``By Mara Quist | Published ...``)."""
    match = _BYLINE.match(_BYLINE_TAIL.sub("", line.strip()))
    if not match:
        return None
    name = match.group("name").strip(" ,")
    return name if len(name.split()) <= 12 else None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the body text (py3langid), or None for too little text."""
    if len(text) < 20:
        return None
    import py3langid

    code, _score = py3langid.classify(text[:5000])
    return str(code)


def normalize_space(text: str) -> str:
    """Collapse runs of spaces within lines, strip lines and drop empty ones."""
    lines = (re.sub(r"[ \t\u00a0\u2009\u200b]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def word_count(text: str) -> int:
    """Number of word tokens (``\\w+``) in ``text``."""
    return len(re.findall(r"\w+", text))
