"""Word shingles hashed in numpy, and MinHash signatures computed from them.

datasketch's :class:`~datasketch.MinHash` hashes one shingle at a time in Python (SHA-1 per
shingle), which caps a corpus pass at about 300 long articles per second. Here a text becomes
64-bit word hashes with one vectorised polynomial hash over its UTF-8 bytes, shingles become
combinations of consecutive word hashes, and the MinHash permutations are one vectorised
multiply-shift per permutation; the signature is then handed to datasketch's
:class:`~datasketch.MinHashLSH` as a :class:`~datasketch.LeanMinHash`. No library offers this
batch path, hence the hand-written code.

Word characters are ASCII letters and digits and every non-ASCII byte (so accented and
non-Latin words stay whole); everything else separates words, and case is folded for ASCII.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 5
NUM_PERM = 128
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)
_BASE = np.uint64(0x100000001B3)  # FNV prime: odd, so invertible modulo 2**64
_WORD_CHAR = np.zeros(256, dtype=bool)
_WORD_CHAR[[*range(48, 58), *range(65, 91), *range(97, 123), *range(128, 256)]] = True
_LOWER = np.arange(256, dtype=np.uint64)
_LOWER[65:91] += np.uint64(32)
_rng = np.random.default_rng(20251114)
# Odd multipliers for the shingle combination and the permutations (fixed: signatures stored
# or compared across runs must agree).
_MIX = _rng.integers(1, 2**63, size=SHINGLE_WORDS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_PERM_A = _rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_PERM_B = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``BASE**i`` and ``BASE**-i`` modulo 2**64 for i < n."""
    inverse = np.uint64(pow(int(_BASE), -1, 2**64))
    with np.errstate(over="ignore"):
        up = np.concatenate(([np.uint64(1)], np.cumprod(np.full(max(n - 1, 0), _BASE))))
        down = np.concatenate(([np.uint64(1)], np.cumprod(np.full(max(n - 1, 0), inverse))))
    return up.astype(np.uint64), down.astype(np.uint64)


_UP, _DOWN = _powers(1 << 16)


@dataclass(frozen=True)
class Words:
    """A text's words: their 64-bit hashes and their byte offsets in the UTF-8 text."""

    hashes: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    data: bytes

    def char_span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets (in the decoded text) of words ``first`` to ``last`` inclusive."""
        start = len(self.data[: int(self.starts[first])].decode("utf-8", "ignore"))
        end = start + len(
            self.data[int(self.starts[first]) : int(self.ends[last])].decode("utf-8", "ignore")
        )
        return start, end


def words(text: str) -> Words:
    """Hash every word of ``text`` (case-folded) in one vectorised pass."""
    data = text.encode("utf-8")
    codes = np.frombuffer(data, dtype=np.uint8)
    is_word = _WORD_CHAR[codes]
    edges = np.diff(np.concatenate(([False], is_word, [False])).astype(np.int8))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if not len(starts):
        empty = np.zeros(0, dtype=np.int64)
        return Words(np.zeros(0, dtype=np.uint64), empty, empty, data)
    hashes = _substring_hashes(_LOWER[codes], starts, ends)
    return Words(hashes, starts, ends, data)


def _substring_hashes(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Polynomial hashes of ``values[s:e]`` for each (s, e): prefix sums of ``v_j * B**-j``,
    differenced and scaled by ``B**(e-1)`` (all arithmetic modulo 2**64)."""
    n = len(values)
    up, down = (_UP, _DOWN) if n <= len(_UP) else _powers(n)
    with np.errstate(over="ignore"):
        prefix = np.concatenate(([np.uint64(0)], np.cumsum(values * down[:n], dtype=np.uint64)))
        raw = (prefix[ends] - prefix[starts]) * up[ends - 1]
        return _mix(raw + (ends - starts).astype(np.uint64))


def _mix(x: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser (splitmix64) so that nearby inputs give unrelated hashes."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def shingle_hashes(word_hashes: np.ndarray, size: int = SHINGLE_WORDS) -> np.ndarray:
    """One hash per run of ``size`` consecutive words, in text order (a text shorter than
    ``size`` words gives one hash for all of it, none when it has no words)."""
    n = len(word_hashes)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    width = min(size, n)
    with np.errstate(over="ignore"):
        combined = np.zeros(n - width + 1, dtype=np.uint64)
        for offset in range(width):
            combined += word_hashes[offset : n - width + 1 + offset] * _MIX[offset]
        return _mix(combined)


def signature(shingles: np.ndarray) -> np.ndarray:
    """The MinHash signature of a set of shingle hashes: for each of ``NUM_PERM`` permutations
    ``h -> (a*h + b) mod 2**64``, the least high half (as datasketch's 32-bit values)."""
    if not len(shingles):
        return np.full(NUM_PERM, np.uint64(0xFFFFFFFF), dtype=np.uint64)
    with np.errstate(over="ignore"):
        permuted = np.multiply.outer(shingles, _PERM_A) + _PERM_B
    return (permuted >> np.uint64(32)).min(axis=0)
