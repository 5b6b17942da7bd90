"""Wire credits, contributors and self-disclosures found in a page's text.

No library recognises these: agency datelines (``BRASK, Ostrelia (MP) —``), credit lines
(``— Reuters``, ``The Associated Press contributed to this report.``) and disclosure footers
(``generated with the help of an automated content generation system``) are conventions of
news copy, so they are matched here with patterns. Every finding carries the text it came from.
"""

from __future__ import annotations

import re

from storyline.model import Contributor, Disclosure

AGENCIES = {
    "AP": "Associated Press",
    "ASSOCIATED PRESS": "Associated Press",
    "THE ASSOCIATED PRESS": "Associated Press",
    "REUTERS": "Reuters",
    "AFP": "AFP",
    "AGENCE FRANCE-PRESSE": "AFP",
    "AGENCE FRANCE PRESSE": "AFP",
    "DPA": "dpa",
    "DEUTSCHE PRESSE-AGENTUR": "dpa",
    "UPI": "UPI",
    "UNITED PRESS INTERNATIONAL": "UPI",
    "BLOOMBERG": "Bloomberg",
    "PA": "PA Media",
    "PA MEDIA": "PA Media",
    "ANSA": "ANSA",
    "EFE": "EFE",
    "XINHUA": "Xinhua",
    "KYODO": "Kyodo",
    "YONHAP": "Yonhap",
    "TASS": "TASS",
    "PTI": "PTI",
    "ANI": "ANI",
    "CP": "Canadian Press",
    "THE CANADIAN PRESS": "Canadian Press",
    "AAP": "AAP",
    "APA": "APA",
    "KNA": "KNA",
    "EPD": "epd",
    "SID": "SID",
}

