"""Train/dev/test splits by site, shared by every extraction experiment and benchmark.

Pages of one site share a template, so a page's siblings must never be on the other side of
a split: the split key is the registered host of the page URL, hashed into buckets.
"""

from __future__ import annotations

import hashlib
from typing import Literal
from urllib.parse import urlsplit

Split = Literal["train", "dev", "test"]


def site_of(url: str) -> str:
    """The host of ``url`` without ``www.`` (the unit that must not straddle splits)."""
    host = (urlsplit(url).hostname or url).lower()
    return host.removeprefix("www.")


def split_of(url: str) -> Split:
    """``train`` (50%), ``dev`` (20%) or ``test`` (30%) for the site of ``url``, stably."""
    bucket = hashlib.sha1(site_of(url).encode()).digest()[0] % 10
    if bucket < 5:
        return "train"
    return "dev" if bucket < 7 else "test"
