r"""Shingles: the word n-grams of a cleaned text, as 64-bit hashes, computed for many texts at once.

The definition, for a text: lower-case it; its tokens are the runs of ``\w`` (the ``regex``
module's Unicode ``\w``, which keeps combining marks inside words), except that every
character of a script written without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer,
Myanmar, Tibetan) is a token of its own, so that such text is shingled by characters. A
shingle is ``size`` consecutive tokens; a text with fewer tokens (but at least one) has one
shingle, all of its tokens. Case, whitespace and punctuation never reach a shingle, and the
*exact key* (a hash of the token sequence) is equal for texts that differ only in those.

The work is vectorised: the texts of a batch are joined, lower-cased and classified character
by character through one lookup table (the simple lower-case mapping of each code point), and
every token is hashed with a polynomial over its code points, taken from one prefix sum (no
Python object per token or per shingle). Token hashes
are 64-bit; a shingle's hash is a mix of its tokens' hashes and positions. 64 bits make a
collision between two distinct shingles of a corpus negligible, so the Jaccard similarity
of two hash sets is the Jaccard similarity of the shingle sets.

>>> batch = shingle_batch(["The cat sat on the mat.", "THE CAT -- sat on the   mat", "猫が座った"])
>>> [len(batch.of(i)) for i in range(3)]
[2, 2, 1]
>>> bool((batch.of(0) == batch.of(1)).all()), batch.exact_keys[0] == batch.exact_keys[1]
(True, np.True_)
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import regex  # type: ignore[import-untyped]

from .mixing import U32, U64, fmix64

I64 = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

DEFAULT_SIZE = 5
# Scripts written without spaces between words: each of their characters is a token.
_SOLO_SCRIPTS = ("Han", "Hiragana", "Katakana", "Thai", "Lao", "Khmer", "Myanmar", "Tibetan")
# The polynomial base for token hashes (odd, so that its powers never vanish mod 2^64).
_BASE = np.uint64(0x9E3779B97F4A7C15)
_LENGTH_SALT = np.uint64(0xD6E8FEB86659FD93)
_SHORT_SALT = np.uint64(0xA0761D6478BD642F)
# The first code point of a script whose characters are tokens on their own (Thai).
_FIRST_SOLO = 0x0E00
# Characters shingled together in one go (arrays of a few MB at most).
_CHUNK_CHARS = 1 << 17


@dataclass(frozen=True)
class ShingledBatch:
    """The shingle hashes of a batch of texts, text after text.

    ``hashes[offsets[i]:offsets[i + 1]]`` are text ``i``'s shingle hashes in token order (a
    repeated shingle appears again; sets are taken where they are compared).
    ``exact_keys[i]`` hashes text ``i``'s token sequence (0 for a text without a token).
    """

    hashes: U64
    offsets: I64
    exact_keys: U64

    def __len__(self) -> int:
        return len(self.exact_keys)

    def of(self, i: int) -> U64:
        """Text ``i``'s shingle hashes (a view)."""
        return self.hashes[self.offsets[i]:self.offsets[i + 1]]

    def counts(self) -> I64:
        """How many shingles each text has (0: no token at all)."""
        return np.diff(self.offsets)


@functools.cache
def _char_tables() -> tuple[U32, Bools]:
    """For every code point: its lower-case code point if it is a word character, else 0;
    and whether it is a token on its own. Constants of the Unicode tables, built once per
    process (a fraction of a second)."""
    everything = "".join(map(chr, range(0x110000)))
    word = np.zeros(0x110000, dtype=np.bool_)
    for match in regex.finditer(r"\w+", everything):
        word[match.start():match.end()] = True
    solo = np.zeros(0x110000, dtype=np.bool_)
    scripts = "".join(rf"\p{{scx={name}}}" for name in _SOLO_SCRIPTS)
    for match in regex.finditer(rf"[{scripts}]+", everything):
        solo[match.start():match.end()] = True
    lower = np.arange(0x110000, dtype=np.uint32)
    step = 4096
    for begin in range(0, 0x110000, step):
        block = everything[begin:begin + step]
        lowered = block.lower()
        if len(lowered) == len(block):
            lower[begin:begin + step] = np.frombuffer(
                lowered.encode("utf-32-le", "surrogatepass"), dtype=np.uint32
            )
        else:  # a character whose lower case is longer: keep its first character
            lower[begin:begin + step] = [ord(char.lower()[0]) for char in block]
    codes = np.where(word, lower, 0).astype(np.uint32)
    return codes, solo & word


@functools.cache
def _ascii_table() -> npt.NDArray[np.uint8]:
    return _char_tables()[0][:128].astype(np.uint8)


@functools.cache
def _position_weights(size: int) -> U64:
    """Odd 64-bit weights of the ``size`` positions of a shingle."""
    weights: U64 = fmix64(np.arange(1, size + 1, dtype=np.uint64)) | np.uint64(1)
    return weights


@functools.lru_cache(maxsize=2)
def _powers(size_class: int) -> tuple[U64, U64]:
    """``BASE**i`` and ``BASE**-i`` (mod 2^64) for ``i < 2**size_class``."""
    count = 1 << size_class
    inverse = np.uint64(pow(int(_BASE), -1, 1 << 64))
    up = np.full(count, _BASE, dtype=np.uint64)
    down = np.full(count, inverse, dtype=np.uint64)
    up[0] = down[0] = 1
    return np.cumprod(up, dtype=np.uint64), np.cumprod(down, dtype=np.uint64)


