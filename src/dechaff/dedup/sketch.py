"""What an engine needs of each text to find its near-duplicates: its shingle set, its band
keys, and a key that equal shingle sets share.

:func:`sketch` runs, for a batch of texts, the same steps as the local engine (shingles,
signatures, band keys) and returns them as arrays, so that an engine that spreads the work
over machines computes the same values. Texts without a token get no sketch: they are kept
with nothing to compare.

>>> texts = ["The cat sat on the mat today.", "", "THE CAT sat on the mat, today!"]
>>> found = sketch(texts, DedupConfig())
>>> found.rows.tolist(), found.keys.shape
([0, 2], (2, 16))
>>> bool(found.copy_keys[0] == found.copy_keys[1]), found.set_of(0).size
(True, 3)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .banding import band_keys
from .config import DedupConfig
from .minhash import Permutations, sign, signature_hashes
from .mixing import U64, fmix64
from .shingles import shingle_batch

I64 = npt.NDArray[np.int64]
_SIGNATURE_WEIGHTS = fmix64(np.arange(7, 7 + 1024, dtype=np.uint64)) | np.uint64(1)


@dataclass(frozen=True)
class Sketch:
    """The sketches of the texts of a batch that have at least one token.

    ``rows[k]`` is the text's place in the batch; ``keys[k]`` its band keys; ``sets`` holds
    its shingle set, sorted and without repeats, at ``sets[offsets[k]:offsets[k + 1]]``;
    ``copy_keys[k]`` is equal for texts with equal token sequences and equal signatures
    (equal shingle sets, up to a 64-bit hash: an engine verifies before it relies on it).
    """

    rows: I64
    keys: U64
    sets: U64
    offsets: I64
    copy_keys: U64

    def __len__(self) -> int:
        return len(self.rows)

    def set_of(self, k: int) -> U64:
        """Sketch ``k``'s shingle set (a view)."""
        return self.sets[self.offsets[k]:self.offsets[k + 1]]


def sketch(texts: Sequence[str], config: DedupConfig) -> Sketch:
    """The sketches of ``texts`` (see :class:`Sketch`)."""
    batch = shingle_batch(texts, config.shingle_size)
    rows = np.flatnonzero(batch.counts() > 0).astype(np.int64)
    permutations = Permutations.datasketch(config.num_perm, config.seed)
    signatures = sign(signature_hashes(batch.hashes), batch.offsets, permutations)[rows]
    keys = band_keys(signatures, config.banding)
    sets = [np.unique(batch.of(row)) for row in rows.tolist()]
    offsets = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum([len(values) for values in sets], out=offsets[1:])
    merged = np.concatenate(sets) if sets else np.zeros(0, dtype=np.uint64)
    mixed = signatures.astype(np.uint64) * _SIGNATURE_WEIGHTS[: signatures.shape[1]]
    copy_keys = fmix64(mixed.sum(axis=1, dtype=np.uint64) ^ batch.exact_keys[rows])
    return Sketch(rows, keys, merged.astype(np.uint64), offsets, copy_keys)
