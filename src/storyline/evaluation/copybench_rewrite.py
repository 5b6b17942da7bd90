"""Text machinery of the copy-lineage benchmark: sentences, overlap, edits, rewrites, pages.

:mod:`storyline.evaluation.copybench` builds its variants and pages with these. A body is
handled as paragraphs of sentences (``list[list[str]]``) so that trimming and padding cut at
sentence and paragraph boundaries, as real copy desks do.

No offline paraphraser (no seq2seq model, no paraphrase corpus) is available here, so rewrites
come from a hand-written thesaurus of common news words and phrases, a few clause moves
(attribution fronting, subordinate-clause reordering), hedge dropping and sentence merging and
splitting. Names and numbers are never touched: only lower-case words (and a sentence's first
word) are looked up, and the thesaurus holds common words only. That keeps the facts and their
order while breaking almost every 5-word shingle.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from importlib import resources

Paras = list[list[str]]

# --- sentences and paragraphs ------------------------------------------------------------

_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”'’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|St|Jr|Sr|Inc|Corp|Co|Ltd|"
    r"No|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|vs|Ft|Mt|Prof|Rev|Calif|Conn|Mass|Fla|Ga|Va|Ariz|"
    r"Colo|Mich|Minn|Pa|Tenn|Tex|Ill|Ind|Md|Mo|Ore|Okla|Wis|Ky|La|Ala|Del|Nev)\.|"
    r"\b[A-Z]\.|\b(?:[A-Za-z]\.){2,})$"
)


def sentences(text: str) -> list[str]:
    """Split one paragraph into sentences (abbreviations and initials do not end one)."""
    pieces = [p.strip() for p in _SPLIT.split(text.strip()) if p.strip()]
    merged: list[str] = []
    for piece in pieces:
        # "U.S. officials" and "Gov. Smith" end a piece with an abbreviation: glue it back.
        if merged and _ABBREV.search(merged[-1]):
            merged[-1] += " " + piece
        else:
            merged.append(piece)
    return merged


def paragraphs(text: str) -> Paras:
    """A body as paragraphs (lines) of sentences, empty lines dropped."""
    return [sents for line in text.split("\n") if (sents := sentences(line))]


def join(paras: Paras) -> str:
    """The body text: sentences joined by spaces, paragraphs by newlines."""
    return "\n".join(" ".join(p) for p in paras if p)


def word_count(paras: Paras) -> int:
    """How many words the paragraphs hold."""
    return sum(len(s.split()) for p in paras for s in p)


def rechunk(paras: Paras, size: int = 3) -> Paras:
    """Single-paragraph bodies (DUC's AP stories) cut into paragraphs of ``size`` sentences."""
    if len(paras) != 1:
        return paras
    flat = paras[0]
    return [flat[i : i + size] for i in range(0, len(flat), size)]


# --- overlap measures ----------------------------------------------------------------------


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    """Lower-cased ``n``-word shingles (``\\w+`` tokens); a shorter text is one shingle."""
    words = re.findall(r"\w+", text.lower())
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def jaccard(a: str, b: str, n: int = 5) -> float:
    """Shingle Jaccard similarity of two texts (0 when both are empty)."""
    sa, sb = shingles(a, n), shingles(b, n)
    union = len(sa | sb)
    return len(sa & sb) / union if union else 0.0


def containment(part: str, whole: str, n: int = 5) -> float:
    """Share of ``part``'s shingles found in ``whole`` (0 when ``part`` is empty)."""
    sp = shingles(part, n)
    return len(sp & shingles(whole, n)) / len(sp) if sp else 0.0


# --- the thesaurus ---------------------------------------------------------------------------

# data/thesaurus.txt, one entry a line: "word: alternative / alternative". Keys are
# lower-case common words in the exact form they replace (each inflection is its own key)
# so that grammar survives a swap.
# Alternatives never contain a key's own shingle-relevant word, so one pass suffices.
_THESAURUS_TEXT = (resources.files("storyline.evaluation") / "data" / "thesaurus.txt").read_text(
    encoding="utf-8"
)


def _parse_thesaurus(text: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        # The first entry of a repeated key wins (the list keeps the clearer sense first).
        table.setdefault(key.strip(), tuple(a.strip() for a in rest.split("/") if a.strip()))
    return table


THESAURUS = _parse_thesaurus(_THESAURUS_TEXT)

# Multi-word phrases go first (longest match) so that "according to" never becomes
# "as stated to"; contractions change the \w+ tokens, which is what breaks shingles.
PHRASES: dict[str, tuple[str, ...]] = {
    "according to": ("citing", "as reported by", "per"),
    "more than": ("over", "upwards of"),
    "less than": ("under", "below"),
    "at least": ("no fewer than", "a minimum of"),
    "in order to": ("to", "so as to"),
    "as well as": ("and", "along with"),
    "a number of": ("several", "various"),
    "in addition to": ("besides", "on top of"),
    "in addition": ("additionally", "besides"),
    "for example": ("for instance", "say"),
    "so far": ("to date", "thus far"),
    "at the time": ("then", "back then"),
    "did not": ("didn't",),
    "does not": ("doesn't",),
    "do not": ("don't",),
    "is not": ("isn't",),
    "are not": ("aren't",),
    "was not": ("wasn't",),
    "were not": ("weren't",),
    "has not": ("hasn't",),
    "have not": ("haven't",),
    "had not": ("hadn't",),
    "will not": ("won't",),
    "would not": ("wouldn't",),
    "could not": ("couldn't",),
    "cannot": ("can't",),
    "it is": ("it's",),
    "there is": ("there's",),
    "that is": ("that's",),
    "after the": ("following the", "in the wake of the"),
    "after a": ("following a",),
    "before the": ("ahead of the", "prior to the"),
    "before a": ("ahead of a", "prior to a"),
    "has been": ("was",),
    "have been": ("were",),
    "said that": ("said",),
    "told reporters": ("told journalists", "said to the press"),
    "a lot of": ("plenty of", "lots of"),
    "vice president": ("vice president",),
    "in fact": ("in reality", "actually"),
    "a few": ("several", "a handful of"),
    "the first": ("the initial", "the earliest"),
    "once again": ("yet again",),
    "in other words": ("put differently", "that is to say"),
    "at the same time": ("simultaneously", "meanwhile"),
    "took place": ("happened", "occurred"),
    "such as": ("like", "including"),
    "even though": ("although",),
    "based on": ("grounded in", "drawing on"),
    "based in": ("headquartered in",),
    "amid": ("in the midst of",),
    "take part": ("participate",),
    "took part": ("participated",),
    "called for": ("urged", "demanded"),
    "called on": ("urged", "pressed"),
    "he is": ("he's",),
    "she is": ("she's",),
    "they are": ("they're",),
    "we are": ("we're",),
    "we have": ("we've",),
    "they have": ("they've",),
    "they will": ("they'll",),
    "we will": ("we'll",),
    "he will": ("he'll",),
    "it will": ("it'll",),
    "who is": ("who's",),
    "what is": ("what's",),
    "says that": ("says",),
    "believe that": ("believe",),
    "announced that": ("announced",),
    "noted that": ("noted",),
    "because of": ("owing to", "due to"),
    "due to": ("because of", "owing to"),
    "in response to": ("reacting to", "answering"),
    "as a result": ("consequently", "so"),
    "the first time": ("the initial occasion",),
    "more and more": ("increasingly",),
}

# Hedges and intensifiers a rewriter drops without changing the facts.
# Contractions both ways ("didn't" <-> "did not"), straight and curly apostrophes alike.
_CONTRACTED = {v[0]: k for k, v in PHRASES.items() if "'" in v[0] and k != "cannot"}
_CONTRACTED["can't"] = "cannot"
for _short, _long in _CONTRACTED.items():
    PHRASES.setdefault(_short, (_long,))
    PHRASES.setdefault(_short.replace("'", "’"), (_long,))

HEDGES = frozenset({"also", "reportedly", "apparently", "just", "very", "really", "actually"})

# The heavy pass, for the few bodies the natural one leaves above the overlap target, also
# swaps the function-word pairs that carry most of the surviving shingles ("in the", "on the").
# The prose reads spun, like a content farm's rewrite, but names, numbers and order survive.
HEAVY_PHRASES: dict[str, tuple[str, ...]] = {
    "in the": ("within the", "inside the"),
    "on the": ("upon the",),
    "to the": ("toward the",),
    "and the": ("as well as the",),
    "from the": ("out of the",),
    "in a": ("within a",),
    "it was": ("this was",),
    "there was": ("there had been",),
    "of their": ("of its",),
    "with a": ("having a",),
}


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives}|[A-Za-z]+)(?![\w-])", re.IGNORECASE)


