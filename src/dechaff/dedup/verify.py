"""Verification: the exact Jaccard similarity of two sets of shingle hashes.

>>> import numpy as np
>>> a = as_set(np.array([5, 1, 3, 3], dtype=np.uint64))
>>> a.tolist()
[1, 3, 5]
>>> jaccard(a, as_set(np.array([1, 3, 9], dtype=np.uint64)))
0.5
>>> jaccard(a, as_set(np.array([], dtype=np.uint64)))
0.0
"""

from __future__ import annotations

import numpy as np

from .mixing import U64


def as_set(hashes: U64) -> U64:
    """The hashes sorted, without repeats: the form :func:`jaccard` compares."""
    return np.unique(hashes)


def jaccard(first: U64, second: U64) -> float:
    """``|A & B| / |A | B|`` of two sorted arrays without repeats (0.0 when both are empty)."""
    if first.size == 0 or second.size == 0:
        return 0.0
    small, large = (first, second) if first.size <= second.size else (second, first)
    places = np.searchsorted(large, small)
    np.minimum(places, large.size - 1, out=places)
    common = int(np.count_nonzero(large[places] == small))
    return common / (first.size + second.size - common)
