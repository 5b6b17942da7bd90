"""Stage 7, compose: what a reader sees of a storyline — cited summaries and a dated
timeline.

* :mod:`~storyline.compose.summary`: extractive multi-document summaries whose every
  sentence cites the articles that carry it.
* :mod:`~storyline.compose.temporal`: date expressions resolved against the publication date.
* :mod:`~storyline.compose.timeline`: the days a storyline's articles name, each summarised.
* :mod:`~storyline.compose.abstractive`: optional summaries written by an OpenAI-compatible
  endpoint and checked against their sources.
"""

from storyline.compose.summary import Cited, Source, summarize

__all__ = ["Cited", "Source", "summarize"]
