"""Stage 6, analyze: who said what (quotes with speakers; entities and claims to follow).

* :mod:`~storyline.analyze.quotes`: direct quotations and reported speech in a text, with
  their attributions;
* :mod:`~storyline.analyze.speakers`: speaker mentions resolved to the names the article
  gives.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.analyze.quotes import Quote, direct_quotes, reported_speech
from storyline.analyze.speakers import SpeakerResolver, name_of

__all__ = ["AttributedQuote", "Quote", "SpeakerResolver", "attributed_quotes", "name_of"]


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