_AGENCY_NAMES = "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))
# A dateline opens the first paragraph: "CITY, Region (AGENCY) —". Unknown short capitalised
# abbreviations count too: local agencies are many and their dateline shape is the same.
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{1,40}(?:,\s*[\w .'’-]{2,40})?)\s*"
    r"\((?P<agency>[A-Za-z][A-Za-z]{1,5}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\)\s*[-—–:]"
)
_CREDIT_LINE = re.compile(
    rf"^(?:[-—–]\s*|(?:source|quelle|fuente|source\s*:)\s*:?\s*|\(|©\s*(?:\d{{4}}\s*)?)"
    rf"(?P<agency>{_AGENCY_NAMES}|[A-Z][A-Za-z]+ (?:Press|News Agency|Wire))\)?\.?\s*$",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(
    r"(?P<names>[A-Z][\w.'’-]*(?:[ ,]+(?:and |& )?[A-Z][\w.'’-]*){0,12})"
    r"\s+contributed (?:to )?(?:this )?(?:report|story|article|reporting)",
)
_ADDITIONAL = re.compile(
    r"\b(?:additional reporting|reporting|writing) by\s+(?P<names>[A-Z][^.;\n]{2,120})",
    re.IGNORECASE,
)
# Patterns match the telling phrase only; the quoted evidence is the sentence around it (a
# leading "[^.]*" in the pattern would make every search quadratic in the line length).
_AI = re.compile(
    r"\b(?:generated|written|produced|created|composed|drafted)\b[^.\n]{0,60}?"
    r"\b(?:AI|A\.I\.|artificial intelligence|language model|GPT-?\d?|ChatGPT|LLM|"
    r"automated|automatically|content generation system|machine)\b|"
    r"content generation system|KI-generiert|mit Hilfe (?:von |einer )?KI\b",
    re.IGNORECASE,
)
_SPONSORED = re.compile(
    r"\b(?:sponsored (?:content|post|by)|paid (?:post|content|partnership|for by)|"
    r"advertorial|partner content|in partnership with|anzeige)\b",
    re.IGNORECASE,
)


def _sentence_around(line: str, start: int, end: int) -> str:
    """The sentence of ``line`` that holds ``line[start:end]``."""
    left = max(line.rfind(". ", 0, start) + 2, 0) if ". " in line[:start] else 0
    right = line.find(". ", end)
    return line[left : right + 1 if right >= 0 else len(line)].strip()


def agency_name(raw: str) -> str:
    """The canonical name of an agency credit (unknown abbreviations are kept as written)."""
    return AGENCIES.get(raw.strip().upper(), raw.strip())


def find_contributors(body: str, page_lines: list[str]) -> list[Contributor]:
    """Agencies and people credited in the body's dateline, credit lines and footers.

    Args:
        body: The clean article text (its first paragraph may hold a dateline).
        page_lines: Every line of the page, boilerplate included (credits sit in footers).
    """
    found: list[Contributor] = []
    first = body.split("\n", 1)[0]
    match = _DATELINE.match(first)
    if match:
        found.append(
            Contributor(agency_name(match.group("agency")), "agency", first[: match.end()].strip())
        )
    for line in page_lines:
        found.extend(_line_credits(line.strip()))
    return _unique(found)


def _line_credits(line: str) -> list[Contributor]:
    if len(line) > 400:
        return []
    credit = _CREDIT_LINE.match(line)
    if credit:
        return [Contributor(agency_name(credit.group("agency")), "agency", line)]
    people: list[Contributor] = []
    for pattern in (_CONTRIBUTED, _ADDITIONAL):
        for match in pattern.finditer(line):
            people.extend(_names(match.group("names"), line))
    return people


def _names(names: str, evidence: str) -> list[Contributor]:
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*|;\s*", names.strip(" ."))
    result = []
    for part in parts:
        part = re.sub(r"^(?:the|and)\s+", "", part.strip(), flags=re.IGNORECASE)
        if not part or not part[0].isupper():
            continue
        upper = part.upper()
        if upper in AGENCIES or f"THE {upper}" in AGENCIES:
            result.append(Contributor(agency_name(upper), "agency", evidence))
        elif 1 <= len(part.split()) <= 4:
            result.append(Contributor(part, "person", evidence))
    return result


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def _unique(items: list[Contributor]) -> list[Contributor]:
    """Drop repeats, and name an unknown dateline abbreviation ("MP") by the agency the page
    spells out elsewhere ("— Meridian Press") when the initials agree."""
    spelled = {_initials(c.name): c.name for c in items if c.kind == "agency" and " " in c.name}
    seen: set[tuple[str, str]] = set()
    unique = []
    for item in items:
        if item.kind == "agency" and item.name in spelled:
            item = Contributor(spelled[item.name], item.kind, item.evidence)
        key = (item.name.casefold(), item.kind)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def find_disclosures(page_lines: list[str]) -> list[Disclosure]:
    """Self-disclosed AI generation and sponsored-content statements anywhere on the page."""
    found: list[Disclosure] = []
    for line in page_lines:
        if len(line) > 600:
            continue
        for kind, pattern in (("ai_generated", _AI), ("sponsored", _SPONSORED)):
            match = pattern.search(line)
            if match and kind not in {d.kind for d in found}:
                found.append(Disclosure(kind, _sentence_around(line, *match.span())))
    return found


_BLOCKS = (
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "footer",
    "header",
    "section",
    "aside",
    "article",
    "blockquote",
    "td",
    "th",
    "tr",
    "dd",
    "dt",
    "figcaption",
    "br",
    "small",
    "address",
)


def html_page_lines(tree: object) -> list[str]:
    """Visible text of a parsed HTML page, one block per line (footers included)."""
    from lxml import etree

    root = tree
    for node in root.xpath("//script|//style|//noscript|//template"):  # type: ignore[attr-defined]
        node.drop_tree()
    for node in root.iter(*_BLOCKS):  # type: ignore[attr-defined]
        node.tail = "\n" + (node.tail or "")
        node.text = "\n" + (node.text or "") if node.tag != "br" else node.text
    text = etree.tostring(root, method="text", encoding="unicode")
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]
