"""MinHash signatures, value for value those of ``datasketch.MinHash``.

dechaff signs a text with datasketch's default permutation scheme (``"affine32"``, the default
since datasketch 2.0): each 32-bit input hash ``h`` is pre-mixed with the 32-bit MurmurHash3
finaliser, then permuted as ``a * h + b mod 2^32`` with ``a`` odd, and a signature keeps the
minimum of every permutation. ``(a, b)`` are drawn exactly as datasketch draws them, from
``numpy.random.RandomState(seed)``. The 32-bit input hash of a shingle is the high half of its
64-bit hash (:func:`signature_hashes`), so a ``MinHash(num_perm, seed, scheme="affine32",
hashfunc=lambda h: h)`` updated with those values has the same ``hashvalues``.

Many texts are signed at once: one pass per permutation over all their hashes, with a
segmented minimum, so the cost per text is a few numpy operations per 1000 texts.

>>> import numpy as np
>>> permutations = Permutations.datasketch(num_perm=4, seed=1)
>>> hashes = np.array([1, 2, 3, 7], dtype=np.uint32)
>>> sign(hashes, np.array([0, 3, 3, 4]), permutations).shape
(3, 4)
>>> bool((sign(hashes, np.array([0, 3, 3, 4]), permutations)[1] == EMPTY).all())
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .mixing import U32, U64, fmix32

# The value of every slot of an empty signature (datasketch's initial hash values).
EMPTY = np.uint32(0xFFFFFFFF)
_HIGH_HALF = np.uint64(32)


@dataclass(frozen=True)
class Permutations:
    """The ``num_perm`` affine permutations ``h -> a * h + b mod 2^32`` of a signature."""

    a: U32
    b: U32
    seed: int

    @classmethod
    def datasketch(cls, num_perm: int, seed: int = 1) -> Permutations:
        """The permutations ``datasketch.MinHash(num_perm, seed, scheme="affine32")`` uses."""
        generator = np.random.RandomState(seed)
        a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2)
        a += np.uint32(1)
        b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
        return cls(a, b, seed)

    def __len__(self) -> int:
        return len(self.a)


def signature_hashes(shingles: U64) -> U32:
    """The 32-bit hash of each shingle that signatures are built from: its high 32 bits."""
    hashes: U32 = (shingles >> _HIGH_HALF).astype(np.uint32)
    return hashes


def sign(hashes: U32, offsets: npt.NDArray[np.int64], permutations: Permutations) -> U32:
    """The signatures of several sets, one row each: set ``i`` is
    ``hashes[offsets[i]:offsets[i + 1]]``. An empty set's row is all :data:`EMPTY`."""
    count = len(offsets) - 1
    signatures = np.full((count, len(permutations)), EMPTY, dtype=np.uint32)
    sizes = np.diff(offsets)
    filled = np.flatnonzero(sizes > 0)
    if filled.size == 0:
        return signatures
    mixed = fmix32(hashes[offsets[0]:offsets[-1]])
    starts = offsets[filled] - offsets[0]
    rows = np.empty((len(permutations), filled.size), dtype=np.uint32)
    permuted = np.empty_like(mixed)
    for k, (a, b) in enumerate(zip(permutations.a, permutations.b, strict=True)):
        np.multiply(mixed, a, out=permuted)
        permuted += b
        rows[k] = np.minimum.reduceat(permuted, starts)
    signatures[filled] = rows.T
    return signatures


def sign_one(shingles: U64, permutations: Permutations) -> U32:
    """One set's signature, from its 64-bit shingle hashes."""
    hashes = signature_hashes(shingles)
    signature: U32 = sign(hashes, np.array([0, hashes.size], dtype=np.int64), permutations)[0]
    return signature