_WORDS = _phrase_pattern(PHRASES)
_WORDS_HEAVY = _phrase_pattern({**PHRASES, **HEAVY_PHRASES})
_FUNCTION_FIRST = frozenset(
    "the a an it its he she they we this that these those there his her their some many "
    "most all no one two several officials police".split()
)
# Capitalised words are looked up only as a sentence's first word, and only these: any other
# capitalised word may be a name ("Bill", "New York", "Police Chief").
_START_OK = frozenset(
    "however but although while because despite during officials authorities several many "
    "nearly almost troops soldiers residents investigators critics supporters experts "
    "scientists workers students protesters earlier later recently again still".split()
)
_A_BEFORE_VOWEL = re.compile(r"\b([Aa]) (?=[aeio])(?!one\b)")
_AN_BEFORE_CONSONANT = re.compile(r"\b([Aa])n (?=[bcdfgjklmnpqrstvwxyz])")


def _case_like(source: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if source[:1].isupper() else replacement


def _lookup(word: str, at_start: bool, heavy: bool = False) -> tuple[str, ...] | None:
    """Alternatives for a word or phrase, or None: names and numbers are never looked up."""
    lower = word.lower()
    if " " in word:
        table = HEAVY_PHRASES if heavy and lower in HEAVY_PHRASES else PHRASES
        return table[lower] if word[:1].islower() or at_start else None
    if word.islower():
        return THESAURUS.get(word)
    return THESAURUS.get(lower) if at_start and lower in _START_OK else None


def fix_articles(text: str) -> str:
    """ "a" / "an" agreeing with the (possibly swapped) next word."""
    text = _A_BEFORE_VOWEL.sub(lambda m: m[1] + "n ", text)
    return _AN_BEFORE_CONSONANT.sub(lambda m: m[1] + " ", text)


def substitute(sentence: str, rng: random.Random, rate: float, heavy: bool = False) -> str:
    """Replace each thesaurus word or phrase with probability ``rate`` (names kept).

    Args:
        sentence: One sentence.
        rng: The random source (synonym choice, and which hits are swapped).
        rate: Probability of swapping each hit.
        heavy: Also swap the function-word pairs of :data:`HEAVY_PHRASES`.
    """

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        after = sentence[match.end() :].lstrip(" ,")
        # "Police Chief ..." and "Officials Say ..." open with a name or a title: leave them.
        at_start = match.start() == 0 and not after[:1].isupper()
        options = _lookup(word, at_start, heavy)
        if word == "which" and sentence[: match.start()].endswith(", "):
            options = None  # ", which" opens a non-restrictive clause: "that" would not do
        if options is None or rng.random() >= rate:
            return word
        return _case_like(word, rng.choice(options))

    return fix_articles((_WORDS_HEAVY if heavy else _WORDS).sub(swap, sentence))


def drop_hedges(sentence: str) -> str:
    """The sentence without its hedges (``reportedly``, ``also``, ...)."""
    kept = [w for w in sentence.split(" ") if w.lower() not in HEDGES]
    text = " ".join(kept)
    return text[:1].upper() + text[1:] if sentence[:1].isupper() else text


# --- format changes that keep the facts ----------------------------------------------------

_ABBREVIATIONS = {
    "Gov.": "Governor", "Sen.": "Senator", "Rep.": "Representative", "Lt.": "Lieutenant",
    "Gen.": "General", "Col.": "Colonel", "Sgt.": "Sergeant", "Capt.": "Captain",
    "Jan.": "January", "Feb.": "February", "Aug.": "August", "Sept.": "September",
    "Oct.": "October", "Nov.": "November", "Dec.": "December", "U.S.": "US", "U.N.": "UN",
    "the United States": "the US", "United States": "US", "United Nations": "UN",
}  # fmt: skip
_MONTHS = {v: k for k, v in _ABBREVIATIONS.items() if v.endswith(("ary", "ber", "ust"))}
_FORMATS = {**_ABBREVIATIONS, **_MONTHS}
_FORMAT_RE = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(k) for k in _FORMATS) + r")(?!\w)")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms)\. (?=[A-Z])")
_WEEKDAY = re.compile(r"(?:\bon )?\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b(?!['’]s)")
_KEEP_BEFORE_DAY = frozenset("last next this every by since until early late the that".split())


