"""Content-hash identifiers.

Every stored object is named by a hash of what defines it, so a re-run produces the same id and
the store upserts rather than duplicating. Ids are short (16 hex digits, 64 bits) because users
type them (``storyline show e-1f3a...``); a prefix tells the object kind apart.
"""

from __future__ import annotations

import hashlib

ID_HEX_DIGITS = 16


def content_hash(*parts: str | bytes | None) -> str:
    """Return a stable hex digest of ``parts`` (``None`` and ``""`` hash differently).

    Args:
        *parts: The values that define the object, in a fixed order.

    Returns:
        The first :data:`ID_HEX_DIGITS` hex digits of the SHA-256 of the parts.
    """
    digest = hashlib.sha256()
    for part in parts:
        if part is None:
            digest.update(b"\x00none")
        else:
            data = part.encode("utf-8") if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
    return digest.hexdigest()[:ID_HEX_DIGITS]


def event_id(seed_article_id: str) -> str:
    """An event is named after the article that opened it, so later joiners keep its id."""
    return "e-" + content_hash("event", seed_article_id)


def storyline_id(seed_event_id: str) -> str:
    """A storyline is named after its first event, so it keeps its id as it grows."""
    return "s-" + content_hash("storyline", seed_event_id)
