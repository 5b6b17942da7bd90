"""Content-hash identifiers: stable, short, and different whenever the content differs."""

from __future__ import annotations

import hashlib
import re

from storyline.ids import ID_HEX_DIGITS, content_hash, event_id, storyline_id


def test_content_hash_is_stable_short_hex() -> None:
    first = content_hash("html", "https://a.example/x", "<p>Body</p>")
    assert first == content_hash("html", "https://a.example/x", "<p>Body</p>")
    assert re.fullmatch(rf"[0-9a-f]{{{ID_HEX_DIGITS}}}", first)


def test_content_hash_scheme() -> None:
    # Each part is length-prefixed (8 bytes, big-endian); None has its own marker. Changing this
    # would silently re-key every stored database, so it is spelled out here.
    expected = hashlib.sha256(
        (1).to_bytes(8, "big") + b"a" + b"\x00none" + (2).to_bytes(8, "big") + "é".encode()
    ).hexdigest()[:ID_HEX_DIGITS]
    assert content_hash("a", None, "é") == expected == "70b8b0c12021e2b4"


def test_str_and_utf8_bytes_hash_alike() -> None:
    assert content_hash("Zoë") == content_hash("Zoë".encode())


def test_none_and_empty_string_differ() -> None:
    assert content_hash(None) != content_hash("")
    assert content_hash("x", None) != content_hash("x", "")


def test_part_boundaries_matter() -> None:
    assert content_hash("ab", "c") != content_hash("a", "bc")
    assert content_hash("abc") != content_hash("ab", "c")


def test_order_matters() -> None:
    assert content_hash("a", "b") != content_hash("b", "a")


def test_event_and_storyline_ids_are_prefixed_and_stable() -> None:
    assert re.fullmatch(r"e-[0-9a-f]{16}", event_id("0123456789abcdef"))
    assert re.fullmatch(r"s-[0-9a-f]{16}", storyline_id("e-0123456789abcdef"))
    assert event_id("abc") == event_id("abc")
    assert storyline_id("e-1") == storyline_id("e-1")


def test_ids_differ_by_seed_and_by_kind() -> None:
    assert event_id("abc") != event_id("abd")
    assert storyline_id("e-1") != storyline_id("e-2")
    # The same seed names an event and a storyline differently, beyond the prefix.
    assert event_id("seed")[2:] != storyline_id("seed")[2:]