def _chunks(texts: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Ranges of texts of about ``_CHUNK_CHARS`` characters together: arrays of that size
    are reused by the allocator, where larger ones cost a page fault per page."""
    begin, size = 0, 0
    for end, text in enumerate(texts):
        size += len(text) + 1
        if size >= _CHUNK_CHARS:
            yield begin, end + 1
            begin, size = end + 1, 0
    if begin < len(texts):
        yield begin, len(texts)


def _tokens(texts: Sequence[str]) -> tuple[U64, I64]:
    """Every token's hash, and the text each token belongs to (tokens in text order)."""
    hashes: list[U64] = []
    owners: list[I64] = []
    for begin, end in _chunks(texts):
        chunk_hashes, chunk_owners = _chunk_tokens(texts[begin:end])
        hashes.append(chunk_hashes)
        owners.append(chunk_owners + begin)
    if not hashes:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    return np.concatenate(hashes), np.concatenate(owners)


def _chunk_tokens(texts: Sequence[str]) -> tuple[U64, I64]:
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=starts[1:])
    # "\n" is no word character: no token runs from one text into the next.
    joined = "\n".join(texts)
    codes: U32 | npt.NDArray[np.uint8]
    if joined.isascii():
        codes = _ascii_table()[np.frombuffer(joined.encode("ascii"), dtype=np.uint8)]
        solo = None
    else:
        table, solo_table = _char_tables()
        raw = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        codes = table[raw]
        solo = solo_table[codes] if int(codes.max()) >= _FIRST_SOLO else None
        if solo is not None and not solo.any():
            solo = None
    word = codes != 0
    if solo is None:
        edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
        first = np.flatnonzero(edges == 1)
        last = np.flatnonzero(edges == -1)
    else:
        before = np.concatenate(([False], word[:-1] & ~solo[:-1]))
        after = np.concatenate((word[1:] & ~solo[1:], [False]))
        first = np.flatnonzero(word & (solo | ~before))
        last = np.flatnonzero(word & (solo | ~after)) + 1
    if first.size == 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    up, down = _powers(max(4, int(codes.size).bit_length()))
    prefix = codes.astype(np.uint64)
    prefix *= up[:codes.size]
    np.cumsum(prefix, out=prefix)
    token = prefix[last - 1]
    token[first > 0] -= prefix[first[first > 0] - 1]
    token *= down[first]
    token += (last - first).astype(np.uint64) * _LENGTH_SALT
    owner = np.searchsorted(starts, first, side="right") - 1
    return fmix64(token), owner.astype(np.int64)


def shingle_batch(texts: Sequence[str], size: int = DEFAULT_SIZE) -> ShingledBatch:
    """The shingle hashes and exact keys of ``texts`` (see the module's definition)."""
    if size < 1:
        raise ValueError(f"size must be at least 1, not {size}")
    count = len(texts)
    tokens, owner = _tokens(texts)
    per_text = np.bincount(owner, minlength=count).astype(np.int64)
    shingle_counts = np.where(per_text >= size, per_text - size + 1, np.minimum(per_text, 1))
    offsets = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(shingle_counts, out=offsets[1:])
    hashes = np.empty(int(offsets[-1]), dtype=np.uint64)
    weights = _position_weights(size)
    windows = tokens.size - size + 1
    long_texts = per_text >= size
    if windows > 0:
        mixed = tokens[:windows] * weights[0]
        for k in range(1, size):
            mixed += tokens[k:k + windows] * weights[k]
        inside = owner[:windows] == owner[size - 1:]
        if long_texts.all():
            hashes[:] = fmix64(mixed[inside])
        else:
            slots = np.repeat(long_texts, shingle_counts)
            hashes[slots] = fmix64(mixed[inside])
    token_starts = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(per_text, out=token_starts[1:])
    for text in np.flatnonzero((per_text > 0) & ~long_texts).tolist():
        start, length = int(token_starts[text]), int(per_text[text])
        short = int((tokens[start:start + length] * weights[:length]).sum(dtype=np.uint64))
        short = (short + length * int(_SHORT_SALT)) % (1 << 64)
        hashes[offsets[text]] = fmix64(np.array([short], dtype=np.uint64))[0]
    return ShingledBatch(hashes, offsets, _exact_keys(tokens, per_text, token_starts))


def _exact_keys(tokens: U64, per_text: I64, token_starts: I64) -> U64:
    """A hash of each text's token sequence: position-weighted sum of token hashes, mixed."""
    keys = np.zeros(per_text.size, dtype=np.uint64)
    present = per_text > 0
    if tokens.size == 0:
        return keys
    place = np.arange(tokens.size, dtype=np.int64) - np.repeat(token_starts[:-1], per_text)
    weighted = tokens * (fmix64(place.astype(np.uint64) + np.uint64(1)) | np.uint64(1))
    sums = np.add.reduceat(weighted, token_starts[:-1][present], dtype=np.uint64)
    sums += per_text[present].astype(np.uint64) * _LENGTH_SALT
    keys[present] = fmix64(sums) | np.uint64(1)
    return keys


def shingle_hashes(text: str, size: int = DEFAULT_SIZE) -> U64:
    """One text's set of shingle hashes, sorted and without repeats.

    >>> shingle_hashes("a b c d e f").size, shingle_hashes("... !").size
    (2, 0)
    """
    return np.unique(shingle_batch([text], size).hashes)
