"""Stage 6, analyze: who said what (quotes with speakers; entities and claims to follow).

* :mod:`~storyline.analyze.quotes`: direct quotations and reported speech in a text, with
  their attributions;
* :mod:`~storyline.analyze.speakers`: speaker mentions resolved to the names the article
  gives.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from storyline import ids
from storyline.analyze.quotes import Quote, direct_quotes, reported_speech
from storyline.analyze.speakers import SpeakerResolver, name_of
from storyline.model import Attribution, Mention

__all__ = [
    "ANALYZER_VERSION",
    "ArticleAnalysis",
    "AttributedQuote",
    "Quote",
    "SpeakerResolver",
    "analyze",
    "attributed_quotes",
    "name_of",
]

#: Stored results of another version are redone by ``storyline analyze``.
ANALYZER_VERSION = "0.1"
#: Entity types kept: people, organisations, places and nationalities or groups.
LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})


@dataclass(frozen=True)
class AttributedQuote:
    """A quote of one article with its speaker resolved (``speaker`` None when unattributed)."""

    quote: Quote
    speaker: str | None


def attributed_quotes(text: str, persons: set[str] | None = None) -> list[AttributedQuote]:
    """The direct quotes and reported speech of an article text, in text order, each with
    its resolved speaker (resolved in text order, so pronouns refer back).

    Args:
        text: The article text.
        persons: Names tagged as people by an entity recogniser
            (:func:`storyline.analyze.entities.people`), if available.
    """
    direct = direct_quotes(text)
    found = sorted([*direct, *reported_speech(text, direct)], key=lambda q: q.start)
    resolver = SpeakerResolver(text, persons)
    return [AttributedQuote(q, resolver.resolve(q.speaker, q.speaker_start)) for q in found]


@dataclass(frozen=True)
class ArticleAnalysis:
    """Who said what in one article: its entity mentions and its attributions."""

    article_id: str
    mentions: tuple[Mention, ...]
    attributions: tuple[Attribution, ...]


def analyze(items: Sequence[tuple[str, str]], nlp: Any | None = None) -> Iterator[ArticleAnalysis]:
    """Entity mentions and attributed quotes of each ``(article id, text)``.

    Args:
        items: The articles to analyse.
        nlp: A spaCy pipeline with an entity recogniser; the default model when None
            (:func:`storyline.analyze.entities.load_nlp`).
    """
    from storyline.analyze.entities import load_nlp

    nlp = nlp or load_nlp()
    texts = (text for _, text in items)
    for (article_id, text), doc in zip(items, nlp.pipe(texts, batch_size=16), strict=True):
        mentions = tuple(
            Mention(article_id, e.start_char, e.end_char, e.text, e.label_)
            for e in doc.ents
            if e.label_ in LABELS
        )
        persons = {n for m in mentions if m.label == "PERSON" and (n := name_of(m.text))}
        said = tuple(_attribution(article_id, a) for a in attributed_quotes(text, persons))
        yield ArticleAnalysis(article_id, mentions, said)


def _attribution(article_id: str, found: AttributedQuote) -> Attribution:
    q = found.quote
    key = ids.content_hash(article_id, str(q.start), str(q.end), q.kind)
    return Attribution(
        key, article_id, q.start, q.end, q.text, q.kind, found.speaker, q.speaker, q.verb
    )