def _toggle_weekday(match: re.Match[str]) -> str:
    """'on Thursday' <-> 'Thursday' (left alone after 'last', 'Black', the sentence start)."""
    text, before = match.group(0), match.string[: match.start()].split()
    if text.startswith("on "):
        return text[3:]
    if not before or before[-1].lower() in _KEEP_BEFORE_DAY or before[-1][:1].isupper():
        return text
    return "on " + text


_POSSESSIVE = re.compile(r"\b([A-Z][a-z]+)['’]s ([a-z]{3,})\b(?! of\b)")
_OF_NAME = re.compile(r"\bthe ([a-z]{3,}) of ([A-Z][a-z]+)\b(?! [A-Z])")
_PERFECT = re.compile(r"\b(?:has|have|had) ([a-z]{3,}ed)\b")
_OVER_NUMBER = re.compile(r"\bover (?=\$?\d)")
_ABOUT_NUMBER = re.compile(r"\b(?:about|around) (?=\$?\d)")
_PAIR = re.compile(r"(?<!, )\b([a-z]{3,}) and ([a-z]{3,})\b")
_NOT_PAIRED = frozenset(
    "the and that this with from have has had was were are for not but his her their its "
    "who which what when where then than them they there said says been being will would "
    "could should also more most some many such both into onto over under after before".split()
)


