"""Text mode: clean a whole-page text dump down to the article.

A dump is one block per line: menus, the headline, a byline, the date, the body paragraphs,
captions, "Most read" lists, an author bio, cookie and market-data disclaimers, a footer. No
library handles this well (justext and trafilatura expect markup; the extraction README measures
them at 0.71-0.78 F1 on dumps), so this module is written by hand: each line gets a score from
its shape and from boilerplate patterns, the article is the maximum-sum contiguous block of
lines, and the block is then trimmed of list headers, share prompts and a trailing author bio.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.extract.fields import byline_from_line, word_count

_BOILERPLATE = re.compile(
    r"cookie|all rights reserved|©|\bcopyright\b|privacy policy|terms of (?:use|service)"
    r"|data (?:&|and) news supplied|quotes? (?:are )?delayed|market data|"
    r"^(?:share|share this|share on|follow us|follow|sign up|subscribe|sign in|log in|"
    r"newsletter|advertisement|advert|skip to|click here|read more|read next|tap here|"
    r"listen to|download the app|comments?|reply|report)\b"
    r"|\b(?:sign up for|subscribe to) (?:our|the)\b|\bnewsletter\b|\bpaywall\b",
    re.IGNORECASE,
)
_SECTION_END = re.compile(
    r"^(?:most (?:read|popular|viewed|shared)|related(?: (?:articles?|stories|news|coverage|"
    r"content|topics))?|more (?:from|on|stories|news)\b.*|read (?:more|next|also)|"
    r"recommended(?: for you)?|you may (?:also )?like|trending(?: now)?|what to read next|"
    r"top stories|latest news|editor'?s picks|popular now|in other news|around the web|"
    r"sponsored(?: content| links)?)\s*:?$",
    re.IGNORECASE,
)
_RELATIVE_TIME = re.compile(
    r"\b(?:\d+|an?|one)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)"
    r"\s+ago\b|\b(?:yesterday|just now)\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$|[:;]$")
_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s+){1,3}(?:is|was|covers|reports|writes|has been|joined|leads|edits)\b"
)
_CAPTION = re.compile(r"^(?:photo|image|picture|file photo|video|credit|source)\s*[:/(]", re.I)


@dataclass(frozen=True)
class TextPage:
    """The article found in a text dump.

    Attributes:
        lines: Every non-empty line of the dump, stripped.
        body: Indexes into ``lines`` of the article body, in order.
        title_index: Index of the headline line, when one was found.
        byline: The author names from a byline line near the headline.
    """

    lines: tuple[str, ...]
    body: tuple[int, ...]
    title_index: int | None
    byline: str | None

    @property
    def title(self) -> str:
        """The headline text ('' when none was found)."""
        return self.lines[self.title_index] if self.title_index is not None else ""

    @property
    def text(self) -> str:
        """The body paragraphs joined by newlines."""
        return "\n".join(self.lines[i] for i in self.body)


def line_score(line: str) -> float:
    """How much a line looks like article prose (positive) or page furniture (negative)."""
    words = word_count(line)
    if _BOILERPLATE.search(line) and words < 40:
        return -25.0
    if _SECTION_END.match(line) or _RELATIVE_TIME.search(line):
        return -20.0
    score = words - 12.0
    if _SENTENCE_END.search(line) and words >= 6:
        score += 8.0
    if line[:1] in "“\"‘'" or line.startswith("—"):
        score += 4.0
    return score


def best_block(scores: list[float]) -> tuple[int, int]:
    """Return ``(start, end)`` (end exclusive) of the maximum-sum run of ``scores`` (Kadane)."""
    best_sum, best = float("-inf"), (0, 0)
    run_sum, run_start = 0.0, 0
    for index, score in enumerate(scores):
        if run_sum <= 0:
            run_sum, run_start = score, index
        else:
            run_sum += score
        if run_sum > best_sum:
            best_sum, best = run_sum, (run_start, index + 1)
    return best


def clean_dump(text: str, title_hint: str | None = None) -> TextPage:
    """Find the headline, byline and body of a whole-page text dump.

    Args:
        text: The dump, one block per line.
        title_hint: A headline known from elsewhere (a JSONL ``title``), if any.
    """
    lines = tuple(line.strip() for line in text.splitlines() if line.strip())
    if not lines:
        return TextPage((), (), None, None)
    start, end = best_block([line_score(line) for line in lines])
    title_index = _find_title(lines, start, title_hint)
    body = _trim_block(lines, start, end, title_index)
    byline = _find_byline(lines, title_index, start)
    return TextPage(lines, body, title_index, byline)


def _trim_block(
    lines: tuple[str, ...], start: int, end: int, title_index: int | None
) -> tuple[int, ...]:
    kept: list[int] = []
    for index in range(start, end):
        line = lines[index]
        if _SECTION_END.match(line):
            break
        if index == title_index or _is_furniture(line):
            continue
        kept.append(index)
    while kept and _BIO.match(lines[kept[-1]]) and not _SENTENCE_STARTS_QUOTE(lines[kept[-1]]):
        kept.pop()
    return tuple(kept)


def _SENTENCE_STARTS_QUOTE(line: str) -> bool:
    return line[:1] in "“\"‘'"


def _is_furniture(line: str) -> bool:
    words = word_count(line)
    if words < 40 and (_BOILERPLATE.search(line) or _RELATIVE_TIME.search(line)):
        return True
    return bool(_CAPTION.match(line)) or byline_from_line(line) is not None


def _find_title(lines: tuple[str, ...], body_start: int, hint: str | None) -> int | None:
    """The headline: the hinted line, else the headline-shaped line that best matches the body.

    Pages put many short lines above the body (menus, "3 min read", a standfirst, a byline);
    the headline is the one whose words the opening paragraphs repeat. Among lines that match
    nearly as well as the best, the earliest wins, because a standfirst follows its headline.
    """
    if hint:
        wanted = hint.strip().casefold()
        for index, line in enumerate(lines):
            if line.casefold() == wanted:
                return index
    lead = _content_words(" ".join(lines[body_start : body_start + 4]))
    window = range(max(0, body_start - 15), min(len(lines), body_start + 1))
    scored = [(i, _overlap(lines[i], lead)) for i in window if _looks_like_headline(lines[i])]
    if not scored:
        return None
    best = max(score for _, score in scored)
    if best < 0.25:
        return None
    return min(i for i, score in scored if score >= 0.75 * best)


def _content_words(text: str) -> set[str]:
    # Five-letter prefixes are a crude stemmer: "deliveries" in a headline meets "delivered".
    return {w[:5] for w in re.findall(r"[^\W\d_]{3,}", text.casefold()) if w not in _STOP}


def _overlap(line: str, lead: set[str]) -> float:
    words = _content_words(line)
    if not words:
        return 0.0
    # Short lines (a masthead, a section name) match by chance; trust them less.
    return len(words & lead) / len(words) * min(1.0, len(words) / 5)


_STOP = frozenset(
    "the and for with that this from after over into are was were has have had not but its "
    "his her their they than then who what when where which will would said says say new".split()
)
_NOT_HEADLINE = re.compile(
    r"\bmin(?:ute)?s? read\b|reading time|last updated|\bstaff\b|\beditor\b|\breporter\b|"
    r"correspondent|gift this|^(?:home|menu|search|sections?)$|[»›▲▼]|\s[>|/]\s.*\s[>|/]\s",
    re.IGNORECASE,
)


def _looks_like_headline(line: str) -> bool:
    words = word_count(line)
    if not 3 <= words <= 30 or (line.endswith((".", ":")) and not line.endswith("...")):
        return False
    if _BOILERPLATE.search(line) or _RELATIVE_TIME.search(line) or _SECTION_END.match(line):
        return False
    if _NOT_HEADLINE.search(line):
        return False
    if len(re.findall(r"[^\W\d_]{2,}", line)) < 0.6 * len(line.split()):
        return False  # a ticker or score line: mostly numbers and symbols
    if byline_from_line(line) or _CAPTION.match(line):
        return False
    from storyline.extract.dates import DATE_PATTERN

    return not DATE_PATTERN.search(line)


def _find_byline(lines: tuple[str, ...], title_index: int | None, body_start: int) -> str | None:
    first = title_index if title_index is not None else max(0, body_start - 8)
    for index in range(first, min(len(lines), body_start + 3)):
        name = byline_from_line(lines[index])
        if name:
            return name
    return None
