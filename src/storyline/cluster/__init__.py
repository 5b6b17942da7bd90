"""Stage 4, cluster: articles into events (:mod:`.events`), events into storylines
(:mod:`.storylines`)."""

from storyline.cluster.events import (
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_DAYS,
    ClusterDoc,
    EventClusterer,
    doc_text,
    make_vectorizer,
    time_order,
)
from storyline.cluster.storylines import EventProfile, StorylineLinker, count_names, key_names

__all__ = [
    "DEFAULT_THRESHOLD",
    "DEFAULT_WINDOW_DAYS",
    "ClusterDoc",
    "EventClusterer",
    "EventProfile",
    "StorylineLinker",
    "count_names",
    "doc_text",
    "key_names",
    "make_vectorizer",
    "time_order",
]
