"""Stage 4, provenance: copies, rewrites, wire lines, suspect dates and independent sources.

* :mod:`~storyline.provenance.copies`: exact, near-duplicate and containment copies (MinHash
  LSH over 5-word shingles, verified exactly), before grouping, so a copy joins its original's
  event;
* :mod:`~storyline.provenance.rewrites`: same facts in the same order, reworded (sentence
  alignment within each event), after grouping;
* :mod:`~storyline.provenance.lineage`: wire lines, trust flags with evidence, first-seen
  articles, independent-source counts and outlet rollups.
"""

from storyline.provenance.copies import CopyDetector, CopyItem, fingerprint
from storyline.provenance.lineage import (
    Lineage,
    OutletRecord,
    Provenance,
    duplicate_links,
    lineage_of,
    origin_order,
    outlet_records,
    trace,
)
from storyline.provenance.rewrites import RewriteDetector, RewriteItem

__all__ = [
    "CopyDetector",
    "CopyItem",
    "Lineage",
    "OutletRecord",
    "Provenance",
    "RewriteDetector",
    "RewriteItem",
    "duplicate_links",
    "fingerprint",
    "lineage_of",
    "origin_order",
    "outlet_records",
    "trace",
]
