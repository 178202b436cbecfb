"""LSH banding: which (bands, rows) to use, and the band keys of signatures.

A signature of ``num_perm`` values is cut into ``bands`` bands of ``rows`` values; two
documents are candidates when any band is equal. For a pair of Jaccard similarity ``s`` that
happens with probability ``1 - (1 - s^rows)^bands``. :func:`choose_banding` takes the
parameters that make a pair *at* the threshold a candidate with probability at least
``recall`` (0.99 by default) and, among those, admit the fewest pairs below the threshold
(the least area under the candidate curve from 0 to the threshold). Candidates are verified
exactly, so a candidate below the threshold costs time, never a wrong answer; a missed pair
is a duplicate kept, so the recall constraint comes first.

>>> choose_banding(0.8, 128)
Banding(bands=16, rows=6)
>>> round(choose_banding(0.8, 128).probability(0.8), 4)
0.9923
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ..errors import ConfigError
from .mixing import U32, U64, fmix64

_GRID = 400


@dataclass(frozen=True)
class Banding:
    """``bands`` bands of ``rows`` signature values (the first ``bands * rows`` values)."""

    bands: int
    rows: int

    def probability(self, similarity: float) -> float:
        """The probability that a pair of this Jaccard similarity becomes a candidate."""
        return float(1.0 - (1.0 - similarity**self.rows) ** self.bands)

    def lsh_threshold(self) -> float:
        """The similarity where the candidate curve is steepest, about ``(1/b)^(1/r)``."""
        return float((1.0 / self.bands) ** (1.0 / self.rows))


@functools.cache
def choose_banding(threshold: float, num_perm: int, recall: float = 0.99) -> Banding:
    """The banding for ``threshold`` and ``num_perm`` (see the module's docstring)."""
    grid = np.linspace(0.0, threshold, _GRID)
    best: tuple[float, Banding] | None = None
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            banding = Banding(bands, rows)
            if banding.probability(threshold) < recall:
                continue
            curve = 1.0 - (1.0 - grid**rows) ** bands
            area = float(np.trapezoid(curve, grid))
            if best is None or area < best[0] - 1e-12:
                best = (area, banding)
    if best is None:
        needed = next(
            n for n in range(num_perm + 1, 1 << 16)
            if any(Banding(b, n // b).probability(threshold) >= recall for b in range(1, n + 1))
        )
        raise ConfigError(
            f"{num_perm} permutations cannot make a pair at similarity {threshold} a candidate "
            f"with probability {recall}: use at least {needed} permutations (--num-perm)"
        )
    return best[1]


_ROW_WEIGHTS = fmix64(np.arange(101, 101 + 4096, dtype=np.uint64)) | np.uint64(1)


def band_keys(signatures: U32, banding: Banding) -> U64:
    """One 64-bit key per band and signature, shape ``(len(signatures), bands)``.

    The band's number is mixed in, so equal values in two different bands give two keys.
    """
    count = signatures.shape[0]
    used = signatures[:, : banding.bands * banding.rows].reshape(
        count, banding.bands, banding.rows
    )
    keys = np.repeat(
        np.arange(1, banding.bands + 1, dtype=np.uint64)[None, :] << np.uint64(40), count, axis=0
    )
    for row in range(banding.rows):
        keys += used[:, :, row].astype(np.uint64) * _ROW_WEIGHTS[row]
    return fmix64(keys)
