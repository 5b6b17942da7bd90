"""Line features of text dumps."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.extract.lines import (
    BASE_NAMES,
    base_features,
    feature_names,
    guess_language,
    line_features,
    stoplist,
)

PROSE = (
    "The council said on Monday that the new bridge would open to traffic in the spring, "
    "after two years of delays caused by the floods."
)
LINES = ["Home", "News", "Sport", PROSE, PROSE.replace("council", "mayor"), "© 2025 Courier"]


def column(name: str) -> int:
    return feature_names().index(name)


def test_matrix_shape_matches_the_names() -> None:
    x = line_features(LINES, "en")
    assert x.shape == (len(LINES), len(feature_names()))
    assert np.isfinite(x).all()
    assert len(set(feature_names())) == len(feature_names())


def test_empty_dump_has_no_rows() -> None:
    assert line_features([], "en").shape == (0, len(feature_names()))


def test_prose_has_stopwords_and_a_sentence_end() -> None:
    row = dict(zip(BASE_NAMES, base_features(PROSE, stoplist("en"), 1, 1), strict=True))
    assert row["stop_density"] > 0.3
    assert row["sentence_end"] == 1.0
    assert row["long_line"] == 1.0
    menu = dict(zip(BASE_NAMES, base_features("Weather", stoplist("en"), 1, 1), strict=True))
    assert menu["stop_density"] == 0.0 and menu["sentence_end"] == 0.0


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Council tax rise approved · 3 years ago", "relative_time"),
        ("Data & news supplied by Quayside Data", "boilerplate"),
        ("Quotes delayed at least 15 minutes", "boilerplate"),
        ("Sign up for our newsletter", "boilerplate"),
        ("Most read", "section_end"),
        ("By Ada Finch", "byline"),
        ("1. Preheat the oven", "list_shape"),
        ("“It was a long wait,” she said.", "quote_start"),
    ],
)
def test_shape_flags(line: str, name: str) -> None:
    assert base_features(line, stoplist("en"), 1, 1)[BASE_NAMES.index(name)] == 1.0


def test_neighbour_and_window_columns() -> None:
    x = line_features(LINES, "en")
    tokens = column("log_tokens")
    assert x[4, column("log_tokens@-1")] == x[3, tokens]
    assert x[0, column("log_tokens@-1")] == 0.0  # before the page reads as empty
    assert x[5, column("log_tokens@+1")] == 0.0
    assert x[0, column("long_line~3")] == pytest.approx(1 / 4)


def test_position_and_repeats() -> None:
    x = line_features([*LINES, "Home"], "en")
    assert x[0, column("position")] == 0.0 and x[-1, column("position")] == 1.0
    assert x[0, column("repeats")] > 0 and x[1, column("repeats")] == 0


def test_stoplists_are_per_language() -> None:
    assert "und" in stoplist("de") and "the" in stoplist("en")
    assert stoplist("xx") == frozenset()


def test_language_guess_reads_the_longest_lines() -> None:
    german = "Der Stadtrat hat am Montag beschlossen, dass die neue Brücke im Frühjahr öffnet."
    assert guess_language(["Start", german, german]) == "de"
    assert guess_language(["a"]) is None


def test_non_english_page_gets_stopword_density() -> None:
    german = "Der Stadtrat hat am Montag beschlossen, dass die neue Brücke im Frühjahr öffnet."
    x = line_features(["Start", german], None)
    assert x[1, column("stop_density")] > 0.2


def test_page_pass_equals_line_by_line() -> None:
    # The whole-page passes must give each line the features it has on its own: tokens must
    # not leak across lines, also when case folding changes the text's length (ß -> ss).
    page = [
        "Straße gesperrt: Die Polizei sperrt die Hauptstraße am 12.03.2024 um 10:30 Uhr.",
        "Kindle for PCをCtrl＋Alt＋Kのショートカット",
        "Home | News / Sport » 😀 𝟙 2 hours ago",
        "© 2025 Courier, all rights reserved",
        "İstanbul, 3 min read",
        PROSE,
    ]
    x = line_features(page, "de")
    width = len(BASE_NAMES)
    for index, line in enumerate(page):
        alone = base_features(line, stoplist("de"), 1, 1)
        assert x[index, :width].tolist() == pytest.approx(alone, abs=0, rel=0)


def test_char_counts_include_astral_characters() -> None:
    row = dict(zip(BASE_NAMES, base_features("a😀 𝟙", stoplist("en"), 1, 1), strict=True))
    assert row["digit_ratio"] == pytest.approx(1 / 4)
    assert row["symbol_ratio"] == pytest.approx(1 / 4)


def test_plain_english_skips_the_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    import py3langid

    def refuse(_text: str) -> tuple[str, float]:
        raise AssertionError("the identifier was asked")

    monkeypatch.setattr(py3langid, "classify", refuse)
    assert guess_language([PROSE]) == "en"
    monkeypatch.undo()
    italian = (
        "Il consiglio ha detto lunedì che il nuovo ponte sarà aperto al traffico in primavera."
    )
    assert guess_language([italian]) == "it"
