"""Field helpers: outlet, byline, language, whitespace and word counts."""

from __future__ import annotations

import pytest

from storyline.extract.fields import (
    byline_from_line,
    detect_language,
    normalize_space,
    outlet_from_copyright,
    outlet_from_url,
    word_count,
)


@pytest.mark.parametrize(
    ("lines", "outlet"),
    [
        (["Home", "© 2025 The Fennick Courier. All rights reserved."], "The Fennick Courier"),
        (["© 2026 The Quay Sentinel Company. All rights reserved."], "The Quay Sentinel"),
        (["Copyright (c) 2019-2025 Marsh Star Media Group Ltd. All rights reserved"], "Marsh Star"),
        (["(c) Coastline Weekly"], "Coastline Weekly"),
        # A masthead at the top that the company name starts with is the brand.
        (["OLDMARSH TIMES", "News", "© 2026 Oldmarsh Times Publishing House."], "Oldmarsh Times"),
    ],
)
def test_outlet_from_copyright(lines: list[str], outlet: str) -> None:
    assert outlet_from_copyright(lines) == outlet


def test_outlet_from_copyright_uses_the_last_footer() -> None:
    lines = ["© 2025 Photo Agency", "Body text", "© 2025 The Fennick Courier."]
    assert outlet_from_copyright(lines) == "The Fennick Courier"


@pytest.mark.parametrize(
    "lines",
    [
        ["No footer at all"],
        ["© 2025 All rights reserved."],
        ["© " + "x" * 300],  # too long to be a footer
        [],
    ],
)
def test_outlet_from_copyright_finds_nothing(lines: list[str]) -> None:
    assert outlet_from_copyright(lines) is None


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.courier.example/news/1", "courier.example"),
        ("http://news.courier.example:8080/x", "news.courier.example"),
        ("not a url", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Ada Finch", "Ada Finch"),
        ("BY Ada Finch", "Ada Finch"),  # the cue may be in any case, the names capitalised
        ("by Ada Finch | Published 3 March 2025", "Ada Finch"),
        ("Written by Jo Finch, Ada Lee and Rui Costa", "Jo Finch, Ada Lee and Rui Costa"),
        ("By Mary-Jane O'Hara • Updated 2 hours ago", "Mary-Jane O'Hara"),
        ("Von Anna Schmidt", "Anna Schmidt"),
        ("by the harbour wall, boats waited", None),
        ("Bylines are not names", None),
    ],
)
def test_byline_from_line(line: str, names: str | None) -> None:
    assert byline_from_line(line) == names


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The council voted on Tuesday to approve repairs to the harbour wall after the storm.",
            "en",
        ),
        (
            "Der Bürgermeister sagte am Dienstag, dass die Straße bald wieder geöffnet wird.",
            "de",
        ),
        (
            "El alcalde anunció el martes que la nueva línea de autobús comenzará en otoño.",
            "es",
        ),
        (
            "Le maire a annoncé mardi que la nouvelle ligne de bus commencera à l'automne.",
            "fr",
        ),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_detect_language_needs_some_text() -> None:
    assert detect_language("Too short") is None


def test_normalize_space() -> None:
    text = "  Two\t spaces\u00a0and\u2009thin \n\n   \n second line  \r\n"
    assert normalize_space(text) == "Two spaces and thin\nsecond line"


def test_word_count() -> None:
    assert word_count("It's 2025 — don't panic.") == 6
    assert word_count("") == 0


def test_outlet_from_contact_details() -> None:
    from storyline.extract.fields import outlet_from_contacts

    assert outlet_from_contacts(["Send tips to news@harborgazette.example"]) == (
        "harborgazette.example",
        "Send tips to news@harborgazette.example",
    )
    assert outlet_from_contacts(["Follow @HarborGazette on X"])[0] == "@HarborGazette"  # type: ignore[index]
    assert outlet_from_contacts(["Write to jane.doe@gmail.com"]) is None
    assert outlet_from_contacts(["No contacts here."]) is None
