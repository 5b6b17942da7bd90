"""Per-line features of a whole-page text dump, for the text-mode line classifier.

Every feature is a shape or a ratio rather than a word list, so that it carries over to sites,
years and languages the model never saw: token and character counts, the share of stopwords
(per language, from justext's stoplists), sentence-final punctuation, capitalisation, digits and
symbols, list and timestamp shapes, a handful of boilerplate keywords, the line's position, and
the same measures for its neighbours and surrounding window (menus and link lists are runs of
short lines; prose comes in runs of long ones).
"""

from __future__ import annotations

import heapq
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
_TOKEN_OR_BREAK = re.compile(r"\w+|\n")
_WORD_CHAR = re.compile(r"\w")
# Counted per line: digits, symbols, separators and commas.
_CHAR_CLASSES = (re.compile(r"\d"), re.compile(r"[^\w\s]|_"), _SEPARATORS, re.compile(","))
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
_RELATIVE_WORDS = ("ago", "yesterday", "just now")
_DATEISH_COLUMN = _FLAG_PATTERNS.index(_DATEISH)

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
    sample = " ".join(heapq.nlargest(3, lines, key=len))[:400]
    if len(sample) < 20:
        return None
    if _plainly_english(sample):
        return "en"
    import py3langid

    code, _score = py3langid.classify(sample)
    return str(code)


def _plainly_english(sample: str) -> bool:
    """Whether ``sample`` is ASCII prose of which English stopwords make up a third or so.

    A shortcut for the commonest case: the identifier costs about a tenth of the features'
    time, and on the 1,008 benchmark and metadata pages it said English whenever this did.
    """
    tokens = _WORD.findall(sample.lower())
    if not tokens or not "".join(tokens).isascii():
        return False
    english = stoplist("en")
    return sum(map(english.__contains__, tokens)) >= 0.3 * len(tokens)


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
    base, _words = _base_matrix([line], stopwords, np.array([repeats], dtype=float))
    base[0, BASE_NAMES.index("shared_prefix")] = math.log(max(shared_prefix, 1))
    return [float(v) for v in base[0]]


def _split_tokens(text: str) -> tuple[list[str], np.ndarray]:
    """All ``\\w+`` tokens of a newline-joined page and the line number of each."""
    tokens = _TOKEN_OR_BREAK.findall(text)
    breaks = np.fromiter(map("\n".__eq__, tokens), dtype=bool, count=len(tokens))
    rows = np.cumsum(breaks) - breaks  # a break closes its line
    keep = ~breaks
    return [t for t, k in zip(tokens, keep.tolist(), strict=True) if k], rows[keep]


def _base_matrix(
    lines: Sequence[str], stopwords: frozenset[str], repeats: np.ndarray
) -> tuple[np.ndarray, list[list[str]]]:
    """The base feature matrix (see ``BASE_NAMES``) in whole-page passes, and each line's
    lower-cased tokens.

    Character classes and token counts come from one code-point table lookup over the
    page, the lower-cased tokens (for stopwords) from one regex pass, and every per-line sum
    is a ``bincount`` over line numbers; the values equal per-line computations.
    """
    n = len(lines)
    text = "\n".join(lines)
    chars = _page_chars(text, n)
    n_tok, token_chars, initials, capitals = chars[:, len(_CHAR_CLASSES) :].T
    folded = text.casefold()
    lowered = _WORD.findall(folded) if len(folded) == len(text) else []
    if len(lowered) == int(n_tok.sum()):  # one character for one: the tokens keep their bounds
        n_low = n_tok.astype(np.int64)
        low_rows = np.repeat(np.arange(n), n_low)
    else:
        lowered, low_rows = _split_tokens(folded)
        n_low = np.bincount(low_rows, minlength=n)
    stops = np.fromiter(map(stopwords.__contains__, lowered), dtype=float, count=len(lowered))
    stop_count = np.bincount(low_rows, weights=stops, minlength=n)
    low_starts = np.cumsum(n_low) - n_low
    words = [lowered[s : s + k] for s, k in zip(low_starts.tolist(), n_low.tolist(), strict=True)]
    n_chr = np.maximum(np.fromiter(map(len, lines), dtype=float, count=n), 1.0)
    flags = np.array(_page_flags(lines, chars[:, 0])).reshape(n, len(_FLAG_PATTERNS))
    sentence_end, list_shape, relative, boiler, section, byline, caption, dateish, link = flags.T
    digits, symbols, separators, commas = chars[:, : len(_CHAR_CLASSES)].T
    has_tok = n_tok > 0
    safe_tok = np.where(has_tok, n_tok, 1.0)
    safe_init = np.where(initials > 0, initials, 1.0)
    columns = [
        np.log1p(n_tok),
        np.log1p(n_chr),
        np.where(has_tok, stop_count / safe_tok, 0.0),
        sentence_end,
        np.fromiter((line.endswith(":") for line in lines), dtype=float, count=n),
        np.where(initials > 0, capitals / safe_init, 0.0),
        digits / n_chr,
        symbols / n_chr,
        list_shape,
        relative,
        boiler,
        section,
        byline,
        caption,
        dateish,
        np.fromiter((line[:1] in _QUOTES for line in lines), dtype=float, count=n),
        commas / (n_tok + 1),
        separators.astype(float),
        link,
        np.fromiter(map(str.isupper, lines), dtype=float, count=n),
        np.log(repeats),
        np.where(has_tok, token_chars / safe_tok, 0.0),
        ((n_tok >= 25) | (n_chr >= 120)).astype(float),
        np.zeros(n),
    ]
    return np.column_stack(columns), words


