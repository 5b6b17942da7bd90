"""Stage 7, compose: what a reader sees of a storyline — cited summaries (and, next, the
timeline and the source comparison).

* :mod:`~storyline.compose.summary`: extractive multi-document summaries whose every
  sentence cites the articles that carry it.
"""

from storyline.compose.summary import Cited, Source, summarize

__all__ = ["Cited", "Source", "summarize"]