def _swap_pair(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    # Verbs in -ed would change the order of events ("arrested and charged"): leave them.
    if {first, second} & _NOT_PAIRED or first.endswith("ed") or second.endswith("ed"):
        return match.group(0)
    return f"{second} and {first}"


def restructure(sentence: str) -> str:
    """Grammar-level moves: possessives flipped, perfect to past, 'X and Y' to 'Y and X'."""
    out = _POSSESSIVE.sub(lambda m: f"the {m[2]} of {m[1]}", sentence)
    if out == sentence:
        out = _OF_NAME.sub(lambda m: f"{m[2]}'s {m[1]}", sentence)
    out = _PERFECT.sub(r"\1", out)
    out = _OVER_NUMBER.sub("in excess of ", out)
    out = _ABOUT_NUMBER.sub(lambda m: "around " if m[0].startswith("about") else "about ", out)
    return _PAIR.sub(_swap_pair, out)


def reformat(sentence: str) -> str:
    """Spell out or abbreviate titles, months and ``%``; toggle ``on`` before weekdays."""
    out = _HONORIFIC.sub("", sentence)
    out = _FORMAT_RE.sub(lambda m: _FORMATS[m.group(0)], out)
    out = re.sub(r"(\d)%", r"\1 percent", out)
    out = _WEEKDAY.sub(_toggle_weekday, out)
    # "... in the U.S." spelled out loses its full stop: put it back.
    ended = sentence.endswith(".") and not out.endswith((".", "!", "?", '"', "”"))
    return out + "." if ended else out


# --- clause moves ----------------------------------------------------------------------------

_SPEAKER = r"(?:he|she|they|it|[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}|the [a-z]+(?: [a-z]+)?)"
_DAY = r"(?: (?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))?"
_TRAILING_SAID = re.compile(rf"^(?P<clause>.{{12,}}?), (?P<who>{_SPEAKER}) said(?P<when>{_DAY})\.$")
_LEADING_SAID = re.compile(
    rf"^(?P<who>{_SPEAKER}) said(?P<when>{_DAY}) (?:that )?(?P<clause>.{{12,}})\.$"
)
_FRONT_CLAUSE = re.compile(
    r"^(?P<conj>After|When|While|Although|Though|Because|Before|Since|Despite|Once|Until) "
    r"(?P<sub>[^,]{3,90}), (?P<main>.{12,})\.$"
)
_BACK_CLAUSE = re.compile(
    r"^(?P<main>[^,]{15,}?) (?P<conj>after|because|before|although|when|while) "
    r"(?P<sub>[^,]{8,90})\.$"
)


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.lower() in _FUNCTION_FIRST else text


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def move_clauses(sentence: str) -> str:
    """Reorder attribution and subordinate clauses; quotes are left as written."""
    if any(q in sentence for q in '"“”'):
        return sentence
    if m := _TRAILING_SAID.match(sentence):
        who = _upper_first(m["who"])
        return f"{who} said{m['when']} that {_lower_first(m['clause'])}."
    if m := _LEADING_SAID.match(sentence):
        who = (
            m["who"]
            if m["who"][:1].isupper() and m["who"] not in {"He", "She", "They", "It"}
            else m["who"].lower()
        )
        return f"{_upper_first(m['clause'])}, {who} said{m['when']}."
    if m := _FRONT_CLAUSE.match(sentence):
        return f"{_upper_first(m['main'])} {m['conj'].lower()} {m['sub']}."
    if m := _BACK_CLAUSE.match(sentence):
        return f"{m['conj'].capitalize()} {m['sub']}, {_lower_first(m['main'])}."
    return sentence


# --- sentence merging and splitting ---------------------------------------------------------

_SPLIT_POINT = re.compile(r", (and|but) |; ")


def split_long(sentence: str, min_words: int = 26) -> list[str]:
    """A long sentence cut in two at a middle ``, and`` / ``, but`` / ``;`` (else kept)."""
    if len(sentence.split()) < min_words or any(q in sentence for q in '"“”'):
        return [sentence]
    middle = len(sentence) / 2
    points = [m for m in _SPLIT_POINT.finditer(sentence) if 0.3 < m.start() / len(sentence) < 0.7]
    if not points:
        return [sentence]
    cut = min(points, key=lambda m: abs(m.start() - middle))
    head, tail = sentence[: cut.start()], sentence[cut.end() :]
    lead = "But " if cut.group(1) == "but" else ""
    return [head.rstrip(",;") + ".", lead + (_lower_first(tail) if lead else _upper_first(tail))]


def merge_short(first: str, second: str) -> str:
    """Two short sentences joined into one with ``, and``."""
    return f"{first.rstrip('.')}, and {_lower_first(second)}"


def _regroup(sents: list[str], rng: random.Random, heavy: bool) -> list[str]:
    """Split the long sentences and merge some pairs of short ones, order kept."""
    out: list[str] = []
    for sent in sents:
        out.extend(split_long(sent, 16 if heavy else 26))
    merged: list[str] = []
    for sent in out:
        prev = merged[-1] if merged else ""
        opener = sent.split(" ", 1)[0].lower()
        short = len(prev.split()) < 14 and len(sent.split()) < 14 and opener in _FUNCTION_FIRST
        if (
            short
            and prev.endswith(".")
            and not prev.endswith("..")
            and (heavy or rng.random() < 0.6)
        ):
            merged[-1] = merge_short(prev, sent)
        else:
            merged.append(sent)
    return merged


# --- the edits the benchmark applies ---------------------------------------------------------


def rewrite_sentence(sentence: str, rng: random.Random, heavy: bool = False) -> str:
    """One sentence paraphrased: clause moves, hedges dropped, format and thesaurus swaps."""
    moved = move_clauses(sentence) if heavy or rng.random() < 0.8 else sentence
    return substitute(restructure(reformat(drop_hedges(moved))), rng, 1.0, heavy)


def rewrite(paras: Paras, rng: random.Random, heavy: bool = False) -> Paras:
    """A paraphrase of the body: same facts in the same order, few shared shingles.

    Args:
        paras: The source body.
        rng: The random source.
        heavy: Also swap function-word pairs and regroup more sentences (spun prose).
    """
    return [[rewrite_sentence(s, rng, heavy) for s in _regroup(p, rng, heavy)] for p in paras]


def spin(paras: Paras, rng: random.Random, rate: float) -> Paras:
    """Light word substitution only (``rate`` of the thesaurus hits; structure kept)."""
    return [[substitute(s, rng, rate) for s in para] for para in paras]


def capped_spin(paras: Paras, rng: random.Random, share: float) -> Paras:
    """Swap thesaurus words until about ``share`` of all words changed (never more)."""
    words = word_count(paras)
    hits = sum(1 for p in paras for s in p for m in _WORDS.finditer(s) if _lookup(m[0], False))
    rate = min(1.0, share * words / hits) if hits else 0.0
    return spin(paras, rng, rate)


def flatten(paras: Paras) -> list[tuple[int, str]]:
    """(paragraph index, sentence) pairs in reading order."""
    return [(i, s) for i, para in enumerate(paras) for s in para]


def unflatten(pairs: Iterable[tuple[int, str]]) -> Paras:
    """Paragraphs rebuilt from (paragraph index, sentence) pairs."""
    out: dict[int, list[str]] = {}
    for i, sent in pairs:
        out.setdefault(i, []).append(sent)
    return [out[i] for i in sorted(out)]


def light_edit(paras: Paras, rng: random.Random, share: float = 0.03) -> Paras:
    """Drop one or two sentences (never the first), swap two neighbours, swap a few words.

    ``share`` of the words (about; never above 10%) are thesaurus swaps: a copy desk's light
    touch, which must still read as a copy and not as a rewrite.
    """
    flat = flatten(paras)
    total = word_count(paras)
    for _ in range(2 if len(flat) >= 10 else 1):
        # Only a sentence that holds little of the text goes, so the edit stays a copy.
        small = [i for i, (_, s) in enumerate(flat) if i and len(s.split()) <= 0.12 * total]
        if small:
            del flat[rng.choice(small)]
    if len(flat) >= 4:  # the last sentence stays last (AllSides leads end in "...")
        at = rng.randrange(1, len(flat) - 2)
        (pa, a), (pb, b) = flat[at], flat[at + 1]
        flat[at], flat[at + 1] = (pa, b), (pb, a)
    return capped_spin(unflatten(flat), rng, share)


def trim(paras: Paras, rng: random.Random, low: float = 0.4, high: float = 0.7) -> Paras | None:
    """The first sentences holding ``low``-``high`` of the words, or None when no cut fits."""
    flat = flatten(paras)
    total = word_count(paras)
    target = rng.uniform(low + 0.05, high - 0.05)
    cuts, running = [], 0
    for k, (_, sent) in enumerate(flat[:-1], start=1):
        running += len(sent.split())
        if low <= running / total <= high:
            cuts.append((abs(running / total - target), k))
    if not cuts:
        return None
    return unflatten(flat[: min(cuts)[1]])


_ANY_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]*(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)*)?(?: \(\w+\))? [—_-]+ "
)
_WEAK_ENDINGS = frozenset(
    "a an the of to in and for on by with that at as his her their its".split()
)


def headline(paras: Paras, max_words: int = 11) -> str:
    """A headline made from the first sentence when the source has none (DUC)."""
    words = _ANY_DATELINE.sub("", paras[0][0]).split()[:max_words]
    while len(words) > 3 and words[-1].lower().strip(",;:") in _WEAK_ENDINGS:
        words.pop()
    return " ".join(words).rstrip(",;:.")


def strip_quotes(texts: Sequence[str]) -> list[str]:
    """PTB-style quote marks (`` and '') made plain double quotes."""
    return [t.replace("``", '"').replace("''", '"') for t in texts]
