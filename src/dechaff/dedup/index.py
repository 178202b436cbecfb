"""The dedup index: every kept document so far, the state a new document is compared with.

For each kept document, in input order (its *slot*): its id, its MinHash signature and its
shingle hashes; and one table from exact keys to the slot that a document with that key is
decided against first. Duplicates are not stored: they can never be the ``duplicate_of`` of a
later document. The index is saved to one file (:mod:`.arrayfile`) and loaded memory-mapped,
so a new crawl can be deduplicated against everything seen before. The LSH band tables are
not saved: they are rebuilt from the signatures, for whatever threshold the next run uses.

Memory per kept document: ``4 * num_perm`` bytes of signature, 8 bytes per shingle (64-bit
hashes, so that verification has no hash collisions to speak of), its id, and about 40 bytes
of offsets and exact-key table.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import ConfigError, InputError
from .arrayfile import read_arrays, write_arrays
from .config import DedupConfig
from .mixing import U32, U64
from .table import KeyTable

I64 = npt.NDArray[np.int64]
FORMAT = 1
# Bumped whenever tokens, shingle hashes or signatures would come out differently.
HASHING = 1
SCHEME = "affine32"


class _Segment:
    """Kept documents added together: ids, signatures, and shingles with their offsets."""

    def __init__(self, ids: Sequence[str] | tuple[npt.NDArray[np.uint8], I64],
                 signatures: U32, offsets: I64, shingles: U64) -> None:
        self.ids = ids
        self.signatures = signatures
        self.offsets = offsets
        self.shingles = shingles

    def __len__(self) -> int:
        return len(self.signatures)

    def id(self, row: int) -> str:
        if isinstance(self.ids, tuple):
            blob, offsets = self.ids
            return bytes(blob[offsets[row]:offsets[row + 1]]).decode("utf-8", "surrogatepass")
        return self.ids[row]

    def shingles_of(self, row: int) -> U64:
        return self.shingles[self.offsets[row]:self.offsets[row + 1]]


class DedupIndex:
    """Kept documents of this run and earlier ones. Build one with :meth:`empty` or
    :meth:`load`; a :class:`~dechaff.dedup.Deduplicator` adds to it."""

    def __init__(self, num_perm: int, seed: int, shingle_size: int) -> None:
        self.num_perm = num_perm
        self.seed = seed
        self.shingle_size = shingle_size
        self.exact = KeyTable()
        self.documents_seen = 0
        self._segments: list[_Segment] = []
        self._starts: list[int] = []
        self._size = 0

    @classmethod
    def empty(cls, config: DedupConfig) -> DedupIndex:
        return cls(config.num_perm, config.seed, config.shingle_size)

    def __len__(self) -> int:
        """How many kept documents it holds."""
        return self._size

    def check(self, config: DedupConfig, path: str = "the index") -> None:
        """Refuse a configuration whose signatures or shingles would not match this index."""
        for name, mine, theirs in (
            ("num_perm", self.num_perm, config.num_perm),
            ("seed", self.seed, config.seed),
            ("shingle_size", self.shingle_size, config.shingle_size),
        ):
            if mine != theirs:
                flag = "--num-perm" if name == "num_perm" else name
                raise ConfigError(
                    f"{path} was built with {name} {mine}, not {theirs}: pass {flag} {mine}, "
                    "or name a new index path"
                )

    def add(self, ids: Sequence[str], signatures: U32, shingles: Sequence[U64]) -> int:
        """Append kept documents; returns the slot of the first one."""
        first = self._size
        if not ids:
            return first
        offsets = np.zeros(len(ids) + 1, dtype=np.int64)
        np.cumsum([len(item) for item in shingles], out=offsets[1:])
        data = np.concatenate(shingles) if shingles else np.zeros(0, dtype=np.uint64)
        segment = _Segment(list(ids), np.ascontiguousarray(signatures), offsets, data)
        self._segments.append(segment)
        self._starts.append(first)
        self._size += len(ids)
        return first

    def _locate(self, slot: int) -> tuple[_Segment, int]:
        at = bisect.bisect_right(self._starts, slot) - 1
        return self._segments[at], slot - self._starts[at]

    def id_of(self, slot: int) -> str:
        segment, row = self._locate(slot)
        return segment.id(row)

    def shingles_of(self, slot: int) -> U64:
        segment, row = self._locate(slot)
        return segment.shingles_of(row)

    def signatures(self) -> list[U32]:
        """The signatures of every kept document, segment by segment, in slot order."""
        return [segment.signatures for segment in self._segments]

    @property
    def nbytes(self) -> int:
        """Bytes held for the kept documents (signatures, shingles, offsets, ids, exact keys)."""
        total = self.exact.nbytes
        for segment in self._segments:
            total += segment.signatures.nbytes + segment.offsets.nbytes + segment.shingles.nbytes
            if isinstance(segment.ids, tuple):
                total += segment.ids[0].nbytes + segment.ids[1].nbytes
            else:
                total += sum(len(item.encode("utf-8", "surrogatepass")) + 8
                             for item in segment.ids)
        return total

    # -- on disk --------------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the index to ``path`` atomically (a temporary file renamed when complete)."""
        ids = [item.encode("utf-8", "surrogatepass")
               for segment in self._segments for item in _all_ids(segment)]
        id_offsets = np.zeros(len(ids) + 1, dtype=np.int64)
        np.cumsum([len(item) for item in ids], out=id_offsets[1:])
        shingle_offsets = [np.zeros(1, dtype=np.int64)]
        base = 0
        for segment in self._segments:
            shingle_offsets.append(segment.offsets[1:] - segment.offsets[0] + base)
            base += int(segment.offsets[-1] - segment.offsets[0])
        exact_keys, exact_slots = self.exact.items()
        meta = {
            "format": FORMAT, "hashing": HASHING, "scheme": SCHEME, "num_perm": self.num_perm,
            "seed": self.seed, "shingle_size": self.shingle_size,
            "documents_seen": self.documents_seen, "kept": self._size,
        }
        empty_signatures = np.zeros((0, self.num_perm), dtype=np.uint32)
        write_arrays(path, meta, {
            "ids": [np.frombuffer(b"".join(ids), dtype=np.uint8)],
            "id_offsets": [id_offsets],
            "signatures": [empty_signatures, *self.signatures()],
            "shingle_offsets": shingle_offsets,
            "shingles": [np.zeros(0, dtype=np.uint64),
                         *(s.shingles[s.offsets[0]:s.offsets[-1]] for s in self._segments)],
            "exact_keys": [exact_keys],
            "exact_slots": [exact_slots],
        })

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> DedupIndex:
        """An index saved by :meth:`save`; its arrays are memory-mapped, not read."""
        name = os.fspath(path)
        meta, arrays = read_arrays(name)
        if (meta.get("format"), meta.get("hashing"), meta.get("scheme")) != (
            FORMAT, HASHING, SCHEME
        ):
            raise InputError(
                f"{name}: this index was written by another version of dechaff "
                "(its hashing differs); start a new index"
            )
        index = cls(int(meta["num_perm"]), int(meta["seed"]), int(meta["shingle_size"]))
        index.documents_seen = int(meta["documents_seen"])
        kept = int(meta["kept"])
        if kept:
            index._segments.append(_Segment(
                (arrays["ids"], np.asarray(arrays["id_offsets"])), arrays["signatures"],
                np.asarray(arrays["shingle_offsets"]), arrays["shingles"],
            ))
            index._starts.append(0)
            index._size = kept
        index.exact.insert(np.asarray(arrays["exact_keys"]), np.asarray(arrays["exact_slots"]))
        return index


def _all_ids(segment: _Segment) -> list[str]:
    return [segment.id(row) for row in range(len(segment))]


def describe(index: DedupIndex) -> dict[str, Any]:
    """Sizes of an index, for reports: kept documents and bytes per kept document."""
    kept = len(index)
    return {"kept": kept, "bytes": index.nbytes,
            "bytes_per_document": index.nbytes / kept if kept else 0.0}
