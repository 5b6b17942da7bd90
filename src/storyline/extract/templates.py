"""Outlet templates: lines that recur across pages of one site are that site's boilerplate.

Menus, footers, newsletter prompts and market-data disclaimers are printed on every page of a
site, while article paragraphs are not. Given many dumps of one site, a line that occurs on
two or more of its pages is template; text mode then treats it as boilerplate. A page must
never teach its own template: use :meth:`SiteTemplates.without` (or fit on other pages) when
scoring a page that was part of the fitting set.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from storyline.extract.fields import outlet_from_url

_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b|all rights reserved", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def normalize_line(line: str) -> str:
    """The form lines are compared in: case-folded, whitespace collapsed."""
    return _SPACE.sub(" ", line).strip().casefold()


def site_key(url: str | None, lines: Sequence[str] = ()) -> str | None:
    """The site a page belongs to: the URL host, else its copyright or masthead line.

    Args:
        url: The page URL, if known.
        lines: The dump lines, used when there is no URL.
    """
    host = outlet_from_url(url) if url else None
    if host:
        return host
    for line in reversed(lines):
        if len(line) < 200 and _COPYRIGHT.search(line):
            return "©" + normalize_line(re.sub(r"\b(?:19|20)\d{2}\b", "", line))
    return "masthead:" + normalize_line(lines[0]) if lines else None


@dataclass
class SiteTemplates:
    """Per-site counts of the pages each (normalised) line occurs on.

    Attributes:
        min_pages: A line is template when it occurs on at least this many pages of a site.
    """

    min_pages: int = 2
    _pages: Counter[str] = field(default_factory=Counter)
    _lines: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def fit(self, pages: Iterable[tuple[str | None, Sequence[str]]]) -> SiteTemplates:
        """Add pages, each a ``(site, lines)`` pair; returns self for chaining."""
        for site, lines in pages:
            self.add(site, lines)
        return self

    def add(self, site: str | None, lines: Sequence[str]) -> None:
        """Count one page of ``site`` (pages without a site are ignored)."""
        if site is None:
            return
        self._pages[site] += 1
        self._lines[site].update({normalize_line(line) for line in lines})

    def without(self, site: str | None, lines: Sequence[str]) -> SiteTemplates:
        """A copy that no longer counts one page: templates for scoring that page fairly."""
        copy = SiteTemplates(self.min_pages)
        for key, count in self._pages.items():
            copy._pages[key] = count
            copy._lines[key] = Counter(self._lines[key])
        if site is not None and copy._pages[site] > 0:
            copy._pages[site] -= 1
            copy._lines[site].subtract({normalize_line(line) for line in lines})
        return copy

    def pages(self, site: str | None) -> int:
        """How many pages of ``site`` were seen."""
        return self._pages.get(site, 0) if site is not None else 0

    def boilerplate(self, site: str | None, line: str) -> bool:
        """Whether ``line`` is part of the template of ``site``."""
        if site is None or site not in self._lines:
            return False
        return self._lines[site][normalize_line(line)] >= self.min_pages

    def for_site(self, site: str | None) -> frozenset[str]:
        """The normalised template lines of ``site`` (empty when unknown)."""
        if site is None or site not in self._lines:
            return frozenset()
        return frozenset(k for k, n in self._lines[site].items() if n >= self.min_pages)


def dump_lines(content: str) -> list[str]:
    """The non-empty, stripped lines of a text dump."""
    return [line.strip() for line in content.splitlines() if line.strip()]


def corpus_templates(
    pages: Sequence[tuple[str, str | None, str]], near_duplicate: float = 0.5
) -> dict[str, frozenset[str]]:
    """Template lines for every page of a corpus of text dumps, learned across its site.

    Args:
        pages: ``(page id, url, dump text)`` triples.
        near_duplicate: Pages of one site sharing more than this share of their long lines
            (Jaccard over lines of 10+ words, i.e. paragraphs) are counted once: two scrapes
            of the same article would otherwise turn its own paragraphs into "template".
            Short lines are left out of the comparison because menus and footers, which all
            pages of a site share, would make every pair look alike.

    Returns:
        ``{page id: template lines}`` for pages whose site has at least one other page.
    """
    keyed = [
        (pid, site_key(url, lines), lines)
        for pid, url, content in pages
        if (lines := dump_lines(content))
    ]
    counted: dict[str, list[set[str]]] = defaultdict(list)
    templates = SiteTemplates(min_pages=2)
    for _pid, site, lines in keyed:
        paragraphs = {normalize_line(line) for line in lines if len(line.split()) >= 10}
        if site is None or any(
            _jaccard(paragraphs, seen) > near_duplicate for seen in counted[site]
        ):
            continue
        counted[site].append(paragraphs)
        templates.add(site, lines)
    return {
        pid: templates.for_site(site)
        for pid, site, _lines in keyed
        if site is not None and templates.pages(site) >= 2
    }


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
