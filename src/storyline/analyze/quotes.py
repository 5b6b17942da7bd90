"""Quotes: direct quotations and reported speech, each with its speaker as written.

Direct quotes are the spans between quotation marks (curly or straight double quotes, and
«guillemets»), including quotes that run over several paragraphs (a paragraph that opens a
quote without closing it continues into the next paragraph that opens with a quote mark).
Reported speech is a clause governed by a reporting verb ("X said that ...", "according to
X, ..."). The speaker is found next to the reporting verb, on either side of the quote
("“...,” Dren said", "said Maj. Gen. Oskar Dren", "he said: “...”"), or, for a quoted phrase
inside reported speech, as the subject of the sentence's reporting verb.

Patterns rather than a parser: news attribution follows a handful of conventions, and a
dependency parse of every sentence costs more than the whole rest of the pipeline (spaCy's
small English model parses about 9 articles a second on one core here). Speakers as written
("he", "the ministry's chief spokesman") are resolved to names by
:mod:`storyline.analyze.speakers`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

REPORTING_VERBS = (
    "said|says|say|told|tells|added|adds|stated|states|explained|explains|noted|notes|"
    "announced|announces|declared|declares|insisted|insists|argued|argues|claimed|claims|"
    "asserted|asserts|warned|warns|wrote|writes|replied|replies|responded|responds|"
    "acknowledged|acknowledges|admitted|admits|confirmed|confirms|denied|denies|"
    "alleged|alleges|accused|accuses|suggested|suggests|maintained|maintains|contended|"
    "contends|recalled|recalls|predicted|predicts|promised|promises|vowed|vows|urged|urges|"
    "asked|asks|called|calls|described|describes|estimated|estimates|reported|reports|"
    "testified|testifies|tweeted|tweets|posted|posts|continued|continues|conceded|concedes|"
    "cautioned|cautions|pledged|pledges|rejected|rejects|disputed|disputes|countered|counters|"
    "demanded|demands|quipped|joked|jokes|remarked|observed|complained|complains|boasted|"
    "boasts|concluded|stressed|stresses|emphasized|emphasised|reiterated|lamented|charged|"
    "retorted|agreed|recounted|scolded|mused|shouted|exclaimed|wondered|pointed out|went on"
)
_PROGRESSIVE = (
    "saying|telling|adding|stating|explaining|noting|announcing|declaring|insisting|arguing|"
    "claiming|warning|writing|calling|describing|suggesting|accusing|denying|predicting|"
    "promising|urging|asking|tweeting|alleging"
)
_VERB = (
    rf"(?:(?:has |have |had )?(?P<verb>{REPORTING_VERBS})|"
    rf"(?:is |are |was |were |has been |had been )(?P<verb_ing>{_PROGRESSIVE}))"
)
# A speaker as written: a pronoun, or up to eight words ending in a capitalised word or a
# role noun ("Maj. Gen. Oskar Dren", "the ministry’s chief spokesman", "a Selmarian Foreign
# Ministry spokesman", "officials in both capitals").
_ROLE = (
    r"spokesman|spokeswoman|spokesperson|official|officials|minister|ministry|president|"
    r"governor|mayor|secretary|director|chief|chair|chairman|chairwoman|head|leader|leaders|"
    r"analyst|analysts|expert|experts|lawyer|lawyers|attorney|prosecutor|prosecutors|judge|"
    r"police|officer|officers|source|sources|statement|report|residents|resident|diplomats|"
    r"diplomat|commissioner|executive|manager|economist|economists|scientist|scientists|"
    r"researchers|researcher|witness|witnesses|spokespeople|agency|company|government|"
    r"council|board|department|office|authorities|administration|campaign|aide|aides|"
    r"doctor|candidate|narrator|ad|advert|nominee|senator|congressman|congresswoman|"
    r"lawmaker|lawmakers|voter|voters|supporter|supporters|critic|critics|activist|"
    r"activists|professor|author|editor|reporter|correspondent|founder|owner|partner"
)
_NAME_WORD = r"(?:[A-Z][\w.’'-]*|(?:de|van|von|bin|al|der|da|la|le)(?= [A-Z]))"
_SPEAKER = (
    rf"(?P<who>(?:he|she|they|we|I|it)\b|"
    rf"(?:(?:the|a|an|one|two|three|several|some|many)\s+)?(?:[\w’'-]+\s+){{0,5}}?(?:{_ROLE})\b"
    rf"(?:\s+(?:{_ROLE})\b)*"  # "board chair Fiona Lusk"
    rf"(?:\s+{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})?|"
    rf"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w’'-]+\s+){{0,2}}?[a-z][\w’'-]*|"
    rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,5}}(?:[’']s\s+[a-z][\w-]*)?)"
)
_SPEAKER_RE = re.compile(_SPEAKER)
# What may stand between a speaker and its verb: a party label ("Rep. Gwen Moore (D-Wis.)"),
# up to two places or bodies ("Analysts at Tillbrook Securities", "Residents of the streets
# around the square") and an apposition (", a top Trump surrogate,"), kept out of ``who``.
_PARTY = r"(?:\s*\([^()\n]{1,30}\))?"
_PLACE = (
    r"(?:\s+(?:in|at|of|for|from|around|near|with)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}?"
    r"[\w’'-]+){0,2}?"
)
_APPOSITION = r"(?:,\s*(?P<app>[^,.;“”\"\n]{1,100}),)?"
_DAYS = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|on|in|at|last|this|late|"
    r"early|yesterday|today|tonight|during|after|before)\b"
)
# Only these verbs invert ("said Dren"); after others the noun phrase is an object ("tells
# his supporters", "described the so-called ...").
_INVERTED = (
    r"(?P<verb>said|says|added|adds|asked|asks|wrote|writes|continued|replied|explained)"
    rf"\s+(?!{_DAYS})(?:[a-z][\w’'-]+\s+){{0,2}}?"  # "said harbourmaster Dougal Reid"
)
# After the closing mark: “...,” Dren said / “...,” said the minister / “...,” he told reporters.
_AFTER = (
    re.compile(
        rf"^[\s,]*{_SPEAKER}{_PARTY}{_PLACE}{_APPOSITION}\s+(?:{_VERB}|(?P<verb_read>reads?))\b"
    ),
    re.compile(rf"^[\s,]*{_INVERTED}{_SPEAKER}"),
)
# A quote signed with a dash: “...” ― Sonya Herridge.
_SIGNED = re.compile(rf"^[\s.,]*[―—–]\s*(?P<who>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}})")
# Before the opening mark: Dren said: “...” / he told reporters, “...” / said the minister, “
_TAIL = r"(?:\s+[\w’'-]+){0,4}\s*[:,]?\s*$"
_BEFORE = (
    re.compile(rf"{_SPEAKER}\s+{_VERB}{_TAIL}"),
    re.compile(rf"{_INVERTED}{_SPEAKER}\s*[:,]\s*$"),
)
# A reporting clause earlier in the same sentence: "Officials said on Friday that ... “...”".
# The subject may carry a place ("in the capital") and an appositive (", Tessary,").
_CLAUSE = re.compile(rf"\b{_SPEAKER}{_PARTY}{_PLACE}{_APPOSITION}\s+{_VERB}\b")
_ACCORDING = re.compile(rf"\baccording to\s+{_SPEAKER}")
# A nominal attribution: "Trump’s claim that there have been “thousands of shootings”".
_NOMINAL = re.compile(
    rf"(?P<who>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})[’']s\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:claims?|statements?|remarks?|comments?|assertions?|promises?|pledges?|warnings?|"
    r"words|arguments?|descriptions?|criticism|accusations?|charges?|predictions?|vows?|"
    r"tweets?|messages?|speech|letter|memo|testimony|response|answer|reply)\b[^“”\".;]{0,80}$"
)
_QUOTE = re.compile(r"“(?P<c>[^”]*?)”|\"(?P<s>[^\"\n]*?)\"|«\s*(?P<g>[^»]*?)\s*»")
# Not after an initial or a title's abbreviation ("Benjamin J. Rhodes", "Mr. Obama").
NOT_ABBREVIATION = (
    r"(?<!\b[A-Z]\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bJr\.)(?<!\bSr\.)"
    r"(?<!\bLt\.)(?<!\bMrs\.)(?<!\bGen\.)(?<!\bSen\.)(?<!\bRep\.)(?<!\bGov\.)(?<!\bCol\.)"
    r"(?<!\bMaj\.)(?<!\bSgt\.)(?<!\bCapt\.)(?<!\bProf\.)"
)
_SENTENCE_START = re.compile(rf"[.!?…]{NOT_ABBREVIATION}[”\"’]?\s+(?=[“\"«]?[A-Z0-9])")
MIN_QUOTE_WORDS = 3


@dataclass(frozen=True)
class Quote:
    """A quotation or reported statement found in one article.

    Attributes:
        start: Offset of the quoted text (without its quotation marks) in the article text.
        end: Offset just after it.
        text: The quoted or reported words.
        kind: ``direct`` (between quotation marks) or ``indirect`` (reported speech).
        speaker: The speaker as written ("Dren", "he", "the ministry’s chief spokesman"), or
            None when no attribution was found.
        speaker_start: Offset of ``speaker`` in the article text (-1 when None).
        verb: The reporting verb ("said", "according to"), or None.
    """

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_start: int
    verb: str | None


def direct_quotes(text: str) -> list[Quote]:
    """Every quotation of :data:`MIN_QUOTE_WORDS` words or more, with its attribution.

    A quote without an attribution of its own continues the speaker of the quote before it
    when that one is in the same paragraph or the paragraph just before ("“A,” said Leary.
    “B.”"): news copy names a speaker once per run of quotes.
    """
    found: list[Quote] = []
    for start, end in _quote_spans(text):
        body = text[start:end].strip()
        if len(body.split()) < MIN_QUOTE_WORDS:
            continue
        speaker, at, verb = _attribution(text, start, end)
        if speaker is None and found and _continues(text, found[-1], start):
            speaker, at, verb = found[-1].speaker, found[-1].speaker_start, found[-1].verb
        found.append(Quote(start, end, text[start:end], "direct", speaker, at, verb))
    return found


# Reported speech: "<speaker> said (that) <content>", "<speaker> told a news conference in
# Brask that ...", "according to <speaker>, <content>". The content runs to the end of the
# sentence and may hold a quoted phrase (mixed quotation).
_SUBJECT = rf"(?:^|(?<=[\s,(])){_SPEAKER}{_PARTY}{_PLACE}{_APPOSITION}\s+{_VERB}"
_END = r"(?=[.!?](?:[”\"’]?\s|[”\"’]?$)|$)"
# The attribution may also close the sentence: "At least 1,100 buildings were damaged, Ilves
# said." / "..., provincial health officials said on Friday." / "..., according to X."
_WHEN = r"(?:\s+(?:on|late|early|last|this|in|at|during|after|to)\b[^,.;“”\"]{0,40}?)?"
_OBJECT = r"(?:\s+(?:reporters|journalists|[A-Z][\w’'-]+|(?:the|a)\s+[\w’'-]+))?"
_CLOSE = r"\s*[.!]?\s*$"
_REPORTED = (
    re.compile(
        rf"^(?P<content>[^“”\"]{{20,}}?),\s+{_SPEAKER}{_PARTY}{_APPOSITION}\s+{_VERB}{_OBJECT}"
        rf"{_WHEN}{_CLOSE}"
    ),
    re.compile(rf"^(?P<content>[^“”\"]{{20,}}?),\s+{_INVERTED}{_SPEAKER}{_WHEN}{_CLOSE}"),
    re.compile(rf"^(?P<content>[^“”\"]{{20,}}?),\s+according to\s+{_SPEAKER}{_WHEN}{_CLOSE}"),
    re.compile(rf"{_SUBJECT}(?:\s+[\w’'-]+){{0,7}}?,?\s+that\s+(?P<content>.{{20,}}?){_END}"),
    re.compile(
        rf"{_SUBJECT}(?:\s+(?:on|late|early|last|this)\s+\w+)?,?\s+(?P<content>[a-z].{{20,}}?){_END}"
    ),
    re.compile(rf"^[Aa]ccording to\s+{_SPEAKER},\s+(?P<content>.{{20,}}?){_END}"),
)
MIN_REPORTED_WORDS = 4


def reported_speech(text: str, direct: list[Quote] | None = None) -> list[Quote]:
    """Reported (indirect) speech: clauses after a reporting verb, with their speaker.

    A clause that is mostly a direct quotation is left out (the quotation is listed already);
    one that holds a quoted phrase is kept (mixed quotation).

    Args:
        text: The article text.
        direct: Its direct quotes, when already found.
    """
    taken = [(q.start, q.end) for q in (direct if direct is not None else direct_quotes(text))]
    found = []
    for start, end in sentences(text):
        sentence = text[start:end]
        for pattern in _REPORTED:
            match = pattern.search(sentence)
            if match is None or len(match.group("content").split()) < MIN_REPORTED_WORDS:
                continue
            c_start, c_end = start + match.start("content"), start + match.end("content")
            quoted = sum(max(0, min(b, c_end) - max(a, c_start)) for a, b in taken)
            if quoted * 2 < c_end - c_start:  # mostly a direct quotation: listed as such
                who, at, verb = _found(match, start)
                found.append(Quote(c_start, c_end, text[c_start:c_end], "indirect", who, at, verb))
            break
    return found


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans within paragraphs."""
    spans: list[tuple[int, int]] = []
    position = 0
    for paragraph in text.split("\n"):
        cuts = [0, *(m.end() for m in _SENTENCE_START.finditer(paragraph)), len(paragraph)]
        spans.extend((position + a, position + b) for a, b in itertools.pairwise(cuts) if b > a)
        position += len(paragraph) + 1
    return spans


def _continues(text: str, previous: Quote, start: int) -> bool:
    """Whether a quote at ``start`` follows ``previous`` within one paragraph break."""
    return previous.speaker is not None and text.count("\n", previous.end, start) <= 1


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted spans (inside the marks), a quote left open at a paragraph's end running on
    into the following paragraphs that open with a quote mark."""
    spans = []
    position = 0
    while position < len(text):
        match = _QUOTE.search(text, position)
        opening = _open_quote(text, position, match.start() if match else len(text))
        if opening is not None:
            spans.append(opening)
            position = opening[1]
            continue
        if match is None:
            break
        group = next(g for g in ("c", "s", "g") if match.group(g) is not None)
        spans.append((match.start(group), match.end(group)))
        position = match.end()
    return spans


def _open_quote(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """A “ in ``text[start:stop]`` left open at its paragraph's end, with its continuation."""
    mark = text.find("“", start, stop)
    if mark < 0:
        return None
    line_end = text.find("\n", mark)
    line_end = len(text) if line_end < 0 else line_end
    if "”" in text[mark:line_end]:
        return None
    end = line_end
    while end < len(text) and text.startswith("\n“", end):
        close = text.find("”", end + 2)
        next_end = text.find("\n", end + 1)
        next_end = len(text) if next_end < 0 else next_end
        if 0 <= close < next_end:
            return mark + 1, close
        end = next_end
    return mark + 1, end


def _attribution(text: str, start: int, end: int) -> tuple[str | None, int, str | None]:
    """The speaker as written, its offset and the reporting verb of the quote text[start:end]."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    after = text[end + 1 : line_end]  # past the closing mark
    # A quote that closes its sentence (“... .”) is not attributed by the next sentence.
    closes = text[start:end].rstrip().endswith(".")
    signed = _SIGNED.match(after)
    if signed:
        return signed.group("who"), end + 1 + signed.start("who"), "—"
    for pattern in () if closes else _AFTER:
        match = pattern.match(after)
        if match:
            return _found(match, end + 1)
    before_start = _sentence_start(text, line_start, start)
    before = text[before_start : max(start - 1, before_start)]
    for pattern in _BEFORE:
        match = pattern.search(before)
        if match:
            return _found(match, before_start)
    for pattern in (_CLAUSE, _ACCORDING, _NOMINAL):
        clause = list(pattern.finditer(before))
        if clause:
            return _found(clause[-1], before_start)
    if not text[line_start:start].strip(' “"«') and line_start > 1:
        return _introduced(text, line_start)
    return None, -1, None


def _introduced(text: str, line_start: int) -> tuple[str | None, int, str | None]:
    """A quote opening its paragraph, introduced by the paragraph before ending in a colon
    ("Caddell continued:" / "He said:")."""
    previous_end = line_start - 1
    while previous_end > 0 and text[previous_end - 1] == "\n":
        previous_end -= 1
    previous_start = text.rfind("\n", 0, previous_end) + 1
    paragraph = text[previous_start:previous_end].rstrip()
    if not paragraph.endswith(":"):
        return None, -1, None
    sentence_start = _sentence_start(text, previous_start, previous_start + len(paragraph))
    for pattern in _BEFORE:
        match = pattern.search(text[sentence_start : previous_start + len(paragraph)])
        if match:
            return _found(match, sentence_start)
    return None, -1, None


def _sentence_start(text: str, line_start: int, position: int) -> int:
    """Where the sentence holding ``position`` starts (not before its paragraph)."""
    # The search runs two characters past ``position``: a sentence start is recognised by
    # what follows it (a capital, perhaps after an opening mark).
    stop = min(len(text), position + 2)
    starts = [m.end() for m in _SENTENCE_START.finditer(text, line_start, stop)]
    starts = [s for s in starts if s <= position]
    return starts[-1] if starts else line_start


_CLAUSE_WORD = re.compile(r"^.*\b(?:that|which|who|whom|and|but|as|while|because|when|if)\s+")


def _found(match: re.Match[str], offset: int) -> tuple[str, int, str | None]:
    """The speaker of a match, cut to the words after its last clause word ("wording that
    analysts" → "analysts"); a description followed by a name in apposition is that name
    ("Lumen’s counsel, Geoffrey Amsel, said" → "Geoffrey Amsel")."""
    groups = match.groupdict()
    verb = groups.get("verb") or groups.get("verb_ing") or groups.get("verb_read")
    who, at = match.group("who").rstrip(".,"), offset + match.start("who")
    cut = _CLAUSE_WORD.match(who)
    if cut and cut.end() < len(who):
        who, at = who[cut.end() :], at + cut.end()
    apposition = groups.get("app")
    if apposition and who.split()[-1][:1].islower() and _PERSON_NAME.fullmatch(apposition):
        who, at = apposition, offset + match.start("app")
    return who, at, verb or "according to"


# Two to four capitalised words: a name in apposition to a description.
_PERSON_NAME = re.compile(r"(?:[A-Z][\w’'.-]*\s+){1,3}[A-Z][\w’'-]+")