def _page_chars(text: str, n: int) -> np.ndarray:
    """Per line, read off a code-point table: digits, symbols, separators and commas, then
    tokens (``\\w+`` runs), their characters, those not all digits (``str.isdigit``) and,
    of these, the ones starting with an upper-case letter."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    rows = np.cumsum(codes == 10)
    classes = _char_table().take(np.minimum(codes, 0xFFFF))
    for index in np.flatnonzero(codes > 0xFFFF).tolist():  # rare: emoji and the like
        classes[index] = _char_bits(chr(codes[index]))
    counts = np.zeros((n, len(_CHAR_CLASSES) + 4))
    for column in range(len(_CHAR_CLASSES)):
        counts[:, column] = np.bincount(rows, weights=(classes >> column) & 1, minlength=n)
    word = ((classes >> _WORD_BIT) & 1).astype(bool)
    first = word.copy()
    first[1:] &= ~word[:-1]
    token_rows = rows[first]
    in_word = np.flatnonzero(first[word])  # where each token starts among the word characters
    digit = ((classes[word] >> _ISDIGIT_BIT) & 1).astype(np.uint8)
    all_digit = np.minimum.reduceat(digit, in_word) if len(in_word) else digit[:0]
    initial = 1.0 - all_digit
    capital = initial * ((classes[first] >> _UPPER_BIT) & 1)
    column = len(_CHAR_CLASSES)
    counts[:, column] = np.bincount(token_rows, minlength=n)
    counts[:, column + 1] = np.bincount(rows, weights=word, minlength=n)
    counts[:, column + 2] = np.bincount(token_rows, weights=initial, minlength=n)
    counts[:, column + 3] = np.bincount(token_rows, weights=capital, minlength=n)
    return counts


_WORD_BIT, _UPPER_BIT, _ISDIGIT_BIT = len(_CHAR_CLASSES), len(_CHAR_CLASSES) + 1, 6


@lru_cache(maxsize=1)
def _char_table() -> np.ndarray:
    """Bit ``i`` of entry ``c`` is set when ``chr(c)`` matches ``_CHAR_CLASSES[i]``, then
    bits for ``\\w``, ``str.isupper`` and ``str.isdigit`` (the basic multilingual plane)."""
    every = "".join(map(chr, range(0x10000)))
    table = np.zeros(0x10000, dtype=np.uint8)
    for bit, pattern in enumerate((*_CHAR_CLASSES, _WORD_CHAR)):
        marked = re.sub("[^\x01]", "\x00", pattern.sub("\x01", every))
        table |= np.frombuffer(marked.encode("latin-1"), dtype=np.uint8) << bit
    for bit, test in ((_UPPER_BIT, str.isupper), (_ISDIGIT_BIT, str.isdigit)):
        table |= np.fromiter(map(test, every), dtype=np.uint8, count=len(every)) << bit
    return table


@lru_cache(maxsize=4096)
def _char_bits(char: str) -> int:
    bits = sum(bool(p.match(char)) << bit for bit, p in enumerate((*_CHAR_CLASSES, _WORD_CHAR)))
    return bits | char.isupper() << _UPPER_BIT | char.isdigit() << _ISDIGIT_BIT


def _page_flags(lines: Sequence[str], digits: np.ndarray | None = None) -> list[list[float]]:
    """The regex flags of every line, one multi-line search per pattern instead of per line.

    The two costliest patterns only search the lines that can match: timestamps need three
    digits (``digits`` per line, when known), relative times one of their key words.
    """
    text = "\n" + "\n".join(lines)
    starts = np.cumsum([1] + [len(line) + 1 for line in lines[:-1]])
    flags = np.zeros((len(lines), len(_FLAG_PATTERNS)))
    lowered = text.lower()
    fast = len(lowered) == len(text)
    text = lowered if fast else text
    candidates: dict[int, list[int]] = {}
    if digits is not None:
        candidates[_DATEISH_COLUMN] = np.flatnonzero(digits >= 3).tolist()
    if any(w in lowered for w in _RELATIVE_WORDS):
        rows = lowered[1:].split("\n")
        candidates[_RELATIVE] = [
            r for r, line in enumerate(rows) if any(w in line for w in _RELATIVE_WORDS)
        ]
    else:
        candidates[_RELATIVE] = []  # the pattern needs one of these words; most pages have none
    every = text[1:].split("\n") if any(candidates.values()) else []
    for column, variants in enumerate(_SEARCHES):
        searches = variants[0 if fast else 1]
        if column in candidates:
            subset = candidates[column]
            if subset:
                sub = "\n" + "\n".join(every[r] for r in subset)
                sub_starts = np.cumsum([1] + [len(every[r]) + 1 for r in subset[:-1]])
                hits = [hit for search in searches for hit in _hits(search, sub)]
                if hits:
                    found = np.searchsorted(sub_starts, hits, side="right") - 1
                    flags[np.asarray(subset)[found], column] = 1.0
            continue
        hits = [hit for search in searches for hit in _hits(search, text)]
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
    repeats = np.fromiter((counts[line] for line in lines), dtype=float, count=len(lines))
    base, words = _base_matrix(lines, stopwords, repeats)
    prefixes = [" ".join(w[:6]) if len(w) >= 4 else "" for w in words]
    shared = Counter(prefixes)
    base[:, BASE_NAMES.index("shared_prefix")] = np.log(
        np.fromiter((shared[p] if p else 1 for p in prefixes), dtype=float, count=len(lines))
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
