"""Speakers: from the mention next to a quote ("he", "Dren", "the ministry’s chief
spokesman") to the name the article gives that person ("Oskar Dren").

* A mention holding a name is cut to the name (titles and ranks dropped: "Maj. Gen. Oskar
  Dren" → "Oskar Dren") and completed from the article's fuller mention of the same surname
  ("Dren" → "Oskar Dren").
* A personal pronoun (he, she, I, we) is the most recent person named before it, within the
  last few sentences (news copy names a speaker, then refers back to them).
* A description ("the ministry’s chief spokesman") is the person the article introduces with
  that description in apposition ("Oskar Dren, the ministry’s chief spokesman"), else it
  stays a description.

Names are found as runs of capitalised words (no model needed); titles, ranks and sentence
openers are not names. This is a heuristic coreference for attribution only, written here
because spaCy's small English model has no coreference component.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyline.analyze.quotes import NOT_ABBREVIATION

_TITLES = frozenset(
    "Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady Rev Fr Maj Gen Lt Col Capt Cpt Sgt "
    "Adm Cmdr Gov Governor Sen Senator Rep President Vice Prime Minister Deputy Secretary "
    "Mayor Chief Executive Chair Chairman Chairwoman Director Judge Justice Attorney General "
    "King Queen Prince Princess Pope Bishop Sheikh Councillor Councilor Officer Inspector "
    "Commissioner Ambassador Spokesman Spokeswoman Foreign Defence Defense Interior Finance "
    "Health Justice Former Acting Retired State Affairs Home Treasury Labour Labor Commerce "
    "Energy Education Transport Trade The A An I We Our Us He She His Her It Its They "
    "Their This That These Those January February March April May June July August "
    "September October November December Monday Tuesday Wednesday Thursday Friday Saturday "
    "Sunday".split()
)
# Capitalised words; a full stop only after a short word (an initial or a rank such as
# "Gen."), so that "... in Lesk. He said" does not make a name "Lesk He".
_WORD = r"(?:[A-Z][a-z]{0,2}\.|[A-Z][\w’'-]*(?![\w.]))"
# Words of one name are on one line (a caption's "Iris Okuma" and the next paragraph's
# "Lumen" are two names).
_NAME = re.compile(rf"\b{_WORD}(?:[ \t]+(?:(?:de|van|von|bin|al|da|la|le|del)[ \t]+)?{_WORD})*")
_ORGANISATION = frozenset(
    "Ministry Council Department Office Agency Company Corporation Commission Committee "
    "Government Party Police Court Bank Board Association Union Authority Group Inc Ltd "
    "Coalition Centre Center Institute University Hospital Service Services Works United "
    "Club FC Tribunal Systems Securities Watch".split()
)
# Titles only people carry; a name after one is a person whatever the entity recogniser says.
_PERSONAL_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Rev|Maj|Gen|Lt|Col|Capt|Sgt|"
    r"Gov|Sen|Senator|Rep|Councillor|Councilor|Mayor|Judge|Justice|Ambassador|Minister|"
    r"President|Chairman|Chairwoman|Commissioner|Inspector)\b"
)
_PRONOUN = re.compile(r"^(?:he|she|i|we)$", re.IGNORECASE)
_SENTENCE = re.compile(rf"[.!?…]{NOT_ABBREVIATION}[”\"’]?\s+")
PRONOUN_WINDOW = 4  # sentences back
_APPOSITION = re.compile(r"([A-Z][\w.’' -]{2,60}?),\s+((?:the|a|an)\s+[^,.;“”]{3,80}?)[,.]")


def name_of(mention: str) -> str | None:
    """The personal name in a mention, titles and ranks removed; None when it holds none.

    Of several names, the one closing the mention is the person ("Alden Water Works
    spokesman Gregory Tann" → "Gregory Tann"), else the longest.
    """
    best = None
    for match in _NAME.finditer(mention):
        words = _untitled(match.group(0))
        if not words:
            continue
        if match.end() == len(mention.rstrip(" .,")) and not is_organisation(" ".join(words)):
            return " ".join(words)
        if best is None or len(words) > len(best.split()):
            best = " ".join(words)
    return best


def _untitled(run: str) -> list[str]:
    """The words of a capitalised run without the titles and ranks before the name."""
    words = [re.sub(r"[’']s$", "", w if len(w) == 2 else w.rstrip(".")) for w in run.split()]
    titled = [i for i, w in enumerate(words) if w in _TITLES]
    if titled and titled[-1] < len(words) - 1:
        words = words[titled[-1] + 1 :]  # "Kardovan Foreign Minister Ilse Varnow"
    while words and words[0] in _TITLES:
        words.pop(0)
    return words


def is_organisation(name: str) -> bool:
    """Whether a name reads as a body ("Selmarian Foreign Ministry") rather than a person."""
    return bool(set(name.split()) & _ORGANISATION)


@dataclass(frozen=True)
class _Mention:
    start: int
    name: str
    titled: bool = False  # after a personal title ("Councilor Ines Barrow"): a person


def _names(text: str) -> list[_Mention]:
    """Multi-word names and the single words after a sentence's first word, in text order."""
    found = []
    for match in _NAME.finditer(text):
        name = name_of(match.group(0))
        if name is None:
            continue
        sentence_opener = match.start() == 0 or text[max(0, match.start() - 2) : match.start()] in (
            ". ", "\n", "“", "\""
        )  # fmt: skip
        if len(name.split()) == 1 and sentence_opener:
            continue
        titled = _PERSONAL_TITLE.search(match.group(0)[: match.group(0).rfind(name)]) is not None
        found.append(_Mention(match.start(), name, titled))
    return found


class SpeakerResolver:
    """Resolves speaker mentions of one article to names (see the module docstring)."""

    def __init__(
        self,
        text: str,
        persons: set[str] | None = None,
        organisations: Sequence[str] = (),
    ) -> None:
        """
        Args:
            text: The article text.
            persons: Names an entity recogniser tagged as people
                (:func:`storyline.analyze.entities.people`); with them, a pronoun refers
                back only to a person, never to a place or a body with a two-word name.
            organisations: Names it tagged as organisations, once per mention: "the
                association" is the Association of General Insurers named before it, "the
                company" the body the article names most.
        """
        self.text = text
        self.organisations = Counter(o for o in organisations if not _PRONOUN.match(o))
        self.persons = {n.split()[-1] for n in persons} if persons is not None else None
        self.mentions = _names(text)
        self.full = self._full_names(self.mentions)
        self.described = self._appositions(text)
        self.speakers: list[tuple[int, str]] = []  # people who spoke, with where
        self.bodies_speaking: list[tuple[int, str]] = []
        self.sentence_ends = [m.end() for m in _SENTENCE.finditer(text)]
        self.mention_starts = [m.start for m in self.mentions]
        # Where each organisation is named (found once: descriptions ask often).
        self.body_at = {
            o: places
            for o in self.organisations
            if (places := [m.start() for m in re.finditer(re.escape(o), text)])
        }

    @staticmethod
    def _full_names(mentions: Iterable[_Mention]) -> dict[str, str]:
        """Surname → the longest name the article gives with that surname."""
        full: dict[str, str] = {}
        for mention in mentions:
            if is_organisation(mention.name):
                continue
            last = mention.name.split()[-1]
            if len(mention.name.split()) > len(full.get(last, "").split()):
                full[last] = mention.name
        return full

    @staticmethod
    def _appositions(text: str) -> dict[str, str]:
        """Description → name, from "Name, the description," appositions."""
        found = {}
        for match in re.finditer(
            r"([A-Z][\w.’' -]{2,60}?),\s+((?:the|a|an)\s+[^,.;“”]{3,80}?)[,.]", text
        ):
            name = name_of(match.group(1))
            if name:
                found[_key(match.group(2))] = name
        return found

    def resolve(self, mention: str | None, at: int) -> str | None:
        """The name a speaker mention at offset ``at`` refers to (the mention itself when
        nothing better is known; None for no mention). Call in text order: a pronoun refers
        back to the latest speaker resolved before it, else to the latest person named."""
        if mention is None:
            return None
        if _PRONOUN.match(mention.strip()):
            return self._antecedent(at) or mention
        if mention.strip().lower() == "it":
            return self._body_before(at) or mention
        resolved = self._named(mention, at)
        if self._person(resolved):
            self.speakers.append((at, resolved))  # a pronoun may refer back to a person
        elif resolved in self.organisations:
            self.bodies_speaking.append((at, resolved))  # and "it" to a body
        return resolved

    def _person(self, name: str) -> bool:
        """Whether a resolved speaker is a person: a name with no body's word, of two words
        or more (the recogniser sometimes tags one as an organisation) or not tagged so."""
        if name_of(name) != name or is_organisation(name):
            return False
        return len(name.split()) > 1 or name not in self.organisations

    def _named(self, mention: str, at: int) -> str:
        described = self._described(_key(mention)) or self._body(_key(mention), at)
        if described is not None:
            return described
        name = name_of(mention)
        if name is None:
            return re.sub(r"^(?:the|a|an)\s+", "", mention.strip(), flags=re.IGNORECASE)
        if mention.split()[-1][:1].islower():  # "A Selmarian Foreign Ministry spokesman"
            return re.sub(r"^(?:the|a|an)\s+", "", mention.strip(), flags=re.IGNORECASE)
        if is_organisation(name):  # the body as written: "Ostrelia’s Defence Ministry"
            return re.sub(r"^(?:the|a|an)\s+", "", mention.strip(), flags=re.IGNORECASE)
        return self.full.get(name.split()[-1], name)

    def _body(self, key: str, at: int) -> str | None:
        """The organisation a description of one or two words stands for: one named before
        ``at`` whose name holds its noun ("the association"), else, for a generic word ("the
        company", "the utility"), the organisation named most before it."""
        words = key.split()
        if not words or len(words) > 2 or not words[-1].isalpha():
            return None
        named = [o for o, places in self.body_at.items() if places[0] < at and " and " not in o]
        head = words[-1].capitalize()
        holding = [o for o in named if head in o.split()]
        if holding:
            return max(holding, key=lambda o: (self.organisations[o], len(o)))
        if words[-1] in _GENERIC_BODIES and named:
            most = max(named, key=lambda o: (self.organisations[o], len(o)))
            # its full name when the article gives one ("Lumen" → "Lumen Systems")
            fuller = [o for o in named if o.startswith(most + " ") and " and " not in o]
            return max(fuller, key=lambda o: (self.organisations[o], -len(o)), default=most)
        return None

    def _body_before(self, at: int) -> str | None:
        """The organisation "it" stands for: the latest one named or speaking before ``at``."""
        named = [
            (places[bisect.bisect_left(places, at) - 1], o)
            for o, places in self.body_at.items()
            if places[0] < at
        ]
        spoke = [(s, n) for s, n in self.bodies_speaking if s < at]
        latest = max((c for c in [*named, *spoke] if c[0] >= 0), default=None)
        return latest[1] if latest else None

    def _described(self, key: str) -> str | None:
        """The person introduced with this description, or one ending with it ("the chief
        spokesman" → "Oskar Dren, the ministry’s chief spokesman"), when only one is."""
        if key in self.described:
            return self.described[key]
        names = {name for text, name in self.described.items() if text.endswith(" " + key)}
        return names.pop() if len(names) == 1 else None

    def _antecedent(self, at: int) -> str | None:
        """The person a pronoun at ``at`` refers to: in the nearest sentence before it (its
        own first) that names a person, the first one named — the subject, by news style
        ("Ines Barrow, whose ward includes Fenwick, voted no. “...,” she said") — skipping
        a topic the pronoun's own clause comments on ("Project Lantern, he said, was")."""
        before = bisect.bisect_left(self.sentence_ends, at)
        bounds = [0, *self.sentence_ends[max(0, before - PRONOUN_WINDOW) : before], at]
        bounds = bounds[-PRONOUN_WINDOW - 1 :]
        candidates = self._persons_between(bounds[0], at)
        for start, end in reversed(list(itertools.pairwise(bounds))):
            inside = [(s, n) for s, n in candidates if start <= s < end]
            if inside:
                return min(inside)[1]
        earlier = [n for start, n in self.speakers if start < at]
        return earlier[-1] if earlier else None  # the article's latest speaker

    def _persons_between(self, since: int, at: int) -> list[tuple[int, str]]:
        """People named (a full name, or a surname the article gives in full) or resolved
        as speakers in ``[since, at)``, with their offsets."""
        first = bisect.bisect_left(self.mention_starts, since)
        named = [
            (m.start, self.full.get(m.name.split()[-1], m.name))
            for m in itertools.takewhile(lambda m: m.start < at, self.mentions[first:])
            if not is_organisation(m.name)
            and len(self.full.get(m.name.split()[-1], m.name).split()) > 1
            and (self.persons is None or m.name.split()[-1] in self.persons or m.titled)
            and not _TOPIC.match(self.text, m.start + len(m.name.split()[0]))
        ]
        spoke = [(s, n) for s, n in self.speakers if since <= s < at]
        return [*named, *spoke]


# Words an article uses for the body it is about ("the company said").
_GENERIC_BODIES = frozenset(
    "company firm utility club group bank carrier insurer airline giant manufacturer maker "
    "operator retailer developer lender network platform startup".split()
)
# A name the following pronoun's clause comments on: "Project Lantern, he said, ...".
_TOPIC = re.compile(r"[\w’' ]*,\s+(?:he|she)\s+(?:said|added|says)\b")


def _key(description: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", description.strip().lower())
