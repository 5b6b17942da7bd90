import pytest

from storyline.evaluation.metrics import bcubed, corpus_shingle_prf, shingle_prf


def test_bcubed_perfect_and_known_values() -> None:
    assert bcubed([1, 1, 2], ["a", "a", "b"]).f1 == 1.0
    # All in one cluster: precision = (2*2/3 + 1*1/3)/3 = 5/9, recall 1.
    result = bcubed([0, 0, 0], ["a", "a", "b"])
    assert result.precision == pytest.approx(5 / 9)
    assert result.recall == 1.0
    singletons = bcubed([0, 1, 2], ["a", "a", "b"])
    assert singletons.precision == 1.0
    assert singletons.recall == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_bcubed_rejects_mismatched_lengths() -> None:
    with pytest.raises(ValueError):
        bcubed([1], ["a", "b"])


def test_shingle_metric_matches_the_benchmark_definition() -> None:
    truth = "one two three four five six"
    assert shingle_prf(truth, truth) == (1.0, 1.0)
    p, r = shingle_prf("one two three four", truth)
    assert p == 1.0 and r == pytest.approx(1 / 3)
    assert shingle_prf("", truth) == (None, 0.0)
    corpus = corpus_shingle_prf([(truth, truth), ("", truth)])
    assert corpus.precision == 1.0  # the empty prediction is left out of the precision mean
    assert corpus.recall == 0.5
