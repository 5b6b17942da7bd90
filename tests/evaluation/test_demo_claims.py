"""Claim grouping and corroboration status on the demo corpus (our own text, hand labels in
tests/fixtures/demo_claims.json; no external data needed).

Measured at this version (README "Who said what"): of 464 gold claims 424 found; grouping
B-cubed P 0.939 / R 0.775 / F1 0.849 (pairwise P 0.721 / R 0.243); status right for 69.0%
of the 87 labelled groups (corroborated 51.2%, disputed 50.0%, single-source 90.0%);
polarity right for 91.7% of the labelled claims found. The demo was used to choose the
thresholds: development figures. Floors guard against regressions.
"""

from __future__ import annotations

import functools
from typing import Any

from storyline.evaluation.claims import demo_claims


@functools.cache
def _scores() -> dict[str, Any]:
    found = demo_claims()
    assert found is not None
    return found


def test_demo_claim_floors() -> None:
    found = _scores()
    assert found["claims"] == 464 and found["groups"] == 87
    assert found["found"] >= 410
    assert found["bcubed_precision"] >= 0.92 and found["bcubed_f1"] >= 0.82
    assert found["pair_precision"] >= 0.68
    assert found["status_accuracy"] >= 0.66 and found["polarity"] >= 0.89


def test_the_containers_claim_is_disputed_with_the_denial_shown() -> None:
    row = _scores()["status_rows"]["kardova-arms/10000-containers"]
    assert row["status"] == "disputed"
    assert row["denied_by"]  # who denies is listed beside who asserts
    assert row["sources"] >= 2  # Selmarian officials in independent reports


def test_a_claim_whose_only_second_source_is_a_wire_copy_is_single_source() -> None:
    # Oskar Dren's statement is carried by the Meridian Press story and its republications
    # (four wire copies and a content-farm copy): many articles, one source.
    row = _scores()["status_rows"]["kardova-arms/dren-perform-to-specification"]
    assert row["gold"] == "single_source" and row["gold_sources"] == 1
    assert row["claims"] >= 2 and (row["status"], row["sources"]) == ("single_source", 1)
