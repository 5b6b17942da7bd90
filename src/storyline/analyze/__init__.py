"""Stage 6, analyze: who said what.

* :mod:`~storyline.analyze.quotes`: direct quotations and reported speech in a text, with
  their attributions;
* :mod:`~storyline.analyze.speakers`: speaker mentions resolved to the names the article
  gives;
* :mod:`~storyline.analyze.tagging`: where the entity recogniser runs, and the names it
  finds looked up in the rest of the text;
* :mod:`~storyline.analyze.entities`: the spaCy model and per-storyline entities;
* :mod:`~storyline.analyze.claims`: claims, grouped across articles, with their status.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from storyline import ids
from storyline.analyze.quotes import Quote, direct_quotes, reported_speech
from storyline.analyze.speakers import SpeakerResolver, name_of
from storyline.analyze.tagging import propagate, segments, uncovered
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
ANALYZER_VERSION = "0.2"
#: Entity types kept: people, organisations, places and nationalities or groups.
LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})


@dataclass(frozen=True)
class AttributedQuote:
    """A quote of one article with its speaker resolved (``speaker`` None when unattributed)."""

    quote: Quote
    speaker: str | None


def attributed_quotes(
    text: str, persons: set[str] | None = None, organisations: Sequence[str] = ()
) -> list[AttributedQuote]:
    """The direct quotes and reported speech of an article text, in text order, each with
    its resolved speaker (resolved in text order, so pronouns refer back).

    Args:
        text: The article text.
        persons: Names tagged as people by an entity recogniser
            (:func:`storyline.analyze.entities.people`), if available.
        organisations: Names it tagged as organisations, once per mention.
    """
    return _resolved(text, _quotes(text), persons, organisations)


def _quotes(text: str) -> list[Quote]:
    direct = direct_quotes(text)
    return sorted([*direct, *reported_speech(text, direct)], key=lambda q: q.start)


def _resolved(
    text: str, found: Sequence[Quote], persons: set[str] | None, organisations: Sequence[str]
) -> list[AttributedQuote]:
    resolver = SpeakerResolver(text, persons, organisations)
    return [AttributedQuote(q, resolver.resolve(q.speaker, q.speaker_start)) for q in found]


@dataclass(frozen=True)
class ArticleAnalysis:
    """Who said what in one article: its entity mentions and its attributions."""

    article_id: str
    mentions: tuple[Mention, ...]
    attributions: tuple[Attribution, ...]


#: Articles per worker task when analysing with several processes.
CHUNK = 64


def analyze(
    items: Sequence[tuple[str, str]], nlp: Any | None = None, n_jobs: int = 1
) -> Iterator[ArticleAnalysis]:
    """Entity mentions and attributed quotes of each ``(article id, text)``, in order.

    The entity recogniser runs on the lead and the sentences around quotes only; the names
    it finds there are looked up in the rest of the text (:mod:`storyline.analyze.tagging`).

    Args:
        items: The articles to analyse.
        nlp: A spaCy pipeline with an entity recogniser; the default model when None
            (:func:`storyline.analyze.entities.load_nlp`).
        n_jobs: Processes (``-1`` all cores), each loading the default model; a given
            ``nlp`` or fewer than two chunks of articles run in this process.
    """
    if nlp is None and n_jobs != 1 and len(items) > CHUNK:
        yield from _in_processes(items, n_jobs)
        return
    from storyline.analyze.entities import load_nlp

    nlp = nlp or load_nlp()
    for start in range(0, len(items), CHUNK):
        yield from _analyze_with(nlp, items[start : start + CHUNK])


#: Characters of a text analysed: a news article is far shorter; a book-length page (a
#: forum dump, a transcript) is read up to here so that one page cannot stall a batch.
MAX_CHARS = 100_000


def _analyze_with(nlp: Any, items: Sequence[tuple[str, str]]) -> Iterator[ArticleAnalysis]:
    """:func:`analyze` of a few articles: quotes, two tagging passes, then speakers."""
    items = [(article_id, text[:MAX_CHARS]) for article_id, text in items]
    found = [_quotes(text) for _, text in items]
    first = [segments(text, quotes) for (_, text), quotes in zip(items, found, strict=True)]
    tagged = _tag(nlp, items, first)
    # Second pass: the sentences whose capitalised words the first pass's names miss.
    second = [
        uncovered(text, spans, propagate(article_id, text, mentions, spans))
        for (article_id, text), spans, mentions in zip(items, first, tagged, strict=True)
    ]
    more = _tag(nlp, items, second)
    for (article_id, text), quotes, a, b, ma, mb in zip(
        items, found, first, second, tagged, more, strict=True
    ):
        mentions = propagate(article_id, text, [*ma, *mb], sorted([*a, *b]))
        persons = {n for m in mentions if m.label == "PERSON" and (n := name_of(m.text))}
        bodies = [_body_name(m.text) for m in mentions if m.label == "ORG"]
        said = _resolved(text, quotes, persons, bodies)
        yield ArticleAnalysis(
            article_id, tuple(mentions), tuple(_attribution(article_id, a) for a in said)
        )


def _body_name(text: str) -> str:
    """An organisation as named, without a leading "the" or a possessive ("The National
    Competition Board’s" → "National Competition Board")."""
    return re.sub(r"[’']s$", "", re.sub(r"^[Tt]he\s+", "", text.strip()))


def _tag(
    nlp: Any, items: Sequence[tuple[str, str]], spans: Sequence[Sequence[tuple[int, int]]]
) -> list[list[Mention]]:
    """The recogniser's mentions in the given spans of each article, in article offsets."""
    pieces = [text[a:b] for (_, text), parts in zip(items, spans, strict=True) for a, b in parts]
    docs = iter(nlp.pipe(pieces, batch_size=64))
    return [
        [
            Mention(article_id, start + e.start_char, start + e.end_char, e.text, e.label_)
            for start, _ in parts
            for e in next(docs).ents
            if e.label_ in LABELS
        ]
        for (article_id, _), parts in zip(items, spans, strict=True)
    ]


def _in_processes(items: Sequence[tuple[str, str]], n_jobs: int) -> Iterator[ArticleAnalysis]:
    """:func:`analyze` over chunks of articles in a process pool, results in order."""
    from concurrent.futures import ProcessPoolExecutor

    chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
    with ProcessPoolExecutor(None if n_jobs < 0 else n_jobs) as pool:
        for results in pool.map(_analyze_chunk, chunks):
            yield from results


def _analyze_chunk(items: Sequence[tuple[str, str]]) -> list[ArticleAnalysis]:
    return list(analyze(items))


def _attribution(article_id: str, found: AttributedQuote) -> Attribution:
    q = found.quote
    key = ids.content_hash(article_id, str(q.start), str(q.end), q.kind)
    return Attribution(
        key, article_id, q.start, q.end, q.text, q.kind, found.speaker, q.speaker, q.verb
    )
