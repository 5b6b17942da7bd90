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

import re
from collections.abc import Iterable
from dataclasses import dataclass

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
_NAME = re.compile(rf"\b{_WORD}(?:\s+(?:(?:de|van|von|bin|al|da|la|le|del)\s+)?{_WORD})*")
_ORGANISATION = frozenset(
    "Ministry Council Department Office Agency Company Corporation Commission Committee "
    "Government Party Police Court Bank Board Association Union Authority Group Inc Ltd "
    "Coalition Centre Center Institute University Hospital Service Services Works".split()
)
_PRONOUN = re.compile(r"^(?:he|she|i|we)$", re.IGNORECASE)
_SENTENCE = re.compile(r"[.!?…][”\"’]?\s+")
PRONOUN_WINDOW = 4  # sentences back
_APPOSITION = re.compile(r"([A-Z][\w.’' -]{2,60}?),\s+((?:the|a|an)\s+[^,.;“”]{3,80}?)[,.]")


def name_of(mention: str) -> str | None:
    """The personal name in a mention, titles and ranks removed; None when it holds none."""
    best = None
    for match in _NAME.finditer(mention):
        words = [re.sub(r"[’']s$", "", w.rstrip(".")) for w in match.group(0).split()]
        titled = [i for i, w in enumerate(words) if w in _TITLES]
        if titled and titled[-1] < len(words) - 1:
            words = words[titled[-1] + 1 :]  # "Kardovan Foreign Minister Ilse Varnow"
        while words and words[0] in _TITLES:
            words.pop(0)
        if words and (best is None or len(words) > len(best.split())):
            best = " ".join(words)
    return best


def is_organisation(name: str) -> bool:
    """Whether a name reads as a body ("Selmarian Foreign Ministry") rather than a person."""
    return bool(set(name.split()) & _ORGANISATION)


@dataclass(frozen=True)
class _Mention:
    start: int
    name: str


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
        found.append(_Mention(match.start(), name))
    return found


class SpeakerResolver:
    """Resolves speaker mentions of one article to names (see the module docstring)."""

    def __init__(self, text: str, persons: set[str] | None = None) -> None:
        """
        Args:
            text: The article text.
            persons: Names an entity recogniser tagged as people
                (:func:`storyline.analyze.entities.people`); with them, a pronoun refers
                back only to a person, never to a place or a body with a two-word name.
        """
        self.text = text
        self.persons = {n.split()[-1] for n in persons} if persons is not None else None
        self.mentions = _names(text)
        self.full = self._full_names(self.mentions)
        self.described = self._appositions(text)
        self.speakers: list[tuple[int, str]] = []

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
        resolved = self._named(mention)
        if name_of(resolved) == resolved and not is_organisation(resolved):
            self.speakers.append((at, resolved))  # a person's name: a pronoun may refer back
        return resolved

    def _named(self, mention: str) -> str:
        described = self._described(_key(mention))
        if described is not None:
            return described
        name = name_of(mention)
        if name is None:
            return re.sub(r"^(?:the|a|an)\s+", "", mention.strip(), flags=re.IGNORECASE)
        if mention.split()[-1][:1].islower():  # "A Selmarian Foreign Ministry spokesman"
            return re.sub(r"^(?:the|a|an)\s+", "", mention.strip(), flags=re.IGNORECASE)
        if is_organisation(name):
            return name
        return self.full.get(name.split()[-1], name)

    def _described(self, key: str) -> str | None:
        """The person introduced with this description, or one ending with it ("the chief
        spokesman" → "Oskar Dren, the ministry’s chief spokesman"), when only one is."""
        if key in self.described:
            return self.described[key]
        names = {name for text, name in self.described.items() if text.endswith(" " + key)}
        return names.pop() if len(names) == 1 else None

    def _antecedent(self, at: int) -> str | None:
        window_start = at
        for _ in range(PRONOUN_WINDOW):
            previous = list(_SENTENCE.finditer(self.text, 0, window_start))
            if not previous:
                window_start = 0
                break
            window_start = previous[-1].start()
        # The latest person before the pronoun: a resolved speaker, or a person named in the
        # last sentences (a full name, or a surname the article gives in full: "Dren’s").
        named = [
            (m.start, self.full.get(m.name.split()[-1], m.name))
            for m in self.mentions
            if window_start <= m.start < at
            and not is_organisation(m.name)
            and len(self.full.get(m.name.split()[-1], m.name).split()) > 1
            and (self.persons is None or m.name.split()[-1] in self.persons)
        ]
        candidates = sorted([*named, *((s, n) for s, n in self.speakers if window_start <= s < at)])
        if candidates:
            return candidates[-1][1]
        earlier = [name for start, name in self.speakers if start < at]
        return earlier[-1] if earlier else None  # the article's latest speaker


def _key(description: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", description.strip().lower())
