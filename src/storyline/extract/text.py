"""Text mode: clean a whole-page text dump down to the article.

A dump is one block per line: menus, the headline, a byline, the date, the body paragraphs,
captions, "Most read" lists, an author bio, cookie and market-data disclaimers, a footer. No
library handles this well (justext and trafilatura expect markup; the extraction README measures
them at 0.71-0.78 F1 on dumps), so each line is scored by a small gradient-boosted tree model
over shape features (:mod:`.lines`), shipped as JSON and evaluated with numpy. A two-state
Viterbi pass with a switching cost turns the scores into contiguous body runs; lines that recur
on other pages of the same site (:mod:`.templates`), when known, are pushed towards boilerplate.
The chosen lines are then trimmed of the headline, short furniture and a trailing author bio.
Without a model file the older hand-made score and maximum-sum block are used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyline.extract.fields import byline_from_line, word_count
from storyline.extract.lines import (
    BASE_NAMES,
    BOILERPLATE,
    CAPTION,
    RELATIVE_TIME,
    SECTION_END,
    best_block,
    feature_names,
    line_features,
)
from storyline.extract.templates import normalize_line
from storyline.trees import BoostedTrees

_BOILERPLATE = BOILERPLATE
_SECTION_END = SECTION_END
_RELATIVE_TIME = RELATIVE_TIME
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$|[:;]$")
_BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s+){1,3}(?:is|was|covers|reports|writes|has been|joined|leads|edits)\b"
)
_CAPTION = CAPTION
# Headers that end the article when they fall inside the chosen body; "Sponsored" slots sit
# inside articles too, and "Read more" is a button that expands the rest of the text.
_ENDS_ARTICLE = re.compile(r"^(?!sponsored|read more)" + SECTION_END.pattern[1:], re.I)


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
    if words < 40 and _BOILERPLATE.search(line):
        return -25.0
    if _SECTION_END.match(line) or _RELATIVE_TIME.search(line):
        return -20.0
    score = words - 12.0
    if _SENTENCE_END.search(line) and words >= 6:
        score += 8.0
    if line[:1] in "“\"‘'" or line.startswith("—"):
        score += 4.0
    return score


@dataclass(frozen=True)
class LineModel(BoostedTrees):
    """Gradient-boosted trees over line features (:mod:`storyline.trees`) and their decoding.

    Attributes:
        decode: Decoding parameters tuned on the dev split (``bias``, ``switch``, ``template``).
    """

    decode: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        """Build a model from its JSON form (see :func:`storyline.extract.train.export_trees`)."""
        if data.get("features") != feature_names():
            raise ValueError("line model was trained on other features; retrain it")
        decode = {k: float(v) for k, v in data.get("decode", {}).items()}
        return cls(**BoostedTrees.arrays(data), decode=decode)

    @classmethod
    def load(cls, path: Path) -> LineModel:
        """Read a model file written by :mod:`storyline.extract.train`."""
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))


MODEL_PATH = Path(__file__).resolve().parent / "models" / "line_model.json"


@lru_cache(maxsize=1)
def default_model() -> LineModel | None:
    """The shipped line model, or None when the file is missing (heuristic fallback)."""
    return LineModel.load(MODEL_PATH) if MODEL_PATH.is_file() else None


def page_features(lines: tuple[str, ...], language: str | None = None) -> np.ndarray:
    """The classifier's feature matrix for a dump (see :mod:`storyline.extract.lines`)."""
    return line_features(lines, language)


def decode_blocks(scores: np.ndarray, switch: float) -> np.ndarray:
    """Viterbi over two states (boilerplate, body) preferring contiguous runs of body.

    Args:
        scores: Per-line evidence for body over boilerplate (log-odds minus a bias).
        switch: The cost of every change of state, so isolated lines follow their neighbours.

    Returns:
        A boolean mask of body lines.
    """
    n = len(scores)
    if n == 0:
        return np.zeros(0, dtype=bool)
    values = scores.tolist()  # plain floats: numpy is slow on two-element steps
    out, body = 0.0, values[0]
    switched_out, switched_in = [False], [False]  # did the best path switch to get here?
    for score in values[1:]:
        switched_out.append(body - switch > out)
        switched_in.append(out - switch > body)
        out, body = max(out, body - switch), max(body, out - switch) + score
    state = body > out
    mask = np.zeros(n, dtype=bool)
    for i in range(n - 1, -1, -1):
        mask[i] = state
        if (switched_in if state else switched_out)[i]:
            state = not state
    return mask


