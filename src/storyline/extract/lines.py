"""Per-line features of a whole-page text dump, for the text-mode line classifier.

Every feature is a shape or a ratio rather than a word list, so that it carries over to sites,
years and languages the model never saw: token and character counts, the share of stopwords
(per language, from justext's stoplists), sentence-final punctuation, capitalisation, digits and
symbols, list and timestamp shapes, a handful of boilerplate keywords, the line's position, and
the same measures for its neighbours and surrounding window (menus and link lists are runs of
short lines; prose comes in runs of long ones).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

BOILERPLATE = re.compile(
    r"cookie|all rights reserved|©|\bcopyright\b|privacy policy|terms of (?:use|service)"
    r"|data (?:&|and) news supplied|quotes? (?:are )?delayed|market data|"
    r"^(?:share|share this|share on|follow us|follow|sign up|subscribe|sign in|log in|"
    r"newsletter|advertisement|advert|skip to|click here|read more|read next|tap here|"
    r"listen to|download the app|comments?|reply|report)\b"
    r"|\b(?:sign up for|subscribe to) (?:our|the)\b|\bnewsletter\b|\bpaywall\b",
    re.IGNORECASE,
)
SECTION_END = re.compile(
    r"^(?:most (?:read|popular|viewed|shared)|related(?: (?:articles?|stories|news|coverage|"
    r"content|topics))?|more (?:from|on|stories|news)\b.*|read (?:more|next|also)|"
    r"recommended(?: for you)?|you may (?:also )?like|trending(?: now)?|what to read next|"
    r"top stories|latest news|editor'?s picks|popular now|in other news|around the web|"
    r"sponsored(?: content| links)?)\s*:?$",
    re.IGNORECASE,
)
RELATIVE_TIME = re.compile(
    r"\b(?:\d+|an?|one)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)"
    r"\s+ago\b|\b(?:yesterday|just now)\s*$",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
CAPTION = re.compile(r"^(?:photo|image|picture|file photo|video|credit|source)\s*[:/(]", re.I)
_LIST = re.compile(r"^(?:[-–—•·*▪►>»]\s|\d{1,3}[.)]\s)")
_SEPARATORS = re.compile(r"[|•·›»/]")
_LINKISH = re.compile(r"https?://|www\.|@\w|\.com\b|#\w")
_DATEISH = re.compile(r"\b(?:(?:19|20)\d{2}|\d{1,2}[:.]\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})\b")
_BYLINE = re.compile(r"^(?:by|written by|words by|von|por|par|di|от|автор)\s", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_SYMBOL = re.compile(r"[^\w\s]|_")
_CHAR_CLASSES = (_DIGIT, _SYMBOL, _SEPARATORS, re.compile(","))
_QUOTES = "“\"‘'«„—"
# Order of the boolean columns computed by regex (see ``_counts``); every pattern is anchored
# with ``^``/``$`` or unanchored, so one multi-line search over the page equals per-line ones.
_FLAG_PATTERNS = (
    SENTENCE_END, _LIST, RELATIVE_TIME, BOILERPLATE, SECTION_END, _BYLINE, CAPTION, _DATEISH,
    _LINKISH,
)  # fmt: skip
# They run on the lower-cased page without IGNORECASE (much faster; all literals are lower
# case), falling back to IGNORECASE when lower-casing changes the text's length. The page
# starts with a newline so that "^" can become a literal "\n" (a far faster search); such
# a hit starts one character before its line, hence the shift of 1. A leading word boundary
# also defeats the fast search, so it is dropped and checked on each hit instead (shift -1).
Search = tuple[re.Pattern[str], int]


def _compile(pattern: str, flags: int) -> Search:
    pattern = pattern.replace(r"\s", r"[^\S\n]")  # within a line \s must not reach the next
    if pattern.startswith("^") and "|^" not in pattern:
        return re.compile("\n" + pattern[1:], flags | re.MULTILINE), 1
    if pattern.startswith(r"\b") and not _top_level_alternation(pattern):
        return re.compile(pattern[2:], flags | re.MULTILINE), -1
    return re.compile(pattern, flags | re.MULTILINE), 0


def _hits(search: Search, text: str) -> list[int]:
    pattern, shift = search
    if shift >= 0:
        return [m.start() + shift for m in pattern.finditer(text)]
    return [
        m.start()
        for m in pattern.finditer(text)
        if bool(_WORD.match(text, m.start() - 1, m.start())) != bool(_WORD.match(text, m.start()))
    ]


def _top_level_alternation(pattern: str) -> bool:
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
    return False


# BOILERPLATE split into separate searches: one alternation of many words is tried at every
# character of the page and costs more than all other features together.
_BOILERPLATE_PARTS = (
    r"cookie", r"all rights reserved", r"©", r"\bcopyright\b", r"privacy policy",
    r"terms of (?:use|service)", r"data (?:&|and) news supplied", r"quotes? (?:are )?delayed",
    r"market data", r"\b(?:sign up for|subscribe to) (?:our|the)\b", r"\bnewsletter\b",
    r"\bpaywall\b",
    r"^(?:share|share this|share on|follow us|follow|sign up|subscribe|sign in|log in|"
    r"newsletter|advertisement|advert|skip to|click here|read more|read next|tap here|"
    r"listen to|download the app|comments?|reply|report)\b",
)  # fmt: skip
_SEARCHES: tuple[tuple[tuple[Search, ...], tuple[Search, ...]], ...] = tuple(
    (
        tuple(_compile(part, 0) for part in _BOILERPLATE_PARTS)
        if pattern is BOILERPLATE
        else (_compile(pattern.pattern, 0),),
        (_compile(pattern.pattern, re.IGNORECASE),),
    )
    for pattern in _FLAG_PATTERNS
)
_RELATIVE = _FLAG_PATTERNS.index(RELATIVE_TIME)

# py3langid codes -> justext stoplist names (the languages justext ships lists for).
_STOPLIST_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ka": "Georgian", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "ms": "Malay", "nb": "Norwegian_Bokmal",
    "nl": "Dutch", "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}  # fmt: skip

BASE_NAMES: tuple[str, ...] = (
    "log_tokens", "log_chars", "stop_density", "sentence_end", "colon_end", "cap_ratio",
    "digit_ratio", "symbol_ratio", "list_shape", "relative_time", "boilerplate",
    "section_end", "byline", "caption", "dateish", "quote_start", "comma_rate",
    "separators", "linkish", "all_caps", "repeats", "mean_token_len", "long_line",
    "shared_prefix",
)  # fmt: skip
_CONTEXT = ("log_tokens", "stop_density", "sentence_end", "boilerplate", "long_line")
_OFFSETS = (-2, -1, 1, 2)
_WINDOWS = (3, 10)


def feature_names() -> list[str]:
    """Names of the columns of :func:`line_features`, in order."""
    names = list(BASE_NAMES)
    names += [f"{n}@{o:+d}" for o in _OFFSETS for n in _CONTEXT]
    names += [f"{n}~{w}" for w in _WINDOWS for n in _CONTEXT]
    names += ["position", "tokens_before", "token_share", "in_block", "block_distance"]
    return names


@lru_cache(maxsize=64)
def stoplist(language: str | None) -> frozenset[str]:
    """Lower-cased stopwords for an ISO 639-1 code (empty when justext has no list)."""
    name = _STOPLIST_NAMES.get(language or "")
    if name is None:
        return frozenset()
    import justext

    return frozenset(word.casefold() for word in justext.get_stoplist(name))


def guess_language(lines: Sequence[str]) -> str | None:
    """The page language (py3langid) from its longest lines, where the prose is."""
    sample = " ".join(sorted(lines, key=len, reverse=True)[:3])[:400]
    if len(sample) < 20:
        return None
    import py3langid

    code, _score = py3langid.classify(sample)
    return str(code)


def base_features(
    line: str, stopwords: frozenset[str], repeats: int, shared_prefix: int
) -> list[float]:
    """The features of one line on its own (see ``BASE_NAMES``).

    Args:
        line: The line.
        stopwords: The page language's stopwords.
        repeats: How often the exact line occurs in the dump.
        shared_prefix: How many lines of the dump start with the line's first six tokens;
            teaser lists print a headline alone and again in front of its snippet.
    """
    flags = _page_flags([line])[0]
    lowered = _WORD.findall(line.casefold())
    chars = _page_chars([line])[0]
    return _counts(line, lowered, stopwords, repeats, shared_prefix, flags, chars)


def _counts(
    line: str,
    lowered: list[str],
    stopwords: frozenset[str],
    repeats: int,
    shared_prefix: int,
    flags: list[float],
    chars: list[int],
) -> list[float]:
    tokens = _WORD.findall(line)
    n_tok, n_chr = len(tokens), max(len(line), 1)
    initials = [t[0] for t in tokens if not t.isdigit()]
    sentence_end, list_shape, relative, boiler, section, byline, caption, dateish, link = flags
    digits, symbols, separators, commas = chars
    return [
        math.log1p(n_tok),
        math.log1p(n_chr),
        sum(map(stopwords.__contains__, lowered)) / n_tok if n_tok else 0.0,
        sentence_end,
        float(line.endswith(":")),
        sum(map(str.isupper, initials)) / len(initials) if initials else 0.0,
        digits / n_chr,
        symbols / n_chr,
        list_shape,
        relative,
        boiler,
        section,
        byline,
        caption,
        dateish,
        float(line[:1] in _QUOTES),
        commas / (n_tok + 1),
        float(separators),
        link,
        float(line.isupper()),
        math.log(repeats),
        sum(map(len, tokens)) / n_tok if n_tok else 0.0,
        float(n_tok >= 25 or n_chr >= 120),
        math.log(max(shared_prefix, 1)),
    ]


def _page_chars(lines: Sequence[str]) -> list[list[int]]:
    """Per line: digits, symbols, separators and commas, counted in one pass per class."""
    text = "\n".join(lines)
    starts = np.cumsum([0] + [len(line) + 1 for line in lines[:-1]])
    counts = np.zeros((len(lines), len(_CHAR_CLASSES)), dtype=np.int64)
    for column, pattern in enumerate(_CHAR_CLASSES):
        hits = [m.start() for m in pattern.finditer(text)]
        if hits:
            rows = np.searchsorted(starts, hits, side="right") - 1
            counts[:, column] = np.bincount(rows, minlength=len(lines))
    return counts.tolist()


def _page_flags(lines: Sequence[str]) -> list[list[float]]:
    """The regex flags of every line, one multi-line search per pattern instead of per line."""
    text = "\n" + "\n".join(lines)
    starts = np.cumsum([1] + [len(line) + 1 for line in lines[:-1]])
    flags = np.zeros((len(lines), len(_FLAG_PATTERNS)))
    lowered = text.lower()
    fast = len(lowered) == len(text)
    text = lowered if fast else text
    for column, variants in enumerate(_SEARCHES):
        if column == _RELATIVE and not any(w in lowered for w in ("ago", "yesterday", "just")):
            continue  # the pattern needs one of these words; most pages have none
        hits = [hit for search in variants[0 if fast else 1] for hit in _hits(search, text)]
        if hits:
            flags[np.searchsorted(starts, hits, side="right") - 1, column] = 1.0
    return flags.tolist()


def line_features(
    lines: Sequence[str], language: str | None = None, block: tuple[int, int] | None = None
) -> np.ndarray:
    """The feature matrix of a dump: one row per line, columns as in :func:`feature_names`.

    Args:
        lines: The dump's non-empty, stripped lines.
        language: ISO 639-1 code for the stoplist; guessed from the lines when None.
        block: ``(start, end)`` of a heuristic body block, a strong prior for the body; by
            default the max-sum block of :func:`shape_scores`.
    """
    if not lines:
        return np.zeros((0, len(feature_names())))
    stopwords = stoplist(language or guess_language(lines))
    counts = Counter(lines)
    lowered = [_WORD.findall(line.casefold()) for line in lines]
    prefixes = [_prefix(words) for words in lowered]
    shared = Counter(prefixes)
    flags, chars = _page_flags(lines), _page_chars(lines)
    rows = zip(lines, lowered, prefixes, flags, chars, strict=True)
    base = np.array(
        [
            _counts(line, words, stopwords, counts[line], shared[prefix] if prefix else 1, f, c)
            for line, words, prefix, f, c in rows
        ]
    )
    cols = [BASE_NAMES.index(n) for n in _CONTEXT]
    parts = [base, *(_shifted(base[:, cols], o) for o in _OFFSETS)]
    parts += [_window_mean(base[:, cols], w) for w in _WINDOWS]
    parts.append(_global(lines, base, block or best_block(shape_scores(base).tolist())))
    return np.hstack(parts)


def shape_scores(base: np.ndarray) -> np.ndarray:
    """The hand-made line score of the heuristic cleaner, from the base feature columns.

    Prose scores its token count minus 12, plus a bonus for a sentence end or an opening
    quote; short boilerplate, section headers and timestamps score strongly negative.
    """
    col = {name: base[:, i] for i, name in enumerate(BASE_NAMES)}
    words = np.expm1(col["log_tokens"])
    ends = np.maximum(col["sentence_end"], col["colon_end"])
    prose = words - 12.0 + 8.0 * ends * (words >= 6) + 4.0 * col["quote_start"]
    furniture = np.where(np.maximum(col["section_end"], col["relative_time"]) > 0, -20.0, prose)
    return np.where((col["boilerplate"] > 0) & (words < 40), -25.0, furniture)


def best_block(scores: Sequence[float]) -> tuple[int, int]:
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


def _prefix(lowered: list[str]) -> str:
    return " ".join(lowered[:6]) if len(lowered) >= 4 else ""


def _shifted(values: np.ndarray, offset: int) -> np.ndarray:
    # Off-page neighbours read as empty lines (all zeros).
    out = np.zeros_like(values)
    if offset < 0:
        out[-offset:] = values[:offset]
    else:
        out[:-offset] = values[offset:]
    return out


def _window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    padded = np.vstack([np.zeros((1, values.shape[1])), np.cumsum(values, axis=0)])
    n = len(values)
    lo = np.clip(np.arange(n) - radius, 0, n)
    hi = np.clip(np.arange(n) + radius + 1, 0, n)
    return (padded[hi] - padded[lo]) / (hi - lo)[:, None]


def _global(lines: Sequence[str], base: np.ndarray, block: tuple[int, int] | None) -> np.ndarray:
    n = len(lines)
    tokens = np.expm1(base[:, 0])
    total = max(float(tokens.sum()), 1.0)
    before = (np.cumsum(tokens) - tokens) / total
    start, end = block or (0, n)
    index = np.arange(n)
    distance = np.where(index < start, start - index, np.where(index >= end, index - end + 1, 0))
    return np.column_stack(
        [
            index / max(n - 1, 1),
            before,
            tokens / max(float(tokens.max()), 1.0),
            ((index >= start) & (index < end)).astype(float),
            np.log1p(distance),
        ]
    )
