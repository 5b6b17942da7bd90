"""Stage 6, analyze: who said what (quotes with speakers; entities and claims to follow).

* :mod:`~storyline.analyze.quotes`: direct quotations (and their attributions) in a text;
* :mod:`~storyline.analyze.speakers`: speaker mentions resolved to the names the article
  gives.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.analyze.quotes import Quote, direct_quotes
from storyline.analyze.speakers import SpeakerResolver, name_of

__all__ = ["AttributedQuote", "Quote", "SpeakerResolver", "attributed_quotes", "name_of"]


@dataclass(frozen=True)
class AttributedQuote:
    """A quote of one article with its speaker resolved (``speaker`` None when unattributed)."""

    quote: Quote
    speaker: str | None


def attributed_quotes(text: str) -> list[AttributedQuote]:
    """The direct quotes of an article text, each with its resolved speaker, in text order."""
    resolver = SpeakerResolver(text)
    return [
        AttributedQuote(q, resolver.resolve(q.speaker, q.speaker_start))
        for q in direct_quotes(text)
    ]