def clean_dump(
    text: str,
    title_hint: str | None = None,
    *,
    template: Collection[str] = (),
    model: LineModel | None = None,
    language: str | None = None,
) -> TextPage:
    """Find the headline, byline and body of a whole-page text dump.

    Args:
        text: The dump, one block per line.
        title_hint: A headline known from elsewhere (a JSONL ``title``), if any.
        template: Normalised lines known to recur on other pages of the same site
            (:meth:`storyline.extract.templates.SiteTemplates.for_site`); they count as
            boilerplate. Empty for a page on its own.
        model: The line classifier; the shipped one by default.
        language: ISO 639-1 code of the page, guessed from the text when None.
    """
    lines = tuple(filter(None, map(str.strip, text.splitlines())))
    if not lines:
        return TextPage((), (), None, None)
    model = model or default_model()
    if model is None:
        start, end = best_block([line_score(line) for line in lines])
        title_index = _find_title(lines, start, title_hint)
        body = _trim_block(lines, start, end, title_index)
    else:
        mask, furniture = _classify(lines, model, template, language)
        if not mask.any():
            mask = _longest_prose(lines, template)
        start = int(np.argmax(mask)) if mask.any() else 0
        title_index = _find_title(lines, start, title_hint)
        body = _trim(lines, mask & ~furniture, title_index)
    byline = _find_byline(lines, title_index, start)
    return TextPage(lines, body, title_index, byline)


#: Fewest words of the line kept when the classifier keeps nothing.
FALLBACK_WORDS = 25


def _longest_prose(lines: tuple[str, ...], template: Collection[str]) -> np.ndarray:
    """A body of one line when the classifier kept none: the longest line of
    :data:`FALLBACK_WORDS` words or more that is not site furniture (a one-paragraph story,
    or a teaser page, is still an article; rejecting it loses it altogether)."""
    mask = np.zeros(len(lines), dtype=bool)
    candidates = [
        (len(line.split()), i)
        for i, line in enumerate(lines)
        if len(line.split()) >= FALLBACK_WORDS and normalize_line(line) not in template
    ]
    if candidates:
        mask[max(candidates)[1]] = True
    return mask


def _classify(
    lines: tuple[str, ...], model: LineModel, template: Collection[str], language: str | None
) -> tuple[np.ndarray, np.ndarray]:
    """The body mask of the decoded line scores, and which lines are short furniture."""
    x = page_features(lines, language)
    scores = model.log_odds(x) - model.decode.get("bias", 0.0)
    if template:
        recurring = np.array([normalize_line(line) in template for line in lines])
        scores = scores - recurring * model.decode.get("template", 4.0)
    mask = decode_blocks(scores, model.decode.get("switch", 2.0))
    if not mask.any():
        # Never return nothing for a page that has text: keep the most body-like stretch.
        start, end = best_block((scores + 1.0 - scores.max()).tolist())
        mask[start:end] = True
    return mask, _furniture(lines, x)


def _furniture(lines: tuple[str, ...], x: np.ndarray) -> np.ndarray:
    """:func:`_is_furniture` of every line, read off the feature columns (much faster)."""
    col = {name: x[:, i] for i, name in enumerate(BASE_NAMES)}
    short = np.expm1(col["log_tokens"]) < 40
    flagged = short & ((col["boilerplate"] > 0) | (col["relative_time"] > 0))
    flagged |= col["caption"] > 0
    for index in np.flatnonzero((col["byline"] > 0) & ~flagged).tolist():
        flagged[index] = byline_from_line(lines[index]) is not None
    return flagged


def _trim(lines: tuple[str, ...], mask: np.ndarray, title_index: int | None) -> tuple[int, ...]:
    """Body lines of the mask without the headline and a trailing author bio.

    A "Related"/"Most read" header after the body has started ends it: what follows is a
    list of other stories even when they read like prose.
    """
    chosen = np.flatnonzero(mask).tolist()
    kept: list[int] = []
    for index in range(chosen[0], chosen[-1] + 1) if chosen else ():
        if kept and mask[index] and _ENDS_ARTICLE.match(lines[index]):
            break
        if mask[index] and index != title_index:
            kept.append(index)
    # A trailing bio goes; a one-line body is the story itself ("President Biden is ...").
    while (
        len(kept) > 1
        and _BIO.match(lines[kept[-1]])
        and not _SENTENCE_STARTS_QUOTE(lines[kept[-1]])
    ):
        kept.pop()
    return tuple(kept)


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
    # A trailing bio goes; a one-line body is the story itself ("President Biden is ...").
    while (
        len(kept) > 1
        and _BIO.match(lines[kept[-1]])
        and not _SENTENCE_STARTS_QUOTE(lines[kept[-1]])
    ):
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
    # Overlap first: it is cheap, and a line without any can never be chosen.
    overlaps = [(i, _overlap(lines[i], lead)) for i in window]
    scored = [(i, score) for i, score in overlaps if score > 0 and _looks_like_headline(lines[i])]
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
